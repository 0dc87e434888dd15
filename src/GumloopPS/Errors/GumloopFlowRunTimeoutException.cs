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
