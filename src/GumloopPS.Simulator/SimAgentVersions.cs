using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Agent versions (API.md section 10.4) and the reserved agent aliases (section 3). Each version carries the
    /// agent's full composition as of that version, and every version but the first a structured diff against the
    /// one before, computed from the two compositions so that the two can never disagree.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private const string EarlierModel = "claude-sonnet-4-5";
        private const string EarlierPromptTail = " Answer in bullet points.";

        private static readonly string[] AgentAliases = { "gumball", "analytics" };

        private static bool IsAgentAlias(string segment) => Array.IndexOf(AgentAliases, segment) >= 0;

        /// <summary>The caller's own copy of a platform agent, created on first use; its real id never leaves the simulator.</summary>
        private string ResolveAgentAlias(string alias, SimUser caller)
        {
            lock (_gate)
            {
                var copy = _agents.FirstOrDefault(a => a.IsActive && a.Alias == alias && a.OwnerUserId == caller.Id);
                if (copy == null)
                {
                    bool gumball = alias == "gumball";
                    copy = new SimAgent
                    {
                        Id = NewId("pa"),
                        Alias = alias,
                        OwnerUserId = caller.Id,
                        Name = gumball ? "Gumball" : "Analytics",
                        Description = gumball ? "Your personal Gumloop assistant" : "Answers questions about your workspace's usage and runs",
                        TeamId = TeamId,
                        ModelName = "auto",
                        SystemPrompt = gumball ? "You are Gumball, the user's personal assistant." : "You analyse workspace usage and automation runs.",
                        CreatedAt = DateTimeOffset.UtcNow,
                        CreatorUserId = caller.Id,
                    };
                    _agents.Add(copy);
                }
                return copy.Id;
            }
        }

        /// <summary>Before any change through the API the renewal agent has seven versions (enough for several pages); every other agent has one.</summary>
        private static int BaseVersionCount(string agentId) => agentId == RenewalAgentId ? 7 : 1;

        /// <summary>Every change through the API (update, skills, MCP servers) saves one more version.</summary>
        private static int VersionCount(SimAgent agent) => BaseVersionCount(agent.Id) + agent.SavedVersions.Count;

        /// <summary>Under the lock, after a change to <paramref name="agent"/>: saves its new state as the newest version.</summary>
        private static void SaveAgentVersion(SimAgent agent, SimAgent before)
        {
            agent.Origin ??= before;
            agent.SavedVersions.Add(agent.Clone());
        }

        /// <summary>The agent's state as <paramref name="major"/> saved it.</summary>
        private static SimAgent VersionState(SimAgent agent, int major)
        {
            int baseCount = BaseVersionCount(agent.Id);
            return major <= baseCount ? agent.Origin ?? agent : agent.SavedVersions[major - baseCount - 1];
        }

        /// <summary>The composition of <paramref name="major"/>: the seeded history up to the base count, then the saved states.</summary>
        private static AgentComposition ComposeVersion(SimAgent agent, int major)
        {
            int baseCount = BaseVersionCount(agent.Id);
            return major <= baseCount ? Compose(agent.Origin ?? agent, major, baseCount) : Compose(VersionState(agent, major), 1, 1);
        }

        private static string VersionId(string agentId, int major) => "av_" + agentId.Substring(0, Math.Min(4, agentId.Length)) + major.ToString(CultureInfo.InvariantCulture);

        private static DateTimeOffset VersionCreatedAt(SimAgent agent, int major) =>
            major <= BaseVersionCount(agent.Id)
                ? (agent.Origin ?? agent).CreatedAt.AddDays(3 * (major - 1)).AddMinutes(major * 7)
                : VersionState(agent, major).LastUpdatedAt ?? agent.CreatedAt;

        /// <summary>A copy of the agent, with its creator, taken under the lock so it can be written out without it.</summary>
        private SimAgent? CopyAgent(string agentId, out SimUser? creator)
        {
            creator = null;
            lock (_gate)
            {
                SimAgent? agent = FindAgent(agentId)?.Clone();
                // The list of saved versions grows under the lock; the copy gets its own.
                if (agent != null) agent.SavedVersions = new List<SimAgent>(agent.SavedVersions);
                if (agent != null) _users.TryGetValue(agent.CreatorUserId, out creator);
                return agent;
            }
        }

        private static IEnumerable<SimRoute> AgentVersionRoutes() => new[]
        {
            Route("GET", "/agents/{agent_id}/versions", (sim, req, a) => sim.ListAgentVersions(req, a[0])),
            Route("GET", "/agents/{agent_id}/versions/{version_id}", (sim, req, a) => sim.GetAgentVersion(a[0], a[1])),
        };

        private SimResponse ListAgentVersions(SimRequestContext req, string agentId)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            SimAgent? agent = CopyAgent(agentId, out SimUser? creator);
            if (agent == null) return AgentNotFound();

            // Newest first; the cursor names the last major version sent, like the service's {"major_version": n}.
            int count = VersionCount(agent);
            int below = count + 1;
            var cursor = req.Q("cursor");
            if (cursor != null)
            {
                if (!TryOffsetCursor(req, "major_version", out below, out error)) return error!;
            }
            var majors = Enumerable.Range(1, count).Reverse().Where(v => v < below).Take(pageSize).ToList();
            string? next = majors.Count > 0 && majors[majors.Count - 1] > 1 ? OffsetCursor("major_version", majors[majors.Count - 1]) : null;
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("versions");
                foreach (int major in majors)
                {
                    w.WriteStartObject();
                    WriteVersionSummary(w, agent, creator, major, count);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        private SimResponse GetAgentVersion(string agentId, string versionId)
        {
            SimAgent? agent = CopyAgent(agentId, out SimUser? creator);
            if (agent == null) return AgentNotFound();
            int count = VersionCount(agent);
            int major = Enumerable.Range(1, count).FirstOrDefault(v => VersionId(agent.Id, v) == versionId);
            if (major == 0) return SimResponse.Error(404, "version_not_found", "Agent version not found.");
            var composition = ComposeVersion(agent, major);
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("version");
                WriteVersionSummary(w, agent, creator, major, count);
                w.WritePropertyName("composition");
                composition.Write(w);
                w.WriteEndObject();
                if (major == 1)
                {
                    w.WriteNull("changes");
                }
                else
                {
                    w.WritePropertyName("changes");
                    WriteVersionChanges(w, VersionId(agent.Id, major - 1), ComposeVersion(agent, major - 1), composition);
                }
                w.WriteEndObject();
            });
        }

        private static void WriteVersionSummary(Utf8JsonWriter w, SimAgent agent, SimUser? creator, int major, int count)
        {
            w.WriteString("id", VersionId(agent.Id, major));
            w.WriteString("agent_id", agent.Alias ?? agent.Id);
            w.WriteNumber("major_version", major);
            w.WriteString("name", VersionState(agent, major).Name);
            // Only the deployed (newest) version says true; the others say null, as the examples do.
            if (major == count) w.WriteBoolean("is_deployed", true); else w.WriteNull("is_deployed");
            w.WriteString("created_at", SimText.Timestamp(VersionCreatedAt(agent, major)));
            SimJson.WriteCreator(w, "creator", creator);
        }

        /// <summary>
        /// The agent as of <paramref name="major"/>. The newest version is the agent as it is now. An agent with a
        /// history starts with a legacy version saved before attachment snapshots existed, and its middle versions
        /// differ from now by the model, the end of the prompt, and the last tool and skill attached.
        /// </summary>
        private static AgentComposition Compose(SimAgent agent, int major, int count)
        {
            var now = new AgentComposition
            {
                Complete = true,
                SchemaVersion = 2,
                Name = agent.Name,
                Description = agent.Description,
                ModelName = agent.ModelName ?? "auto",
                SystemPrompt = agent.SystemPrompt,
                Tools = ParseArray(agent.ToolsJson),
                ResourcesJson = agent.ResourcesJson,
                MetadataJson = agent.MetadataJson,
                SkillIds = agent.SkillIds.ToList(),
                KnowledgeSources = ParseArray(agent.KnowledgeSourcesJson),
            };
            if (major == count) return now;
            if (major == 1)
            {
                return new AgentComposition
                {
                    Complete = false,
                    SchemaVersion = null,
                    Name = agent.Name,
                    ModelName = EarlierModel,
                    MetadataJson = "{}",
                };
            }
            now.ModelName = now.ModelName == EarlierModel ? "auto" : EarlierModel;
            if (now.SystemPrompt != null) now.SystemPrompt += EarlierPromptTail;
            if (now.Tools.Count > 0) now.Tools.RemoveAt(now.Tools.Count - 1);
            if (now.SkillIds!.Count > 0) now.SkillIds.RemoveAt(now.SkillIds.Count - 1);
            return now;
        }

        private static List<string> ParseArray(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        }

        private static void WriteVersionChanges(Utf8JsonWriter w, string baseVersionId, AgentComposition old, AgentComposition now)
        {
            bool attachmentsComplete = old.Complete && now.Complete;
            w.WriteStartObject();
            w.WriteString("base_version_id", baseVersionId);
            w.WriteBoolean("attachment_changes_complete", attachmentsComplete);

            w.WriteStartArray("field_changes");
            WriteFieldChange(w, "name", old.Name, now.Name);
            WriteFieldChange(w, "description", old.Description, now.Description);
            WriteFieldChange(w, "model_name", old.ModelName, now.ModelName);
            if (!string.Equals(old.SystemPrompt, now.SystemPrompt, StringComparison.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("field", "system_prompt");
                w.WriteString("status", "changed");
                w.WriteStartArray("text_hunks");
                WriteTextHunk(w, old.SystemPrompt ?? "", now.SystemPrompt ?? "");
                w.WriteEndArray();
                w.WriteEndObject();
            }
            if (!string.Equals(Canonical(old.MetadataJson), Canonical(now.MetadataJson), StringComparison.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("field", "metadata");
                w.WriteString("status", "changed");
                w.WritePropertyName("old_value"); w.WriteRawValue(old.MetadataJson);
                w.WritePropertyName("new_value"); w.WriteRawValue(now.MetadataJson);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("tool_changes");
            var oldIds = old.Tools.Select(ToolIdentity).ToList();
            var newIds = now.Tools.Select(ToolIdentity).ToList();
            for (int i = 0; i < old.Tools.Count; i++)
            {
                if (!newIds.Contains(oldIds[i])) WriteToolChange(w, oldIds[i], "removed", i, null, old.Tools[i], null);
            }
            for (int i = 0; i < now.Tools.Count; i++)
            {
                int before = oldIds.IndexOf(newIds[i]);
                if (before < 0) WriteToolChange(w, newIds[i], "added", null, i, null, now.Tools[i]);
                else if (Canonical(old.Tools[before]) != Canonical(now.Tools[i])) WriteToolChange(w, newIds[i], "changed", before, i, old.Tools[before], now.Tools[i]);
                else if (before != i) WriteToolChange(w, newIds[i], "reordered", before, i, old.Tools[before], now.Tools[i]);
            }
            w.WriteEndArray();

            // Without a snapshot on both sides the attachment diff is unknown, which attachment_changes_complete says.
            w.WriteStartArray("skill_changes");
            if (attachmentsComplete)
            {
                foreach (var id in old.SkillIds!.Except(now.SkillIds!)) WriteSkillChange(w, id, "removed");
                foreach (var id in now.SkillIds!.Except(old.SkillIds!)) WriteSkillChange(w, id, "added");
            }
            w.WriteEndArray();
            w.WriteStartArray("knowledge_source_changes");
            if (attachmentsComplete)
            {
                var oldSources = old.KnowledgeSources!.Select(Canonical).ToList();
                var newSources = now.KnowledgeSources!.Select(Canonical).ToList();
                foreach (var s in old.KnowledgeSources!.Where(s => !newSources.Contains(Canonical(s)))) WriteSourceChange(w, s, "removed");
                foreach (var s in now.KnowledgeSources!.Where(s => !oldSources.Contains(Canonical(s)))) WriteSourceChange(w, s, "added");
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteFieldChange(Utf8JsonWriter w, string field, string? old, string? now)
        {
            if (string.Equals(old, now, StringComparison.Ordinal)) return;
            w.WriteStartObject();
            w.WriteString("field", field);
            w.WriteString("status", "changed");
            SimJson.WriteNullable(w, "old_value", old);
            SimJson.WriteNullable(w, "new_value", now);
            w.WriteEndObject();
        }

        /// <summary>One hunk covering everything between the common prefix and suffix, in character offsets.</summary>
        private static void WriteTextHunk(Utf8JsonWriter w, string old, string now)
        {
            int prefix = 0;
            while (prefix < old.Length && prefix < now.Length && old[prefix] == now[prefix]) prefix++;
            int suffix = 0;
            while (suffix < old.Length - prefix && suffix < now.Length - prefix && old[old.Length - 1 - suffix] == now[now.Length - 1 - suffix]) suffix++;
            w.WriteStartObject();
            w.WriteNumber("old_start", prefix);
            w.WriteNumber("old_end", old.Length - suffix);
            w.WriteNumber("new_start", prefix);
            w.WriteNumber("new_end", now.Length - suffix);
            w.WriteString("old_text", old.Substring(prefix, old.Length - suffix - prefix));
            w.WriteString("new_text", now.Substring(prefix, now.Length - suffix - prefix));
            w.WriteEndObject();
        }

        /// <summary>A tool is identified by its type and the server or name it points at.</summary>
        private static string ToolIdentity(string toolJson)
        {
            using var doc = JsonDocument.Parse(toolJson);
            var root = doc.RootElement;
            string Field(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var key = Field("server_id");
            return Field("type") + "\n" + (key.Length > 0 ? key : Field("name"));
        }

        private static void WriteToolChange(Utf8JsonWriter w, string identity, string status, int? oldPosition, int? newPosition, string? oldValue, string? newValue)
        {
            var parts = identity.Split('\n');
            w.WriteStartObject();
            w.WriteStartObject("identity");
            w.WriteString("type", parts[0]);
            w.WriteString("server_id", parts[1]);
            w.WriteEndObject();
            w.WriteString("status", status);
            if (oldPosition is int o) w.WriteNumber("old_position", o); else w.WriteNull("old_position");
            if (newPosition is int n) w.WriteNumber("new_position", n); else w.WriteNull("new_position");
            w.WritePropertyName("old_value"); if (oldValue != null) w.WriteRawValue(oldValue); else w.WriteNullValue();
            w.WritePropertyName("new_value"); if (newValue != null) w.WriteRawValue(newValue); else w.WriteNullValue();
            w.WriteStartArray("field_changes");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteSkillChange(Utf8JsonWriter w, string skillId, string status)
        {
            w.WriteStartObject();
            w.WriteString("skill_id", skillId);
            w.WriteString("status", status);
            w.WriteEndObject();
        }

        private static void WriteSourceChange(Utf8JsonWriter w, string sourceJson, string status)
        {
            w.WriteStartObject();
            w.WritePropertyName("knowledge_source"); w.WriteRawValue(sourceJson);
            w.WriteString("status", status);
            w.WriteEndObject();
        }

        private static string Canonical(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetRawText();
        }

        /// <summary>An agent's configuration as one version saved it.</summary>
        private sealed class AgentComposition
        {
            public bool Complete;
            public int? SchemaVersion;
            public string Name = "";
            public string? Description;
            public string ModelName = "auto";
            public string? SystemPrompt;
            public List<string> Tools = new List<string>();
            public string ResourcesJson = "[]";
            public string MetadataJson = "{}";

            /// <summary>Null in a legacy version, saved without an attachment snapshot; so is <see cref="KnowledgeSources"/>.</summary>
            public List<string>? SkillIds;
            public List<string>? KnowledgeSources;

            public void Write(Utf8JsonWriter w)
            {
                w.WriteStartObject();
                w.WriteBoolean("complete", Complete);
                if (SchemaVersion is int v) w.WriteNumber("schema_version", v); else w.WriteNull("schema_version");
                w.WriteString("name", Name);
                SimJson.WriteNullable(w, "description", Description);
                w.WriteString("model_name", ModelName);
                SimJson.WriteNullable(w, "system_prompt", SystemPrompt);
                w.WriteStartArray("tools");
                foreach (var t in Tools) w.WriteRawValue(t);
                w.WriteEndArray();
                w.WritePropertyName("resources"); w.WriteRawValue(ResourcesJson);
                w.WritePropertyName("metadata"); w.WriteRawValue(MetadataJson);
                if (SkillIds == null)
                {
                    w.WriteNull("skill_ids");
                }
                else
                {
                    w.WriteStartArray("skill_ids");
                    foreach (var s in SkillIds) w.WriteStringValue(s);
                    w.WriteEndArray();
                }
                if (KnowledgeSources == null)
                {
                    w.WriteNull("knowledge_sources");
                }
                else
                {
                    w.WriteStartArray("knowledge_sources");
                    foreach (var s in KnowledgeSources) w.WriteRawValue(s);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
        }
    }
}
