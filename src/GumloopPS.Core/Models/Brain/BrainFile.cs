using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A file uploaded to a Brain source (API.md 11.4), with its indexing status.</summary>
public sealed class BrainFile : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "file_name", "mime_type", "size_bytes", "sha256", "status", "error", "document_id", "created_at", "indexed_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The source the file belongs to (not part of the answer; the request names it).</summary>
    public string? SourceId { get; set; }

    public string? FileId { get; set; }
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }

    /// <summary><c>uploaded</c>, <c>indexing</c>, <c>indexed</c> or <c>failed</c>; unknown values are kept as sent.</summary>
    public string? Status { get; set; }

    /// <summary>Why indexing failed; null otherwise.</summary>
    public string? Error { get; set; }

    /// <summary>The search document id, once the file is searchable.</summary>
    public string? DocumentId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? IndexedAt { get; set; }

    /// <summary>The local file this was uploaded from, when Add-GumloopBrainFile uploaded it.</summary>
    public string? SourcePath { get; set; }

    /// <summary>True once indexing has ended, either way: <c>indexed</c> or <c>failed</c>.</summary>
    public bool IsSettled => IsSettledStatus(Status);

    public static bool IsSettledStatus(string? status) =>
        string.Equals(status, "indexed", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase);

    public static BrainFile FromJson(JsonElement element, string? sourceId = null)
    {
        var file = new BrainFile { SourceId = sourceId };
        file.SetRaw(element);
        JsonElement e = file.Raw;
        file.FileId = JsonRead.String(e, "id");
        file.FileName = JsonRead.String(e, "file_name");
        file.MimeType = JsonRead.String(e, "mime_type");
        file.SizeBytes = JsonRead.Int64(e, "size_bytes");
        file.Sha256 = JsonRead.String(e, "sha256");
        file.Status = JsonRead.String(e, "status");
        file.Error = JsonRead.String(e, "error");
        file.DocumentId = JsonRead.String(e, "document_id");
        file.CreatedAt = JsonRead.Timestamp(e, "created_at");
        file.IndexedAt = JsonRead.Timestamp(e, "indexed_at");
        return file;
    }

    public override string ToString() => FileName ?? FileId ?? string.Empty;
}

/// <summary>A file the service refused in an upload, with its reason (for example <c>unsupported_file_type</c>).</summary>
public sealed class BrainFileRejection
{
    public BrainFileRejection(string? fileName, string? error)
    {
        FileName = fileName;
        Error = error;
    }

    public string? FileName { get; }
    public string? Error { get; }

    public override string ToString() => (FileName ?? "?") + ": " + (Error ?? "rejected");
}

/// <summary>The answer to one upload request: the files stored, the files refused, and the indexing run.</summary>
public sealed class BrainUploadResult
{
    public BrainUploadResult(IReadOnlyList<BrainFile> files, IReadOnlyList<BrainFileRejection> rejected, string? syncRunId)
    {
        Files = files;
        Rejected = rejected;
        SyncRunId = syncRunId;
    }

    public IReadOnlyList<BrainFile> Files { get; }
    public IReadOnlyList<BrainFileRejection> Rejected { get; }
    public string? SyncRunId { get; }
}
