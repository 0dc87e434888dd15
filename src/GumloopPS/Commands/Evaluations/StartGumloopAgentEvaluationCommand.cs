using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Runs an agent's evaluation on sessions. Ids are collected from the whole pipeline first, so the one confirmation
/// prompt can say how many sessions (and so how many credits) the run takes; they are then sent 200 per request.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "GumloopAgentEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EvaluationRunItem), typeof(AgentEvaluation))]
public sealed class StartGumloopAgentEvaluationCommand : GumloopApiCmdlet
{
    // Agent id -> session ids in pipeline order; a session piped from another agent's list keeps its own agent.
    private readonly Dictionary<string, List<string>> _byAgent = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("sessions or session ids", typeof(Session))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? SessionId { get; set; }

    [Parameter]
    public SwitchParameter DryRun { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 86400)]
    public int? WaitTimeoutSec { get; set; }

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
            IReadOnlyList<IReadOnlyList<string>> batches = GumloopEvaluationClient.Batch(pair.Value);
            int count = batches.Sum(b => b.Count);
            if (count == 0)
            {
                continue;
            }

            string sessions = count == 1 ? "1 session" : count + " sessions";
            string requests = batches.Count == 1 ? "1 request" : batches.Count + " requests";

            // A dry run spends nothing and changes nothing, so it asks nothing.
            if (!DryRun && !ShouldProcessText(
                    $"Evaluate {sessions} of agent {agentId} in {requests}, spending up to {count} credits (1 per session).",
                    $"Evaluate {sessions} of agent {agentId}? Each queued session costs 1 credit: up to {count} credits.",
                    "Start agent evaluation"))
            {
                continue;
            }

            Run(ct => RunAgentAsync(agentId, batches, limit, ct));
        }
    }

    private Task RunAgentAsync(string agentId, IReadOnlyList<IReadOnlyList<string>> batches, TimeSpan? limit, CancellationToken ct) =>
        RunBatchesAsync(
            $"agent {agentId}",
            agentId,
            batches,
            DryRun,
            Wait,
            (batch, token) => Client.RunAgentEvaluationsAsync(agentId, batch, DryRun, token),
            "no_valid_interactions",
            (client, id, token) => client.GetAgentEvaluationAsync(agentId, id, token),
            r => r.IsFinished,
            r => string.Equals(r.Status, "failed", StringComparison.OrdinalIgnoreCase),
            limit,
            ct);
}
