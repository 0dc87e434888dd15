using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// One self-contained HTML page: a header per session and one article per message, tool calls in
/// <c>&lt;details&gt;</c>. Every string from the API goes through <see cref="TranscriptText.WriteHtml"/>; tags,
/// attributes and class names come only from this class, so agent text can never become markup.
/// </summary>
public sealed class HtmlTranscriptWriter : TextTranscriptWriter
{
    private bool _started;

    public HtmlTranscriptWriter(Stream stream)
        : base(stream)
    {
    }

    protected override int WriteSessionCore(TranscriptSession session, CancellationToken cancellationToken)
    {
        Session header = session.Header;
        if (!_started)
        {
            WriteDocumentStart(Writer, "Gumloop transcript: " + (header.Name ?? header.Id ?? "session"));
            _started = true;
        }

        var w = Writer;
        w.Write("<section class=\"session\">\n");
        WriteSessionHeader(w, header, session.MessageCount);
        int count = 0;
        foreach (Message message in session.Messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteTurn(w, header, message);
            count++;
        }

        if (count == 0)
        {
            w.Write("<p class=\"empty\">This session has no messages.</p>\n");
        }

        foreach (PendingApproval approval in header.PendingApprovals)
        {
            WriteApproval(w, approval);
        }

        w.Write("</section>\n");
        return count;
    }

    protected override void CompleteCore()
    {
        if (!_started)
        {
            WriteDocumentStart(Writer, "Gumloop transcript");
            Writer.Write("<p class=\"empty\">No sessions were exported.</p>\n");
        }

        WriteDocumentEnd(Writer);
        base.CompleteCore();
    }

