using System;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Polls a session until it leaves processing/queued, with a growing interval.</summary>
internal static class SessionWaiter
{
    /// <summary>States in which a session no longer needs waiting for.</summary>
    public static bool IsSettled(string? state) => state is not ("processing" or "queued");

    /// <param name="progress">Called before every wait and once at the end, with the session and the elapsed time.</param>
    /// <exception cref="GumloopWaitTimeoutException">The session was still busy when <paramref name="timeout"/> ran out.</exception>
    public static Task<Session> WaitAsync(
        GumloopClient client,
        Session session,
        TimeSpan? timeout,
        Action<Session, TimeSpan>? progress,
        CancellationToken cancellationToken) =>
        Poller.PollAsync(
            session,
            current => IsSettled(current.State),
            (current, ct) => client.GetSessionAsync(current.Id!, ct),
            timeout,
            (current, limit) => new GumloopWaitTimeoutException(current.Id, current.State, limit),
            progress,
            cancellationToken);
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
