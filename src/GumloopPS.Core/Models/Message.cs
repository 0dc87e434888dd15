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
        if (e.ValueKind != JsonValueKind.Object)
        {
            return message;
        }

        // One pass over the fields rather than a lookup per property: a transcript reads a million of these.
        // A repeated field counts as its last occurrence, as JsonElement.TryGetProperty reads it.
        JsonElement parts = default;
        JsonElement createdAt = default;
        foreach (JsonProperty property in e.EnumerateObject())
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "id":
                    message.Id = StringOrNull(value);
                    break;
                case "role":
                    message.Role = StringOrNull(value);
                    break;
                case "content":
                    message.Content = StringOrNull(value);
                    break;
                case "creator_id":
                    message.CreatorId = StringOrNull(value);
                    break;
                case "created_at":
                    createdAt = value;
                    break;
                case "parts":
                    parts = value;
                    break;
            }
        }

        message.CreatedAt = JsonRead.Timestamp(createdAt);
        if (parts.ValueKind == JsonValueKind.Array)
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

    private static string? StringOrNull(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
        if (e.ValueKind != JsonValueKind.Object)
        {
            return part;
        }

        // One pass over the part's fields instead of a lookup per accepted name: a part is looked up under 18 names
        // (the documented camelCase and the spellings tolerated beside it), most of them absent, and each absent
        // name was a scan of every field. A transcript reads a part per reply, so this is on the export's hot path.
        // A repeated field counts as its last occurrence, as JsonElement.TryGetProperty reads it.
        var values = new string?[AliasCount];
        JsonElement error = default;
        bool hasError = false;
        foreach (JsonProperty property in e.EnumerateObject())
        {
            string name = property.Name;
            if (string.Equals(name, "error", StringComparison.Ordinal))
            {
                error = property.Value;
                hasError = true;
                continue;
            }

            int slot = AliasSlot(name);
            if (slot >= 0)
            {
                values[slot] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        part.Type = values[0];
        part.Id = values[1];
        part.Text = values[2];

        // Parts use camelCase in the documented examples; tolerate snake_case in case the server normalises. The
        // first name of each group that holds a string wins.
        part.ToolCallId = values[3] ?? values[4];
        part.ToolName = values[5] ?? values[6];
        part.ToolCallState = values[7] ?? values[8] ?? values[9];
        part.FileName = values[10] ?? values[11] ?? values[12] ?? values[13];
        part.MediaType = values[14] ?? values[15] ?? values[16] ?? values[17];
        if (hasError)
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                part.Error = error.GetString();
            }
            else if (error.ValueKind == JsonValueKind.Object)
            {
                part.Error = JsonRead.FirstString(error, "message", "code") ?? error.GetRawText();
            }
        }

        return part;
    }

    private const int AliasCount = 18;

    /// <summary>Where <see cref="FromJson"/> keeps a field's string; groups of aliases sit together, in order of preference.</summary>
    private static int AliasSlot(string name)
    {
        switch (name)
        {
            case "type": return 0;
            case "id": return 1;
            case "text": return 2;
            case "toolCallId": return 3;
            case "tool_call_id": return 4;
            case "toolName": return 5;
            case "tool_name": return 6;
            case "toolCallState": return 7;
            case "tool_call_state": return 8;
            case "state": return 9;
            case "file_name": return 10;
            case "fileName": return 11;
            case "filename": return 12;
            case "name": return 13;
            case "media_type": return 14;
            case "mediaType": return 15;
            case "mime_type": return 16;
            case "mimeType": return 17;
            default: return -1;
        }
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
