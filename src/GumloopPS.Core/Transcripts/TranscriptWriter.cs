using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace GumloopPS.Core;

public sealed class TranscriptWriterOptions
{
    /// <summary>Csv only: adds columns that summarise each message's tool calls.</summary>
    public bool IncludeToolDetail { get; set; }

    /// <summary>
    /// Csv only: prefixes cells that start with =, +, -, @, tab or CR with an apostrophe, so a spreadsheet shows
    /// agent text instead of running it as a formula (for example =HYPERLINK to an attacker's site).
    /// </summary>
    public bool EscapeFormulas { get; set; } = true;

    /// <summary>Csv only: formats dates and numbers the way Export-Csv does in this culture.</summary>
    public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

    /// <summary>Csv only: the line ending between rows (Export-Csv uses the platform's).</summary>
    public string NewLine { get; set; } = Environment.NewLine;
}

/// <summary>
/// Writes sessions to one file as they arrive, so exporting any number of sessions holds one at a time in memory.
/// The writer never owns or closes the stream; call <see cref="Complete"/> after the last session.
/// </summary>
public abstract class TranscriptWriter : IDisposable
{
    private bool _completed;

    protected TranscriptWriter(Stream stream)
    {
        Stream = stream ?? throw new ArgumentNullException(nameof(stream));
    }

    public int SessionCount { get; private set; }

    public long MessageCount { get; private set; }

    protected Stream Stream { get; }

    public static TranscriptWriter Create(TranscriptFormat format, Stream stream, TranscriptWriterOptions? options = null)
    {
        options ??= new TranscriptWriterOptions();
        return format switch
        {
            TranscriptFormat.Html => new HtmlTranscriptWriter(stream),
            TranscriptFormat.Markdown => new MarkdownTranscriptWriter(stream),
            TranscriptFormat.Jsonl => new JsonlTranscriptWriter(stream),
            TranscriptFormat.Csv => new CsvTranscriptWriter(stream, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Writes one session and its messages; <paramref name="cancellationToken"/> is checked between messages.</summary>
    public void WriteSession(TranscriptSession session, CancellationToken cancellationToken = default)
    {
        if (session == null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        if (_completed)
        {
            throw new InvalidOperationException("The transcript is already complete.");
        }

        int written = WriteSessionCore(session, cancellationToken);
        SessionCount++;
        MessageCount += written;
    }

    /// <summary>Ends the document (closing tags, a note when there were no sessions) and flushes it.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        CompleteCore();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <returns>The number of messages written.</returns>
    protected abstract int WriteSessionCore(TranscriptSession session, CancellationToken cancellationToken);

    protected abstract void CompleteCore();
}

/// <summary>A writer of UTF-8 text (no byte order mark, as Export-Csv and most tools expect).</summary>
public abstract class TextTranscriptWriter : TranscriptWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    protected TextTranscriptWriter(Stream stream)
        : base(stream)
    {
        Writer = new StreamWriter(stream, Utf8, 64 * 1024, leaveOpen: true) { NewLine = "\n" };
    }

    protected TextWriter Writer { get; }

    protected override void CompleteCore() => Writer.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Disposing flushes; Complete already did the flush that matters, and an aborted file is deleted anyway.
            try
            {
                Writer.Dispose();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or IOException)
            {
            }
        }

        base.Dispose(disposing);
    }
}
