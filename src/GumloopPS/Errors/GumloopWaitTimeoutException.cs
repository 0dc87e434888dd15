using System;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>A wait ran out of time; reported as OperationTimeout with the session as target.</summary>
public sealed class GumloopWaitTimeoutException : TimeoutException
{
    public GumloopWaitTimeoutException(string? sessionId, string? state, TimeSpan timeout)
        : base($"Session '{sessionId}' was still '{state}' after {timeout.TotalSeconds:0.#} s.")
    {
        SessionId = sessionId;
    }

    public string? SessionId { get; }
}
