using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>
/// Completes agent ids from the runspace's connection, showing the agent name as the tooltip, so a user
/// can type part of an id or a name and press Tab.
/// </summary>
public sealed class AgentIdCompleter : RemoteCompleter<Agent>
{
    private protected override Task<IReadOnlyList<Agent>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) =>
        client.ListAgentsAsync(null, ct);

    private protected override bool Matches(Agent item, string word) =>
        item.Id is not null &&
        (item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(Agent item) =>
        new(item.Id!, $"{item.Id} ({item.Name})", CompletionResultType.ParameterValue, item.Name ?? item.Id!);
}
