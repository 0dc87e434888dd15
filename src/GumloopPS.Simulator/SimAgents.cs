using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Agents administration (API.md 10.4): list with its filters, create, read, update and retire, attach and detach
    /// skills, and attach, update and detach MCP servers. Agent state lives in <c>_agents</c> (SimSeed.cs); a retired
    /// agent stays there with IsActive false, so it leaves every list and answers 404, as on the service.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private const int MaxSkillIdsPerUpdate = 100;

        private static IEnumerable<SimRoute> AgentRoutes() => new[]
        {
            Route("GET", "/agents", (sim, req, a) => sim.ListAgents(req)),
            Route("POST", "/agents", (sim, req, a) => sim.CreateAgent(req)),
            Route("GET", "/agents/{agent_id}", (sim, req, a) => sim.GetAgent(a[0])),
            Route("PATCH", "/agents/{agent_id}", (sim, req, a) => sim.UpdateAgent(req, a[0])),
            Route("PATCH", "/agents/{agent_id}/skills", (sim, req, a) => sim.UpdateAgentSkills(req, a[0])),
            Route("GET", "/agents/{agent_id}/mcp-servers", (sim, req, a) => sim.ListAgentMcpServers(a[0])),
            Route("PUT", "/agents/{agent_id}/mcp-servers/{server_id}", (sim, req, a) => sim.AttachAgentMcpServer(req, a[0], a[1])),
            Route("DELETE", "/agents/{agent_id}/mcp-servers/{server_id}", (sim, req, a) => sim.DetachAgentMcpServer(a[0], a[1])),
        };

        private SimResponse ListAgents(SimRequestContext req)
        {
            string sort = req.Q("sort_order") ?? "newest";
            if (sort != "newest" && sort != "oldest" && sort != "name_asc" && sort != "name_desc")
                return SimResponse.Error(400, "invalid_sort", "sort_order must be one of newest, oldest, name_asc, name_desc.", "sort_order");
            var pageSizeText = req.Q("page_size");
            var cursor = req.Q("cursor");
            bool paged = pageSizeText != null || cursor != null;
            int pageSize = 20;
            if (pageSizeText != null && (!int.TryParse(pageSizeText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > 100))
                return SimResponse.Error(400, "invalid_page_size", "page_size must be between 1 and 100.", "page_size");
            bool lastUsed = IsTrue(req.Q("include_last_used") ?? "false");
            bool lastUpdated = IsTrue(req.Q("include_last_updated") ?? "false");
            var search = req.Q("search");
            var creator = req.Q("creator");
            bool triggers = IsTrue(req.Q("has_triggers") ?? "false");
            var tool = req.Q("tool");
            var flow = req.Q("flow");

            List<(SimAgent Agent, SimUser? Creator)> items;
            lock (_gate)
            {
                IEnumerable<SimAgent> q = _agents.Where(a => a.IsActive && a.Alias == null);
                if (!string.IsNullOrEmpty(search)) q = q.Where(a => a.Name.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0);
                if (!string.IsNullOrEmpty(creator)) q = q.Where(a => a.CreatorUserId == creator);
                if (triggers) q = q.Where(a => a.ActiveTriggerCount > 0);
                if (!string.IsNullOrEmpty(tool)) q = q.Where(a => ToolServerIds(a.ToolsJson).Contains(tool!));
                if (!string.IsNullOrEmpty(flow)) q = q.Where(a => ToolFlowIds(a.ToolsJson).Contains(flow!));
                switch (sort)
                {
                    case "oldest": q = q.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal); break;
                    case "name_asc": q = q.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id, StringComparer.Ordinal); break;
                    case "name_desc": q = q.OrderByDescending(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(a => a.Id, StringComparer.Ordinal); break;
                    default: q = q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id, StringComparer.Ordinal); break;
                }
                items = q.Select(a => (a, _users.TryGetValue(a.CreatorUserId, out var u) ? u : null)).ToList();
            }

            int start = 0;
            if (cursor != null)
            {
                int found = -1;
                if (SimText.TryFromBase64Json(cursor, out var doc))
                {
                    using (doc)
                    {
                        if (doc!.RootElement.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String)
                            found = items.FindIndex(x => x.Agent.Id == idEl.GetString());
                    }
                }
                if (found < 0) return SimResponse.Error(400, "invalid_cursor", "The cursor is invalid or has expired.", "cursor");
                start = found + 1;
            }
            var page = paged ? items.Skip(start).Take(pageSize).ToList() : items;
            string? next = null;
            if (paged && start + page.Count < items.Count)
            {
                var last = page[page.Count - 1].Agent;
                string sortValue = sort.StartsWith("name", StringComparison.Ordinal) ? last.Name : SimText.Timestamp(last.CreatedAt);
                next = SimText.ToBase64Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("sort_value", sortValue);
                    w.WriteString("id", last.Id);
                    w.WriteEndObject();
                });
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("agents");
                foreach (var (a, c) in page) SimJson.WriteAgent(w, a, c, false, lastUsed, lastUpdated);
                w.WriteEndArray();
                if (paged) SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        private SimResponse GetAgent(string id)
        {
            SimAgent? a;
            SimUser? creator = null;
            lock (_gate)
            {
                a = FindAgent(id);
                if (a != null) _users.TryGetValue(a.CreatorUserId, out creator);
            }
            if (a == null) return AgentNotFound();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("agent");
                SimJson.WriteAgent(w, a, creator, true, false, false);
                w.WriteEndObject();
            });
        }

        private SimResponse AgentEnvelope(int status, SimAgent a)
        {
            _users.TryGetValue(a.CreatorUserId, out var creator);
            return SimResponse.Json(status, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("agent");
                SimJson.WriteAgent(w, a, creator, true, false, false);
                w.WriteEndObject();
            });
        }

        private static string? OptionalString(JsonDocument? doc, string name, out SimResponse? error, out bool present)
        {
            error = null;
            present = Prop(doc, name, out var v);
            if (!present || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) error = SimResponse.Error(400, "invalid_request", $"{name} must be a string.", name);
            return v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }

        private static string? OptionalJson(JsonDocument? doc, string name, JsonValueKind kind, out SimResponse? error, out bool present)
        {
            error = null;
            present = Prop(doc, name, out var v);
            if (!present || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != kind) error = SimResponse.Error(400, "invalid_request", $"{name} must be an {(kind == JsonValueKind.Array ? "array" : "object")}.", name);
            return v.ValueKind == kind ? v.GetRawText() : null;
        }

        /// <summary>Applies the sent fields of a create/update body to <paramref name="a"/>; returns an error response or null.</summary>
        private SimResponse? ApplyAgentFields(JsonDocument? doc, SimAgent a)
        {
            var name = OptionalString(doc, "name", out var e, out var has); if (e != null) return e;
            if (has)
            {
                if (string.IsNullOrWhiteSpace(name)) return SimResponse.Error(400, "invalid_request", "name must not be empty.", "name");
                a.Name = name!.Trim();
            }
            var model = OptionalString(doc, "model_name", out e, out has); if (e != null) return e;
            if (has) a.ModelName = model;
            var description = OptionalString(doc, "description", out e, out has); if (e != null) return e;
            if (has) a.Description = description;
            var prompt = OptionalString(doc, "system_prompt", out e, out has); if (e != null) return e;
            if (has) a.SystemPrompt = prompt;
            var folder = OptionalString(doc, "folder_id", out e, out has); if (e != null) return e;
            if (has) a.FolderId = folder;
            var tools = OptionalJson(doc, "tools", JsonValueKind.Array, out e, out has); if (e != null) return e;
            if (has) a.ToolsJson = tools ?? "[]";
            var resources = OptionalJson(doc, "resources", JsonValueKind.Array, out e, out has); if (e != null) return e;
            if (has) a.ResourcesJson = resources ?? "[]";
            var metadata = OptionalJson(doc, "metadata", JsonValueKind.Object, out e, out has); if (e != null) return e;
            if (has) a.MetadataJson = metadata ?? "{}";
            var team = OptionalString(doc, "team_id", out e, out has); if (e != null) return e;
            if (has && team != null && team != TeamId) return SimResponse.Error(403, "permission_denied", "You are not a member of this team.", "team_id");
            if (Prop(doc, "is_active", out var active))
            {
                if (active.ValueKind != JsonValueKind.True && active.ValueKind != JsonValueKind.False)
                    return SimResponse.Error(400, "invalid_request", "is_active must be a boolean.", "is_active");
                a.IsActive = active.ValueKind == JsonValueKind.True;
            }
            return null;
        }

        private SimResponse CreateAgent(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                if (!Prop(doc, "name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
                    return SimResponse.Error(400, "invalid_request", "name is required.", "name");
                if (!Prop(doc, "model_name", out var mn) || mn.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(mn.GetString()))
                    return SimResponse.Error(400, "invalid_request", "model_name is required.", "model_name");
                var chosen = OptionalString(doc, "agent_id", out var e, out _); if (e != null) return e;
                var skills = new List<string>();
                if (Prop(doc, "skill_ids", out var sk) && sk.ValueKind != JsonValueKind.Null)
                {
                    if (!TryReadIdArray(sk, "skill_ids", out var ids, out e)) return e!;
                    // Skills attach inside the create transaction: one unknown id fails the whole request.
                    var unknown = ids.Where(id => !SkillIsActive(id)).ToList();
                    if (unknown.Count > 0) return SkillNotFound("skill_ids", unknown);
                    skills.AddRange(ids.Distinct(StringComparer.Ordinal));
                }
                if (Prop(doc, "tools", out var toolsEl) && toolsEl.ValueKind == JsonValueKind.Array && toolsEl.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.Object))
                    return SimResponse.Error(400, "invalid_request", "Each item of tools must be an object.", "tools");
                lock (_gate)
                {
                    if (chosen != null && _agents.Any(x => x.Id == chosen))
                        return SimResponse.Error(409, "agent_already_exists", "An agent with this agent_id already exists.", "agent_id");
                    var a = new SimAgent
                    {
                        Id = chosen ?? RandomToken(15),
                        TeamId = TeamId,
                        CreatedAt = NowUnique(),
                        CreatorUserId = req.Caller!.Id,
                        SkillIds = skills.ToArray(),
                    };
                    var problem = ApplyAgentFields(doc, a);
                    if (problem != null) return problem;
                    a.LastUpdatedAt = a.CreatedAt;
                    _agents.Add(a);
                    return AgentEnvelope(201, a);
                }
            }
        }

        private SimResponse UpdateAgent(SimRequestContext req, string id)
        {
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                lock (_gate)
                {
                    var a = FindAgent(id);
                    if (a == null) return AgentNotFound();
                    // Validate on a copy so a bad field leaves the agent untouched.
                    var copy = a.Clone();
                    var problem = ApplyAgentFields(doc, copy);
                    if (problem != null) return problem;
                    bool retiring = copy.IsActive == false;
                    var before = a.Clone();
                    ApplyAgentFields(doc, a);
                    a.LastUpdatedAt = NowUnique();
                    if (!retiring) SaveAgentVersion(a, before);
                    return AgentEnvelope(200, a);
                }
            }
        }

        /// <summary>Whether a skill exists and is not deleted (SimSkills.cs). The gate is re-entrant, so callers may hold it.</summary>
        private bool SkillIsActive(string skillId)
        {
            lock (_gate) return SkillState().Any(k => k.Id == skillId && !k.Deleted);
        }

        private static SimResponse SkillNotFound(string param, IReadOnlyCollection<string> ids) =>
            SimResponse.Error(400, "skill_not_found", "One or more skills do not exist or are not active.", param, w =>
            {
                w.WriteStartArray("skill_ids");
                foreach (var id in ids) w.WriteStringValue(id);
                w.WriteEndArray();
            });

        /// <summary>An array of non-empty strings; anything else is 400.</summary>
        private static bool TryReadIdArray(JsonElement value, string name, out List<string> ids, out SimResponse? error)
        {
            ids = new List<string>();
            error = null;
            if (value.ValueKind != JsonValueKind.Array)
            {
                error = SimResponse.Error(400, "invalid_request", $"{name} must be an array of strings.", name);
                return false;
            }
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                {
                    error = SimResponse.Error(400, "invalid_request", $"{name} must hold non-empty strings.", name);
                    return false;
                }
                ids.Add(item.GetString()!);
            }
            return true;
        }

        private SimResponse UpdateAgentSkills(SimRequestContext req, string agentId)
        {
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
            }
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            List<string> attach, detach;
            using (doc)
            {
                foreach (var p in doc?.RootElement.EnumerateObject() ?? Enumerable.Empty<JsonProperty>())
                {
                    if (p.Name != "attach" && p.Name != "detach")
                        return SimResponse.Error(400, "invalid_request", $"Unknown field '{p.Name}'; send attach and/or detach.", p.Name);
                }
                attach = new List<string>();
                detach = new List<string>();
                if (Prop(doc, "attach", out var at) && at.ValueKind != JsonValueKind.Null && !TryReadIdArray(at, "attach", out attach, out err)) return err!;
                if (Prop(doc, "detach", out var de) && de.ValueKind != JsonValueKind.Null && !TryReadIdArray(de, "detach", out detach, out err)) return err!;
            }
            attach = attach.Distinct(StringComparer.Ordinal).ToList();
            detach = detach.Distinct(StringComparer.Ordinal).ToList();
            var both = attach.Intersect(detach, StringComparer.Ordinal).ToList();
            if (both.Count > 0)
                return SimResponse.Error(400, "invalid_request", $"Skill '{both[0]}' appears in both attach and detach.", "attach");
            if (attach.Count + detach.Count > MaxSkillIdsPerUpdate)
                return SimResponse.Error(400, "invalid_request", $"At most {MaxSkillIdsPerUpdate} unique skill ids may be sent in one request.", "attach");
            // Attach needs the skill to exist and be active; the whole batch is rejected otherwise. Detach is permissive.
            var unknown = attach.Where(id => !SkillIsActive(id)).ToList();
            if (unknown.Count > 0) return SkillNotFound("attach", unknown);

            lock (_gate)
            {
                var a = FindAgent(agentId);
                if (a == null) return AgentNotFound();
                var before = a.Clone();
                var current = a.SkillIds.ToList();
                var attached = attach.Where(id => !current.Contains(id)).ToList();
                var alreadyAttached = attach.Where(current.Contains).ToList();
                var detached = detach.Where(current.Contains).ToList();
                var alreadyDetached = detach.Where(id => !current.Contains(id)).ToList();
                current.AddRange(attached);
                current.RemoveAll(detached.Contains);
                a.SkillIds = current.ToArray();
                if (attached.Count + detached.Count > 0)
                {
                    a.LastUpdatedAt = NowUnique();
                    SaveAgentVersion(a, before);
                }
                string id = a.Alias ?? a.Id;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("agent_id", id);
                    WriteIds(w, "skill_ids", current);
                    WriteIds(w, "attached", attached);
                    WriteIds(w, "detached", detached);
                    WriteIds(w, "already_attached", alreadyAttached);
                    WriteIds(w, "already_detached", alreadyDetached);
                    w.WriteEndObject();
                });
            }
        }

        private static string WriteJson(Action<Utf8JsonWriter> write)
        {
            using var stream = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(stream)) write(w);
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        private static void WriteIds(Utf8JsonWriter w, string name, IEnumerable<string> ids)
        {
            w.WriteStartArray(name);
            foreach (var id in ids) w.WriteStringValue(id);
            w.WriteEndArray();
        }

        // ---- MCP servers attached to an agent: the agent's tools whose type names an MCP server --------------------

        private static readonly string[] McpToolTypes = { "gumcp_server", "gumstack_server", "mcp_server" };

        // Identity keys come from the catalogue; secrets and custom URLs are never returned.
        private static readonly string[] McpIdentityKeys = { "type", "server_id", "secret_id", "mcp_server_url" };

        /// <summary>The caller's MCP catalogue as the attach route sees it: id, type, auth status, and policy.</summary>
        private sealed class SimMcpEntry
        {
            public SimMcpEntry(string id, string type, string status, bool restricted = false)
            {
                Id = id; Type = type; Status = status; Restricted = restricted;
            }

            public string Id { get; }
            public string Type { get; }
            public string Status { get; }
            public bool Restricted { get; }
        }

        // gumloop_slack is listed twice (Gumloop-hosted and a team's own Gumstack deployment), which the service
        // refuses to guess between; gumloop_salesforce is blocked by the organization's policy.
        private static readonly SimMcpEntry[] AgentMcpCatalog =
        {
            new SimMcpEntry("gumloop_hubspot", "gumcp_server", "connected"),
            new SimMcpEntry("gumloop_gmail", "gumcp_server", "connected"),
            new SimMcpEntry("gumloop_zendesk", "gumcp_server", "unauthenticated"),
            new SimMcpEntry("mcp_6Rk2Wn8x", "mcp_server", "connected"),
            new SimMcpEntry("gumloop_salesforce", "gumcp_server", "connected", restricted: true),
            new SimMcpEntry("gumloop_slack", "gumcp_server", "connected"),
            new SimMcpEntry("gumloop_slack", "gumstack_server", "connected"),
        };

        private static List<string> ToolServerIds(string toolsJson)
        {
            using var doc = JsonDocument.Parse(toolsJson);
            return doc.RootElement.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("server_id", out var s) && s.ValueKind == JsonValueKind.String)
                .Select(t => t.GetProperty("server_id").GetString()!).ToList();
        }

        /// <summary>Saved flows used as tools: <c>{"type":"flow","saved_item_id":...}</c> (or <c>flow_id</c>).</summary>
        private static List<string> ToolFlowIds(string toolsJson)
        {
            using var doc = JsonDocument.Parse(toolsJson);
            var ids = new List<string>();
            foreach (var t in doc.RootElement.EnumerateArray())
            {
                if (t.ValueKind != JsonValueKind.Object) continue;
                foreach (var key in new[] { "saved_item_id", "flow_id" })
                {
                    if (t.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String) ids.Add(v.GetString()!);
                }
            }
            return ids;
        }

        private static bool IsMcpTool(JsonElement tool) =>
            tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            && McpToolTypes.Contains(t.GetString()) && tool.TryGetProperty("server_id", out var s) && s.ValueKind == JsonValueKind.String;

        /// <summary>A tool config without its secret reference and custom server URL.</summary>
        private static void WriteScrubbedTool(Utf8JsonWriter w, JsonElement tool)
        {
            w.WriteStartObject();
            foreach (var p in tool.EnumerateObject())
            {
                if (p.Name == "secret_id" || p.Name == "mcp_server_url") continue;
                p.WriteTo(w);
            }
            w.WriteEndObject();
        }

        private SimResponse ListAgentMcpServers(string agentId)
        {
            string id, tools;
            lock (_gate)
            {
                var a = FindAgent(agentId);
                if (a == null) return AgentNotFound();
                id = a.Alias ?? a.Id;
                tools = a.ToolsJson;
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("agent_id", id);
                w.WriteStartArray("mcp_servers");
                using (var doc = JsonDocument.Parse(tools))
                {
                    foreach (var t in doc.RootElement.EnumerateArray().Where(IsMcpTool)) WriteScrubbedTool(w, t);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private SimResponse AttachAgentMcpServer(SimRequestContext req, string agentId, string serverId)
        {
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
            }
            var entries = AgentMcpCatalog.Where(e => e.Id == serverId).ToList();
            if (entries.Count == 0)
                return SimResponse.Error(404, "mcp_server_not_found", $"Server '{serverId}' is not in your MCP catalog.", "server_id");
            if (entries.Count > 1)
                return SimResponse.Error(409, "ambiguous_mcp_server", $"Server '{serverId}' matches more than one entry of your MCP catalog.", "server_id");
            var entry = entries[0];
            if (entry.Restricted)
                return SimResponse.Error(403, "mcp_server_restricted", $"Server '{serverId}' is restricted by your organization's policy.", "server_id");
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            string config;
            using (doc)
            {
                // The body is the connector configuration; identity keys come from the catalogue and are ignored.
                config = WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", entry.Type);
                    w.WriteString("server_id", entry.Id);
                    foreach (var p in doc?.RootElement.EnumerateObject() ?? Enumerable.Empty<JsonProperty>())
                    {
                        if (!McpIdentityKeys.Contains(p.Name)) p.WriteTo(w);
                    }
                    w.WriteEndObject();
                });
            }

            string id;
            bool created;
            lock (_gate)
            {
                var a = FindAgent(agentId);
                if (a == null) return AgentNotFound();
                id = a.Alias ?? a.Id;
                var before = a.Clone();
                var tools = ParseArray(a.ToolsJson);
                int at = tools.FindIndex(t => { using var d = JsonDocument.Parse(t); return IsMcpTool(d.RootElement) && d.RootElement.GetProperty("server_id").GetString() == serverId; });
                created = at < 0;
                if (created) tools.Add(config); else tools[at] = config;
                a.ToolsJson = "[" + string.Join(",", tools) + "]";
                a.LastUpdatedAt = NowUnique();
                SaveAgentVersion(a, before);
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("agent_id", id);
                w.WritePropertyName("mcp_server");
                using (var d = JsonDocument.Parse(config)) WriteScrubbedTool(w, d.RootElement);
                w.WriteBoolean("created", created);
                w.WriteString("auth_status", entry.Status);
                w.WriteEndObject();
            });
        }

        private SimResponse DetachAgentMcpServer(string agentId, string serverId)
        {
            lock (_gate)
            {
                var a = FindAgent(agentId);
                if (a == null) return AgentNotFound();
                var before = a.Clone();
                var tools = ParseArray(a.ToolsJson);
                int removed = tools.RemoveAll(t => { using var d = JsonDocument.Parse(t); return IsMcpTool(d.RootElement) && d.RootElement.GetProperty("server_id").GetString() == serverId; });
                if (removed > 0)
                {
                    a.ToolsJson = "[" + string.Join(",", tools) + "]";
                    a.LastUpdatedAt = NowUnique();
                    SaveAgentVersion(a, before);
                }
                string id = a.Alias ?? a.Id;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("agent_id", id);
                    w.WriteString("server_id", serverId);
                    w.WriteBoolean("detached", removed > 0);
                    w.WriteEndObject();
                });
            }
        }
    }
}
