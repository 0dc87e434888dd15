using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// A streamed completion that stopped with an error chunk (top-level <c>error</c> and finish reason <c>error</c>).
/// The reply up to that point is in <see cref="Partial"/>.
/// </summary>
public sealed class GumloopChatStreamException : GumloopException
{
    public GumloopChatStreamException(string message, string? errorCode, ChatCompletion partial)
        : base(message)
    {
        ErrorCode = errorCode;
        Partial = partial;
    }

    /// <summary>The chunk's <c>error.code</c> as text (a status such as 402, or a name).</summary>
    public string? ErrorCode { get; }

    public ChatCompletion Partial { get; }

    /// <summary>True when the stream stopped because the credits or the credit limit ran out.</summary>
    public bool IsInsufficientCredits =>
        string.Equals(ErrorCode, "402", StringComparison.Ordinal) || string.Equals(ErrorCode, "insufficient_credits", StringComparison.Ordinal);
}
