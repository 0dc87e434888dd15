using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>
/// One session as a transcript writer sees it: the session's own fields and its messages, which may be produced
/// lazily (a streamed transcript builds each message only while it is written).
/// </summary>
public sealed class TranscriptSession
{
    public TranscriptSession(Session header, IEnumerable<Message> messages, int messageCount)
    {
        Header = header ?? throw new ArgumentNullException(nameof(header));
        Messages = messages ?? throw new ArgumentNullException(nameof(messages));
        MessageCount = messageCount;
    }

    /// <summary>The session's fields; its own Messages collection is not read.</summary>
    public Session Header { get; }

    public IEnumerable<Message> Messages { get; }

    public int MessageCount { get; }

    /// <summary>A session that already holds its messages (from GET /sessions/{id}).</summary>
    public static TranscriptSession FromSession(Session session)
    {
        if (session == null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        return new TranscriptSession(session, session.Messages, session.Messages.Count);
    }

    internal static TranscriptSession FromTranscript(SessionTranscript transcript) =>
        new TranscriptSession(transcript.Header, transcript, transcript.Count);
}
