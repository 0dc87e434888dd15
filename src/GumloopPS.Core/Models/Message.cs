using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class Message : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "role", "content", "created_at", "creator_id", "parts");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? SessionId { get; set; }
    public string? AgentId { get; set; }
    public string? Role { get; set; }
    public string? Content { get; set; }

    /// <summary><c>content</c> if non-empty, else the text parts joined: assistant replies often carry text only in parts.</summary>
    public string? Text { get; set; }
    public string? AuthorName { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? CreatorId { get; set; }
    public MessagePartCollection Parts { get; set; } = new MessagePartCollection();

    public static Message FromJson(JsonElement element)
    {
        var message = new Message();
        message.SetRaw(element);
        JsonElement e = message.Raw;
        message.Id = JsonRead.String(e, "id");
        message.Role = JsonRead.String(e, "role");
        message.Content = JsonRead.String(e, "content");
        message.CreatedAt = JsonRead.Timestamp(e, "created_at");
        message.CreatorId = JsonRead.String(e, "creator_id");
        if (JsonRead.TryGet(e, "parts", out JsonElement parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object)
                {
                    message.Parts.Add(MessagePart.FromJson(part));
                }
            }
        }

        message.Text = ComputeText(message.Content, message.Parts);
        return message;
    }

    internal static string? ComputeText(string? content, IEnumerable<MessagePart> parts)
    {
        if (!string.IsNullOrEmpty(content))
        {
            return content;
        }

        StringBuilder? sb = null;
        foreach (MessagePart part in parts)
        {
            if (string.Equals(part.Type, "text", StringComparison.Ordinal) && !string.IsNullOrEmpty(part.Text))
            {
                sb ??= new StringBuilder();
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append(part.Text);
            }
        }

        return sb?.ToString() ?? content;
    }

    public override string ToString() => (Role ?? "message") + ": " + (Text ?? string.Empty);
}

public sealed class MessagePart : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "type", "id", "text", "toolCallId", "toolName", "toolCallState", "error", "file_name", "media_type");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Text { get; set; }
    public string? ToolCallId { get; set; }
    public string? ToolName { get; set; }
    public string? ToolCallState { get; set; }
    public string? Error { get; set; }
    public string? FileName { get; set; }
    public string? MediaType { get; set; }

    public static MessagePart FromJson(JsonElement element)
    {
        var part = new MessagePart();
        part.SetRaw(element);
        JsonElement e = part.Raw;
        part.Type = JsonRead.String(e, "type");
        part.Id = JsonRead.String(e, "id");
        part.Text = JsonRead.String(e, "text");

        // Parts use camelCase in the documented examples; tolerate snake_case in case the server normalises.
        part.ToolCallId = JsonRead.FirstString(e, "toolCallId", "tool_call_id");
        part.ToolName = JsonRead.FirstString(e, "toolName", "tool_name");
        part.ToolCallState = JsonRead.FirstString(e, "toolCallState", "tool_call_state", "state");
        part.FileName = JsonRead.FirstString(e, "file_name", "fileName", "filename", "name");
        part.MediaType = JsonRead.FirstString(e, "media_type", "mediaType", "mime_type", "mimeType");
        if (JsonRead.TryGet(e, "error", out JsonElement err))
        {
            if (err.ValueKind == JsonValueKind.String)
            {
                part.Error = err.GetString();
            }
            else if (err.ValueKind == JsonValueKind.Object)
            {
                part.Error = JsonRead.FirstString(err, "message", "code") ?? err.GetRawText();
            }
        }

        return part;
    }

    public override string ToString()
    {
        switch (Type)
        {
            case "text":
                return Shorten(Text, 80);
            case "tool_invocation":
                return "tool " + (ToolName ?? ToolCallId ?? "?") + (ToolCallState != null ? " (" + ToolCallState + ")" : string.Empty);
            case "file":
                return "file " + (FileName ?? Id ?? "?");
            case "error":
                return "error: " + Shorten(Error, 80);
            default:
                return Type ?? "part";
        }
    }

    private static string Shorten(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string oneLine = text!.Replace("\r", " ").Replace("\n", " ");
        return oneLine.Length <= max ? oneLine : oneLine.Substring(0, max - 3) + "...";
    }
}
