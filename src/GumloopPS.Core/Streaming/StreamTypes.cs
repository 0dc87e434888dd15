using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

public sealed class GumloopStreamOptions
{
    /// <summary>
    /// How many times in a row to reconnect after the stream drops without delivering a new event; a resume
    /// that delivers anything new starts the count again, so a long run survives many brief outages. 0 = never.
    /// </summary>
    public int MaxResumeCount { get; set; } = 3;

    /// <summary>
    /// Longest silence (no bytes, keep-alives included) before the connection counts as dropped. Null uses the
    /// connection's per-request timeout; zero or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits forever.
    /// A healthy stream can run far longer than this: only silence counts.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// Longest the whole stream may last, reconnections included, before it fails with a timeout; null (the default),
    /// zero or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> sets no limit. The idle timeout cannot catch a
    /// server that keeps sending keep-alives without ever finishing the turn; this can.
    /// </summary>
    public TimeSpan? MaxDuration { get; set; }
}

public sealed class GumloopStreamResult
{
    private readonly List<StreamEvent> _errors = new List<StreamEvent>();

    public string? SessionId { get; internal set; }

    /// <summary>True when a finish with final:true (or not_resumable) ended the stream.</summary>
    public bool Completed { get; internal set; }

    public string? FinishReason { get; internal set; }

    /// <summary>The run was already over when the stream was (re)opened: the text may be incomplete; GET the session.</summary>
    public bool NotResumable => string.Equals(FinishReason, "not_resumable", StringComparison.Ordinal);

    public string? LastCursor { get; internal set; }

    /// <summary>Reconnections made (each one a GET with last_cursor).</summary>
    public int ResumeCount { get; internal set; }

    /// <summary>Events delivered to the caller (duplicates from a replay are not counted).</summary>
    public int EventCount { get; internal set; }

    /// <summary>In-band <c>error</c> events, also delivered to the caller in order.</summary>
    public IReadOnlyList<StreamEvent> Errors => _errors;

    /// <summary>At most this many error events are kept here (all are still delivered), so a flood holds bounded memory.</summary>
    internal const int MaxKeptErrors = 100;

    internal void AddError(StreamEvent e)
    {
        if (_errors.Count < MaxKeptErrors)
        {
            _errors.Add(e);
        }
    }
}
