using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Where a wait for evaluation results stands: how many finished and which are still queued or running.</summary>
public sealed class EvaluationWaitProgress
{
    internal EvaluationWaitProgress(int total, IReadOnlyList<string> pending, int completed, int failed)
    {
        Total = total;
        Pending = pending;
        Completed = completed;
        Failed = failed;
    }

    public int Total { get; }

    /// <summary>Result ids not yet completed or failed.</summary>
    public IReadOnlyList<string> Pending { get; }
    public int Completed { get; }
    public int Failed { get; }

    public bool IsDone => Pending.Count == 0;

    public override string ToString() =>
        FormattableString.Invariant($"{Completed} completed, {Failed} failed, {Pending.Count} pending of {Total}");
}

/// <summary>
/// Polls queued evaluation results until each is completed or failed, through <see cref="Poller"/>: a short first
/// interval growing to a cap, every sleep and request cut to the wait's <see cref="WaitDeadline"/>. A result is handed
/// to <c>onFinished</c> as soon as a poll finds it finished, so a long wait writes what it has as it goes.
/// </summary>
public static class EvaluationWaiter
{
    /// <param name="resultIds">The results to wait for (the ids a run returned).</param>
    /// <param name="get">Reads one result afresh.</param>
    /// <param name="isFinished">True for a completed or failed result.</param>
    /// <param name="isFailed">True for a failed result (counted apart in progress).</param>
    /// <param name="delay">Sleep seam for tests; null uses Task.Delay.</param>
    /// <exception cref="GumloopEvaluationWaitTimeoutException">Some results were still pending at the deadline.</exception>
    public static async Task<EvaluationWaitProgress> WaitAsync<T>(
        IReadOnlyList<string> resultIds,
        Func<string, CancellationToken, Task<T>> get,
        Func<T, bool> isFinished,
        Func<T, bool> isFailed,
        Action<T> onFinished,
        WaitDeadline deadline,
        Action<EvaluationWaitProgress, TimeSpan>? progress,
        CancellationToken cancellationToken,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (resultIds is null) throw new ArgumentNullException(nameof(resultIds));
        if (get is null) throw new ArgumentNullException(nameof(get));
        if (isFinished is null) throw new ArgumentNullException(nameof(isFinished));
        if (isFailed is null) throw new ArgumentNullException(nameof(isFailed));
        if (onFinished is null) throw new ArgumentNullException(nameof(onFinished));

        var ids = resultIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        var start = new EvaluationWaitProgress(ids.Count, ids, 0, 0);
        return await Poller.PollAsync(
            start,
            state => state.IsDone,
            async (state, ct) =>
            {
                var pending = new List<string>();
                int completed = state.Completed;
                int failed = state.Failed;
                foreach (string id in state.Pending)
                {
                    T result = await get(id, ct).ConfigureAwait(false);
                    if (!isFinished(result))
                    {
                        pending.Add(id);
                        continue;
                    }

                    if (isFailed(result)) failed++;
                    else completed++;
                    onFinished(result);
                }

                return new EvaluationWaitProgress(state.Total, pending, completed, failed);
            },
            deadline,
            (state, limit) => new GumloopEvaluationWaitTimeoutException(state.Pending, state.Total, limit),
            progress,
            cancellationToken,
            delay).ConfigureAwait(false);
    }
}
