using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Simulator
{
    internal enum SessionShape { Full, ListItem, CancelStub }

    /// <summary>A consistent copy of a session taken under the state lock, so it can be serialised without holding the lock.</summary>
    internal sealed class SessionView
    {
        public string Id = "";
        public string AgentId = "";
        public string? Name;
        public string Type = "api";
        public string State = "idle";
        public DateTimeOffset CreatedAt;
        public SimMessage[] Messages = Array.Empty<SimMessage>();
        public SimUser[] Participants = Array.Empty<SimUser>();
        public SimUser? Creator;
        public SimUsage Usage;
        public SimApproval[] Approvals = Array.Empty<SimApproval>();
        public int? QueuePosition;
        public SimAgent? Agent;
        public string? AgentCreatorUserId;
        public string? ClientMetadataJson;
    }

    internal static class SimJson
    {
        // Above this many messages an envelope is streamed with chunked encoding instead of buffered.
        public const int StreamThreshold = 500;

        public static void WriteCreator(Utf8JsonWriter w, string name, SimUser? u)
        {
            if (u == null) { w.WriteNull(name); return; }
            w.WriteStartObject(name);
            w.WriteString("id", u.Id);
            w.WriteString("first_name", u.FirstName);
            w.WriteString("last_name", u.LastName);
            w.WriteString("email", u.Email);
            WriteNullable(w, "profile_picture", u.ProfilePicture);
            w.WriteEndObject();
        }

        public static void WriteNullable(Utf8JsonWriter w, string name, string? value)
        {
            if (value == null) w.WriteNull(name); else w.WriteString(name, value);
        }

        public static void WriteAgent(Utf8JsonWriter w, SimAgent a, SimUser? creator, bool detail, bool includeLastUsed, bool includeLastUpdated)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Alias ?? a.Id);
            w.WriteString("name", a.Name);
            WriteNullable(w, "description", a.Description);
            w.WriteString("team_id", a.TeamId);
            w.WriteBoolean("is_active", a.IsActive);
            WriteNullable(w, "model_name", a.ModelName);
            WriteNullable(w, "system_prompt", a.SystemPrompt);
            w.WritePropertyName("tools"); w.WriteRawValue(a.ToolsJson);
            w.WritePropertyName("resources"); w.WriteRawValue(a.ResourcesJson);
            w.WritePropertyName("metadata"); w.WriteRawValue(a.MetadataJson);
            if (detail)
            {
                w.WriteStartArray("skill_ids");
                foreach (var s in a.SkillIds) w.WriteStringValue(s);
                w.WriteEndArray();
            }
            WriteNullable(w, "folder_id", a.FolderId);
            if (detail) w.WriteNull("type");
            w.WriteString("created_at", SimText.Timestamp(a.CreatedAt));
            // Detail responses leave active_trigger_count null, as the retrieve example does.
            if (detail) w.WriteNull("active_trigger_count"); else w.WriteNumber("active_trigger_count", a.ActiveTriggerCount);
            if (detail) WriteCreator(w, "creator", creator);
            if (includeLastUsed) WriteNullable(w, "last_used_at", a.LastUsedAt.HasValue ? SimText.Timestamp(a.LastUsedAt.Value) : null);
            if (includeLastUpdated) WriteNullable(w, "last_updated_at", a.LastUpdatedAt.HasValue ? SimText.Timestamp(a.LastUpdatedAt.Value) : null);
            w.WriteEndObject();
        }

        public static void WriteUsage(Utf8JsonWriter w, SimUsage u)
        {
            w.WriteStartObject("usage");
            if (!u.Recorded)
            {
                foreach (var n in new[] { "credit_cost", "tool_credit_cost", "flow_credit_cost", "input_tokens", "cached_input_tokens", "cache_write_input_tokens", "output_tokens", "reasoning_tokens" })
                    w.WriteNull(n);
            }
            else
            {
                w.WriteNumber("credit_cost", Math.Round(u.CreditCost, 4));
                w.WriteNumber("tool_credit_cost", Math.Round(u.ToolCreditCost, 4));
                w.WriteNumber("flow_credit_cost", Math.Round(u.FlowCreditCost, 4));
                w.WriteNumber("input_tokens", u.InputTokens);
                w.WriteNumber("cached_input_tokens", u.CachedInputTokens);
                w.WriteNumber("cache_write_input_tokens", u.CacheWriteInputTokens);
                w.WriteNumber("output_tokens", u.OutputTokens);
                w.WriteNumber("reasoning_tokens", u.ReasoningTokens);
            }
            w.WriteEndObject();
        }

        public static void WriteMessage(Utf8JsonWriter w, SimMessage m)
        {
            w.WriteStartObject();
            w.WriteString("id", m.Id);
            w.WriteString("role", m.Role);
            WriteNullable(w, "content", m.Content);
            w.WriteString("created_at", SimText.Timestamp(m.CreatedAt));
            WriteNullable(w, "creator_id", m.CreatorId);
            if (m.Parts == null)
            {
                w.WriteNull("parts");
            }
            else
            {
                w.WriteStartArray("parts");
                foreach (var p in m.Parts) WritePart(w, p);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }

        public static void WritePart(Utf8JsonWriter w, SimPart p)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("type", p.Type);
            switch (p.Type)
            {
                case "text":
                    w.WriteString("text", p.Text ?? "");
                    break;
                case "tool_invocation":
                    // camelCase inside parts is what the service sends (API.md section 8).
                    w.WriteString("toolCallId", p.ToolCallId ?? "");
                    w.WriteString("toolName", p.ToolName ?? "");
                    w.WriteString("toolCallState", p.ToolCallState ?? "completed");
                    w.WriteStartObject("result");
                    w.WritePropertyName("args"); w.WriteRawValue(p.ArgsJson ?? "{}");
                    w.WritePropertyName("result"); w.WriteRawValue(p.ResultJson ?? "null");
                    w.WriteEndObject();
                    break;
                case "error":
                    w.WriteString("error", p.Error ?? "");
                    break;
                default:
                    if (p.Text != null) w.WriteString("text", p.Text);
                    break;
            }
            w.WriteEndObject();
        }

        public static void WriteApproval(Utf8JsonWriter w, SimApproval a)
        {
            w.WriteStartObject();
            w.WriteString("action_request_id", a.ActionRequestId);
            w.WriteString("type", a.Type);
            WriteNullable(w, "title", a.Title);
            WriteNullable(w, "reason", a.Reason);
            WriteNullable(w, "recipient_user_id", a.RecipientUserId);
            WriteNullable(w, "tool_name", a.ToolName);
            WriteNullable(w, "server_label", a.ServerLabel);
            if (a.DisplayFields == null)
            {
                w.WriteNull("display_fields");
            }
            else
            {
                w.WriteStartArray("display_fields");
                foreach (var pair in a.DisplayFields)
                {
                    w.WriteStartArray();
                    foreach (var s in pair) w.WriteStringValue(s);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            if (a.QuestionsJson == null) w.WriteNull("questions");
            else { w.WritePropertyName("questions"); w.WriteRawValue(a.QuestionsJson); }
            w.WriteEndObject();
        }

        /// <summary>Writes the session object; messages go through <paramref name="onMessage"/> so large transcripts can be flushed as they go.</summary>
        public static void WriteSession(Utf8JsonWriter w, SessionView s, SessionShape shape, Action<int>? onMessage = null)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("agent_id", s.AgentId);
            if (shape == SessionShape.CancelStub)
            {
                // Cancel answers with defaults everywhere except id/agent_id/state, exactly as the service does.
                w.WriteStartArray("messages"); w.WriteEndArray();
                w.WriteNull("created_at");
                w.WriteString("state", s.State);
                w.WriteNull("agent_name");
                w.WriteNull("agent_team_id");
                w.WriteNull("agent_creator_user_id");
                w.WriteNull("agent_icon_url");
                w.WriteStartArray("agent_tools"); w.WriteEndArray();
                w.WriteStartObject("participants"); w.WriteEndObject();
                w.WriteNull("creator");
                WriteUsage(w, default);
                w.WriteEndObject();
                return;
            }
            WriteNullable(w, "name", s.Name);
            if (shape == SessionShape.ListItem) w.WriteString("type", s.Type);
            w.WriteStartArray("messages");
            if (shape == SessionShape.Full)
            {
                for (int i = 0; i < s.Messages.Length; i++)
                {
                    WriteMessage(w, s.Messages[i]);
                    onMessage?.Invoke(i);
                }
            }
            w.WriteEndArray();
            w.WriteString("created_at", SimText.Timestamp(s.CreatedAt));
            w.WriteString("state", s.State);
            WriteNullable(w, "agent_name", s.Agent?.Name);
            if (shape == SessionShape.Full)
            {
                WriteNullable(w, "agent_team_id", s.Agent?.TeamId);
                WriteNullable(w, "agent_creator_user_id", s.AgentCreatorUserId);
                w.WriteNull("agent_icon_url");
                w.WritePropertyName("agent_tools"); w.WriteRawValue(s.Agent?.ToolsJson ?? "[]");
                w.WriteStartObject("participants");
                foreach (var p in s.Participants)
                {
                    w.WriteStartObject(p.Id);
                    w.WriteString("first_name", p.FirstName);
                    w.WriteString("last_name", p.LastName);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteStartArray("pending_approvals");
                foreach (var a in s.Approvals) WriteApproval(w, a);
                w.WriteEndArray();
                if (s.ClientMetadataJson != null)
                {
                    w.WriteStartObject("metadata");
                    w.WritePropertyName("client"); w.WriteRawValue(s.ClientMetadataJson);
                    w.WriteEndObject();
                }
            }
            WriteCreator(w, "creator", s.Creator);
            WriteUsage(w, s.Usage);
            w.WriteEndObject();
        }

        public static void WriteEnvelope(Utf8JsonWriter w, SessionView s, SessionShape shape, Action<int>? onMessage = null)
        {
            w.WriteStartObject();
            w.WritePropertyName("session");
            WriteSession(w, s, shape, onMessage);
            if (shape == SessionShape.CancelStub || s.QueuePosition == null) w.WriteNull("queue_position");
            else w.WriteNumber("queue_position", s.QueuePosition.Value);
            w.WriteEndObject();
        }

        /// <summary>Small envelopes are buffered (Content-Length); big transcripts stream through Utf8JsonWriter with periodic flushes.</summary>
        public static SimResponse Envelope(int status, SessionView view, SessionShape shape)
        {
            if (shape != SessionShape.Full || view.Messages.Length < StreamThreshold)
                return SimResponse.Json(status, w => WriteEnvelope(w, view, shape));
            return new SimResponse
            {
                Status = status,
                Writer = async (stream, ct) =>
                {
                    using var w = new Utf8JsonWriter(stream);
                    WriteEnvelopeStreaming(w, view, ct);
                    await w.FlushAsync(ct).ConfigureAwait(false);
                },
            };
        }

        private static void WriteEnvelopeStreaming(Utf8JsonWriter w, SessionView view, CancellationToken ct)
        {
            // Flushing synchronously keeps the writer's buffer bounded; HttpListener's output stream is fine with sync writes.
            WriteEnvelope(w, view, SessionShape.Full, i =>
            {
                if (w.BytesPending > 64 * 1024)
                {
                    ct.ThrowIfCancellationRequested();
                    w.Flush();
                }
            });
        }
    }
}
