using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>
/// Completes agent ids from the runspace's connection, showing the agent name as the tooltip, so a user
/// can type part of an id or a name and press Tab.
/// </summary>
public sealed class AgentIdCompleter : IArgumentCompleter
{
    // Tab completion must never hang the prompt; a slow or unreachable service just completes nothing.
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = fakeBoundParameters?["Connection"] as GumloopConnection
            ?? (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as GumloopConnection
            ?? ConnectionStore.GetDefault();
        if (connection is null)
        {
            return Array.Empty<CompletionResult>();
        }

        IReadOnlyList<Agent> agents;
        try
        {
            using var cts = new CancellationTokenSource(s_budget);
            agents = new GumloopClient(connection, null, 0).ListAgentsAsync(null, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is GumloopException or OperationCanceledException)
        {
            return Array.Empty<CompletionResult>();
        }

        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return agents
            .Where(a => a.Id is not null &&
                (a.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) ||
                 (a.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            .Select(a => new CompletionResult(a.Id!, $"{a.Id} ({a.Name})", CompletionResultType.ParameterValue, a.Name ?? a.Id!));
    }
}
