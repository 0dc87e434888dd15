using System;
using System.Collections.Generic;

namespace GumloopPS.Errors;

/// <summary>
/// Names the resource a failed request was about, read from its (redacted) URL, so that a 404 says what was
/// looked for ("No session 'sess_x' was found.") and advises the cmdlet that lists that kind of resource.
/// </summary>
internal static class ResourceAdvice
{
    internal sealed class Resource
    {
        public Resource(string kind, string? id, string advice)
        {
            Kind = kind;
            Id = id;
            Advice = advice;
        }

        public string Kind { get; }

        public string? Id { get; }

        public string Advice { get; }
    }

    private const string GenericAdvice = "Check the id and the path; the matching Get- cmdlet, or Invoke-GumloopApi GET on the list route, shows what exists.";

    // REST collections: the segment before an id names its kind. Later segments win, so
    // /sessions/{id}/queue/{qid} is about the queued message.
    private static readonly Dictionary<string, (string Kind, string Advice)> s_collections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["agents"] = ("agent", "Get-GumloopAgent lists the agents you can use."),
        ["sessions"] = ("session", "Get-GumloopSession -AgentId <id> lists an agent's sessions."),
        ["queue"] = ("queued message", "Get-GumloopQueuedMessage -SessionId <id> lists the messages still queued; a sent message leaves the queue."),
        ["skills"] = ("skill", "Invoke-GumloopApi GET /skills lists the skills you can use."),
        ["versions"] = ("agent version", "Get-GumloopAgentVersion -AgentId <id> lists the versions of an agent."),
        ["mcp-servers"] = ("MCP server", "Get-GumloopAgentMcpServer -AgentId <id> lists the MCP servers attached to an agent; Invoke-GumloopApi GET /mcp/servers lists your MCP catalogue."),
        ["evaluations"] = ("evaluation", "Invoke-GumloopApi GET /evaluations lists the evaluations you can see."),
        ["results"] = ("evaluation result", "Invoke-GumloopApi GET /evaluations/<id>/results lists an evaluation's results."),
        ["brain"] = ("Brain item", "Invoke-GumloopApi GET /brain lists what the Brain holds."),
        ["sources"] = ("Brain source", "Get-GumloopBrainSource lists the Brain sources you can see."),
        ["files"] = ("Brain file", "Get-GumloopBrainFile -SourceId <id> lists the files of a Brain source."),
    };

    // Legacy flow routes carry the id in the query (or the body) and name the route after the operation.
    private static readonly Dictionary<string, (string Kind, string? QueryKey, string Advice)> s_legacy = new(StringComparer.OrdinalIgnoreCase)
    {
        ["get_pl_run"] = ("flow run", "run_id", "Get-GumloopFlowRun -FlowId <id> -History lists a flow's recent runs."),
        ["kill_pipeline"] = ("flow run", null, "Get-GumloopFlowRun -FlowId <id> -History lists a flow's recent runs."),
        ["get_inputs"] = ("flow", "saved_item_id", "Get-GumloopFlow lists the flows you can run."),
        ["start_pipeline"] = ("flow", null, "Get-GumloopFlow lists the flows you can run."),
        ["get_plrun_saved_item_map"] = ("flow or workbook", null, "Get-GumloopFlow and Get-GumloopWorkbook list what exists."),
        ["download_file"] = ("flow file", null, "Get-GumloopFlowRun shows a run's Outputs; pass a file name exactly as it appears there."),
        ["download_files"] = ("flow file", null, "Get-GumloopFlowRun shows a run's Outputs; pass file names exactly as they appear there."),
        ["list_workbooks"] = ("workbook", null, "Get-GumloopWorkbook lists the workbooks you can see."),
        ["list_saved_items"] = ("flow", null, "Get-GumloopFlow lists the flows you can run."),
    };

    /// <summary>The resource a request URL addresses, or null when the URL names none we know.</summary>
    public static Resource? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        string[] segments = uri.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        string last = Uri.UnescapeDataString(segments[segments.Length - 1]);
        if (s_legacy.TryGetValue(last, out var legacy))
        {
            string? id = legacy.QueryKey is null ? null : QueryValue(uri, legacy.QueryKey);
            return new Resource(legacy.Kind, id, legacy.Advice);
        }

        // Walk back from the end: the last "collection/id" pair is the resource the request failed on.
        for (int i = segments.Length - 1; i >= 1; i--)
        {
            if (s_collections.TryGetValue(segments[i - 1], out var entry) && !s_collections.ContainsKey(segments[i]))
            {
                return new Resource(entry.Kind, Uri.UnescapeDataString(segments[i]), entry.Advice);
            }
        }

        // A list route (/agents/{id}/sessions) failed on its parent.
        for (int i = segments.Length - 1; i >= 0; i--)
        {
            if (s_collections.TryGetValue(segments[i], out var entry))
            {
                return new Resource(entry.Kind, null, entry.Advice);
            }
        }

        return null;
    }

    public static string Advice(Resource? resource) => resource?.Advice ?? GenericAdvice;

    private static string? QueryValue(Uri uri, string key)
    {
        string query = uri.Query.TrimStart('?');
        foreach (string pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            if (eq > 0 && string.Equals(Uri.UnescapeDataString(pair.Substring(0, eq)), key, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
            }
        }

        return null;
    }
}
