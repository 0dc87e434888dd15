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

/// <summary>
/// Agents administration and models (API.md 10.4 and 10.5): list, create, update and retire agents, read their
/// versions, attach skills and MCP servers, list models and ask the router for one. Extension methods keep them
/// out of GumloopClient.cs, which holds the transport.
/// </summary>
public static class GumloopAgentClient
{
    private static readonly HttpMethod Patch = new HttpMethod("PATCH");

    /// <summary>Most skill ids one PATCH /agents/{id}/skills may name (API.md 10.4).</summary>
    public const int MaxSkillIdsPerUpdate = 100;

    /// <summary>Every agent the caller owns, or of <paramref name="teamId"/>; the API returns the whole list when no page size is sent.</summary>
    public static async Task<IReadOnlyList<Agent>> ListAgentsAsync(this GumloopClient client, string? teamId, CancellationToken ct)
    {
        var agents = new List<Agent>();
        await client.ReadAgentsAsync(new AgentListQuery { TeamId = teamId }, new PageRequest(PagingStyle.Cursor, "GET /agents"), null, agents.Add, ct).ConfigureAwait(false);
        return agents;
    }

    /// <summary>
    /// Reads agents page by page, handing each one <paramref name="match"/> accepts (all when null) to
    /// <paramref name="onItem"/> as its page arrives. The page's limit counts accepted agents, so a name filter with
    /// -First reads on until it has that many matches.
    /// </summary>
    public static Task<PageResult> ReadAgentsAsync(this GumloopClient client, AgentListQuery query, PageRequest page, Func<Agent, bool>? match, Action<Agent> onItem, CancellationToken ct)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (onItem is null)
        {
            throw new ArgumentNullException(nameof(onItem));
        }

        query ??= new AgentListQuery();
        page.ListProperty ??= "agents";

        // With a filter the limit counts matches, which the pager cannot know: it would shrink page_size to the
        // matches still wanted. The read then runs unlimited and ends itself once it has them.
        int? wanted = match is null ? null : page.Limit;
        if (wanted is not null)
        {
            page = new PageRequest(page.Style, page.What) { PageSize = page.PageSize, ListProperty = page.ListProperty, StartCursor = page.StartCursor };
        }

