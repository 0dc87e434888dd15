using System;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Polls get_pl_run until a run is DONE, FAILED or TERMINATED, with a growing interval.</summary>
internal static class FlowRunWaiter
{
    /// <param name="run">The run as known so far; its ids and link are kept on every answer.</param>
    /// <param name="progress">Called before every wait and once at the end, with the run and the elapsed time.</param>
    /// <exception cref="GumloopFlowRunTimeoutException">The run had not ended when the deadline arrived.</exception>
    public static async Task<FlowRun> WaitAsync(
        GumloopClient client,
        FlowRun run,
        WaitDeadline deadline,
        Action<FlowRun, TimeSpan>? progress,
        CancellationToken cancellationToken)
    {
        // Thrown inside the async method, so a run without an id faults the task like any other failed wait.
        if (string.IsNullOrEmpty(run.RunId))
        {
            throw new ArgumentException("The flow run has no run id.", nameof(run));
        }

        var runId = run.RunId!;
        return await Poller.PollAsync(
            run,
            current => FlowRun.IsTerminalState(current.State),
            (current, ct) => client.GetFlowRunAsync(runId, ct, current),
            deadline,
            (current, limit) => new GumloopFlowRunTimeoutException(current, limit),
            progress,
            cancellationToken).ConfigureAwait(false);
    }
}
