using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The flow ("pipeline") endpoints. They predate the REST API: ids travel in the query or body instead of
/// the path, and every call names its caller with <c>user_id</c> and/or <c>project_id</c> (the team id).
/// Extension methods keep them out of GumloopClient.cs, which the session work owns.
/// </summary>
public static class GumloopFlowClient
{
    public static async Task<IReadOnlyList<Workbook>> ListWorkbooksAsync(this GumloopClient client, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "list_workbooks");
        AddScope(client, request.Query);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadList(response, "workbooks", Workbook.FromJson);
    }

    /// <summary>Lists saved flows; their workbook is not part of this answer (see <see cref="ListFlowsWithWorkbooksAsync"/>).</summary>
    public static async Task<IReadOnlyList<Flow>> ListFlowsAsync(this GumloopClient client, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "list_saved_items");
        AddScope(client, request.Query);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadList(response, "saved_items", Flow.FromJson);
    }

    /// <summary>
    /// Lists saved flows with the workbook each belongs to. Flows in no listed workbook keep a null WorkbookId;
    /// workbook flows the saved-item list lacks are added, so nothing visible in either list is lost.
    /// </summary>
    public static async Task<IReadOnlyList<Flow>> ListFlowsWithWorkbooksAsync(this GumloopClient client, CancellationToken ct)
    {
        IReadOnlyList<Flow> flows = await client.ListFlowsAsync(ct).ConfigureAwait(false);
        IReadOnlyList<Workbook> workbooks = await client.ListWorkbooksAsync(ct).ConfigureAwait(false);
        var byId = new Dictionary<string, Flow>(StringComparer.Ordinal);
        foreach (Workbook workbook in workbooks)
        {
            foreach (Flow flow in workbook.Flows)
            {
                if (flow.FlowId != null && !byId.ContainsKey(flow.FlowId))
                {
                    byId[flow.FlowId] = flow;
                }
            }
        }

        var result = new List<Flow>(flows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Flow flow in flows)
        {
            if (flow.FlowId != null && byId.TryGetValue(flow.FlowId, out Flow? inWorkbook))
            {
                flow.WorkbookId = inWorkbook.WorkbookId;
                flow.WorkbookName = inWorkbook.WorkbookName;
            }

            if (flow.FlowId == null || seen.Add(flow.FlowId))
            {
                result.Add(flow);
            }
        }

        foreach (Flow flow in byId.Values)
        {
            if (seen.Add(flow.FlowId!))
            {
                result.Add(flow);
            }
        }

        return result;
    }

    public static async Task<IReadOnlyList<FlowInput>> GetFlowInputsAsync(this GumloopClient client, string flowId, CancellationToken ct)
    {
        RequireId(flowId, nameof(flowId));
        var request = new GumloopRequest(HttpMethod.Get, "get_inputs");
        request.Query["saved_item_id"] = flowId;
        AddScope(client, request.Query);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadList(response, "inputs", item => FlowInput.FromJson(item, flowId));
    }

    /// <summary>
    /// Starts a run. Inputs go as top-level body keys (the current documented encoding); the caller checks
    /// them first with <see cref="FlowInputRules"/>. The returned run has ids and link but no state yet.
    /// </summary>
    public static async Task<FlowRun> StartFlowAsync(this GumloopClient client, string flowId, IDictionary<string, object?>? inputs, CancellationToken ct)
    {
        RequireId(flowId, nameof(flowId));
        var body = new JsonMap();
        if (inputs != null)
        {
            FlowInputRules.CheckReserved(flowId, inputs.Keys);
            foreach (KeyValuePair<string, object?> pair in inputs)
            {
                body[pair.Key] = pair.Value;
            }
        }

        // JsonMap ignores key case, so the reserved check above also keeps inputs from overwriting these.
        body["saved_item_id"] = flowId;
        AddScope(client, body);
        var request = new GumloopRequest(HttpMethod.Post, "start_pipeline")
        {
            Body = body,

            // A repeat after the server saw the first attempt would start a second run.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "run_id");
        FlowRun run = FlowRun.FromJson(root);
        if (string.IsNullOrEmpty(run.RunId))
        {
            throw Unexpected(response, "a 'run_id'");
        }

        run.FlowId ??= flowId;
        return run;
    }

    /// <summary>Gets the state, outputs and log of a run; <paramref name="known"/> supplies the ids the answer lacks.</summary>
    public static async Task<FlowRun> GetFlowRunAsync(this GumloopClient client, string runId, CancellationToken ct, FlowRun? known = null)
    {
        RequireId(runId, nameof(runId));
        var request = new GumloopRequest(HttpMethod.Get, "get_pl_run");
        request.Query["run_id"] = runId;
        AddScope(client, request.Query);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "state");
        FlowRun run = FlowRun.FromJson(root, runId);

        // The answer never names another run; a run_id that differs would be a server bug, so trust the request.
        run.RunId = runId;
        return run.MergeFrom(known);
    }

    /// <summary>Kills a run and its subflow runs.</summary>
    public static async Task<FlowRunKillResult> KillFlowRunAsync(this GumloopClient client, string runId, CancellationToken ct)
    {
        RequireId(runId, nameof(runId));
        var body = new JsonMap { ["run_id"] = runId };
        AddScope(client, body);
        var request = new GumloopRequest(HttpMethod.Post, "kill_pipeline")
        {
            Body = body,

            // Killing twice ends in the same state as killing once.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return FlowRunKillResult.FromJson(RequireObject(response, "success"), runId);
    }

    /// <summary>
    /// Recent runs (up to 10 per flow, as the API keeps them) of one flow or of every flow of a workbook,
    /// newest first. History items carry no outputs or log.
    /// </summary>
    public static async Task<IReadOnlyList<FlowRun>> GetFlowRunHistoryAsync(this GumloopClient client, string? flowId, string? workbookId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(flowId) && string.IsNullOrWhiteSpace(workbookId))
        {
            throw new ArgumentException("A flow id or a workbook id is required.", nameof(flowId));
        }

        var request = new GumloopRequest(HttpMethod.Get, "get_plrun_saved_item_map");
        request.Query["saved_item_id"] = string.IsNullOrWhiteSpace(flowId) ? null : flowId;
        request.Query["workbook_id"] = string.IsNullOrWhiteSpace(workbookId) ? null : workbookId;
        AddScope(client, request.Query);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "run history");
        var runs = new List<FlowRun>();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            // Keys are flow ids; anything else (such as a "_comment") has no run list as its value.
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            GumloopClient.CheckItemCount(response, property.Value, "runs", runs.Count);
            foreach (JsonElement item in property.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    FlowRun run = FlowRun.FromJson(item);
                    run.FlowId ??= property.Name;
                    run.WorkbookId ??= string.IsNullOrWhiteSpace(workbookId) ? null : workbookId;
                    runs.Add(run);
                }
            }
        }

        return runs
            .OrderByDescending(r => r.CreatedAt ?? DateTimeOffset.MinValue)
            .ToList();
    }

    /// <summary>Downloads one output file of a run.</summary>
    public static async Task<byte[]> DownloadFlowFileAsync(this GumloopClient client, string runId, string fileName, string? flowId, CancellationToken ct)
    {
        RequireId(runId, nameof(runId));
        RequireId(fileName, nameof(fileName));
        var body = new JsonMap { ["file_name"] = fileName, ["run_id"] = runId };
        if (!string.IsNullOrWhiteSpace(flowId))
        {
            body["saved_item_id"] = flowId;
        }

        AddScope(client, body);
        return await DownloadAsync(client, "download_file", body, ct).ConfigureAwait(false);
    }

    /// <summary>Downloads several output files of a run as one zip archive.</summary>
    public static async Task<byte[]> DownloadFlowFilesAsync(this GumloopClient client, string runId, IEnumerable<string> fileNames, string? flowId, CancellationToken ct)
    {
        RequireId(runId, nameof(runId));
        var names = (fileNames ?? throw new ArgumentNullException(nameof(fileNames))).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one file name is required.", nameof(fileNames));
        }

        foreach (string name in names)
        {
            RequireId(name, nameof(fileNames));
        }

        var body = new JsonMap { ["file_names"] = names, ["run_id"] = runId };
        if (!string.IsNullOrWhiteSpace(flowId))
        {
            body["saved_item_id"] = flowId;
        }

        AddScope(client, body);
        return await DownloadAsync(client, "download_files", body, ct).ConfigureAwait(false);
    }

    /// <summary>Uploads files for flow file inputs (<c>upload_file</c> for one, <c>upload_files</c> for several).</summary>
    /// <remarks>A 207 answer (some files failed) is returned, not thrown; check <see cref="FlowFileUploadResult.FailedFiles"/>.</remarks>
    public static async Task<FlowFileUploadResult> UploadFlowFilesAsync(this GumloopClient client, IEnumerable<KeyValuePair<string, byte[]>> files, CancellationToken ct)
    {
        var list = (files ?? throw new ArgumentNullException(nameof(files))).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one file is required.", nameof(files));
        }

        var body = new JsonMap();
        string path;
        if (list.Count == 1)
        {
            path = "upload_file";
            body["file_name"] = list[0].Key;
            body["file_content"] = Convert.ToBase64String(list[0].Value ?? Array.Empty<byte>());
        }
        else
        {
            path = "upload_files";
            body["files"] = list
                .Select(f => (object?)new JsonMap { ["file_name"] = f.Key, ["file_content"] = Convert.ToBase64String(f.Value ?? Array.Empty<byte>()) })
                .ToList();
        }

        AddScope(client, body);
        var request = new GumloopRequest(HttpMethod.Post, path) { Body = body, Kind = GumloopRequestKind.Other };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return FlowFileUploadResult.FromJson(RequireObject(response, "success"));
    }

    private static async Task<byte[]> DownloadAsync(GumloopClient client, string path, JsonMap body, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, path)
        {
            Body = body,
            ResponseMode = GumloopResponseMode.Bytes,

            // A download changes nothing on the server, so a repeat is harmless.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return response.Bytes ?? Array.Empty<byte>();
    }

    /// <summary>user_id and project_id from the connection; the legacy endpoints need at least one.</summary>
    internal static void AddScope(GumloopClient client, IDictionary<string, string?> query)
    {
        (string? userId, string? projectId) = Scope(client);
        query["user_id"] = userId;
        query["project_id"] = projectId;
    }

    internal static void AddScope(GumloopClient client, JsonMap body)
    {
        (string? userId, string? projectId) = Scope(client);
        if (userId != null)
        {
            body["user_id"] = userId;
        }

        if (projectId != null)
        {
            body["project_id"] = projectId;
        }
    }

    private static (string? UserId, string? ProjectId) Scope(GumloopClient client)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        string? userId = string.IsNullOrWhiteSpace(client.Connection.UserId) ? null : client.Connection.UserId;
        string? projectId = string.IsNullOrWhiteSpace(client.Connection.TeamId) ? null : client.Connection.TeamId;
        if (userId == null && projectId == null)
        {
            throw new GumloopFlowScopeException();
        }

        return (userId, projectId);
    }

    private static void RequireId(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value is missing or empty.", name);
        }
    }

    private static JsonElement RequireObject(GumloopResponse response, string what)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(response, "a JSON object with " + what);
        }

        return root;
    }

    /// <summary>The objects of the response's <paramref name="property"/> list, read with <paramref name="read"/>; other items are skipped.</summary>
    private static List<T> ReadList<T>(GumloopResponse response, string property, Func<JsonElement, T> read)
    {
        var list = new List<T>();
        JsonElement items = RequireArray(response, property);
        GumloopClient.CheckItemCount(response, items, property, 0);
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                list.Add(read(item));
            }
        }

        return list;
    }

    private static JsonElement RequireArray(GumloopResponse response, string property)
    {
        JsonElement root = RequireObject(response, "'" + property + "'");
        if (!JsonRead.TryGet(root, property, out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(response, "a '" + property + "' list");
        }

        return items;
    }

    private static GumloopResponseException Unexpected(GumloopResponse response, string expected) =>
        new GumloopResponseException($"Gumloop returned HTTP {response.StatusCode} for {response.Method} {response.Url} without {expected}.")
        {
            StatusCode = response.StatusCode,
            RequestId = response.RequestId,
            Method = response.Method,
            Url = response.Url,
        };
}