        int seen = 0;
        int matched = 0;
        return GumloopPager.ReadPagesAsync(client, () => NewListRequest(query), page, (response, root, room) =>
        {
            JsonElement items = GumloopPager.FindList(response, root, page.ListProperty);

            // Counted over every page, so a server that pages forever cannot grow one read without bound.
            GumloopClient.CheckItemCount(response, items, "agents", seen);
            seen += items.GetArrayLength();
            int taken = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (taken >= room)
                {
                    break;
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                Agent agent = Agent.FromJson(item);
                if (match is null || match(agent))
                {
                    onItem(agent);
                    taken++;
                    if (wanted is int limit && ++matched >= limit)
                    {
                        return new PageItems(taken, items.GetArrayLength(), last: true);
                    }
                }
            }

            return new PageItems(taken, items.GetArrayLength());
        }, ct);
    }

    private static GumloopRequest NewListRequest(AgentListQuery query)
    {
        var request = new GumloopRequest(HttpMethod.Get, "agents");
        if (!string.IsNullOrWhiteSpace(query.TeamId))
        {
            request.Query["team_id"] = query.TeamId;
        }

        request.Query["search"] = query.Search;
        request.Query["creator"] = query.Creator;
        request.Query["has_triggers"] = query.HasTriggers is bool triggers ? (triggers ? "true" : "false") : null;
        request.Query["tool"] = query.Tool;
        request.Query["flow"] = query.Flow;
        request.Query["sort_order"] = query.SortOrder;
        request.Query["include_last_used"] = query.IncludeLastUsed ? "true" : null;
        request.Query["include_last_updated"] = query.IncludeLastUpdated ? "true" : null;
        return request;
    }

    public static async Task<Agent> GetAgentAsync(this GumloopClient client, string agentId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "agents/" + GumloopPath.Segment(agentId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadAgent(response);
    }

    /// <summary>Creates an agent. With a caller-chosen id a repeat cannot create a second agent, so it is retried like a GET.</summary>
    public static async Task<Agent> CreateAgentAsync(this GumloopClient client, NewAgentRequest request, CancellationToken ct)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("An agent needs a name.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.ModelName))
        {
            throw new ArgumentException("An agent needs a model (an id from GET /models, such as auto).", nameof(request));
        }

        var body = new JsonMap
        {
            ["name"] = request.Name,
            ["model_name"] = request.ModelName,
        };
        AddIfSet(body, "description", request.Description);
        AddIfSet(body, "system_prompt", request.SystemPrompt);
        if (request.Tools != null)
        {
            body["tools"] = new JsonList(request.Tools.Cast<object?>());
        }

        if (request.SkillIds != null)
        {
            body["skill_ids"] = new JsonList(request.SkillIds.Cast<object?>());
        }

        if (request.Metadata != null)
        {
            body["metadata"] = request.Metadata;
        }

        AddIfSet(body, "folder_id", request.FolderId);
        AddIfSet(body, "agent_id", request.AgentId);
        AddIfSet(body, "team_id", request.TeamId);

        var http = new GumloopRequest(HttpMethod.Post, "agents")
        {
            Body = body,
            Kind = request.AgentId != null ? GumloopRequestKind.Idempotent : GumloopRequestKind.Other,
        };
        try
        {
            using GumloopResponse response = await client.SendAsync(http, ct).ConfigureAwait(false);
            return ReadAgent(response);
        }
        catch (GumloopApiException ex) when (ex.StatusCode == 409 && ex.Attempt > 1 && request.AgentId != null)
        {
            // An earlier attempt created it before its answer was lost.
            return await client.GetAgentAsync(request.AgentId, ct).ConfigureAwait(false);
        }
    }

    /// <summary>PATCH /agents/{id} with exactly <paramref name="fields"/>: the service changes only the fields sent.</summary>
    public static async Task<Agent> UpdateAgentAsync(this GumloopClient client, string agentId, JsonMap fields, CancellationToken ct)
    {
        if (fields is null)
        {
            throw new ArgumentNullException(nameof(fields));
        }

        var request = new GumloopRequest(Patch, "agents/" + GumloopPath.Segment(agentId))
        {
            Body = fields,
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadAgent(response);
    }

    /// <summary>
    /// Retires an agent (PATCH is_active:false). It then disappears from lists and answers 404; the API cannot
    /// bring it back.
    /// </summary>
    public static Task<Agent> RetireAgentAsync(this GumloopClient client, string agentId, CancellationToken ct) =>
        client.UpdateAgentAsync(agentId, new JsonMap { ["is_active"] = false }, ct);

    /// <summary>Reads an agent's versions, newest first, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public static Task<PageResult> ReadAgentVersionsAsync(this GumloopClient client, string agentId, PageRequest page, Action<AgentVersion> onItem, CancellationToken ct)
    {
        string path = "agents/" + GumloopPath.Segment(agentId) + "/versions";
        page.ListProperty ??= "versions";
        return GumloopPager.ReadAsync(client, () => new GumloopRequest(HttpMethod.Get, path), page, item =>
        {
            AgentVersion version = AgentVersion.FromJson(item);
            version.AgentId ??= agentId;
            return version;
        }, onItem, ct);
    }

    /// <summary>One version with its composition and its changes against the version before.</summary>
    public static async Task<AgentVersion> GetAgentVersionAsync(this GumloopClient client, string agentId, string versionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "agents/" + GumloopPath.Segment(agentId) + "/versions/" + GumloopPath.Segment(versionId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "version");
        if (!JsonRead.TryGet(root, "version", out JsonElement version) || version.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a 'version' object");
        }

        AgentVersion result = AgentVersion.FromEnvelope(root);
        result.AgentId ??= agentId;
        result.VersionId ??= versionId;
        return result;
    }

    /// <summary>
    /// Attaches and detaches skills (PATCH /agents/{id}/skills). The service applies all or nothing and treats
    /// repeats as no-ops, so the call is safe to retry.
    /// </summary>
    public static async Task<AgentSkillUpdate> UpdateAgentSkillsAsync(this GumloopClient client, string agentId, IEnumerable<string>? attach, IEnumerable<string>? detach, CancellationToken ct)
    {
        List<string> attachList = Distinct(attach);
        List<string> detachList = Distinct(detach);
        if (attachList.Count == 0 && detachList.Count == 0)
        {
            throw new ArgumentException("Name at least one skill id to attach or detach.", nameof(attach));
        }

        string? both = attachList.FirstOrDefault(detachList.Contains);
        if (both != null)
        {
            throw new ArgumentException($"Skill '{both}' cannot be attached and detached in the same call.", nameof(attach));
        }

        if (attachList.Count + detachList.Count > MaxSkillIdsPerUpdate)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "One call may name at most {0} skill ids; {1} were given.", MaxSkillIdsPerUpdate, attachList.Count + detachList.Count), nameof(attach));
        }

        // Like the official SDK, only the list in use is sent.
        var body = new JsonMap();
        if (attachList.Count > 0)
        {
            body["attach"] = new JsonList(attachList.Cast<object?>());
        }

        if (detachList.Count > 0)
        {
            body["detach"] = new JsonList(detachList.Cast<object?>());
        }

        var request = new GumloopRequest(Patch, "agents/" + GumloopPath.Segment(agentId) + "/skills")
        {
            Body = body,
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        AgentSkillUpdate update = AgentSkillUpdate.FromJson(RequireObject(response, "skill_ids"));
        update.AgentId ??= agentId;
        return update;
    }

    public static async Task<IReadOnlyList<AgentMcpServer>> ListAgentMcpServersAsync(this GumloopClient client, string agentId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "agents/" + GumloopPath.Segment(agentId) + "/mcp-servers");
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "mcp_servers");
        JsonElement items = GumloopPager.FindList(response, root, "mcp_servers");
        GumloopClient.CheckItemCount(response, items, "MCP servers", 0);
        string answeredAgent = JsonRead.String(root, "agent_id") ?? agentId;
        var servers = new List<AgentMcpServer>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                servers.Add(AgentMcpServer.FromJson(item, answeredAgent));
            }
        }

        return servers;
    }

    /// <summary>
    /// Attaches an MCP server from the caller's catalogue, or updates its configuration (PUT, an upsert: safe to
    /// retry). <paramref name="config"/> is the connector configuration; identity keys are the catalogue's.
    /// </summary>
    public static async Task<AgentMcpServer> AttachAgentMcpServerAsync(this GumloopClient client, string agentId, string serverId, JsonMap? config, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Put, "agents/" + GumloopPath.Segment(agentId) + "/mcp-servers/" + GumloopPath.Segment(serverId))
        {
            Body = config ?? new JsonMap(),
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return AgentMcpServer.FromAttachResponse(RequireObject(response, "mcp_server"), agentId, serverId);
    }

    /// <summary>Detaches an MCP server; detaching one that is not attached succeeds with Detached false.</summary>
    public static async Task<AgentMcpServerDetachment> DetachAgentMcpServerAsync(this GumloopClient client, string agentId, string serverId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, "agents/" + GumloopPath.Segment(agentId) + "/mcp-servers/" + GumloopPath.Segment(serverId))
        {
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return AgentMcpServerDetachment.FromJson(RequireObject(response, "detached"), agentId, serverId);
    }

    /// <summary>The models the caller may use, one per model, tagged with the picker group that lists it.</summary>
    public static async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(this GumloopClient client, string? teamId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "models");
        if (!string.IsNullOrWhiteSpace(teamId))
        {
            request.Query["team_id"] = teamId;
        }

        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "model_groups");
        JsonElement groups = GumloopPager.FindList(response, root, "model_groups");
        GumloopClient.CheckItemCount(response, groups, "model groups", 0);
        var models = new List<ModelInfo>();
        foreach (JsonElement group in groups.EnumerateArray())
        {
            if (group.ValueKind == JsonValueKind.Object)
            {
                models.AddRange(ModelInfo.FromGroup(group));
            }
        }

        return models;
    }

    /// <summary>Asks the router (Gumloop Chew) which model suits a message. It spends credits, so it is never re-sent once sent.</summary>
    public static async Task<ModelRoute> RouteModelAsync(this GumloopClient client, ModelRouteRequest request, CancellationToken ct)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Input))
        {
            throw new ArgumentException("The router needs a message to route.", nameof(request));
        }

        var body = new JsonMap { ["input"] = request.Input };
        if (request.Models != null)
        {
            body["models"] = new JsonList(request.Models.Cast<object?>());
        }

        if (request.History != null)
        {
            body["history"] = new JsonList(request.History.Cast<object?>());
        }

        if (request.Agent != null)
        {
            body["agent"] = request.Agent;
        }

        AddIfSet(body, "team_id", request.TeamId);
        var http = new GumloopRequest(HttpMethod.Post, "models/route")
        {
            Body = body,
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await client.SendAsync(http, ct).ConfigureAwait(false);
        return ModelRoute.FromJson(RequireObject(response, "route"));
    }

    private static void AddIfSet(JsonMap body, string key, string? value)
    {
        if (value != null)
        {
            body[key] = value;
        }
    }

    private static List<string> Distinct(IEnumerable<string>? ids)
    {
        var list = new List<string>();
        if (ids == null)
        {
            return list;
        }

        foreach (string id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A skill id must not be empty.", "id");
            }

            if (!list.Contains(id))
            {
                list.Add(id);
            }
        }

        return list;
    }

    private static Agent ReadAgent(GumloopResponse response)
    {
        JsonElement root = RequireObject(response, "agent");
        if (!JsonRead.TryGet(root, "agent", out JsonElement agent) || agent.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "an 'agent' object");
        }

        return Agent.FromJson(agent);
    }

    private static JsonElement RequireObject(GumloopResponse response, string what)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a JSON object with '" + what + "'");
        }

        return root;
    }
}
