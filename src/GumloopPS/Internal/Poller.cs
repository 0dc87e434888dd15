using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Internal;

/// <summary>The polling loop behind the session and flow-run waits: a short first interval that grows to a cap.</summary>
internal static class Poller
{
    private static readonly TimeSpan s_firstInterval = TimeSpan.FromMilliseconds(100);

    // The official SDK polls every second; backing off to 2 s keeps an hour-long flow or agent run to a few
    // thousand calls, while a quick one still answers within a few hundred milliseconds.
    private static readonly TimeSpan s_maxInterval = TimeSpan.FromSeconds(2);

    /// <summary>Polls until <paramref name="isDone"/> holds; returns the last answer.</summary>
    /// <param name="current">The state as known so far; returned at once when it is already done.</param>
    /// <param name="poll">Reads the state afresh, given the last one.</param>
    /// <param name="timedOut">The exception to throw, given the last state and the limit, when <paramref name="timeout"/> runs out.</param>
    /// <param name="progress">Called before every wait and once at the end, with the state and the elapsed time.</param>
    public static async Task<T> PollAsync<T>(
        T current,
        Func<T, bool> isDone,
        Func<T, CancellationToken, Task<T>> poll,
        TimeSpan? timeout,
        Func<T, TimeSpan, Exception> timedOut,
        Action<T, TimeSpan>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interval = s_firstInterval;
        while (!isDone(current))
        {
            progress?.Invoke(current, clock.Elapsed);
            var delay = interval;
            if (timeout is { } limit)
            {
                var left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw timedOut(current, limit);
                }

                if (left < delay)
                {
                    delay = left;
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, s_maxInterval.TotalMilliseconds));
            current = await poll(current, cancellationToken).ConfigureAwait(false);
        }

        progress?.Invoke(current, clock.Elapsed);
        return current;
    }
}
