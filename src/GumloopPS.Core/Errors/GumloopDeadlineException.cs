using System;
using System.Diagnostics;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// A request or a retry sleep was cut short because the wait it belongs to reached its deadline. The wait turns
/// this into its own timeout error, which names what it was waiting for.
/// </summary>
public sealed class GumloopDeadlineException : GumloopException
{
    public GumloopDeadlineException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
