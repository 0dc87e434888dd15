using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// An MCP server attached to an agent as a tool (API.md 10.4): its catalogue identity and its connector
/// configuration, secrets and server URL scrubbed by the service. <see cref="Created"/> and
/// <see cref="AuthStatus"/> are filled only by an attach (PUT).
/// </summary>
public sealed class AgentMcpServer : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("type", "server_id", "approval_mode");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? AgentId { get; set; }
    public string? ServerId { get; set; }

    /// <summary><c>gumcp_server</c>, <c>gumstack_server</c> or <c>mcp_server</c>; unknown values are kept.</summary>
    public string? Type { get; set; }

    /// <summary>When the agent asks before calling the server's tools: <c>off</c>, <c>always</c>, <c>all</c>, or null when unset.</summary>
    public string? ApprovalMode { get; set; }

    /// <summary>The whole connector configuration as the service returned it (tool restrictions and the rest).</summary>
    public JsonMap Config { get; set; } = new JsonMap();

    /// <summary>After an attach: true when the server was newly attached, false when its configuration was updated.</summary>
    public bool? Created { get; set; }

    /// <summary>After an attach: the catalogue's authentication status, e.g. <c>connected</c> or <c>unauthenticated</c>.</summary>
    public string? AuthStatus { get; set; }

    public static AgentMcpServer FromJson(JsonElement element, string? agentId)
    {
        var server = new AgentMcpServer { AgentId = agentId };
        server.SetRaw(element);
        JsonElement e = server.Raw;
        server.ServerId = JsonRead.String(e, "server_id");
        server.Type = JsonRead.String(e, "type");
        server.ApprovalMode = JsonRead.String(e, "approval_mode");
        server.Config = JsonMap.FromJson(e);
        return server;
    }

    /// <summary>Reads the attach answer <c>{agent_id, mcp_server, created, auth_status}</c>.</summary>
    public static AgentMcpServer FromAttachResponse(JsonElement root, string agentId, string serverId)
    {
        string? answeredAgent = JsonRead.String(root, "agent_id") ?? agentId;
        AgentMcpServer server = JsonRead.TryGet(root, "mcp_server", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object
            ? FromJson(inner, answeredAgent)
            : new AgentMcpServer { AgentId = answeredAgent };
        server.ServerId ??= serverId;
        server.Created = JsonRead.Bool(root, "created");
        server.AuthStatus = JsonRead.String(root, "auth_status");
        return server;
    }

    public override string ToString() => ServerId ?? string.Empty;
}

/// <summary>The answer of DELETE /agents/{id}/mcp-servers/{server_id}: whether the server had been attached.</summary>
public sealed class AgentMcpServerDetachment : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("agent_id", "server_id", "detached");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? AgentId { get; set; }
    public string? ServerId { get; set; }

    /// <summary>False when the server was not attached (the delete changed nothing).</summary>
    public bool Detached { get; set; }

    public static AgentMcpServerDetachment FromJson(JsonElement element, string agentId, string serverId)
    {
        var result = new AgentMcpServerDetachment();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.AgentId = JsonRead.String(e, "agent_id") ?? agentId;
        result.ServerId = JsonRead.String(e, "server_id") ?? serverId;
        result.Detached = JsonRead.Bool(e, "detached") == true;
        return result;
    }

    public override string ToString() => ServerId ?? string.Empty;
}
