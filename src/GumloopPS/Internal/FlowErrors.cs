using System;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>A flow-run wait ran out of time; the run itself goes on. Reported as OperationTimeout.</summary>
public sealed class GumloopFlowRunTimeoutException : GumloopException
{
    public GumloopFlowRunTimeoutException(FlowRun run, TimeSpan timeout)
        : base($"Flow run '{run?.RunId}' was still '{run?.State}' after {timeout.TotalSeconds:0.#} s; the run goes on.")
    {
        Run = run ?? throw new ArgumentNullException(nameof(run));
        Timeout = timeout;
    }

    /// <summary>The run as last polled.</summary>
    public FlowRun Run { get; }
    public TimeSpan Timeout { get; }
}

/// <summary>An Invoke-GumloopApi path that cannot be sent as given (an unfilled {placeholder}, a foreign host).</summary>
public sealed class GumloopApiPathException : ArgumentException
{
    public GumloopApiPathException(string message, bool foreignHost = false)
        : base(message)
    {
        ForeignHost = foreignHost;
    }

    /// <summary>True when the path was an absolute URL outside the connection's hosts, not an unfilled placeholder.</summary>
    public bool ForeignHost { get; }
}

/// <summary>Streaming was asked for, but this build's Core has no streaming client to serve it.</summary>
public sealed class GumloopStreamingUnavailableException : GumloopException
{
    public GumloopStreamingUnavailableException(string message)
        : base(message)
    {
    }
}

/// <summary>A response body that is neither JSON nor text, with no -OutFile to put it in.</summary>
public sealed class GumloopBinaryResponseException : GumloopException
{
    public GumloopBinaryResponseException(string message)
        : base(message)
    {
    }
}
