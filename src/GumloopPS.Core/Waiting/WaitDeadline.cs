using System;
using System.Diagnostics;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// The end of a whole wait (-WaitTimeoutSec). Every poll request and every retry sleep inside the wait is cut to
/// the time left, so a stalled poll or a long Retry-After cannot carry the wait past its limit.
/// </summary>
public sealed class WaitDeadline
{
    private readonly Func<TimeSpan> _elapsed;

    /// <param name="limit">The whole wait's limit; null waits without end.</param>
    /// <param name="elapsed">Clock seam: time since the wait began. Null uses a stopwatch started now.</param>
    public WaitDeadline(TimeSpan? limit, Func<TimeSpan>? elapsed = null)
    {
        if (limit is TimeSpan l && l < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "The wait limit must not be negative.");
        }

        Limit = limit;
        if (elapsed is null)
        {
            var watch = Stopwatch.StartNew();
            elapsed = () => watch.Elapsed;
        }

        _elapsed = elapsed;
    }

    /// <summary>A deadline that never arrives.</summary>
    public static WaitDeadline None { get; } = new WaitDeadline(null, () => TimeSpan.Zero);

    public TimeSpan? Limit { get; }

    public TimeSpan Elapsed => _elapsed();

    /// <summary>Time left, never negative; null when the wait has no limit.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            if (Limit is not TimeSpan limit)
            {
                return null;
            }

            TimeSpan left = limit - _elapsed();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool IsExpired => Remaining is TimeSpan left && left <= TimeSpan.Zero;

    /// <summary>
    /// The timeout for one request made now: the request's own, or the time left if that is shorter.
    /// <see cref="Timeout.InfiniteTimeSpan"/> (no request timeout) becomes the time left.
    /// </summary>
    public TimeSpan BoundRequestTimeout(TimeSpan requestTimeout)
    {
        if (Remaining is not TimeSpan left)
        {
            return requestTimeout;
        }

        return requestTimeout == Timeout.InfiniteTimeSpan || requestTimeout > left ? left : requestTimeout;
    }

    /// <summary>A sleep started now, cut to the time left.</summary>
    public TimeSpan BoundDelay(TimeSpan delay) =>
        Remaining is TimeSpan left && delay > left ? left : delay;

    /// <summary>True when a request timeout of <paramref name="requestTimeout"/> would be cut by this deadline.</summary>
    public bool Cuts(TimeSpan requestTimeout) => BoundRequestTimeout(requestTimeout) != requestTimeout;
}
