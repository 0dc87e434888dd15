using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// What indexing a source's uploads will cost (GET /brain/sources/{id}/estimate). The nested <c>estimate</c> object
/// is flattened into properties so the object exports to CSV as plain columns; <see cref="HasEstimate"/> is false
/// until an upload produced a run.
/// </summary>
public sealed class BrainSourceEstimate : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("source_id", "status", "estimate");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? SourceId { get; set; }

    /// <summary>The source's status: <c>draft</c>, <c>active</c> or <c>paused</c>.</summary>
    public string? Status { get; set; }

    public bool HasEstimate { get; set; }
    public string? SyncRunId { get; set; }

    /// <summary>The estimate run's status; <c>paused_for_approval</c> when it waits for Approve-GumloopBrainSource.</summary>
    public string? EstimateStatus { get; set; }
    public long? EstimatedTokens { get; set; }

    /// <summary>Credits that approving will charge, rounded up to a multiple of 5.</summary>
    public long? EstimatedCredits { get; set; }
    public int? DocumentCount { get; set; }

    public static BrainSourceEstimate FromJson(JsonElement element, string? sourceId = null)
    {
        var estimate = new BrainSourceEstimate();
        estimate.SetRaw(element);
        JsonElement e = estimate.Raw;
        estimate.SourceId = JsonRead.String(e, "source_id") ?? sourceId;
        estimate.Status = JsonRead.String(e, "status");
        if (JsonRead.TryGet(e, "estimate", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
        {
            estimate.HasEstimate = true;
            estimate.SyncRunId = JsonRead.String(inner, "sync_run_id");
            estimate.EstimateStatus = JsonRead.String(inner, "status");
            estimate.EstimatedTokens = JsonRead.Int64(inner, "estimated_tokens");
            estimate.EstimatedCredits = JsonRead.Int64(inner, "estimated_credits");
            estimate.DocumentCount = JsonRead.Int32(inner, "document_count");
        }

        return estimate;
    }

    public override string ToString() =>
        HasEstimate
            ? $"{SourceId}: {EstimatedCredits?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} credits for {DocumentCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} documents"
            : $"{SourceId}: no estimate yet";
}
