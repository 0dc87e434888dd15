using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Internal;

/// <summary>Skill ids, showing the name; matches on either.</summary>
public sealed class SkillIdCompleter : RemoteCompleter<Skill>
{
    private protected override async Task<IReadOnlyList<Skill>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct)
    {
        var skills = new List<Skill>();
        await client.ReadSkillsAsync(new SkillListQuery(), new PageRequest(PagingStyle.Cursor, "skills") { Limit = 100 }, skills.Add, ct).ConfigureAwait(false);
        return skills;
    }

    private protected override bool Matches(Skill item, string word) =>
        item.Id is not null && (item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(Skill item) =>
        new(item.Id!, $"{item.Id} ({item.Name})", CompletionResultType.ParameterValue, item.Description ?? item.Name ?? item.Id!);
}

/// <summary>MCP server ids, showing the name and whether the server is connected.</summary>
public sealed class McpServerIdCompleter : RemoteCompleter<McpServer>
{
    private protected override Task<IReadOnlyList<McpServer>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListMcpServersAsync(null, ct);

    private protected override bool Matches(McpServer item, string word) =>
        item.ServerId is not null && (item.ServerId.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(McpServer item) =>
        new(Quote(item.ServerId!), $"{item.ServerId} ({item.Name}, {item.Status})", CompletionResultType.ParameterValue, item.Description ?? item.Name ?? item.ServerId!);
}

/// <summary>Tool names of the server given with -ServerId.</summary>
public sealed class McpToolNameCompleter : RemoteCompleter<McpTool>
{
    private protected override string? Scope(System.Collections.IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "ServerId");

    private protected override async Task<IReadOnlyList<McpTool>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) =>
        scope == null ? Array.Empty<McpTool>() : (await client.ListMcpToolsAsync(scope, null, ct).ConfigureAwait(false)).Items;

    private protected override bool Matches(McpTool item, string word) => (item.Name ?? string.Empty).StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(McpTool item) =>
        new(Quote(item.Name ?? string.Empty), item.Name ?? string.Empty, CompletionResultType.ParameterValue, item.Description ?? item.Name ?? string.Empty);
}
