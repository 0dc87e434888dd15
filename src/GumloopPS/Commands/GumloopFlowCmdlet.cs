using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Shared by the flow-run cmdlets: waiting with progress, and reporting how a run ended.</summary>
public abstract class GumloopFlowCmdlet : GumloopApiCmdlet
{
    private int _progressId;

    /// <summary>Polls until the run ends, with one progress bar per run; returns the run in its final state.</summary>
    protected async Task<FlowRun> WaitForFlowRunAsync(FlowRun run, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        // Ids above the session cmdlets' range, so a flow wait nested in a session script keeps its own bar.
        var activityId = 1000 + Interlocked.Increment(ref _progressId);
        var activity = $"Waiting for Gumloop flow run {run.RunId}";
        try
        {
            return await FlowRunWaiter.WaitAsync(Client, run, timeout, (current, elapsed) =>
            {
                var record = new ProgressRecord(activityId, activity, $"State: {current.State ?? "starting"} ({elapsed.TotalSeconds:0} s)")
                {
                    SecondsRemaining = timeout is { } t ? Math.Max(0, (int)(t - elapsed).TotalSeconds) : -1,
                };
                if (current.Log.Count > 0)
                {
                    record.CurrentOperation = current.Log.Last();
                }

                EmitProgress(record);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EmitProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>Writes a finished run, or for FAILED a non-terminating error whose TargetObject is the run (log included).</summary>
    protected void EmitFinishedRun(FlowRun run)
    {
        if (string.Equals(run.State, "FAILED", StringComparison.OrdinalIgnoreCase))
        {
            EmitError(new GumloopFlowRunFailedException(run), run);
            return;
        }

        Emit(run);
    }

    protected static TimeSpan? Seconds(int? value) => value is { } s ? TimeSpan.FromSeconds(s) : null;
}
