using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// index.html for a split export: one row per session file, written as each file is finished, so the index never
/// holds more than the row it is writing. Links are built only from the file names this module chose.
/// </summary>
public sealed class TranscriptIndexWriter : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _writer;
    private bool _tableStarted;
    private bool _completed;

    public TranscriptIndexWriter(Stream stream)
    {
        _writer = new StreamWriter(stream ?? throw new ArgumentNullException(nameof(stream)), Utf8, 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        HtmlTranscriptWriter.WriteDocumentStart(_writer, "Gumloop transcripts");
        _writer.Write("<h1>Gumloop transcripts</h1>\n");
    }

    public int SessionCount { get; private set; }

    public long MessageCount { get; private set; }

    /// <param name="fileName">A name made by <see cref="TranscriptFileNames"/>, relative to the index.</param>
    public void Add(string fileName, TranscriptSession session)
    {
        if (fileName == null || session == null)
        {
            throw new ArgumentNullException(fileName == null ? nameof(fileName) : nameof(session));
        }

        if (!_tableStarted)
        {
            _writer.Write("<table>\n<thead><tr><th>Session</th><th>Agent</th><th>State</th><th>Created</th><th class=\"num\">Messages</th><th class=\"num\">Credit cost</th></tr></thead>\n<tbody>\n");
            _tableStarted = true;
        }

        Session s = session.Header;
        var w = _writer;
        w.Write("<tr><td><a href=\"");

        // Percent-encoding leaves no ':' or '/', so the link can only ever name a file next to the index.
        w.Write(Uri.EscapeDataString(fileName));
        w.Write("\">");
        TranscriptText.WriteHtml(w, string.IsNullOrEmpty(s.Name) ? "Untitled session" : s.Name);
        w.Write("</a><br><span class=\"id\">");
        TranscriptText.WriteHtml(w, s.Id);
        w.Write("</span></td><td>");
        TranscriptText.WriteHtml(w, s.AgentName ?? s.AgentId);
        w.Write("</td><td class=\"state\">");
        TranscriptText.WriteHtml(w, s.State);
        w.Write("</td><td>");
        if (s.CreatedAt is DateTimeOffset created)
        {
            HtmlTranscriptWriter.WriteTime(w, created);
        }

        w.Write("</td><td class=\"num message-count\">");
        w.Write(session.MessageCount.ToString(CultureInfo.InvariantCulture));
        w.Write("</td><td class=\"num credit-cost\">");
        w.Write(s.Usage?.CreditCost is double cost ? TranscriptText.Number(cost) : string.Empty);
        w.Write("</td></tr>\n");
        SessionCount++;
        MessageCount += session.MessageCount;
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.Write(_tableStarted ? "</tbody>\n</table>\n" : "<p class=\"empty\">No sessions were exported.</p>\n");
        HtmlTranscriptWriter.WriteDocumentEnd(_writer);
        _writer.Flush();
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
        }
    }
}
