using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Polls a session until it leaves processing/queued, with a growing interval.</summary>
internal static class SessionWaiter
{
    private static readonly TimeSpan s_firstInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxInterval = TimeSpan.FromSeconds(2);

    /// <summary>States in which a session no longer needs waiting for.</summary>
    public static bool IsSettled(string? state) => state is not ("processing" or "queued");

    /// <param name="progress">Called after every poll with the session and the elapsed time.</param>
    /// <exception cref="GumloopWaitTimeoutException">The session was still busy when <paramref name="timeout"/> ran out.</exception>
    public static async Task<Session> WaitAsync(
        GumloopClient client,
        Session session,
        TimeSpan? timeout,
        Action<Session, TimeSpan>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interval = s_firstInterval;
        var current = session;
        while (!IsSettled(current.State))
        {
            progress?.Invoke(current, clock.Elapsed);
            var delay = interval;
            if (timeout is { } limit)
            {
                var left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new GumloopWaitTimeoutException(current.Id, current.State, limit);
                }

                if (left < delay)
                {
                    delay = left;
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            // Polling backs off so a long agent run costs a handful of requests, not hundreds.
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, s_maxInterval.TotalMilliseconds));
            current = await client.GetSessionAsync(current.Id!, cancellationToken).ConfigureAwait(false);
        }

        progress?.Invoke(current, clock.Elapsed);
        return current;
    }
}

/// <summary>A wait ran out of time; reported as OperationTimeout with the session as target.</summary>
public sealed class GumloopWaitTimeoutException : TimeoutException
{
    public GumloopWaitTimeoutException(string? sessionId, string? state, TimeSpan timeout)
        : base($"Session '{sessionId}' was still '{state}' after {timeout.TotalSeconds:0.#} s. Run Wait-GumloopSession again, or raise -TimeoutSec.")
    {
        SessionId = sessionId;
    }

    public string? SessionId { get; }
}
