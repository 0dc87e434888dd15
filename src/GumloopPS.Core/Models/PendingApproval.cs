using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class PendingApproval : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "action_request_id", "type", "title", "reason", "recipient_user_id", "tool_name", "server_label",
        "display_fields", "questions");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? SessionId { get; set; }
    public string? ActionRequestId { get; set; }
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Reason { get; set; }
    public string? RecipientUserId { get; set; }
    public string? ToolName { get; set; }
    public string? ServerLabel { get; set; }
    public DisplayFieldCollection DisplayFields { get; set; } = new DisplayFieldCollection();
    public JsonList? Questions { get; set; }

    public static PendingApproval FromJson(JsonElement element, string? sessionId = null)
    {
        var approval = new PendingApproval { SessionId = sessionId };
        approval.SetRaw(element);
        JsonElement e = approval.Raw;
        approval.ActionRequestId = JsonRead.String(e, "action_request_id");
        approval.Type = JsonRead.String(e, "type");
        approval.Title = JsonRead.String(e, "title");
        approval.Reason = JsonRead.String(e, "reason");
        approval.RecipientUserId = JsonRead.String(e, "recipient_user_id");
        approval.ToolName = JsonRead.String(e, "tool_name");
        approval.ServerLabel = JsonRead.String(e, "server_label");
        approval.Questions = JsonRead.List(e, "questions");
        if (JsonRead.TryGet(e, "display_fields", out JsonElement fields) && fields.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement field in fields.EnumerateArray())
            {
                DisplayField? parsed = DisplayField.FromJson(field);
                if (parsed != null)
                {
                    approval.DisplayFields.Add(parsed);
                }
            }
        }

        return approval;
    }

    public override string ToString() => Title ?? ToolName ?? Type ?? ActionRequestId ?? string.Empty;
}

public sealed class DisplayField
{
    public DisplayField(string? label, string? value)
    {
        Label = label;
        Value = value;
    }

    public string? Label { get; }
    public string? Value { get; }

    /// <summary>Documented as [label, value] pairs; an object form {label, value} is accepted in case that changes.</summary>
    internal static DisplayField? FromJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            string? label = null;
            string? value = null;
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                string? text = item.ValueKind == JsonValueKind.String ? item.GetString()
                    : item.ValueKind == JsonValueKind.Null ? null : item.GetRawText();
                if (index == 0)
                {
                    label = text;
                }
                else if (index == 1)
                {
                    value = text;
                }

                index++;
            }

            return index == 0 ? null : new DisplayField(label, value);
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            return new DisplayField(JsonRead.FirstString(element, "label", "name"), JsonRead.String(element, "value"));
        }

        return null;
    }

    public override string ToString() => (Label ?? string.Empty) + "=" + (Value ?? string.Empty);
}

public sealed class QueuedMessage : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "input", "state", "position", "created_at", "updated_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? SessionId { get; set; }
    public string? Input { get; set; }
    public string? State { get; set; }
    public int? Position { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static QueuedMessage FromJson(JsonElement element, string? sessionId = null)
    {
        var queued = new QueuedMessage { SessionId = sessionId };
        queued.SetRaw(element);
        JsonElement e = queued.Raw;
        queued.Id = JsonRead.String(e, "id");
        queued.Input = JsonRead.String(e, "input");
        queued.State = JsonRead.String(e, "state");
        queued.Position = JsonRead.Int32(e, "position");
        queued.CreatedAt = JsonRead.Timestamp(e, "created_at");
        queued.UpdatedAt = JsonRead.Timestamp(e, "updated_at");
        return queued;
    }

    public override string ToString() => (Position.HasValue ? Position.Value + ". " : string.Empty) + (Input ?? Id ?? string.Empty);
}
