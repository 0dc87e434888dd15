using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>An input given to Start-GumloopFlow that the flow cannot take; nothing was started.</summary>
public sealed class GumloopFlowInputException : GumloopException
{
    public GumloopFlowInputException(string flowId, string inputName, FlowInputProblem problem, IReadOnlyList<string> validNames, string message)
        : base(message)
    {
        FlowId = flowId;
        InputName = inputName;
        Problem = problem;
        ValidNames = validNames;
    }

    public string FlowId { get; }
    public string InputName { get; }
    public FlowInputProblem Problem { get; }
    public IReadOnlyList<string> ValidNames { get; }
}
