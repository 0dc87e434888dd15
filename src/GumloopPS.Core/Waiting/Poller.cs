using System;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>The polling loop behind the session and flow-run waits: a short first interval that grows to a cap.</summary>
public static class Poller
{
    private static readonly TimeSpan s_firstInterval = TimeSpan.FromMilliseconds(100);

    // The official SDK polls every second; backing off to 2 s keeps an hour-long flow or agent run to a few
    // thousand calls, while a quick one still answers within a few hundred milliseconds.
    private static readonly TimeSpan s_maxInterval = TimeSpan.FromSeconds(2);

    /// <summary>Polls until <paramref name="isDone"/> holds; returns the last answer.</summary>
    /// <param name="current">The state as known so far; returned at once when it is already done.</param>
    /// <param name="poll">Reads the state afresh, given the last one; its requests should be bounded by <paramref name="deadline"/>.</param>
    /// <param name="deadline">The end of the whole wait.</param>
    /// <param name="timedOut">The exception to throw, given the last state and the limit, when the deadline arrives.</param>
    /// <param name="progress">Called before every wait and once at the end, with the state and the elapsed time.</param>
    /// <param name="delay">Sleep seam for tests; null uses Task.Delay.</param>
    public static async Task<T> PollAsync<T>(
        T current,
        Func<T, bool> isDone,
        Func<T, CancellationToken, Task<T>> poll,
        WaitDeadline deadline,
        Func<T, TimeSpan, Exception> timedOut,
        Action<T, TimeSpan>? progress,
        CancellationToken cancellationToken,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (deadline is null)
        {
            throw new ArgumentNullException(nameof(deadline));
        }

        delay ??= (d, ct) => Task.Delay(d, ct);
        var interval = s_firstInterval;
        while (!isDone(current))
        {
            progress?.Invoke(current, deadline.Elapsed);
            if (deadline.IsExpired)
            {
                throw timedOut(current, deadline.Limit!.Value);
            }

            await delay(deadline.BoundDelay(interval), cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, s_maxInterval.TotalMilliseconds));
            if (deadline.IsExpired)
            {
                throw timedOut(current, deadline.Limit!.Value);
            }

            try
            {
                current = await poll(current, cancellationToken).ConfigureAwait(false);
            }
            catch (GumloopDeadlineException)
            {
                // The poll was cut at the deadline: report the wait's timeout with the last state known.
                throw timedOut(current, deadline.Limit!.Value);
            }
        }

        progress?.Invoke(current, deadline.Elapsed);
        return current;
    }
}
