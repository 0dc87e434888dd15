using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>A flow run ended FAILED; <see cref="Run"/> holds the final state and the log.</summary>
public sealed class GumloopFlowRunFailedException : GumloopException
{
    public GumloopFlowRunFailedException(FlowRun run)
        : base(BuildMessage(run))
    {
        Run = run ?? throw new ArgumentNullException(nameof(run));
    }

    public FlowRun Run { get; }
    public string? RunId => Run.RunId;
    public FlowRunLog Log => Run.Log;

    private static string BuildMessage(FlowRun run)
    {
        string head = $"Flow run '{run?.RunId}' failed.";
        if (run == null || run.Log.Count == 0)
        {
            return head + " The run has no log.";
        }

        // The last lines hold the failing step; a long log would bury the reason in the error view.
        const int MaxLines = 20;
        IEnumerable<string> lines = run.Log.Count > MaxLines ? run.Log.Skip(run.Log.Count - MaxLines) : run.Log;
        string skipped = run.Log.Count > MaxLines ? $"\n  ... ({run.Log.Count - MaxLines} earlier lines; see the error's TargetObject.Log)" : string.Empty;
        return head + " Log:" + skipped + "\n  " + string.Join("\n  ", lines);
    }
}
