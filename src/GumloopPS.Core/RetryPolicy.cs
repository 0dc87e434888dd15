using System;
using System.Globalization;

namespace GumloopPS.Core;

public enum GumloopRequestKind
{
    /// <summary>Safe to repeat: GET, cancel, and creates keyed by a client-chosen id.</summary>
    Idempotent,

    /// <summary>Starts an agent run; repeating it after the server may have seen it would run the agent twice.</summary>
    MessageCreating,

    /// <summary>Any other write: retried only when the server cannot have acted on it.</summary>
    Other,
}

/// <summary>Pure retry decisions, kept free of I/O so they can be unit-tested exhaustively.</summary>
public static class RetryPolicy
{
    public static bool IsTransientStatus(int statusCode) =>
        statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504;

    public static bool ShouldRetryStatus(GumloopRequestKind kind, int statusCode)
    {
        if (statusCode == 429)
        {
            // The concurrency limiter rejects before doing anything, so even a message-creating POST is safe.
            return true;
        }

        return kind == GumloopRequestKind.Idempotent && IsTransientStatus(statusCode);
    }

    /// <param name="requestSent">Whether any byte of the request body may have left the client.</param>
    public static bool ShouldRetryConnectionFailure(GumloopRequestKind kind, bool requestSent)
    {
        if (kind == GumloopRequestKind.Idempotent)
        {
            return true;
        }

        return !requestSent;
    }

    /// <summary>Parses Retry-After in delta-seconds or HTTP-date form; null when absent or unreadable.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string text = value!.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return seconds > int.MaxValue ? TimeSpan.FromSeconds(int.MaxValue) : TimeSpan.FromSeconds(seconds);
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double fractional) && fractional >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(fractional, int.MaxValue));
        }

        string[] formats = { "r", "ddd, d MMM yyyy H:m:s 'GMT'", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" };
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset date))
        {
            TimeSpan delta = date - now;
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return null;
    }

    /// <summary>
    /// Delay before retry number <paramref name="retryIndex"/> (0 for the first retry): the server's Retry-After
    /// if given, else full-jitter exponential backoff uniform(0, min(0.5*2^n, cap)); always capped.
    /// </summary>
    /// <param name="random01">A uniform random number in [0, 1).</param>
    public static TimeSpan ComputeDelay(int retryIndex, TimeSpan? retryAfter, TimeSpan maxDelay, double random01)
    {
        if (maxDelay < TimeSpan.Zero)
        {
            maxDelay = TimeSpan.Zero;
        }

        if (retryAfter.HasValue)
        {
            TimeSpan ra = retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
            return ra > maxDelay ? maxDelay : ra;
        }

        if (retryIndex < 0)
        {
            retryIndex = 0;
        }

        double ceiling = 0.5 * Math.Pow(2, Math.Min(retryIndex, 30));
        ceiling = Math.Min(ceiling, maxDelay.TotalSeconds);
        double r = random01 < 0 ? 0 : random01 > 1 ? 1 : random01;
        return TimeSpan.FromSeconds(r * ceiling);
    }
}
