using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Polls get_pl_run until a run is DONE, FAILED or TERMINATED, with a growing interval.</summary>
internal static class FlowRunWaiter
{
    private static readonly TimeSpan s_firstInterval = TimeSpan.FromMilliseconds(100);

    // The official SDK polls every second; backing off to 2 s keeps an hour-long flow to a few thousand calls.
    private static readonly TimeSpan s_maxInterval = TimeSpan.FromSeconds(2);

    /// <param name="run">The run as known so far; its ids and link are kept on every answer.</param>
    /// <param name="progress">Called before every wait and once at the end, with the run and the elapsed time.</param>
    /// <exception cref="GumloopFlowRunTimeoutException">The run had not ended when <paramref name="timeout"/> ran out.</exception>
    public static async Task<FlowRun> WaitAsync(
        GumloopClient client,
        FlowRun run,
        TimeSpan? timeout,
        Action<FlowRun, TimeSpan>? progress,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(run.RunId))
        {
            throw new ArgumentException("The flow run has no run id.", nameof(run));
        }

        var clock = Stopwatch.StartNew();
        var interval = s_firstInterval;
        var current = run;
        while (!FlowRun.IsTerminalState(current.State))
        {
            progress?.Invoke(current, clock.Elapsed);
            var delay = interval;
            if (timeout is { } limit)
            {
                var left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new GumloopFlowRunTimeoutException(current, limit);
                }

                if (left < delay)
                {
                    delay = left;
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, s_maxInterval.TotalMilliseconds));
            current = await client.GetFlowRunAsync(run.RunId!, cancellationToken, current).ConfigureAwait(false);
        }

        progress?.Invoke(current, clock.Elapsed);
        return current;
    }
}
