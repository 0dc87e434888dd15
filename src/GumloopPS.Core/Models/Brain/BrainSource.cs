using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A Company Brain source (API.md 11.4): a connector or a folder of uploaded files that search reads.</summary>
public sealed class BrainSource : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "name", "source_type", "status", "scope", "team_id", "created_by_user_id", "created_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The source's id; named SourceId so the Brain file and estimate cmdlets bind it from a piped source.</summary>
    public string? SourceId { get; set; }
    public string? Name { get; set; }

    /// <summary><c>direct_file_uploads</c>, <c>notion</c>, <c>google_drive</c>, ...; unknown types are kept as sent.</summary>
    public string? SourceType { get; set; }

    /// <summary><c>draft</c> (waits for approval), <c>active</c> or <c>paused</c>.</summary>
    public string? Status { get; set; }

    /// <summary><c>personal</c>, <c>team</c> or <c>organization</c>.</summary>
    public string? Scope { get; set; }
    public string? TeamId { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    public static BrainSource FromJson(JsonElement element)
    {
        var source = new BrainSource();
        source.SetRaw(element);
        JsonElement e = source.Raw;
        source.SourceId = JsonRead.String(e, "id");
        source.Name = JsonRead.String(e, "name");
        source.SourceType = JsonRead.String(e, "source_type");
        source.Status = JsonRead.String(e, "status");
        source.Scope = JsonRead.String(e, "scope");
        source.TeamId = JsonRead.String(e, "team_id");
        source.CreatedByUserId = JsonRead.String(e, "created_by_user_id");
        source.CreatedAt = JsonRead.Timestamp(e, "created_at");
        return source;
    }

    /// <summary>Reads <c>{"source": {...}}</c>; a bare source object is accepted too.</summary>
    public static BrainSource FromEnvelope(JsonElement root) =>
        JsonRead.TryGet(root, "source", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? FromJson(inner) : FromJson(root);

    public override string ToString() => Name ?? SourceId ?? string.Empty;
}
