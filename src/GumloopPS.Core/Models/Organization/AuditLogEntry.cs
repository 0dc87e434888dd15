using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>One event of an organization's audit log. Every property is a single value, so a row exports to CSV as is.</summary>
public sealed class AuditLogEntry : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("event_id", "timestamp", "event_type", "user_id", "details", "source_ip", "user_agent");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? EventId { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? EventType { get; set; }

    /// <summary>The user who acted.</summary>
    public string? UserId { get; set; }
    public string? Details { get; set; }
    public string? SourceIp { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>The organization whose log was read; the answer does not repeat it.</summary>
    public string? OrganizationId { get; set; }

    public static AuditLogEntry FromJson(JsonElement element) => FromJson(element, null);

    public static AuditLogEntry FromJson(JsonElement element, string? organizationId)
    {
        var entry = new AuditLogEntry();
        entry.SetRaw(element);
        JsonElement e = entry.Raw;
        entry.EventId = JsonRead.String(e, "event_id");
        entry.Timestamp = JsonRead.Timestamp(e, "timestamp");
        entry.EventType = JsonRead.String(e, "event_type");
        entry.UserId = JsonRead.String(e, "user_id");
        entry.Details = JsonRead.String(e, "details");
        entry.SourceIp = JsonRead.String(e, "source_ip");
        entry.UserAgent = JsonRead.String(e, "user_agent");
        entry.OrganizationId = organizationId;
        return entry;
    }

    public override string ToString() => (EventType ?? string.Empty) + " " + (EventId ?? string.Empty);
}
