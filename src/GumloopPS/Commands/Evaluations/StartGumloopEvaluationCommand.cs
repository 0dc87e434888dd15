using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Runs an organization evaluation on sessions of the agents it covers. Like Start-GumloopAgentEvaluation it
/// collects the ids of the whole pipeline, asks once with the session count, and sends them 200 per request.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EvaluationRunItem), typeof(OrganizationEvaluationResult))]
public sealed class StartGumloopEvaluationCommand : GumloopApiCmdlet
{
    private readonly List<string> _sessionIds = new();
    private string? _evaluationId;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? EvaluationId { get; set; }

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
        _evaluationId = EvaluationId;
        _sessionIds.AddRange(SessionId!);
    }

    protected override void EndProcessing()
    {
        if (_evaluationId is not { } evaluationId)
        {
            return;
        }

        IReadOnlyList<IReadOnlyList<string>> batches = GumloopEvaluationClient.Batch(_sessionIds);
        int count = batches.Sum(b => b.Count);
        if (count == 0)
        {
            return;
        }

        TimeSpan? limit = Wait ? ResolveWaitLimit(WaitTimeoutSec, true) : null;
        string sessions = count == 1 ? "1 session" : count + " sessions";
        string requests = batches.Count == 1 ? "1 request" : batches.Count + " requests";
        if (!DryRun && !ShouldProcessText(
                $"Evaluate {sessions} with evaluation {evaluationId} in {requests}, spending up to {count} credits (1 per session).",
                $"Evaluate {sessions} with evaluation {evaluationId}? Each queued session costs 1 credit: up to {count} credits.",
                "Start evaluation"))
        {
            return;
        }

        Run(ct => RunBatchesAsync(
            $"evaluation {evaluationId}",
            evaluationId,
            batches,
            DryRun,
            Wait,
            (batch, token) => Client.RunEvaluationAsync(evaluationId, batch, DryRun, token),
            "organization_evaluation_no_eligible_chats",
            (client, id, token) => client.GetEvaluationResultAsync(evaluationId, id, token),
            r => r.IsFinished,
            r => string.Equals(r.Status, "failed", StringComparison.OrdinalIgnoreCase),
            limit,
            ct));
    }
}
