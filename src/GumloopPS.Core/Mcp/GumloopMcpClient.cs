using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>A list from a live MCP server: its items, and the server's state when it could not be asked.</summary>
public sealed class McpListResult<T>
{
    internal McpListResult(IReadOnlyList<T> items, string? serverId, string? status, string? authUrl)
    {
        Items = items;
        ServerId = serverId;
        Status = status;
        AuthUrl = authUrl;
    }

    public IReadOnlyList<T> Items { get; }
    public string? ServerId { get; }
    public string? Status { get; }

    /// <summary>Where the user connects the server; the service sends it with every list, connected or not.</summary>
    public string? AuthUrl { get; }

    /// <summary>True when the server answered with a status other than connected (an absent status counts as connected).</summary>
    public bool NeedsConnection => Status != null && !string.Equals(Status, "connected", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The warning for a list that <see cref="NeedsConnection"/>: not an empty success, since the server could not be
    /// asked at all until the user connects it. <paramref name="items"/> names what was listed ("tools").
    /// </summary>
    public string NotConnectedWarning(string serverId, string items) =>
        $"MCP server {serverId} is not connected (status '{Status}'), so its {items} cannot be listed. Open {AuthUrl ?? "the Gumloop connector settings"} in a browser to connect it, then run this again.";
}

/// <summary>One call for POST /mcp/tools/call.</summary>
public sealed class McpToolCall
{
    public McpToolCall(string serverId, string toolName, JsonMap? arguments = null, string? reference = null)
    {
        ServerId = serverId;
        ToolName = toolName;
        Arguments = arguments ?? new JsonMap();
        Ref = reference;
    }

    public string ServerId { get; }
    public string ToolName { get; }
    public JsonMap Arguments { get; }

    /// <summary>Echoed in the result; the client assigns one when null, so results match their calls.</summary>
    public string? Ref { get; set; }
}

/// <summary>The MCP endpoints (API.md 10.8).</summary>
public static class GumloopMcpClient
{
    /// <summary>Most calls one POST /mcp/tools/call takes (API.md 10.8).</summary>
    public const int MaxCallsPerRequest = 5;

    public static async Task<IReadOnlyList<McpServer>> ListMcpServersAsync(this GumloopClient client, string? teamId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "mcp/servers");
        request.Query["team_id"] = teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadItems(response, "servers", McpServer.FromJson);
    }

