using System;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Streaming was asked for, but this build's Core has no streaming client to serve it.</summary>
public sealed class GumloopStreamingUnavailableException : GumloopException
{
    public GumloopStreamingUnavailableException(string message)
        : base(message)
    {
    }
}
