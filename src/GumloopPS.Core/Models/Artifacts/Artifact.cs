using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A file an agent produced (API.md 11.4, listArtifacts).</summary>
public sealed class Artifact : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "version_id", "major_version", "agent_id", "session_id", "filename", "created_at", "metadata", "url", "creator");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }

    /// <summary>The same id, under the name Save-GumloopArtifact binds from the pipeline.</summary>
    public string? ArtifactId => Id;

    /// <summary>The version listed; Save-GumloopArtifact downloads this one when the artifact is piped to it.</summary>
    public string? VersionId { get; set; }

    public int? MajorVersion { get; set; }
    public string? AgentId { get; set; }
    public string? SessionId { get; set; }
    public string? FileName { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary><c>metadata.media_type</c>, where the service recorded one.</summary>
    public string? MediaType { get; set; }

    /// <summary><c>metadata.size</c> in bytes, where the service recorded one.</summary>
    public long? Size { get; set; }

    public JsonMap Metadata { get; set; } = new JsonMap();

    /// <summary>A short-lived signed URL to the file, when the list carried one.</summary>
    public string? Url { get; set; }

    public Creator? Creator { get; set; }

    /// <summary>The creator's name (or email), for tables and CSV.</summary>
    public string? CreatorName => Creator?.ToString() is { Length: > 0 } name ? name : null;

    public static Artifact FromJson(JsonElement element)
    {
        var artifact = new Artifact();
        artifact.SetRaw(element);
        JsonElement e = artifact.Raw;
        artifact.Id = JsonRead.String(e, "id");
        artifact.VersionId = JsonRead.String(e, "version_id");
        artifact.MajorVersion = JsonRead.Int32(e, "major_version");
        artifact.AgentId = JsonRead.String(e, "agent_id");
        artifact.SessionId = JsonRead.String(e, "session_id");
        artifact.FileName = JsonRead.String(e, "filename");
        artifact.CreatedAt = JsonRead.Timestamp(e, "created_at");
        artifact.Metadata = JsonRead.Map(e, "metadata") ?? new JsonMap();
        if (JsonRead.TryGet(e, "metadata", out JsonElement metadata))
        {
            artifact.MediaType = JsonRead.String(metadata, "media_type");
            artifact.Size = JsonRead.Int64(metadata, "size");
        }

        artifact.Url = JsonRead.String(e, "url");
        if (JsonRead.TryGet(e, "creator", out JsonElement creator) && creator.ValueKind == JsonValueKind.Object)
        {
            artifact.Creator = Creator.FromJson(creator);
        }

        return artifact;
    }

    public override string ToString() => FileName ?? Id ?? string.Empty;
}

/// <summary>The answer of GET /artifacts/{id}/download: a signed URL and what it points to.</summary>
public sealed class ArtifactDownload : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("download_url", "filename", "media_type", "size");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ArtifactId { get; set; }
    public string? VersionId { get; set; }

    /// <summary>The signed URL. It grants access by itself, so it is never written to verbose output or errors.</summary>
    public string DownloadUrl { get; set; } = string.Empty;

    public string? FileName { get; set; }
    public string? MediaType { get; set; }
    public long? Size { get; set; }

    public static ArtifactDownload FromJson(JsonElement element)
    {
        var download = new ArtifactDownload();
        download.SetRaw(element);
        JsonElement e = download.Raw;
        download.DownloadUrl = JsonRead.String(e, "download_url") ?? string.Empty;
        download.FileName = JsonRead.String(e, "filename");
        download.MediaType = JsonRead.String(e, "media_type");
        download.Size = JsonRead.Int64(e, "size");
        return download;
    }

    public override string ToString() => FileName ?? ArtifactId ?? string.Empty;
}

/// <summary>Filters of GET /agents/{id}/artifacts.</summary>
public sealed class ArtifactListQuery
{
    public string? SessionId { get; set; }

    /// <summary>Case-insensitive substring of the file name (<c>search_query</c>).</summary>
    public string? Search { get; set; }

    /// <summary><c>newest</c> (the service's default) or <c>oldest</c>.</summary>
    public string? SortOrder { get; set; }
}
