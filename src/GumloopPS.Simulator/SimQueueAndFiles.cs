using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        private const int MaxQueuedMessages = 20;

        private static SimResponse QueuedNotFound() => SimResponse.Error(404, "queued_message_not_found", "Queued message not found.");

        private static void WriteQueued(Utf8JsonWriter w, SimQueuedMessage q, int position)
        {
            w.WriteStartObject();
            w.WriteString("id", q.Id);
            w.WriteString("input", q.Input);
            w.WriteString("state", "queued");
            w.WriteNumber("position", position);
            w.WriteString("created_at", SimText.Timestamp(q.CreatedAt));
            w.WriteString("updated_at", SimText.Timestamp(q.UpdatedAt));
            w.WriteEndObject();
        }

        /// <summary>A session's message queue and its file uploads.</summary>
        private static IEnumerable<SimRoute> QueueAndFileRoutes() => new[]
        {
            Route("POST", "/sessions/{session_id}/files", (sim, req, a) => sim.UploadFile(req, a[0])),
            Route("GET", "/sessions/{session_id}/queue", (sim, req, a) => sim.ListQueue(a[0])),
            Route("POST", "/sessions/{session_id}/queue", (sim, req, a) => sim.AddToQueue(req, a[0])),
            Route("PATCH", "/sessions/{session_id}/queue/{queued_message_id}", (sim, req, a) => sim.UpdateQueued(req, a[0], a[1])),
            Route("DELETE", "/sessions/{session_id}/queue/{queued_message_id}", (sim, req, a) => sim.DeleteQueued(a[0], a[1])),
            Route("POST", "/sessions/{session_id}/queue/{queued_message_id}/send", (sim, req, a) => sim.SendQueued(req, a[0], a[1])),
        };

        /// <summary>Under the lock: builds { queued_message?, queue } from a copy, positions 1-based in send order.</summary>
        private static SimResponse QueueResponse(int status, SimSession s, SimQueuedMessage? item)
        {
            var copy = s.MessageQueue.ToArray();
            return SimResponse.Json(status, w =>
            {
                w.WriteStartObject();
                if (item != null)
                {
                    w.WritePropertyName("queued_message");
                    WriteQueued(w, item, Array.IndexOf(copy, item) + 1);
                }
                w.WriteStartArray("queue");
                for (int i = 0; i < copy.Length; i++) WriteQueued(w, copy[i], i + 1);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static bool TryReadRequiredInput(SimRequestContext req, out string input, out SimResponse? error)
        {
            input = "";
            if (!TryReadBody(req, out var doc, out error)) return false;
            using (doc)
            {
                if (!TryReadInput(doc, out var value, out error)) return false;
                if (string.IsNullOrWhiteSpace(value))
                {
                    error = SimResponse.Error(400, "invalid_request", "input is required and must not be empty.", "input");
                    return false;
                }
                input = value!;
                return true;
            }
        }

        private SimResponse ListQueue(string id)
        {
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                return QueueResponse(200, s, null);
            }
        }

        private SimResponse AddToQueue(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadRequiredInput(req, out var input, out var err)) return err!;
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                if (s.MessageQueue.Count >= MaxQueuedMessages)
                    return SimResponse.Error(409, "queue_full", $"A session can hold at most {MaxQueuedMessages} queued messages.");
                var now = NowUnique();
                var q = new SimQueuedMessage { Id = NewId("qm_"), Input = input, UserId = req.Caller!.Id, CreatedAt = now, UpdatedAt = now };
                s.MessageQueue.Add(q);
                // An idle or finished session has no turn to wait for, so the message goes out at once.
                if (s.State != "processing" && s.State != "queued" && s.State != "approval_required" && s.MessageQueue.Count == 1)
                {
                    var resp = QueueResponse(201, s, q);
                    s.MessageQueue.Remove(q);
                    StartTurn(s, q.Input, ParseDirectives(q.Input), q.UserId, false, !HasFreeSlot());
                    return resp;
                }
                return QueueResponse(201, s, q);
            }
        }

        private SimResponse UpdateQueued(SimRequestContext req, string id, string qid)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadRequiredInput(req, out var input, out var err)) return err!;
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                var q = s.MessageQueue.FirstOrDefault(x => x.Id == qid);
                if (q == null) return QueuedNotFound();
                q.Input = input;
                q.UpdatedAt = NowUnique();
                return QueueResponse(200, s, q);
            }
        }

        private SimResponse DeleteQueued(string id, string qid)
        {
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                if (s.MessageQueue.RemoveAll(x => x.Id == qid) == 0) return QueuedNotFound();
                return QueueResponse(200, s, null);
            }
        }

        private SimResponse SendQueued(SimRequestContext req, string id, string qid)
        {
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                var q = s.MessageQueue.FirstOrDefault(x => x.Id == qid);
                if (q == null) return QueuedNotFound();
                var directives = ParseDirectives(q.Input);
                bool wasRunning = s.State == "processing" || s.State == "queued";
                bool queue = false;
                if (!wasRunning && !HasFreeSlot())
                {
                    if (!Options.QueueAtLimit) return SimResponse.RateLimited();
                    queue = true;
                }
                s.MessageQueue.Remove(q);
                if (wasRunning) AbortTurn(s);
                StartTurn(s, q.Input, directives, q.UserId, false, queue || !HasFreeSlot());
                return SimJson.Envelope(202, View(s, true), SessionShape.Full);
            }
        }

        private SimResponse UploadFile(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                if (!Prop(doc, "file_name", out var fnEl) || fnEl.ValueKind != JsonValueKind.String)
                    return SimResponse.Error(400, "invalid_file_name", "file_name is required.", "file_name");
                // Directory parts are stripped and the basename sanitised, as the service does.
                var raw = fnEl.GetString()!.Replace('\\', '/');
                var baseName = raw.Substring(raw.LastIndexOf('/') + 1).Trim();
                var safe = new string(baseName.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_').ToArray()).Trim('.');
                if (safe.Length == 0 || safe.Length > 255) return SimResponse.Error(400, "invalid_file_name", "file_name is not a usable file name.", "file_name");
                if (!Prop(doc, "file_content", out var fcEl) || fcEl.ValueKind != JsonValueKind.String)
                    return SimResponse.Error(400, "invalid_file_content", "file_content (base64) is required.", "file_content");
                byte[] bytes;
                try { bytes = Convert.FromBase64String(fcEl.GetString()!); }
                catch (FormatException) { return SimResponse.Error(400, "invalid_file_content", "file_content is not valid base64.", "file_content"); }
                if (bytes.LongLength > Options.MaxSessionFileBytes)
                    return SimResponse.Error(413, "file_too_large", Options.MaxSessionFileBytes % (1024 * 1024) == 0 ? $"Files are limited to {Options.MaxSessionFileBytes / (1024 * 1024)}MB." : $"Files are limited to {Options.MaxSessionFileBytes} bytes.", "file_content");
                string? mediaType = Prop(doc, "media_type", out var mtEl) && mtEl.ValueKind == JsonValueKind.String ? mtEl.GetString() : null;
                var stored = $"custom_agent_interactions/{id}/input/{safe}";
                lock (_gate)
                {
                    if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                    s.Files.Add(stored);
                }
                return SimResponse.Json(201, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("file_name", stored);
                    SimJson.WriteNullable(w, "media_type", mediaType);
                    w.WriteNumber("size", bytes.Length);
                    w.WriteEndObject();
                });
            }
        }
    }
}
