using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>A paged list handed out a cursor it had handed out before.</summary>
public sealed class GumloopPagingStalledException : GumloopException
{
    public GumloopPagingStalledException(string message)
        : base(message)
    {
    }
}
