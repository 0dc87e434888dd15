using System;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Polls a session until it settles (<see cref="Session.IsTerminalState"/>), with a growing interval.</summary>
internal static class SessionWaiter
{
    /// <param name="client">A client whose requests are already bounded by <paramref name="deadline"/>.</param>
    /// <param name="progress">Called before every wait and once at the end, with the session and the elapsed time.</param>
    /// <exception cref="GumloopWaitTimeoutException">The session was still busy when the deadline arrived.</exception>
    public static Task<Session> WaitAsync(
        GumloopClient client,
        Session session,
        WaitDeadline deadline,
        Action<Session, TimeSpan>? progress,
        CancellationToken cancellationToken) =>
        Poller.PollAsync(
            session,
            current => Session.IsTerminalState(current.State),
            (current, ct) => client.GetSessionAsync(current.Id!, ct),
            deadline,
            (current, limit) => new GumloopWaitTimeoutException(current.Id, current.State, limit),
            progress,
            cancellationToken);
}
