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
    /// <summary>Polls until the run ends, with one progress bar per run; returns the run in its final state.</summary>
    protected Task<FlowRun> WaitForFlowRunAsync(FlowRun run, WaitDeadline deadline, CancellationToken cancellationToken) =>
        WaitWithProgressAsync<FlowRun>(
            $"Waiting for Gumloop flow run {run.RunId}",
            deadline.Limit,
            progress => FlowRunWaiter.WaitAsync(Client.WithDeadline(deadline), run, deadline, progress, cancellationToken),
            current => current.State,
            current => current.Log.Count > 0 ? current.Log.Last() : null);

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