    public static async Task<McpServer> GetMcpServerAsync(this GumloopClient client, string serverId, string? teamId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "mcp/servers/" + GumloopPath.Segment(serverId));
        request.Query["team_id"] = teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind == JsonValueKind.Object && JsonRead.TryGet(root, "server", out JsonElement server) && server.ValueKind == JsonValueKind.Object)
        {
            return McpServer.FromJson(server);
        }

        throw GumloopClient.Unexpected(response, "a 'server' object");
    }

    public static async Task<McpListResult<McpTool>> ListMcpToolsAsync(this GumloopClient client, string serverId, string? teamId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "mcp/servers/" + GumloopPath.Segment(serverId) + "/tools");
        request.Query["team_id"] = teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadListResult(response, "tools", McpTool.FromJson, serverId);
    }

    /// <summary>Reads every page of a server's resources (cursor only: the route takes no page size).</summary>
    public static async Task<McpListResult<McpResource>> ListMcpResourcesAsync(this GumloopClient client, string serverId, string? teamId, Action<McpResource> onItem, CancellationToken ct)
    {
        string path = "mcp/servers/" + GumloopPath.Segment(serverId) + "/resources";
        string? status = null;
        string? authUrl = null;
        var page = new PageRequest(PagingStyle.Cursor, $"the resources of MCP server {serverId}") { ListProperty = "resources" };
        await GumloopPager.ReadPagesAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, path);
            request.Query["team_id"] = teamId;
            return request;
        }, page, (response, root, room) =>
        {
            status ??= root.ValueKind == JsonValueKind.Object ? JsonRead.String(root, "status") : null;
            authUrl ??= root.ValueKind == JsonValueKind.Object ? JsonRead.String(root, "gumloop_auth_url") : null;
            JsonElement items = GumloopPager.FindList(response, root, "resources");
            GumloopClient.CheckItemCount(response, items, page.What, 0);
            int used = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && used < room)
                {
                    McpResource resource = McpResource.FromJson(item);
                    resource.ServerId ??= serverId;
                    onItem(resource);
                    used++;
                }
            }

            return new PageItems(used, items.GetArrayLength());
        }, ct).ConfigureAwait(false);
        return new McpListResult<McpResource>(Array.Empty<McpResource>(), serverId, status, authUrl);
    }

    /// <summary>Reads one resource; each content is text or a blob.</summary>
    public static async Task<IReadOnlyList<McpResourceContent>> ReadMcpResourceAsync(this GumloopClient client, string serverId, string uri, string? teamId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(uri))
        {
            throw new ArgumentException("A resource URI is required.", nameof(uri));
        }

        var request = new GumloopRequest(HttpMethod.Get, "mcp/servers/" + GumloopPath.Segment(serverId) + "/resources/read");
        request.Query["uri"] = uri;
        request.Query["team_id"] = teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        string? answeredBy = response.RootElement.ValueKind == JsonValueKind.Object ? JsonRead.String(response.RootElement, "server_id") : null;
        var contents = ReadItems(response, "contents", e => McpResourceContent.FromJson(e, answeredBy ?? serverId));
        foreach (McpResourceContent content in contents)
        {
            content.Uri ??= uri;
        }

        return contents;
    }

    public static async Task<McpListResult<McpPrompt>> ListMcpPromptsAsync(this GumloopClient client, string serverId, string? teamId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "mcp/servers/" + GumloopPath.Segment(serverId) + "/prompts");
        request.Query["team_id"] = teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadListResult(response, "prompts", McpPrompt.FromJson, serverId);
    }

    /// <summary>Renders a prompt (POST, but it changes nothing); <c>arguments</c> is always sent, <c>{}</c> when empty, as the SDK does.</summary>
    public static async Task<McpPromptResult> GetMcpPromptAsync(this GumloopClient client, string serverId, string name, JsonMap? arguments, string? teamId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A prompt name is required.", nameof(name));
        }

        var body = new JsonMap { ["name"] = name, ["arguments"] = arguments ?? new JsonMap() };
        string? team = teamId ?? client.Connection.TeamId;
        if (team != null)
        {
            body["team_id"] = team;
        }

        var request = new GumloopRequest(HttpMethod.Post, "mcp/servers/" + GumloopPath.Segment(serverId) + "/prompts/get")
        {
            Body = body,

            // Rendering a prompt reads only; repeating it is harmless.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        if (response.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a prompt object");
        }

        McpPromptResult result = McpPromptResult.FromJson(response.RootElement);
        result.ServerId ??= serverId;
        result.Name ??= name;
        return result;
    }

    /// <summary>
    /// Calls up to five tools in one request. Per-call failures come back as results (HTTP 200 or 207), never as an
    /// exception; results are returned in call order, matched by ref.
    /// </summary>
    public static async Task<IReadOnlyList<McpToolResult>> CallMcpToolsAsync(this GumloopClient client, IReadOnlyList<McpToolCall> calls, string? teamId, CancellationToken ct)
    {
        if (calls == null || calls.Count == 0)
        {
            throw new ArgumentException("At least one tool call is required.", nameof(calls));
        }

        if (calls.Count > MaxCallsPerRequest)
        {
            throw new ArgumentException($"At most {MaxCallsPerRequest} tool calls fit one request.", nameof(calls));
        }

        var list = new JsonList();
        for (int i = 0; i < calls.Count; i++)
        {
            McpToolCall call = calls[i];
            if (string.IsNullOrEmpty(call.ServerId) || string.IsNullOrEmpty(call.ToolName))
            {
                throw new ArgumentException("Each tool call needs a server id and a tool name.", nameof(calls));
            }

            call.Ref ??= i.ToString(CultureInfo.InvariantCulture);
            list.Add(new JsonMap { ["ref"] = call.Ref, ["server_id"] = call.ServerId, ["tool_name"] = call.ToolName, ["arguments"] = call.Arguments });
        }

        var body = new JsonMap { ["calls"] = list };
        string? team = teamId ?? client.Connection.TeamId;
        if (team != null)
        {
            body["team_id"] = team;
        }

        var request = new GumloopRequest(HttpMethod.Post, "mcp/tools/call")
        {
            Body = body,

            // Tools act on outside systems (send mail, update records): never repeat a call the server may have run.
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        IReadOnlyList<McpToolResult> results = ReadItems(response, "results", McpToolResult.FromJson);
        var byRef = new Dictionary<string, McpToolResult>(StringComparer.Ordinal);
        foreach (McpToolResult result in results)
        {
            if (result.Ref != null && !byRef.ContainsKey(result.Ref))
            {
                byRef[result.Ref] = result;
            }
        }

        var ordered = new List<McpToolResult>(calls.Count);
        for (int i = 0; i < calls.Count; i++)
        {
            McpToolCall call = calls[i];
            McpToolResult? result = byRef.TryGetValue(call.Ref!, out McpToolResult? found) ? found : i < results.Count ? results[i] : null;
            if (result == null)
            {
                throw GumloopClient.Unexpected(response, $"a result for call '{call.Ref}'");
            }

            result.Ref ??= call.Ref;
            result.ServerId ??= call.ServerId;
            result.ToolName ??= call.ToolName;
            ordered.Add(result);
        }

        return ordered;
    }

    private static McpListResult<T> ReadListResult<T>(GumloopResponse response, string property, Func<JsonElement, T> read, string serverId)
    {
        IReadOnlyList<T> items = ReadItems(response, property, read);
        JsonElement root = response.RootElement;
        return new McpListResult<T>(items, JsonRead.String(root, "server_id") ?? serverId, JsonRead.String(root, "status"), JsonRead.String(root, "gumloop_auth_url"));
    }

    private static IReadOnlyList<T> ReadItems<T>(GumloopResponse response, string property, Func<JsonElement, T> read)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, property, out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a '" + property + "' list");
        }

        GumloopClient.CheckItemCount(response, items, property, 0);
        var list = new List<T>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                list.Add(read(item));
            }
        }

        return list;
    }
}
