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
/// Base of Start-GumloopAgentEvaluation and Start-GumloopEvaluation. A cmdlet collects the session ids of the whole
/// pipeline first, so that the one confirmation prompt of a run can say how many sessions (and so how many credits) it
/// takes; the run is then sent 200 sessions per request and, with -Wait, its queued results are polled until each ends.
/// </summary>
public abstract class GumloopEvaluationRunCmdlet : GumloopApiCmdlet
{
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

    /// <summary>
    /// Asks once for a run of <paramref name="sessionIds"/>, naming its sessions, requests and credits, then sends it.
    /// <paramref name="what"/> names the evaluation ("agent x") and <paramref name="subject"/> the run ("of agent x"),
    /// for messages; <paramref name="run"/> sends one batch and <paramref name="get"/> reads one queued result.
    /// </summary>
    private protected void StartRun<T>(
        IEnumerable<string> sessionIds,
        string what,
        string subject,
        string caption,
        object target,
        Func<IReadOnlyList<string>, CancellationToken, Task<EvaluationRunResponse>> run,
        string noneEligibleCode,
        Func<GumloopClient, string, CancellationToken, Task<T>> get,
        TimeSpan? limit)
        where T : EvaluationGrading
    {
        IReadOnlyList<IReadOnlyList<string>> batches = GumloopEvaluationClient.Batch(sessionIds);
        int count = batches.Sum(b => b.Count);
        if (count == 0)
        {
            return;
        }

        string sessions = count == 1 ? "1 session" : count + " sessions";
        string requests = batches.Count == 1 ? "1 request" : batches.Count + " requests";

        // A dry run spends nothing and changes nothing, so it asks nothing.
        if (!DryRun && !ShouldProcessText(
                $"Evaluate {sessions} {subject} in {requests}, spending up to {count} credits (1 per session).",
                $"Evaluate {sessions} {subject}? Each queued session costs 1 credit: up to {count} credits.",
                caption))
        {
            return;
        }

        Run(ct => RunBatchesAsync(
            what,
            target,
            batches,
            DryRun,
            Wait,
            run,
            noneEligibleCode,
            get,
            r => r.IsFinished,
            r => string.Equals(r.Status, "failed", StringComparison.OrdinalIgnoreCase),
            limit,
            ct));
    }
}
