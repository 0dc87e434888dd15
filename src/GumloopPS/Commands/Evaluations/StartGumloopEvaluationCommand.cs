using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>
/// Runs an organization evaluation on sessions of the agents it covers. Like Start-GumloopAgentEvaluation it
/// collects the ids of the whole pipeline, asks once with the session count, and sends them 200 per request.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(EvaluationRunItem), typeof(OrganizationEvaluationResult))]
public sealed class StartGumloopEvaluationCommand : GumloopEvaluationRunCmdlet
{
    private readonly List<string> _sessionIds = new();
    private string? _evaluationId;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? EvaluationId { get; set; }

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

        TimeSpan? limit = Wait ? ResolveWaitLimit(WaitTimeoutSec, true) : null;
        StartRun(
            _sessionIds,
            $"evaluation {evaluationId}",
            $"with evaluation {evaluationId}",
            "Start evaluation",
            evaluationId,
            (batch, token) => Client.RunEvaluationAsync(evaluationId, batch, DryRun, token),
            "organization_evaluation_no_eligible_chats",
            (client, id, token) => client.GetEvaluationResultAsync(evaluationId, id, token),
            limit);
    }
}
