using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// Markdown for pasting into tickets: a heading per session, a list of its facts, a quote block per turn and each
/// tool call as fenced JSON. Bodies keep the agent's emphasis and lists but cannot form HTML, links or images.
/// </summary>
public sealed class MarkdownTranscriptWriter : TextTranscriptWriter
{
    private static readonly JsonWriterOptions Indented = new JsonWriterOptions
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public MarkdownTranscriptWriter(Stream stream)
        : base(stream)
    {
    }

    protected override int WriteSessionCore(TranscriptSession session, CancellationToken cancellationToken)
    {
        var w = Writer;
        Session s = session.Header;
        if (SessionCount > 0)
        {
            w.Write("\n---\n\n");
        }

        w.Write("# ");
        w.Write(TranscriptText.MarkdownInline(string.IsNullOrEmpty(s.Name) ? "Untitled session" : s.Name));
        w.Write("\n\n");
        Fact(w, "Agent", TranscriptText.MarkdownInline(s.AgentName ?? "(unnamed agent)") + (string.IsNullOrEmpty(s.AgentId) ? string.Empty : " " + TranscriptText.MarkdownCode(s.AgentId)));
        Fact(w, "Session", TranscriptText.MarkdownCode(s.Id));
        Fact(w, "State", TranscriptText.MarkdownInline(s.State ?? "unknown"));
        if (s.CreatedAt is DateTimeOffset created)
        {
            Fact(w, "Created", TranscriptText.Timestamp(created));
        }

        if (s.Participants.Count > 0)
        {
            Fact(w, "Participants", TranscriptText.MarkdownInline(s.Participants.ToString()));
        }

        Fact(w, "Messages", session.MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string usage = HtmlTranscriptWriter.UsageText(s.Usage);
        if (usage.Length > 0)
        {
            Fact(w, "Usage", usage);
        }

        Fact(w, "Credit cost", HtmlTranscriptWriter.CreditText(s.Usage));
        w.Write('\n');

        int count = 0;
        foreach (Message message in session.Messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteTurn(w, s, message);
            count++;
        }

        if (count == 0)
        {
            w.Write("*This session has no messages.*\n\n");
        }

        foreach (PendingApproval approval in s.PendingApprovals)
        {
            w.Write("**Awaiting approval:** ");
            w.Write(TranscriptText.MarkdownInline(approval.Title ?? approval.ToolName ?? approval.Type ?? "approval"));
            if (!string.IsNullOrEmpty(approval.ToolName))
            {
                w.Write(" (tool " + TranscriptText.MarkdownCode(approval.ToolName) + ")");
            }

            w.Write("\n\n");
            foreach (DisplayField field in approval.DisplayFields)
            {
                Fact(w, TranscriptText.MarkdownInline(field.Label), TranscriptText.MarkdownInline(field.Value));
            }

            if (approval.DisplayFields.Count > 0)
            {
                w.Write('\n');
            }
        }

        return count;
    }

    protected override void CompleteCore()
    {
        if (SessionCount == 0)
        {
            Writer.Write("*No sessions were exported.*\n");
        }

        base.CompleteCore();
    }

    private static void Fact(TextWriter w, string label, string value)
    {
        w.Write("- **");
        w.Write(label);
        w.Write(":** ");
        w.Write(value);
        w.Write('\n');
    }

    private static void WriteTurn(TextWriter w, Session header, Message message)
    {
        w.Write("> **");
        w.Write(TranscriptText.MarkdownInline(HtmlTranscriptWriter.Author(header, message)));
        w.Write("** (");
        w.Write(TranscriptText.MarkdownInline(message.Role ?? "message"));
        w.Write(")");
        if (message.CreatedAt is DateTimeOffset created)
        {
            w.Write(" · ");
            w.Write(TranscriptText.Timestamp(created));
        }

        w.Write("\n>\n");
        string body = TranscriptText.MarkdownBody(message.Text);
        foreach (string line in body.Split('\n'))
        {
            w.Write(line.Length == 0 ? ">\n" : "> " + line + "\n");
        }

        w.Write('\n');
        foreach (MessagePart part in message.Parts)
        {
            if (TranscriptParts.IsToolCall(part) || TranscriptParts.IsApproval(part))
            {
                WriteToolCall(w, part);
            }
            else if (part.Type == "file")
            {
                w.Write("File: " + TranscriptText.MarkdownInline(part.FileName ?? part.Id ?? "(unnamed)") + "\n\n");
            }
            else if (part.Type == "error")
            {
                w.Write("Error: " + TranscriptText.MarkdownInline(part.Error ?? "(no message)") + "\n\n");
            }
        }
    }

    private static void WriteToolCall(TextWriter w, MessagePart part)
    {
        TranscriptOutcome outcome = TranscriptParts.Outcome(part);
        w.Write("Tool call ");
        w.Write(TranscriptText.MarkdownCode(part.ToolName ?? part.ToolCallId ?? part.Type ?? "tool"));
        if (outcome != TranscriptOutcome.None)
        {
            w.Write(" (" + TranscriptParts.Describe(outcome) + ")");
        }

        w.Write(":\n\n");
        string json = ToolJson(part);
        string fence = TranscriptText.MarkdownFence(json);
        w.Write(fence);
        w.Write("json\n");
        w.Write(json);
        w.Write('\n');
        w.Write(fence);
        w.Write("\n\n");
    }

    /// <summary>The call as one JSON object: name, id, state, arguments, result and error.</summary>
    private static string ToolJson(MessagePart part)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            writer.WriteStartObject();
            WriteString(writer, "tool", part.ToolName);
            WriteString(writer, "tool_call_id", part.ToolCallId);
            WriteString(writer, "state", part.ToolCallState);
            if (TranscriptParts.TryGetArguments(part, out JsonElement args))
            {
                writer.WritePropertyName("args");
                args.WriteTo(writer);
            }

            if (TranscriptParts.TryGetResult(part, out JsonElement result))
            {
                writer.WritePropertyName("result");
                result.WriteTo(writer);
            }

            WriteString(writer, "error", part.Error);
            writer.WriteEndObject();
        }

        // A JSON string escapes every control character, so the block holds no terminal sequence either.
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value != null)
        {
            writer.WriteString(name, value);
        }
    }
}
