using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>An in-band <c>error</c> event of a stream that otherwise answered 200.</summary>
public sealed class GumloopStreamException : GumloopException
{
    public GumloopStreamException(string message, string? sessionId, string? errorCode, StreamEvent? streamEvent)
        : base(message)
    {
        SessionId = sessionId;
        ErrorCode = errorCode;
        StreamEvent = streamEvent;
    }

    public string? SessionId { get; }
    public string? ErrorCode { get; }
    public StreamEvent? StreamEvent { get; }

    public static GumloopStreamException FromEvent(StreamEvent e)
    {
        if (e == null)
        {
            throw new ArgumentNullException(nameof(e));
        }

        string text = e.Error ?? e.Data ?? "The agent stream reported an error without a message.";
        string code = e.ErrorCode != null ? " (" + e.ErrorCode + ")" : string.Empty;
        string where = e.SessionId != null ? "Session " + e.SessionId + ": " : string.Empty;
        return new GumloopStreamException(where + text + code, e.SessionId, e.ErrorCode, e);
    }
}
