using System;
using GumloopPS.Core;

namespace GumloopPS.Internal;

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
