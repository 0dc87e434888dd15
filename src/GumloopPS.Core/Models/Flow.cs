using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A saved flow (the API calls it a saved item), with the workbook it belongs to when known.</summary>
public sealed class Flow : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("saved_item_id", "name", "description", "created_ts");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? FlowId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Null when the flow is in no workbook the caller can list.</summary>
    public string? WorkbookId { get; set; }
    public string? WorkbookName { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }

    public static Flow FromJson(JsonElement element)
    {
        var flow = new Flow();
        flow.SetRaw(element);
        JsonElement e = flow.Raw;
        flow.FlowId = JsonRead.String(e, "saved_item_id");
        flow.Name = JsonRead.String(e, "name");
        flow.Description = JsonRead.String(e, "description");
        flow.CreatedAt = JsonRead.Timestamp(e, "created_ts");
        return flow;
    }

    public override string ToString() => Name ?? FlowId ?? string.Empty;
}

/// <summary>The flows of a workbook; ToString lists their names, so a CSV cell stays readable.</summary>
public sealed class FlowCollection : List<Flow>
{
    public override string ToString() => string.Join("; ", this.Select(f => f.ToString()));
}

public sealed class Workbook : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("workbook_id", "name", "description", "created_ts", "saved_items");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? WorkbookId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public FlowCollection Flows { get; set; } = new FlowCollection();

    public static Workbook FromJson(JsonElement element)
    {
        var workbook = new Workbook();
        workbook.SetRaw(element);
        JsonElement e = workbook.Raw;
        workbook.WorkbookId = JsonRead.String(e, "workbook_id");
        workbook.Name = JsonRead.String(e, "name");
        workbook.Description = JsonRead.String(e, "description");
        workbook.CreatedAt = JsonRead.Timestamp(e, "created_ts");
        if (JsonRead.TryGet(e, "saved_items", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    Flow flow = Flow.FromJson(item);
                    flow.WorkbookId = workbook.WorkbookId;
                    flow.WorkbookName = workbook.Name;
                    workbook.Flows.Add(flow);
                }
            }
        }

        return workbook;
    }

    public override string ToString() => Name ?? WorkbookId ?? string.Empty;
}

/// <summary>One input of a flow, as <c>GET /get_inputs</c> describes it.</summary>
public sealed class FlowInput : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("name", "data_type", "description");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The flow the input belongs to (not sent by the API; filled in by the client).</summary>
    public string? FlowId { get; set; }
    public string? Name { get; set; }

    /// <summary><c>string</c> or <c>file</c> as sent; a file input takes the name of a file uploaded with <c>POST /upload_file</c>.</summary>
    public string? DataType { get; set; }
    public string? Description { get; set; }

    public static FlowInput FromJson(JsonElement element, string? flowId = null)
    {
        var input = new FlowInput();
        input.SetRaw(element);
        JsonElement e = input.Raw;
        input.FlowId = flowId;
        input.Name = JsonRead.String(e, "name");
        input.DataType = JsonRead.String(e, "data_type");
        input.Description = JsonRead.String(e, "description");
        return input;
    }

    public override string ToString() => Name ?? string.Empty;
}
