using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>A wait for evaluation results ran out of time with some still queued or running.</summary>
public sealed class GumloopEvaluationWaitTimeoutException : GumloopException
{
    public GumloopEvaluationWaitTimeoutException(IReadOnlyList<string> pending, int total, TimeSpan timeout)
        : base(FormattableString.Invariant($"{pending.Count} of {total} evaluation results were still queued or in progress after {timeout.TotalSeconds:0.#} s: {string.Join(", ", pending.Take(5))}{(pending.Count > 5 ? ", ..." : string.Empty)}."))
    {
        Pending = pending;
    }

    /// <summary>The result ids still pending; poll them later with Get-GumloopAgentEvaluation or Get-GumloopEvaluationResult.</summary>
    public IReadOnlyList<string> Pending { get; }
}
