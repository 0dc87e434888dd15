using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>One ranked hit of a Brain search (API.md 11.4). Rank 1 is the best match.</summary>
public sealed class BrainSearchResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "document_id", "source", "title", "content", "url", "score", "updated_at", "owner_name", "owner_email", "parent_title", "metadata");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The place in the ranked answer, from 1.</summary>
    public int Rank { get; set; }

    /// <summary>The query that found it, so results of several searches stay told apart in one pipeline.</summary>
    public string? Query { get; set; }
    public string? DocumentId { get; set; }

    /// <summary>The kind of source it came from: <c>google_drive</c>, <c>slack</c>, <c>direct_file_uploads</c>, ...</summary>
    public string? Source { get; set; }
    public string? Title { get; set; }

    /// <summary>The matching snippet.</summary>
    public string? Content { get; set; }
    public string? Url { get; set; }

    /// <summary>Relevance from 0 to 1; null when the service gives none.</summary>
    public double? Score { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? OwnerName { get; set; }
    public string? OwnerEmail { get; set; }
    public string? ParentTitle { get; set; }
    public JsonMap Metadata { get; set; } = new JsonMap();

    public static BrainSearchResult FromJson(JsonElement element, int rank = 0, string? query = null)
    {
        var result = new BrainSearchResult { Rank = rank, Query = query };
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.DocumentId = JsonRead.String(e, "document_id");
        result.Source = JsonRead.String(e, "source");
        result.Title = JsonRead.String(e, "title");
        result.Content = JsonRead.String(e, "content");
        result.Url = JsonRead.String(e, "url");
        result.Score = JsonRead.Double(e, "score");
        result.UpdatedAt = JsonRead.Timestamp(e, "updated_at");
        result.OwnerName = JsonRead.String(e, "owner_name");
        result.OwnerEmail = JsonRead.String(e, "owner_email");
        result.ParentTitle = JsonRead.String(e, "parent_title");
        result.Metadata = JsonRead.Map(e, "metadata") ?? new JsonMap();
        return result;
    }

    /// <summary>The title, or for an untitled hit (a chat message) the start of its snippet.</summary>
    public override string ToString()
    {
        if (!string.IsNullOrWhiteSpace(Title))
        {
            return Title!;
        }

        string text = Content ?? DocumentId ?? string.Empty;
        return text.Length <= 80 ? text : text.Substring(0, 79) + "\u2026";
    }
}
