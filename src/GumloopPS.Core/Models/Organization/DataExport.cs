using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A data export job (POST /export_data, GET /export_status).</summary>
public sealed class DataExport : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("success", "data_export_id", "state", "created_ts", "finished_ts");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The API's <c>data_export_id</c>.</summary>
    public string? ExportId { get; set; }

    /// <summary>REQUESTED, IN_PROGRESS, COMPLETED or FAILED; other values are kept as sent.</summary>
    public string? State { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Set once the export is COMPLETED or FAILED.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The data type asked for, when this object came from starting the export; the status answer does not repeat it.</summary>
    public string? DataType { get; set; }

    public static DataExport FromJson(JsonElement element)
    {
        var export = new DataExport();
        export.SetRaw(element);
        JsonElement e = export.Raw;
        export.ExportId = JsonRead.String(e, "data_export_id");
        export.State = JsonRead.String(e, "state");
        export.CreatedAt = JsonRead.Timestamp(e, "created_ts");
        export.FinishedAt = JsonRead.Timestamp(e, "finished_ts");
        return export;
    }

    public bool IsCompleted => string.Equals(State, "COMPLETED", StringComparison.OrdinalIgnoreCase);

    public bool IsFailed => string.Equals(State, "FAILED", StringComparison.OrdinalIgnoreCase);

    /// <summary>True once the export has ended, either way.</summary>
    public bool IsFinished => IsCompleted || IsFailed;

    public override string ToString() => (ExportId ?? string.Empty) + " " + (State ?? string.Empty);
}
