using System;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>A response body that is neither JSON nor text, with no -OutFile to put it in.</summary>
public sealed class GumloopBinaryResponseException : GumloopException
{
    public GumloopBinaryResponseException(string message)
        : base(message)
    {
    }
}
