using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Internal;

/// <summary>The documented Brain source types; others the service adds still pass.</summary>
public sealed class BrainSourceTypeCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => BrainRules.SourceTypes;
}

/// <summary>Brain sources by id, showing the name and status.</summary>
public sealed class BrainSourceIdCompleter : RemoteCompleter<BrainSource>
{
    private protected override async Task<IReadOnlyList<BrainSource>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct)
    {
        var sources = new List<BrainSource>();
        var page = new PageRequest(PagingStyle.Cursor, "Brain sources") { Limit = PageRequest.MaxPageSize, PageSize = PageRequest.MaxPageSize };
        await client.ReadBrainSourcesAsync(null, page, sources.Add, ct).ConfigureAwait(false);
        return sources;
    }

    private protected override bool Matches(BrainSource item, string word) =>
        item.SourceId is not null && (item.SourceId.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(BrainSource item) =>
        new(item.SourceId!, $"{item.SourceId} ({item.Name})", CompletionResultType.ParameterValue, $"{item.Name} [{item.Status}, {item.Scope}]");
}
