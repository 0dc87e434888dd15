using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>What a session's asks were answered with, kept across pauses so a repeated answer reports <c>already_*</c>.</summary>
    internal sealed class SimApprovalLog
    {
        /// <summary>action_request_id → accept|reject, for every ask ever answered in the session.</summary>
        public readonly Dictionary<string, string> Resolved = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Answers of the current pause, in order, for the reply the agent gives when it resumes.</summary>
        public readonly List<(SimApproval Ask, string Action, Dictionary<string, string> Values)> Pause = new List<(SimApproval, string, Dictionary<string, string>)>();
    }

    public sealed partial class GumloopSimulator
    {
        internal const string ApprovalToolName = "gmail_send";
        internal const string ToneQuestion = "email_tone";
        private const int MaxApprovalReasonLength = 1000;

        // allow_custom is false so a wrong answer exercises invalid_human_input_option.
        private const string ToneQuestionsJson =
            "[{\"name\":\"email_tone\",\"type\":\"toggle_group\",\"label\":\"Email tone\",\"options\":[{\"label\":\"Formal\",\"value\":\"formal\"}," +
            "{\"label\":\"Friendly\",\"value\":\"friendly\"}],\"allow_custom\":false}]";

        /// <summary>Under the lock: the two asks a <c>sim:approval</c> turn pauses with.</summary>
        private void AddApprovalAsks(SimSession s, SimTurn t)
        {
            s.ApprovalLog.Pause.Clear();
            s.PendingApprovals.Add(new SimApproval
            {
                ActionRequestId = NewId("areq_"),
                Type = "tool_approval",
                Title = "Send email with Gmail",
                Reason = "The agent wants to send an email.",
                RecipientUserId = t.UserId,
                ToolName = ApprovalToolName,
                ServerLabel = "Gmail",
                DisplayFields = new[] { new[] { "To", "x@example.com" }, new[] { "Subject", "Renewal" } },
            });
            s.PendingApprovals.Add(new SimApproval
            {
                ActionRequestId = NewId("areq_"),
                Type = "human_input",
                Title = "Which tone should the email use?",
                RecipientUserId = t.UserId,
                QuestionsJson = ToneQuestionsJson,
            });
        }

        private SimResponse ResolveApprovals(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                if (!Prop(doc, "approval_responses", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() < 1 || arr.GetArrayLength() > 20)
                    return SimResponse.Error(400, "invalid_request", "approval_responses must be an array of 1 to 20 items.", "approval_responses");
                var answers = new List<(string Id, string Action, Dictionary<string, string>? Values)>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                int i = 0;
                foreach (var a in arr.EnumerateArray())
                {
                    string at = $"approval_responses[{i++}]";
                    if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("action_request_id", out var rid) || rid.ValueKind != JsonValueKind.String ||
                        !a.TryGetProperty("action", out var act) || act.ValueKind != JsonValueKind.String || (act.GetString() != "accept" && act.GetString() != "reject"))
                        return SimResponse.Error(400, "invalid_request", "Each approval response needs action_request_id and action accept|reject.", at);
                    if (!seen.Add(rid.GetString()!))
                        return SimResponse.Error(400, "invalid_request", "Each action_request_id may appear only once.", at + ".action_request_id");
                    if (a.TryGetProperty("reason", out var reason) && reason.ValueKind != JsonValueKind.Null &&
                        (reason.ValueKind != JsonValueKind.String || reason.GetString()!.Length > MaxApprovalReasonLength))
                        return SimResponse.Error(400, "invalid_request", $"reason must be a string of at most {MaxApprovalReasonLength} characters.", at + ".reason");
                    Dictionary<string, string>? values = null;
                    if (a.TryGetProperty("response", out var response) && response.ValueKind != JsonValueKind.Null)
                    {
                        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("values", out var v) || v.ValueKind != JsonValueKind.Object)
                            return SimResponse.Error(400, "invalid_request", "response must be an object with a values object.", at + ".response");
                        values = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var p in v.EnumerateObject())
                            values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                    answers.Add((rid.GetString()!, act.GetString()!, values));
                }

                SessionView view;
                string? cursor = null;
                var outcomes = new List<(string Id, string Action, string Outcome)>();
                lock (_gate)
                {
                    if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                    if (s.State != "approval_required")
                        return SimResponse.Error(409, "session_not_awaiting_approval", "The session has no pending approvals.");

                    // Everything is checked before anything changes, so a bad answer leaves every ask pending.
                    for (int n = 0; n < answers.Count; n++)
                    {
                        var (rid, action, values) = answers[n];
                        var ask = s.PendingApprovals.FirstOrDefault(p => p.ActionRequestId == rid);
                        if (ask == null)
                        {
                            if (s.ApprovalLog.Resolved.ContainsKey(rid)) continue;
                            return SimResponse.Error(400, "invalid_request", $"Unknown or already resolved action_request_id '{rid}'.", $"approval_responses[{n}].action_request_id");
                        }
                        if (action == "accept" && ask.Type == "human_input" && ask.QuestionsJson != null)
                        {
                            var problem = CheckAnswers(ask.QuestionsJson, values, $"approval_responses[{n}].response.values");
                            if (problem != null) return problem;
                        }
                    }

                    foreach (var (rid, action, values) in answers)
                    {
                        var ask = s.PendingApprovals.FirstOrDefault(p => p.ActionRequestId == rid);
                        if (ask == null)
                        {
                            outcomes.Add((rid, action, s.ApprovalLog.Resolved[rid] == "accept" ? "already_accepted" : "already_rejected"));
                            continue;
                        }
                        s.PendingApprovals.Remove(ask);
                        s.ApprovalLog.Resolved[rid] = action;
                        s.ApprovalLog.Pause.Add((ask, action, values ?? new Dictionary<string, string>()));
                        outcomes.Add((rid, action, action == "accept" ? "accepted" : "rejected"));
                    }

                    if (s.PendingApprovals.Count == 0 && s.ApprovalLog.Pause.Count > 0)
                    {
                        var directives = new Directives { CleanText = "", Reply = ResumeReply(s.ApprovalLog.Pause) };
                        s.ApprovalLog.Pause.Clear();
                        var turn = StartTurn(s, null, directives, req.Caller!.Id, false, !HasFreeSlot() && Options.QueueAtLimit);
                        // One before the first event, so a resume from here replays the whole restarted run.
                        cursor = turn.CursorAt(-1);
                    }
                    view = View(s, true);
                }
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WritePropertyName("session");
                    SimJson.WriteSession(w, view, SessionShape.Full);
                    w.WriteStartArray("results");
                    foreach (var (rid, action, outcome) in outcomes)
                    {
                        w.WriteStartObject();
                        w.WriteString("action_request_id", rid);
                        w.WriteString("action", action);
                        w.WriteString("outcome", outcome);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    SimJson.WriteNullable(w, "stream_cursor", cursor);
                    w.WriteEndObject();
                });
            }
        }

        /// <summary>Every question needs an answer; without allow_custom it must be one of the options' values.</summary>
        private static SimResponse? CheckAnswers(string questionsJson, Dictionary<string, string>? values, string param)
        {
            using var questions = JsonDocument.Parse(questionsJson);
            foreach (var q in questions.RootElement.EnumerateArray())
            {
                if (!q.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String) continue;
                var name = nameEl.GetString()!;
                if (values == null || !values.TryGetValue(name, out var answer) || string.IsNullOrWhiteSpace(answer))
                    return SimResponse.Error(400, "invalid_request", $"An answer to '{name}' is required in response.values.", param + "." + name);
                bool custom = q.TryGetProperty("allow_custom", out var c) && c.ValueKind == JsonValueKind.True;
                if (!custom && q.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array &&
                    !options.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("value", out var ov) && ov.ValueKind == JsonValueKind.String && ov.GetString() == answer))
                    return SimResponse.Error(400, "invalid_human_input_option", $"'{answer}' is not one of the options for '{name}'.", param + "." + name);
            }
            return null;
        }

        private static string ResumeReply(List<(SimApproval Ask, string Action, Dictionary<string, string> Values)> pause)
        {
            var rejected = pause.Where(p => p.Action == "reject").Select(p => p.Ask).ToList();
            var tool = pause.FirstOrDefault(p => p.Ask.Type == "tool_approval").Ask;
            if (rejected.Count > 0)
            {
                var what = string.Join(" and ", rejected.Select(a => $"'{a.Title ?? a.Type}'"));
                return $"Skipped: you rejected {what}, so the action was skipped and nothing was sent.";
            }
            var tone = pause.SelectMany(p => p.Values).Where(kv => kv.Key == ToneQuestion).Select(kv => kv.Value).FirstOrDefault();
            return $"Done: {(tool != null ? tool.Title ?? tool.ToolName : "the approved action")} went ahead" + (tone != null ? $" in a {tone} tone." : ".");
        }
    }
}
