using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Model ids from GET /models, for -Model of the agent and router cmdlets.</summary>
public sealed class ModelIdCompleter : RemoteCompleter<ModelInfo>
{
    private protected override Task<IReadOnlyList<ModelInfo>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) =>
        client.ListModelsAsync(null, ct);

    private protected override bool Matches(ModelInfo item, string word) =>
        item.Id is not null && item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(ModelInfo item) =>
        new(item.Id!, item.Id!, CompletionResultType.ParameterValue, item.Name ?? item.Id!);
}

/// <summary>The MCP servers attached to the agent given with -AgentId.</summary>
public sealed class AgentMcpServerIdCompleter : RemoteCompleter<AgentMcpServer>
{
    private protected override string? Scope(System.Collections.IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "AgentId");

    private protected override async Task<IReadOnlyList<AgentMcpServer>> FetchAsync(GumloopClient client, string? agentId, CancellationToken ct) =>
        string.IsNullOrEmpty(agentId) ? Array.Empty<AgentMcpServer>() : await client.ListAgentMcpServersAsync(agentId!, ct).ConfigureAwait(false);

    private protected override bool Matches(AgentMcpServer item, string word) =>
        item.ServerId is not null && item.ServerId.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(AgentMcpServer item) =>
        new(item.ServerId!, item.ServerId!, CompletionResultType.ParameterValue, item.ServerId!);
}

public sealed class AgentSortOrderCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "newest", "oldest", "name_asc", "name_desc" };
}

public sealed class McpApprovalModeCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "off", "always", "all" };
}
