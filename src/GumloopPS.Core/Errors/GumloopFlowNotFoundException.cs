using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>A flow, workbook or run named by the caller does not exist among those the API listed.</summary>
public sealed class GumloopFlowNotFoundException : GumloopException
{
    public GumloopFlowNotFoundException(string kind, string id, string message)
        : base(message)
    {
        Kind = kind;
        Id = id;
    }

    /// <summary><c>flow</c> or <c>workbook</c>.</summary>
    public string Kind { get; }
    public string Id { get; }
}
