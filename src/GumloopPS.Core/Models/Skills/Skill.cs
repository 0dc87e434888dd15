using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A skill (API.md 11.4): a SKILL.md with optional files, versioned, that agents can use.</summary>
public sealed class Skill : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "name", "description", "team_id", "created_at", "updated_at", "metadata", "usage_count", "view_count",
        "last_used_at", "version_id", "major_version", "is_deployed", "version_created_at", "creator");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The skill id; Remove-, Set- and Save-GumloopSkill bind it by property name (their -SkillId has the alias Id).</summary>
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? TeamId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public JsonMap Metadata { get; set; } = new JsonMap();

    /// <summary>The MCP servers the skill's metadata names (<c>metadata.related_server_ids</c>), written as JSON text in CSV.</summary>
    public JsonList RelatedServerIds { get; set; } = new JsonList();
    public int? UsageCount { get; set; }
    public int? ViewCount { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The version this answer describes (the current draft unless a version was asked for).</summary>
    public string? VersionId { get; set; }
    public int? MajorVersion { get; set; }
    public bool? IsDeployed { get; set; }
    public DateTimeOffset? VersionCreatedAt { get; set; }
    public Creator? Creator { get; set; }

    public static Skill FromJson(JsonElement element)
    {
        var skill = new Skill();
        skill.SetRaw(element);
        JsonElement e = skill.Raw;
        skill.Id = JsonRead.String(e, "id");
        skill.Name = JsonRead.String(e, "name");
        skill.Description = JsonRead.String(e, "description");
        skill.TeamId = JsonRead.String(e, "team_id");
        skill.CreatedAt = JsonRead.Timestamp(e, "created_at");
        skill.UpdatedAt = JsonRead.Timestamp(e, "updated_at");
        skill.Metadata = JsonRead.Map(e, "metadata") ?? new JsonMap();
        if (skill.Metadata.TryGetValue("related_server_ids", out object? related) && related is JsonList servers)
        {
            skill.RelatedServerIds = servers;
        }

        skill.UsageCount = JsonRead.Int32(e, "usage_count");
        skill.ViewCount = JsonRead.Int32(e, "view_count");
        skill.LastUsedAt = JsonRead.Timestamp(e, "last_used_at");
        skill.VersionId = JsonRead.String(e, "version_id");
        skill.MajorVersion = JsonRead.Int32(e, "major_version");
        skill.IsDeployed = JsonRead.Bool(e, "is_deployed");
        skill.VersionCreatedAt = JsonRead.Timestamp(e, "version_created_at");
        skill.Creator = JsonRead.TryGet(e, "creator", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? Creator.FromJson(c) : null;
        return skill;
    }

    public override string ToString() => Name ?? Id ?? string.Empty;
}

/// <summary>Where a skill version can be downloaded (GET /skills/{id}/download): a short-lived signed URL.</summary>
public sealed class SkillDownload : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("download_url", "filename", "media_type", "size", "id", "version_id", "major_version");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>Signed; fetched without the connection's credentials, and never written to any stream.</summary>
    internal string? DownloadUrl { get; set; }
    public string? FileName { get; set; }
    public string? MediaType { get; set; }
    public long? Size { get; set; }
    public string? SkillId { get; set; }
    public string? VersionId { get; set; }
    public int? MajorVersion { get; set; }

    public static SkillDownload FromJson(JsonElement element)
    {
        var download = new SkillDownload();
        download.SetRaw(element);
        JsonElement e = download.Raw;
        download.DownloadUrl = JsonRead.String(e, "download_url");
        download.FileName = JsonRead.String(e, "filename");
        download.MediaType = JsonRead.String(e, "media_type");
        download.Size = JsonRead.Int64(e, "size");
        download.SkillId = JsonRead.String(e, "id");
        download.VersionId = JsonRead.String(e, "version_id");
        download.MajorVersion = JsonRead.Int32(e, "major_version");
        return download;
    }

    public override string ToString() => FileName ?? SkillId ?? string.Empty;
}
