using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Runs an agent's evaluation on sessions. Ids are collected from the whole pipeline first, so the one confirmation
/// prompt can say how many sessions (and so how many credits) the run takes; they are then sent 200 per request.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "GumloopAgentEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EvaluationRunItem), typeof(AgentEvaluation))]
public sealed class StartGumloopAgentEvaluationCommand : GumloopEvaluationRunCmdlet
{
    // Agent id -> session ids in pipeline order; a session piped from another agent's list keeps its own agent.
    private readonly Dictionary<string, List<string>> _byAgent = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    protected override void ProcessRecord()
    {
        if (!_byAgent.TryGetValue(AgentId!, out List<string>? ids))
        {
            ids = new List<string>();
            _byAgent[AgentId!] = ids;
        }

        ids.AddRange(SessionId!);
    }

    protected override void EndProcessing()
    {
        TimeSpan? limit = Wait ? ResolveWaitLimit(WaitTimeoutSec, true) : null;
        foreach (KeyValuePair<string, List<string>> pair in _byAgent)
        {
            string agentId = pair.Key;
            StartRun(
                pair.Value,
                $"agent {agentId}",
                $"of agent {agentId}",
                "Start agent evaluation",
                agentId,
                (batch, token) => Client.RunAgentEvaluationsAsync(agentId, batch, DryRun, token),
                "no_valid_interactions",
                (client, id, token) => client.GetAgentEvaluationAsync(agentId, id, token),
                limit);
        }
    }
}