    internal static void WriteDocumentStart(TextWriter w, string title)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"");
        w.Write(HtmlTranscriptStyle.SecurityPolicy);
        w.Write("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"GumloopPS\">\n<title>");
        TranscriptText.WriteHtml(w, title);
        w.Write("</title>\n<style>\n");
        w.Write(HtmlTranscriptStyle.Css);
        w.Write("</style>\n</head>\n<body>\n<main>\n");
    }

    internal static void WriteDocumentEnd(TextWriter w)
    {
        w.Write("<footer>Exported by GumloopPS. Times are UTC.</footer>\n</main>\n</body>\n</html>\n");
    }

    private static void WriteSessionHeader(TextWriter w, Session s, int messageCount)
    {
        w.Write("<header class=\"session-header\">\n<h1>");
        TranscriptText.WriteHtml(w, string.IsNullOrEmpty(s.Name) ? "Untitled session" : s.Name);
        w.Write("</h1>\n<dl class=\"facts\">\n");
        Fact(w, "Agent", "agent", () =>
        {
            TranscriptText.WriteHtml(w, s.AgentName ?? "(unnamed agent)");
            if (!string.IsNullOrEmpty(s.AgentId))
            {
                w.Write(" <span class=\"id\">");
                TranscriptText.WriteHtml(w, s.AgentId);
                w.Write("</span>");
            }
        });
        Fact(w, "Session", "session-id id", () => TranscriptText.WriteHtml(w, s.Id));
        Fact(w, "State", "state", () => TranscriptText.WriteHtml(w, s.State ?? "unknown"));
        if (s.CreatedAt is DateTimeOffset created)
        {
            Fact(w, "Created", "created", () => WriteTime(w, created));
        }

        if (s.Creator != null && !string.IsNullOrEmpty(s.Creator.ToString()))
        {
            Fact(w, "Started by", "creator", () => TranscriptText.WriteHtml(w, s.Creator.ToString()));
        }

        if (s.Participants.Count > 0)
        {
            Fact(w, "Participants", "participants", () => TranscriptText.WriteHtml(w, s.Participants.ToString()));
        }

        Fact(w, "Messages", "message-count", () => w.Write(messageCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string usage = UsageText(s.Usage);
        if (usage.Length > 0)
        {
            Fact(w, "Usage", "usage", () => TranscriptText.WriteHtml(w, usage));
        }

        Fact(w, "Credit cost", "credit-cost", () => TranscriptText.WriteHtml(w, CreditText(s.Usage)));
        w.Write("</dl>\n</header>\n");
    }

    internal static string CreditText(Usage? usage)
    {
        if (usage?.CreditCost is not double total)
        {
            return "not recorded";
        }

        var parts = new List<string>();
        if (usage.ToolCreditCost is double tool)
        {
            parts.Add("tools " + TranscriptText.Number(tool));
        }

        if (usage.FlowCreditCost is double flow)
        {
            parts.Add("flows " + TranscriptText.Number(flow));
        }

        return TranscriptText.Number(total) + " credits" + (parts.Count > 0 ? " (" + string.Join(", ", parts) + ")" : string.Empty);
    }

    internal static string UsageText(Usage? usage)
    {
        if (usage == null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (usage.InputTokens is long input)
        {
            parts.Add(TranscriptText.Number(input) + " input tokens" + (usage.CachedInputTokens is long cached ? " (" + TranscriptText.Number(cached) + " cached)" : string.Empty));
        }

        if (usage.OutputTokens is long output)
        {
            parts.Add(TranscriptText.Number(output) + " output tokens");
        }

        if (usage.ReasoningTokens is long reasoning)
        {
            parts.Add(TranscriptText.Number(reasoning) + " reasoning tokens");
        }

        return string.Join(", ", parts);
    }

    private static void Fact(TextWriter w, string label, string cssClass, Action value)
    {
        w.Write("<dt>");
        w.Write(label);
        w.Write("</dt><dd class=\"");
        w.Write(cssClass);
        w.Write("\">");
        value();
        w.Write("</dd>\n");
    }

    internal static void WriteTime(TextWriter w, DateTimeOffset value)
    {
        w.Write("<time datetime=\"");
        w.Write(TranscriptText.IsoTimestamp(value));
        w.Write("\">");
        w.Write(TranscriptText.Timestamp(value));
        w.Write("</time>");
    }

    /// <summary>The role's class comes from a fixed list, never from the role string itself.</summary>
    private static string RoleClass(string? role) => role switch
    {
        "user" => "turn-user",
        "assistant" => "turn-assistant",
        "system" => "turn-system",
        _ => "turn-other",
    };

    internal static string Author(Session header, Message message) =>
        !string.IsNullOrEmpty(message.AuthorName) ? message.AuthorName!
        : message.Role == "assistant" && !string.IsNullOrEmpty(header.AgentName) ? header.AgentName!
        : message.Role ?? "unknown";

    private static void WriteTurn(TextWriter w, Session header, Message message)
    {
        w.Write("<article class=\"turn ");
        w.Write(RoleClass(message.Role));
        w.Write("\">\n<header class=\"turn-header\"><span class=\"author\">");
        TranscriptText.WriteHtml(w, Author(header, message));
        w.Write("</span><span class=\"role\">");
        TranscriptText.WriteHtml(w, message.Role ?? "message");
        w.Write("</span>");
        if (message.CreatedAt is DateTimeOffset created)
        {
            w.Write("<span class=\"timestamp\">");
            WriteTime(w, created);
            w.Write("</span>");
        }

        w.Write("</header>\n");

        // With content, the content is the text and parts add tool calls and files; without it, the parts are the
        // answer, written in order so text and the tool calls between it read as they happened.
        bool hasContent = !string.IsNullOrEmpty(message.Content);
        if (hasContent)
        {
            WriteText(w, message.Content);
        }

        foreach (MessagePart part in message.Parts)
        {
            WritePart(w, part, writeText: !hasContent);
        }

        w.Write("</article>\n");
    }

    private static void WriteText(TextWriter w, string? text)
    {
        w.Write("<div class=\"text\">");
        TranscriptText.WriteHtml(w, text);
        w.Write("</div>\n");
    }

    private static void WritePart(TextWriter w, MessagePart part, bool writeText)
    {
        if (string.Equals(part.Type, "text", StringComparison.Ordinal))
        {
            if (writeText && !string.IsNullOrEmpty(part.Text))
            {
                WriteText(w, part.Text);
            }

            return;
        }

        if (TranscriptParts.IsToolCall(part) || TranscriptParts.IsApproval(part))
        {
            WriteToolCall(w, part);
            return;
        }

        switch (part.Type)
        {
            case "file":
                w.Write("<p class=\"part-note part-file\">File: ");
                TranscriptText.WriteHtml(w, part.FileName ?? part.Id ?? "(unnamed)");
                if (!string.IsNullOrEmpty(part.MediaType))
                {
                    w.Write(" (");
                    TranscriptText.WriteHtml(w, part.MediaType);
                    w.Write(")");
                }

                w.Write("</p>\n");
                return;
            case "error":
                w.Write("<p class=\"part-note part-error\">Error: ");
                TranscriptText.WriteHtml(w, part.Error ?? "(no message)");
                w.Write("</p>\n");
                return;
            case "step-start":
                return;
        }

        if (!string.IsNullOrEmpty(part.Text))
        {
            // Reasoning and other text parts of kinds this version does not know: shown, but folded away.
            w.Write("<details class=\"part-other\"><summary>");
            TranscriptText.WriteHtml(w, part.Type ?? "part");
            w.Write("</summary><div class=\"detail-body\"><div class=\"text\">");
            TranscriptText.WriteHtml(w, part.Text);
            w.Write("</div></div></details>\n");
        }
    }

    private static void WriteToolCall(TextWriter w, MessagePart part)
    {
        TranscriptOutcome outcome = TranscriptParts.Outcome(part);
        bool approval = TranscriptParts.IsApproval(part) && !TranscriptParts.IsToolCall(part);
        w.Write("<details class=\"tool-call\"><summary>");
        w.Write(approval ? "Approval " : "Tool call ");
        w.Write("<code class=\"tool-name\">");
        TranscriptText.WriteHtml(w, part.ToolName ?? part.ToolCallId ?? part.Type ?? "tool");
        w.Write("</code>");
        // The raw state is shown only when the badge does not already say it.
        if (!string.IsNullOrEmpty(part.ToolCallState) && !string.Equals(part.ToolCallState, TranscriptParts.Describe(outcome), StringComparison.OrdinalIgnoreCase))
        {
            w.Write(" <span class=\"tool-state\">");
            TranscriptText.WriteHtml(w, part.ToolCallState);
            w.Write("</span>");
        }

        if (outcome != TranscriptOutcome.None)
        {
            WriteBadge(w, outcome);
        }

        w.Write("</summary><div class=\"detail-body\">\n");
        if (!string.IsNullOrEmpty(part.ToolCallId))
        {
            w.Write("<p class=\"part-note\">Call id <span class=\"id\">");
            TranscriptText.WriteHtml(w, part.ToolCallId);
            w.Write("</span></p>\n");
        }

        if (TranscriptParts.TryGetArguments(part, out JsonElement args))
        {
            w.Write("<h3>Arguments</h3><pre class=\"tool-arguments\">");
            TranscriptText.WriteHtml(w, TranscriptParts.Display(args));
            w.Write("</pre>\n");
        }

        if (TranscriptParts.TryGetResult(part, out JsonElement result))
        {
            w.Write("<h3>Result</h3><pre class=\"tool-result\">");
            TranscriptText.WriteHtml(w, TranscriptParts.Display(result));
            w.Write("</pre>\n");
        }

        if (!string.IsNullOrEmpty(part.Error))
        {
            w.Write("<h3>Error</h3><pre class=\"tool-error\">");
            TranscriptText.WriteHtml(w, part.Error);
            w.Write("</pre>\n");
        }

        w.Write("</div></details>\n");
    }

    private static void WriteBadge(TextWriter w, TranscriptOutcome outcome)
    {
        string text = TranscriptParts.Describe(outcome);
        w.Write(" <span class=\"badge outcome outcome-");
        w.Write(text.Replace(' ', '-'));
        w.Write("\">");
        w.Write(text);
        w.Write("</span>");
    }

    /// <summary>An ask the session is waiting on; its outcome is "awaiting approval" until someone answers.</summary>
    private static void WriteApproval(TextWriter w, PendingApproval approval)
    {
        w.Write("<aside class=\"approval\">\n<h2>");
        w.Write(approval.Type == "human_input" ? "Question: " : "Approval asked: ");
        TranscriptText.WriteHtml(w, approval.Title ?? approval.ToolName ?? approval.Type ?? "approval");
        WriteBadge(w, TranscriptOutcome.AwaitingApproval);
        w.Write("</h2>\n<dl class=\"facts\">\n");
        if (!string.IsNullOrEmpty(approval.ToolName))
        {
            Fact(w, "Tool", "tool-name", () =>
            {
                TranscriptText.WriteHtml(w, approval.ToolName);
                if (!string.IsNullOrEmpty(approval.ServerLabel))
                {
                    w.Write(" (");
                    TranscriptText.WriteHtml(w, approval.ServerLabel);
                    w.Write(")");
                }
            });
        }

        if (!string.IsNullOrEmpty(approval.Reason))
        {
            Fact(w, "Reason", "reason", () => TranscriptText.WriteHtml(w, approval.Reason));
        }

        foreach (DisplayField field in approval.DisplayFields)
        {
            w.Write("<dt>");
            TranscriptText.WriteHtml(w, field.Label);
            w.Write("</dt><dd class=\"display-field\">");
            TranscriptText.WriteHtml(w, field.Value);
            w.Write("</dd>\n");
        }

        if (approval.Questions is { Count: > 0 } questions)
        {
            Fact(w, "Questions", "questions", () => TranscriptText.WriteHtml(w, string.Join("; ", questions.Select(QuestionText))));
        }

        Fact(w, "Request id", "id", () => TranscriptText.WriteHtml(w, approval.ActionRequestId));
        w.Write("</dl>\n</aside>\n");
    }

    private static string QuestionText(object? question)
    {
        if (question is JsonMap map)
        {
            object? label = map.TryGetValue("label", out object? l) ? l : map.TryGetValue("name", out object? n) ? n : null;
            return label?.ToString() ?? map.ToString();
        }

        return question?.ToString() ?? string.Empty;
    }
}
