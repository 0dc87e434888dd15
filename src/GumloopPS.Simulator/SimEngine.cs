using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        private static readonly Regex DirectiveRegex = new Regex(@"(?<![\w:])sim:(?<name>[a-z][a-z\-]*)(?:=(?<value>\d+))?", RegexOptions.CultureInvariant);

        private readonly HashSet<SimSession> _running = new HashSet<SimSession>();
        private readonly List<SimSession> _queue = new List<SimSession>();
        private long _lastCursorBase;
        private DateTimeOffset _lastNow;

        internal static Directives ParseDirectives(string input)
        {
            var d = new Directives();
            foreach (Match m in DirectiveRegex.Matches(input))
            {
                int? value = null;
                if (m.Groups["value"].Success && int.TryParse(m.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) value = v;
                switch (m.Groups["name"].Value)
                {
                    case "fail": d.Fail = true; break;
                    case "approval": d.Approval = true; break;
                    case "tool": d.Tool = true; break;
                    case "echo-key": d.EchoKey = true; break;
                    case "keepalive": d.KeepAlive = true; break;
                    case "stream-error": d.StreamError = true; break;
                    case "delay": d.DelayMs = value; break;
                    case "drop-after": d.DropAfter = value; break;
                    case "stall": d.StallMs = value; break;
                }
            }
            d.CleanText = Regex.Replace(DirectiveRegex.Replace(input, " "), @"\s+", " ").Trim();
            return d;
        }

        private bool HasFreeSlot()
        {
            var limit = Options.ConcurrencyLimit;
            return limit == null || _running.Count < limit.Value;
        }

        /// <summary>Strictly increasing wall-clock time, so created_at values sort the way they were created.</summary>
        private DateTimeOffset NowUnique()
        {
            var now = DateTimeOffset.UtcNow;
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
            if (now <= _lastNow) now = _lastNow.AddMilliseconds(1);
            _lastNow = now;
            return now;
        }

        private static int Ms(TimeSpan t) => (int)Math.Max(0, Math.Min(int.MaxValue, t.TotalMilliseconds));

        /// <summary>Call under the state lock after the concurrency check. Appends the user message and starts (or queues) the run.</summary>
        private SimTurn StartTurn(SimSession s, string? input, Directives d, string userId, bool streamed, bool queue)
        {
            if (input != null)
            {
                s.Messages.Add(new SimMessage(NewId("msg_"), "user", input, NowUnique(), userId, null));
                if (!s.Participants.Contains(userId)) s.Participants.Add(userId);
            }
            s.PendingApprovals.Clear();
            s.TurnCount++;
            var t = new SimTurn(s, d, streamed, userId) { AssistantMessageId = NewId("msg_") };
            long ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
            // Cursor space: 1000 positions per turn, increasing across turns, shaped like the service's "<n>-0" cursors.
            _lastCursorBase = Math.Max(ms, _lastCursorBase + 1000);
            t.CursorBase = _lastCursorBase;
            BuildPlan(t, s.TurnCount);
            s.CurrentTurn = t;
            if (queue)
            {
                s.State = "queued";
                _queue.Add(s);
            }
            else
            {
                s.State = "processing";
                _running.Add(s);
                BeginTurn(t);
            }
            return t;
        }

        private void BuildPlan(SimTurn t, int replyNumber)
        {
            var d = t.Directives;
            string reply = d.Reply ?? $"Reply {replyNumber} to \"{d.CleanText}\"";
            int chunk = t.Streamed ? Ms(Options.ChunkDelay) : 0;
            int next = (d.DelayMs ?? Ms(Options.ReplyDelay)) + (d.StallMs ?? 0);
            string sessionId = t.Session.Id;
            string msgId = t.AssistantMessageId;

            t.Plan.Add(new PlannedStep(0, "interaction-ready", w => w.WriteString("interaction_id", sessionId), true));

            void Add(string type, Action<Utf8JsonWriter>? payload, bool cursor = false, bool final = false, Action? before = null)
            {
                t.Plan.Add(new PlannedStep(next, type, payload, cursor, final, before));
                next = chunk;
            }

            string toolCallId = "tc_" + msgId.Substring(4);
            if (d.Tool)
            {
                Add("tool-input-start", w => { w.WriteString("toolCallId", toolCallId); w.WriteString("toolName", "hubspot_get_company"); });
                Add("tool-input-available", w =>
                {
                    w.WriteString("toolCallId", toolCallId);
                    w.WriteString("toolName", "hubspot_get_company");
                    w.WriteStartObject("input"); w.WriteString("query", d.CleanText); w.WriteEndObject();
                });
                Add("tool-output-available", w =>
                {
                    w.WriteString("toolCallId", toolCallId);
                    w.WriteStartObject("output"); w.WriteString("name", "Northwind Traders"); w.WriteNumber("matches", 1); w.WriteEndObject();
                });
            }
            Add("text-start", w => w.WriteString("id", msgId));
            var chunks = SplitReply(reply, 3);
            bool failing = d.Fail || d.StreamError;
            int deltas = failing ? 1 : chunks.Length;
            for (int i = 0; i < deltas; i++)
            {
                string c = chunks[i];
                Add("text-delta", w => { w.WriteString("id", msgId); w.WriteString("delta", c); }, true, before: () => t.ProducedText += c);
            }

            var textPart = new SimPart { Id = "part_" + msgId.Substring(4) + "t", Type = "text", Text = reply };
            var toolPart = d.Tool
                ? new SimPart
                {
                    Id = "part_" + msgId.Substring(4) + "u", Type = "tool_invocation", ToolCallId = toolCallId, ToolName = "hubspot_get_company",
                    ToolCallState = "completed", ArgsJson = JsonString(w => { w.WriteStartObject(); w.WriteString("query", d.CleanText); w.WriteEndObject(); }),
                    ResultJson = "{\"name\":\"Northwind Traders\",\"matches\":1}",
                }
                : null;

            if (failing)
            {
                string code = d.StreamError ? "model_provider_error" : "simulated_failure";
                string message = d.StreamError ? "The model provider timed out." : "The run failed (sim:fail).";
                Add("error", w => { w.WriteString("error", code); w.WriteString("errorMessage", message); }, before: () =>
                {
                    var parts = new List<SimPart>();
                    if (t.ProducedText.Length > 0) parts.Add(new SimPart { Id = textPart.Id, Type = "text", Text = t.ProducedText });
                    parts.Add(new SimPart { Id = "part_" + msgId.Substring(4) + "e", Type = "error", Error = message });
                    FinishRun(t, "failed", parts.ToArray());
                });
                Add("finish", FinishPayload(t, "error", true), true, true);
            }
            else if (d.Approval)
            {
                Add("text-end", w => w.WriteString("id", msgId));
                // The service ends an approval pause with a single final "stop" finish; GET shows approval_required.
                Add("finish", FinishPayload(t, "stop", true), true, true, () => FinishRun(t, "approval_required", Parts(textPart, toolPart)));
            }
            else
            {
                Add("text-end", w => w.WriteString("id", msgId));
                Add("finish", FinishPayload(t, "stop", false), before: () => FinishRun(t, "completed", Parts(textPart, toolPart)));
                Add("finish", FinishPayload(t, "stop", true), true, true);
            }
        }

        private static SimPart[] Parts(SimPart text, SimPart? tool) => tool == null ? new[] { text } : new[] { text, tool };

        private static Action<Utf8JsonWriter> FinishPayload(SimTurn t, string reason, bool final) => w =>
        {
            w.WriteString("finishReason", reason);
            w.WriteBoolean("final", final);
            w.WriteBoolean("queuedContinuation", t.QueuedContinuation);
        };

        internal static string[] SplitReply(string text, int pieces)
        {
            var words = text.Split(' ');
            if (words.Length < pieces) pieces = Math.Max(1, words.Length);
            var result = new string[pieces];
            int per = (int)Math.Ceiling(words.Length / (double)pieces);
            int w = 0;
            for (int i = 0; i < pieces; i++)
            {
                var sb = new StringBuilder();
                int end = i == pieces - 1 ? words.Length : Math.Min(words.Length, w + per);
                for (; w < end; w++)
                {
                    sb.Append(words[w]);
                    if (w < words.Length - 1) sb.Append(' ');
                }
                result[i] = sb.ToString();
            }
            return result.Where(x => x.Length > 0).DefaultIfEmpty(text).ToArray();
        }

        private static string JsonString(Action<Utf8JsonWriter> write)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) write(w);
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        /// <summary>Under the lock: marks the turn started and produces its first event now, so a stream can answer at once.</summary>
        private void BeginTurn(SimTurn t)
        {
            if (Volatile.Read(ref _state) == 2) return;
            AdvanceLocked(t);
        }

        private void OnTimer(object? state)
        {
            var t = (SimTurn)state!;
            lock (_gate)
            {
                if (Volatile.Read(ref _state) == 2) return;
                AdvanceLocked(t);
            }
        }

        private void AdvanceLocked(SimTurn t)
        {
            if (t.Aborted || t.Finished) return;
            do
            {
                Produce(t, t.Plan[t.PlanIndex++]);
            }
            while (t.PlanIndex < t.Plan.Count && t.Plan[t.PlanIndex].DelayMs == 0 && !t.Aborted);

            if (t.PlanIndex >= t.Plan.Count || t.Aborted)
            {
                t.Finished = true;
                t.FinishedAt = DateTimeOffset.UtcNow;
                t.Timer?.Dispose();
                t.Timer = null;
            }
            else
            {
                int due = t.Plan[t.PlanIndex].DelayMs;
                // Timers, not a thread per session: thousands of idle turns cost nothing.
                if (t.Timer == null) t.Timer = new Timer(OnTimer, t, due, Timeout.Infinite);
                else t.Timer.Change(due, Timeout.Infinite);
            }
            t.Signal();
        }

        private void Produce(SimTurn t, PlannedStep step)
        {
            step.Before?.Invoke();
            int index = t.Events.Count;
            var json = JsonString(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", step.Type);
                step.Payload?.Invoke(w);
                if (step.Cursor) w.WriteString("stream_cursor", t.CursorAt(index));
                w.WriteEndObject();
            });
            t.Events.Add(new SseEvent(index, step.Type, json, step.IsFinal));
        }

        /// <summary>Under the lock: records the run's outcome on the session and frees its concurrency slot.</summary>
        private void FinishRun(SimTurn t, string state, SimPart[] parts)
        {
            var s = t.Session;
            if (!ReferenceEquals(s.CurrentTurn, t)) return;
            s.Messages.Add(new SimMessage(t.AssistantMessageId, "assistant", null, NowUnique(), null, parts));
            var d = t.Directives;
            var u = s.Usage;
            u.Recorded = true;
            u.CreditCost += d.Tool ? 0.75 : 0.5;
            u.ToolCreditCost += d.Tool ? 0.25 : 0;
            u.InputTokens += 100 + d.CleanText.Length;
            u.OutputTokens += 20 + t.ProducedText.Length / 4;
            s.Usage = u;
            s.State = state;
            if (state == "approval_required") AddApprovalAsks(s, t);
            _running.Remove(s);
            if (state != "approval_required" && s.MessageQueue.Count > 0)
            {
                // Queued messages continue the session as soon as a turn ends (API.md 10.7).
                var next = s.MessageQueue[0];
                s.MessageQueue.RemoveAt(0);
                t.QueuedContinuation = true;
                StartTurn(s, next.Input, ParseDirectives(next.Input), next.UserId, false, !HasFreeSlot());
            }
            DrainQueue();
        }

        /// <summary>Under the lock: stops the current run without recording a failure (used when a queued message is promoted).</summary>
        private void AbortTurn(SimSession s)
        {
            var t = s.CurrentTurn;
            if (t == null || t.Finished) return;
            if (t.ProducedText.Length > 0)
            {
                s.Messages.Add(new SimMessage(t.AssistantMessageId, "assistant", null, NowUnique(), null,
                    new[] { new SimPart { Id = "part_" + t.AssistantMessageId.Substring(4) + "t", Type = "text", Text = t.ProducedText } }));
            }
            EndAborted(t);
            _running.Remove(s);
            _queue.Remove(s);
        }

        /// <summary>Under the lock: ends a turn that will produce nothing more, and wakes whoever waits on it.</summary>
        private static void EndAborted(SimTurn t)
        {
            t.Aborted = true;
            t.Finished = true;
            t.FinalDelivered = true;
            t.FinishedAt = DateTimeOffset.UtcNow;
            t.Timer?.Dispose();
            t.Timer = null;
            t.Signal();
        }

        private void DrainQueue()
        {
            while (_queue.Count > 0 && HasFreeSlot())
            {
                var next = _queue[0];
                _queue.RemoveAt(0);
                next.State = "processing";
                _running.Add(next);
                if (next.CurrentTurn != null) BeginTurn(next.CurrentTurn);
            }
        }

        /// <summary>Under the lock: processing/queued becomes failed with whatever text was produced plus an error part.</summary>
        private void CancelTurn(SimSession s)
        {
            var t = s.CurrentTurn;
            var parts = new List<SimPart>();
            string msgId = t?.AssistantMessageId ?? NewId("msg_");
            if (t != null)
            {
                if (t.ProducedText.Length > 0) parts.Add(new SimPart { Id = "part_" + msgId.Substring(4) + "t", Type = "text", Text = t.ProducedText });
                EndAborted(t);
            }
            parts.Add(new SimPart { Id = "part_" + msgId.Substring(4) + "e", Type = "error", Error = "The run was cancelled." });
            s.Messages.Add(new SimMessage(msgId, "assistant", null, NowUnique(), null, parts.ToArray()));
            s.State = "failed";
            _running.Remove(s);
            _queue.Remove(s);
            DrainQueue();
        }

        private void StopAllTurns()
        {
            foreach (var s in _sessions.Values)
            {
                var t = s.CurrentTurn;
                if (t == null) continue;
                t.Timer?.Dispose();
                t.Timer = null;
                t.Signal();
            }
        }

        /// <summary>
        /// Adds a completed session with <paramref name="messageCount"/> alternating user/assistant messages and returns its id.
        /// Built directly in memory, so 100,000 messages take well under a second.
        /// </summary>
        public string SeedSession(string agentId, int messageCount)
        {
            if (messageCount < 0) throw new ArgumentOutOfRangeException(nameof(messageCount));
            lock (_gate)
            {
                if (FindAgent(agentId) == null) throw new ArgumentException($"Unknown agent '{agentId}'.", nameof(agentId));
                var start = NowUnique();
                var s = new SimSession
                {
                    Id = NewId("sess_seed_"),
                    AgentId = agentId,
                    Name = $"Seeded session with {messageCount} messages",
                    Type = "api",
                    State = "completed",
                    CreatedAt = start,
                    Seq = ++_sessionSeq,
                    CreatorUserId = UserId,
                    Usage = new SimUsage { Recorded = true, CreditCost = messageCount / 2 * 0.5, InputTokens = messageCount * 50L, OutputTokens = messageCount * 20L },
                    TurnCount = (messageCount + 1) / 2,
                };
                s.Participants.Add(UserId);
                s.Messages.Capacity = messageCount;
                for (int i = 0; i < messageCount; i++)
                {
                    var at = start.AddMilliseconds(i);
                    string id = "msg_" + i.ToString("x6", CultureInfo.InvariantCulture);
                    int turn = i / 2 + 1;
                    if (i % 2 == 0)
                        s.Messages.Add(new SimMessage(id, "user", $"Question {turn}", at, UserId, null));
                    else
                        s.Messages.Add(new SimMessage(id, "assistant", null, at, null, new[] { new SimPart { Id = "part_" + id.Substring(4), Type = "text", Text = $"Reply {turn} to \"Question {turn}\"" } }));
                }
                _lastNow = start.AddMilliseconds(messageCount);
                _sessions[s.Id] = s;
                return s.Id;
            }
        }
    }
}
