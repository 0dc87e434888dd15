using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One run of a flow. <c>POST /start_pipeline</c> supplies the ids and the link, <c>GET /get_pl_run</c> the state,
/// outputs and log; the client merges both, because neither answer carries everything.
/// </summary>
public sealed class FlowRun : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "run_id", "saved_item_id", "workbook_id", "url", "user_id", "state", "outputs", "created_ts", "finished_ts", "log");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? RunId { get; set; }
    public string? FlowId { get; set; }
    public string? WorkbookId { get; set; }

    /// <summary>Link to the run in the Gumloop app.</summary>
    public string? Url { get; set; }

    /// <summary><c>QUEUED</c>, <c>RUNNING</c>, <c>DONE</c>, <c>FAILED</c>, <c>TERMINATING</c> or <c>TERMINATED</c>, exactly as sent; null before the first poll.</summary>
    public string? State { get; set; }

    /// <summary>Keyed by the output steps' names; filled when the run is DONE.</summary>
    public FlowRunOutputs Outputs { get; set; } = new FlowRunOutputs();
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public FlowRunLog Log { get; set; } = new FlowRunLog();
    public string? UserId { get; set; }

    /// <summary>DONE, FAILED and TERMINATED end a run. TERMINATING does not: a kill is still in progress.</summary>
    public static bool IsTerminalState(string? state) =>
        string.Equals(state, "DONE", StringComparison.OrdinalIgnoreCase)
        || string.Equals(state, "FAILED", StringComparison.OrdinalIgnoreCase)
        || string.Equals(state, "TERMINATED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a <c>get_pl_run</c> answer, a <c>start_pipeline</c> answer or a run-history item.</summary>
    /// <param name="runId">Used when the JSON has no <c>run_id</c> (get_pl_run answers do not repeat it).</param>
    public static FlowRun FromJson(JsonElement element, string? runId = null)
    {
        var run = new FlowRun();
        run.SetRaw(element);
        JsonElement e = run.Raw;
        run.RunId = JsonRead.String(e, "run_id") ?? runId;
        run.FlowId = JsonRead.String(e, "saved_item_id");
        run.WorkbookId = JsonRead.String(e, "workbook_id");
        run.Url = JsonRead.String(e, "url");
        run.UserId = JsonRead.String(e, "user_id");
        run.State = JsonRead.String(e, "state");
        run.CreatedAt = JsonRead.Timestamp(e, "created_ts");
        run.FinishedAt = JsonRead.Timestamp(e, "finished_ts");
        if (JsonRead.TryGet(e, "outputs", out JsonElement outputs) && outputs.ValueKind == JsonValueKind.Object)
        {
            run.Outputs = FlowRunOutputs.FromJson(outputs);
        }

        if (JsonRead.TryGet(e, "log", out JsonElement log))
        {
            run.Log = FlowRunLog.FromJson(log);
        }

        return run;
    }

    /// <summary>
    /// Fills what this answer lacks from an earlier view of the same run (ids and link from the start answer),
    /// so polling never loses them. Returns this instance.
    /// </summary>
    public FlowRun MergeFrom(FlowRun? earlier)
    {
        if (earlier == null)
        {
            return this;
        }

        RunId ??= earlier.RunId;
        FlowId ??= earlier.FlowId;
        WorkbookId ??= earlier.WorkbookId;
        Url ??= earlier.Url;
        UserId ??= earlier.UserId;
        CreatedAt ??= earlier.CreatedAt;
        return this;
    }

    public override string ToString() => State == null ? RunId ?? string.Empty : $"{RunId} ({State})";
}

/// <summary>
/// Flow outputs by name. A dictionary so <c>$run.Outputs.summary</c> works in PowerShell; ToString gives
/// <c>name=value; name=value</c>, so Export-Csv writes the values and not a type name.
/// </summary>
public sealed class FlowRunOutputs : Dictionary<string, object?>
{
    public FlowRunOutputs()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public static FlowRunOutputs FromJson(JsonElement element)
    {
        var outputs = new FlowRunOutputs();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return outputs;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!outputs.ContainsKey(property.Name))
            {
                outputs[property.Name] = JsonConvertValue.ToObject(property.Value);
            }
        }

        return outputs;
    }

    public override string ToString() => string.Join("; ", this.Select(pair => pair.Key + "=" + FormatValue(pair.Value)));

    private static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>The log lines of a run; ToString joins them with line breaks for CSV cells and messages.</summary>
public sealed class FlowRunLog : List<string>
{
    public FlowRunLog()
    {
    }

    public FlowRunLog(IEnumerable<string> lines)
        : base(lines)
    {
    }

    public static FlowRunLog FromJson(JsonElement element)
    {
        var log = new FlowRunLog();
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                // A structured entry is kept as its JSON rather than dropped: the log is for people reading it.
                if (item.ValueKind == JsonValueKind.String)
                {
                    log.Add(item.GetString() ?? string.Empty);
                }
                else if (item.ValueKind != JsonValueKind.Null)
                {
                    log.Add(item.GetRawText());
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            log.AddRange((element.GetString() ?? string.Empty).Replace("\r\n", "\n").Split('\n'));
        }

        return log;
    }

    public override string ToString() => string.Join("\n", this);
}

/// <summary>Answer of <c>POST /kill_pipeline</c>.</summary>
public sealed class FlowRunKillResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("success", "run_id");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? RunId { get; set; }
    public bool? Success { get; set; }

    public static FlowRunKillResult FromJson(JsonElement element, string? runId = null)
    {
        var result = new FlowRunKillResult();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.RunId = JsonRead.String(e, "run_id") ?? runId;
        result.Success = JsonRead.Bool(e, "success");
        return result;
    }

    public override string ToString() => $"{RunId} killed={(Success == true ? "true" : "false")}";
}

/// <summary>Answer of <c>POST /upload_file</c> (200) or <c>POST /upload_files</c> (200 or 207 partial success).</summary>
public sealed class FlowFileUploadResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("success", "partial_success", "file_name", "uploaded_files", "failed_files");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public bool? Success { get; set; }
    public bool? PartialSuccess { get; set; }
    public FlowFileNameCollection UploadedFiles { get; set; } = new FlowFileNameCollection();
    public FlowFileNameCollection FailedFiles { get; set; } = new FlowFileNameCollection();

    public static FlowFileUploadResult FromJson(JsonElement element)
    {
        var result = new FlowFileUploadResult();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.Success = JsonRead.Bool(e, "success");
        result.PartialSuccess = JsonRead.Bool(e, "partial_success");

        // The single-file answer names its file in file_name; treat it as a one-item uploaded list.
        string? single = JsonRead.String(e, "file_name");
        if (single != null && result.Success != false)
        {
            result.UploadedFiles.Add(single);
        }
        else if (single != null)
        {
            result.FailedFiles.Add(single);
        }

        result.UploadedFiles.AddRange(Strings(e, "uploaded_files"));
        result.FailedFiles.AddRange(Strings(e, "failed_files"));
        return result;
    }

    private static IEnumerable<string> Strings(JsonElement e, string name)
    {
        if (JsonRead.TryGet(e, name, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString() ?? string.Empty;
                }
            }
        }
    }

    public override string ToString() =>
        FailedFiles.Count == 0 ? "uploaded: " + UploadedFiles : $"uploaded: {UploadedFiles}; failed: {FailedFiles}";
}

public sealed class FlowFileNameCollection : List<string>
{
    public override string ToString() => string.Join("; ", this);
}
