using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core.Catalog;

/// <summary>No operation of the catalogue matches what was asked for.</summary>
public sealed class GumloopOperationNotFoundException : GumloopException
{
    public GumloopOperationNotFoundException(string message)
        : base(message)
    {
    }
}
