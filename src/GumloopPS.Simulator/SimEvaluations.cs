using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Agent evaluations (API.md 10.14) and organization evaluations (10.16). A run queues one result per eligible
    /// session; each read of a result (by id, or in a list that shows it) moves it one step, queued -> in_progress ->
    /// completed, so a client that polls sees it finish after two reads, the same way every time. Grades follow from the
    /// rubric and the session id. Organization routes need the <c>organization:manage_evaluations</c> permission, which
    /// the two seeded users hold and users added with <see cref="AddUser"/> do not until
    /// <see cref="SetEvaluationManager"/> grants it.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        /// <summary>The one organization the simulated users belong to (organization.list.200.json).</summary>
        internal const string EvaluationOrganizationId = "org_7Hq2Lw9x";
        private const string ManageEvaluationsPermission = "organization:manage_evaluations";
        private const int MaxEvaluationSessions = 200;

        private static readonly string[] CriterionTypes = { "prohibited_action", "prohibited_words", "voice_tone", "other" };
        private static readonly string[] CriterionPriorities = { "needs_review", "needs_attention" };
        private static readonly string[] DataPointTypes = { "string", "boolean", "integer", "number" };
        private static readonly string[] EvaluationFrequencies = { "debounced", "per_turn", "manual" };
        private static readonly string[] EvaluationGrades = { "pass", "needs_review", "needs_attention" };
        private static readonly string[] EvaluationStatuses = { "queued", "in_progress", "completed", "failed" };
        private static readonly string[] TargetTypes = { "organization", "team", "user", "agent" };

        private Dictionary<string, SimEvalConfig>? _evalConfigs;
        private List<SimEvalResult>? _evalResults;
        private List<SimOrgEvaluation>? _orgEvaluations;
        private HashSet<string>? _evaluationManagers;

        /// <summary>Credits left for evaluation runs; null (the default) never runs out. At 0 a run answers 402.</summary>
        public long? EvaluationCredits { get; set; }

        /// <summary>Grants or withdraws <c>organization:manage_evaluations</c>; without it the organization evaluation routes answer 403.</summary>
        public void SetEvaluationManager(string userId, bool allowed)
        {
            lock (_gate)
            {
                EnsureEvaluationState();
                if (allowed) _evaluationManagers!.Add(userId); else _evaluationManagers!.Remove(userId);
            }
        }

        /// <summary>Enables an agent's own evaluation with one criterion, so runs are accepted (tests with their own agents).</summary>
        public void EnableAgentEvaluation(string agentId)
        {
            lock (_gate)
            {
                EnsureEvaluationState();
                if (FindAgent(agentId) == null) throw new ArgumentException($"Unknown agent '{agentId}'.", nameof(agentId));
                var config = ConfigFor(agentId);
                config.Enabled = true;
                if (config.Criteria.Count == 0)
                    config.Criteria.Add(new SimCriterion { Id = "crit_" + RandomToken(6), Name = "Answers the question", Prompt = "The agent answered what the user asked.", Type = "other", Priority = "needs_review" });
            }
        }

        private static IEnumerable<SimRoute> EvaluationRoutes() => new[]
        {
            Route("GET", "/agents/{agent_id}/evaluations", (sim, req, a) => sim.ListAgentEvaluations(req, a[0])),
            Route("POST", "/agents/{agent_id}/evaluations/run", (sim, req, a) => sim.RunAgentEvaluations(req, a[0])),
            Route("GET", "/agents/{agent_id}/evaluations/metrics", (sim, req, a) => sim.GetAgentEvaluationMetrics(req, a[0])),
            Route("GET", "/agents/{agent_id}/evaluations/{evaluation_id}", (sim, req, a) => sim.GetAgentEvaluation(a[0], a[1])),
            Route("GET", "/agents/{agent_id}/evaluation-config", (sim, req, a) => sim.GetAgentEvaluationConfig(a[0])),
            Route("PATCH", "/agents/{agent_id}/evaluation-config", (sim, req, a) => sim.UpdateAgentEvaluationConfig(req, a[0])),
            Route("GET", "/evaluation-options", (sim, req, a) => EvaluationOptions()),
            Route("GET", "/evaluations", (sim, req, a) => sim.ListOrgEvaluations(req)),
            Route("POST", "/evaluations", (sim, req, a) => sim.CreateOrgEvaluation(req)),
            Route("GET", "/evaluations/{evaluation_id}", (sim, req, a) => sim.GetOrgEvaluation(req, a[0])),
            Route("PATCH", "/evaluations/{evaluation_id}", (sim, req, a) => sim.UpdateOrgEvaluation(req, a[0])),
            Route("DELETE", "/evaluations/{evaluation_id}", (sim, req, a) => sim.DeleteOrgEvaluation(req, a[0])),
            Route("PUT", "/evaluations/{evaluation_id}/targets", (sim, req, a) => sim.SetOrgEvaluationTargets(req, a[0])),
            Route("POST", "/evaluations/{evaluation_id}/run", (sim, req, a) => sim.RunOrgEvaluation(req, a[0])),
            Route("GET", "/evaluations/{evaluation_id}/results", (sim, req, a) => sim.ListOrgEvaluationResults(req, a[0])),
            Route("GET", "/evaluations/{evaluation_id}/results/{result_id}", (sim, req, a) => sim.GetOrgEvaluationResult(req, a[0], a[1])),
            Route("GET", "/evaluations/{evaluation_id}/metrics", (sim, req, a) => sim.GetOrgEvaluationMetrics(req, a[0])),
        };

        // ---- State ----

        private sealed class SimCriterion
        {
            public string Id = "";
            public string Name = "";
            public string Prompt = "";
            public string Type = "other";
            public string Priority = "needs_review";
            public bool Enabled = true;
        }

        private sealed class SimEvalTag
        {
            public string Name = "";
            public string Description = "";
        }

        private sealed class SimDataPoint
        {
            public string Id = "";
            public string Name = "";
            public string DataType = "string";
            public string Description = "";
        }

        /// <summary>The rubric fields an agent configuration and an organization evaluation share.</summary>
        private class SimRubric
        {
            public string ModelName = "auto";
            public string Frequency = "debounced";
            public string Language = "auto";
            public bool IncludeAutoTags;
            public List<string> SessionTypes = new List<string> { "api", "slack" };
            public List<SimCriterion> Criteria = new List<SimCriterion>();
            public List<SimEvalTag> Tags = new List<SimEvalTag>();
            public List<SimDataPoint> DataPoints = new List<SimDataPoint>();
            public string SentimentJson = "{\"enabled\":true}";
            public string NotificationsJson = "{}";

            public bool IsEmpty => Criteria.Count == 0 && Tags.Count == 0 && DataPoints.Count == 0;
        }

        private sealed class SimEvalConfig : SimRubric
        {
            public string AgentId = "";
            public bool Enabled;
            public DateTimeOffset? UpdatedAt;
        }

        private sealed class SimOrgEvaluation : SimRubric
        {
            public string Id = "";
            public string Name = "";
            public string? Description;
            public bool Enabled;
            public List<(string Type, string? Id)> Targets = new List<(string, string?)>();
            public string CreatorId = "";
            public DateTimeOffset CreatedAt;
            public DateTimeOffset UpdatedAt;
        }

        private sealed class SimEvalResult
        {
            public string Id = "";
            public string AgentId = "";
            public string SessionId = "";

            /// <summary>Null for the agent's own evaluation.</summary>
            public string? OrgEvaluationId;
            public string Status = "queued";
            public string? Grade;
            public string? ErrorCode;
            public string ModelName = "claude-sonnet-4-5";
            public string? CallSuccessful;
            public string? Sentiment;
            public string? Summary;
            public List<(SimCriterion Criterion, string Result, string Rationale)> CriteriaResults = new List<(SimCriterion, string, string)>();
            public List<(SimDataPoint Point, string ValueJson)> DataResults = new List<(SimDataPoint, string)>();
            public List<string> AppliedTags = new List<string>();
            public DateTimeOffset CreatedAt;

            /// <summary>The rubric to grade with when the result completes.</summary>
            public SimRubric? Rubric;

            public bool InFlight => Status == "queued" || Status == "in_progress";

            public bool IsGraded => Status == "completed" && Grade != null;
        }

        /// <summary>Call under the state lock. Built on first use so the seed follows the agents and sessions seed.</summary>
        private void EnsureEvaluationState()
        {
            if (_evalResults != null) return;
            _evalConfigs = new Dictionary<string, SimEvalConfig>(StringComparer.Ordinal);
            _evalResults = new List<SimEvalResult>();
            _orgEvaluations = new List<SimOrgEvaluation>();
            _evaluationManagers = new HashSet<string>(StringComparer.Ordinal) { SeedUserId, SecondUserId };
            if (Options.SeedData) SeedEvaluations();
        }

        private void SeedEvaluations()
        {
            var now = DateTimeOffset.UtcNow;
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            var config = new SimEvalConfig
            {
                AgentId = RenewalAgentId,
                Enabled = true,
                UpdatedAt = now.AddDays(-12),
                Criteria =
                {
                    new SimCriterion { Id = "crit_cite", Name = "Cites sources", Prompt = "Every factual claim about the contract links to a document.", Type = "other", Priority = "needs_review" },
                    new SimCriterion { Id = "crit_tone", Name = "Professional tone", Prompt = "The agent keeps a professional tone.", Type = "voice_tone", Priority = "needs_review" },
                },
                Tags =
                {
                    new SimEvalTag { Name = "RENEWAL_PREP", Description = "Preparing for a renewal call." },
                    new SimEvalTag { Name = "PRICING_QUESTION", Description = "Customer asked about pricing." },
                },
                DataPoints =
                {
                    new SimDataPoint { Id = "dp_renewal", Name = "Renewal date mentioned", DataType = "boolean", Description = "Did the answer include the renewal date?" },
                    new SimDataPoint { Id = "dp_seats", Name = "Seat usage percent", DataType = "number", Description = "Seat utilisation stated in the answer." },
                },
                SentimentJson = "{\"enabled\":true,\"affects_grade\":false,\"description\":\"Judge the user's last message.\"}",
            };
            _evalConfigs![RenewalAgentId] = config;

            var reviewed = new SimEvalResult
            {
                Id = "evr_6Tq2Nb8Z", AgentId = RenewalAgentId, SessionId = "sess_Vk3nQ8wT2p", Status = "completed", Grade = "needs_review",
                CallSuccessful = "success", Sentiment = "neutral", CreatedAt = now.AddDays(-1),
                Summary = "The agent produced an accurate brief but did not cite the contract clause it relied on.",
            };
            reviewed.CriteriaResults.Add((config.Criteria[0], "failure", "The SLA claim was not linked to a document."));
            reviewed.CriteriaResults.Add((config.Criteria[1], "success", "Tone stayed neutral and professional."));
            reviewed.DataResults.Add((config.DataPoints[0], "true"));
            reviewed.DataResults.Add((config.DataPoints[1], "82"));
            reviewed.AppliedTags.Add("RENEWAL_PREP");
            _evalResults!.Add(reviewed);
            _evalResults.Add(new SimEvalResult
            {
                Id = "evr_1Lc8Vp3X", AgentId = RenewalAgentId, SessionId = "sess_Hm5rZ1xJ7c", Status = "failed", ErrorCode = "evaluation_model_error",
                CreatedAt = now.AddDays(-2),
            });
            // Graded sessions that have since been deleted: they keep the metrics of the last month realistic.
            _evalResults.Add(SeededGrade("evr_3Kp7Wd2M", RenewalAgentId, "sess_Ar2Yw8Lk4n", null, "pass", now.AddDays(-3), "PRICING_QUESTION", config));
            _evalResults.Add(SeededGrade("evr_8Zt4Hn6Q", RenewalAgentId, "sess_Ub6Jc1Tq9s", null, "needs_attention", now.AddDays(-4), "ESCALATION", config));

            var org = new SimOrgEvaluation
            {
                Id = "oev_3Hs8Kd", Name = "Customer-facing quality bar", Description = "Applied to every customer-facing agent.", Enabled = true,
                Targets = { ("team", SeedTeamId), ("agent", InvoiceAgentId) },
                Criteria = { new SimCriterion { Id = "ocrit_1", Name = "No pricing promises", Prompt = "Did the agent avoid promising discounts?", Type = "prohibited_action", Priority = "needs_attention" } },
                Tags = { new SimEvalTag { Name = "DISCOUNT_REQUEST", Description = "Customer asked for a discount." } },
                DataPoints = { new SimDataPoint { Id = "odp_1", Name = "Competitor named", DataType = "string", Description = "Competitor mentioned by the customer, if any." } },
                CreatorId = SecondUserId, CreatedAt = now.AddDays(-60), UpdatedAt = now.AddDays(-20),
            };
            _orgEvaluations!.Add(org);
            var passed = new SimEvalResult
            {
                Id = "oevr_4Nd7Ce", AgentId = RenewalAgentId, SessionId = "sess_Vk3nQ8wT2p", OrgEvaluationId = org.Id, Status = "completed", Grade = "pass",
                CallSuccessful = "success", Sentiment = "positive", CreatedAt = now.AddHours(-5),
                Summary = "No discounts were promised; the customer was satisfied with the brief.",
            };
            passed.CriteriaResults.Add((org.Criteria[0], "success", "No discount language found."));
            passed.DataResults.Add((org.DataPoints[0], "null"));
            _evalResults.Add(passed);
            _evalResults.Add(new SimEvalResult { Id = "oevr_8Pf2Gh", AgentId = RenewalAgentId, SessionId = "sess_Hm5rZ1xJ7c", OrgEvaluationId = org.Id, Status = "in_progress", CreatedAt = now.AddHours(-4), Rubric = org });
            _evalResults.Add(SeededGrade("oevr_2Qm9Xs", SalesAgentId, "sess_Sd3Kq8Vb1x", org.Id, "needs_review", now.AddDays(-6), null, org));
            _evalResults.Add(SeededGrade("oevr_6Wr1Tb", InvoiceAgentId, "sess_Iv7Mn2Pc5z", org.Id, "needs_attention", now.AddDays(-8), "DISCOUNT_REQUEST", org));
        }

        private static SimEvalResult SeededGrade(string id, string agentId, string sessionId, string? orgId, string grade, DateTimeOffset at, string? tag, SimRubric rubric)
        {
            var r = new SimEvalResult
            {
                Id = id, AgentId = agentId, SessionId = sessionId, OrgEvaluationId = orgId, Status = "completed", Grade = grade,
                CallSuccessful = grade == "pass" ? "success" : "failure", Sentiment = grade == "needs_attention" ? "negative" : "neutral", CreatedAt = at,
                Summary = grade == "pass" ? "The agent answered fully and politely." : "The answer missed a requirement of the rubric.",
            };
            foreach (var c in rubric.Criteria) r.CriteriaResults.Add((c, grade == "pass" ? "success" : "failure", grade == "pass" ? "Met." : "Not met."));
            foreach (var d in rubric.DataPoints) r.DataResults.Add((d, SampleValue(d.DataType)));
            if (tag != null) r.AppliedTags.Add(tag);
            return r;
        }

        private SimEvalConfig ConfigFor(string agentId)
        {
            if (!_evalConfigs!.TryGetValue(agentId, out var config))
            {
                config = new SimEvalConfig { AgentId = agentId };
                _evalConfigs[agentId] = config;
            }
            return config;
        }

        /// <summary>Moves a queued or running result one step on; a completing result is graded from its rubric. Under the lock.</summary>
        private static void AdvanceResult(SimEvalResult r)
        {
            if (r.Status == "queued") { r.Status = "in_progress"; return; }
            if (r.Status != "in_progress") return;
            var rubric = r.Rubric ?? new SimRubric();
            int seed = StableHash(r.SessionId);
            r.CriteriaResults.Clear();
            string grade = "pass";
            int i = 0;
            foreach (var c in rubric.Criteria.Where(c => c.Enabled))
            {
                bool failed = (StableHash(r.SessionId + "|" + c.Id) % 3) == 0;
                r.CriteriaResults.Add((c, failed ? "failure" : "success", failed ? $"The session did not meet \"{c.Name}\"." : $"The session met \"{c.Name}\"."));
                if (failed && (grade == "pass" || c.Priority == "needs_attention")) grade = c.Priority;
                i++;
            }
            r.DataResults.Clear();
            foreach (var d in rubric.DataPoints) r.DataResults.Add((d, SampleValue(d.DataType)));
            r.AppliedTags.Clear();
            if (rubric.Tags.Count > 0 && seed % 2 == 0) r.AppliedTags.Add(rubric.Tags[seed % rubric.Tags.Count].Name);
            r.Status = "completed";
            r.Grade = grade;
            r.CallSuccessful = grade == "pass" ? "success" : "failure";
            r.Sentiment = grade == "needs_attention" ? "negative" : seed % 3 == 0 ? "positive" : "neutral";
            r.Summary = grade == "pass" ? $"All {i} criteria were met." : "At least one criterion was not met.";
        }

        private static string SampleValue(string dataType) => dataType switch
        {
            "boolean" => "true",
            "integer" => "3",
            "number" => "82",
            _ => "null",
        };

        private static int StableHash(string text)
        {
            unchecked
            {
                int h = 17;
                foreach (char c in text) h = h * 31 + c;
                return h & 0x7fffffff;
            }
        }

        // ---- Agent evaluations (10.14) ----

        private SimResponse ListAgentEvaluations(SimRequestContext req, string agentId)
        {
            // Agent lists read a timestamp without an offset as UTC (API.md 10.14).
            if (!TryResultQuery(req, false, out var query, out var error)) return error!;
            var orgId = req.Q("organization_evaluation_id");
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureEvaluationState();
                // Without a status filter the agent list leaves out results still queued or running.
                var matching = _evalResults!.Where(r => r.AgentId == agentId
                    && (query.Status != null ? r.Status == query.Status : !r.InFlight)
                    && (orgId == null || r.OrgEvaluationId == orgId)
                    && query.Matches(r));
                return ResultPage(matching, query, "evaluations", (w, r) => WriteAgentResult(w, r, agentId));
            }
        }

        /// <summary>The paging and the filters both result lists take (API.md 10.14, 10.16), read before the state lock.</summary>
        private sealed class SimResultQuery
        {
            public int PageSize;
            public (DateTimeOffset At, string Id)? Cursor;
            public string? Grade;
            public string? Status;
            public string? SessionId;
            public DateTimeOffset? After;
            public DateTimeOffset? Before;

            /// <summary>The filters both lists apply alike; each list applies <see cref="Status"/> itself.</summary>
            public bool Matches(SimEvalResult r) =>
                (Grade == null || r.Grade == Grade)
                && (SessionId == null || r.SessionId == SessionId)
                && (After == null || r.CreatedAt >= After)
                && (Before == null || r.CreatedAt < Before);
        }

        /// <summary>
        /// Reads page_size, cursor, grade, status, created_after, created_before and session_id; <paramref name="requireOffset"/>
        /// makes the timestamps insist on an explicit offset, as the organization list does.
        /// </summary>
        private static bool TryResultQuery(SimRequestContext req, bool requireOffset, out SimResultQuery query, out SimResponse? error)
        {
            query = new SimResultQuery();
            if (!TryPageSize(req, out query.PageSize, out error)) return false;
            if (!TryResultCursor(req, out query.Cursor, out error)) return false;
            query.Grade = req.Q("grade");
            query.Status = req.Q("status");
            if (query.Grade != null && !EvaluationGrades.Contains(query.Grade))
            {
                error = SimResponse.Error(400, "invalid_request", "grade must be one of pass, needs_review, needs_attention.", "grade");
                return false;
            }
            if (query.Status != null && !EvaluationStatuses.Contains(query.Status))
            {
                error = SimResponse.Error(400, "invalid_request", "status must be one of queued, in_progress, completed, failed.", "status");
                return false;
            }
            if (!TryTimeFilter(req, "created_after", requireOffset, out query.After, out error)) return false;
            if (!TryTimeFilter(req, "created_before", requireOffset, out query.Before, out error)) return false;
            query.SessionId = req.Q("session_id");
            return true;
        }

        /// <summary>
        /// Under the lock: the page of <paramref name="matching"/> after the query's cursor, newest first, under
        /// <paramref name="listName"/>. A read is what moves a result on; the page shows each as it was when read.
        /// </summary>
        private static SimResponse ResultPage(IEnumerable<SimEvalResult> matching, SimResultQuery query, string listName, Action<Utf8JsonWriter, SimEvalResult> writeResult)
        {
            var cursor = query.Cursor;
            var remaining = matching
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Where(r => cursor == null || IsAfterCursor(r, cursor.Value)).ToList();
            var page = remaining.Take(query.PageSize).ToList();
            string? next = page.Count < remaining.Count ? ResultCursor(page[page.Count - 1]) : null;
            var body = SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray(listName);
                foreach (var r in page) writeResult(w, r);
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
            foreach (var r in page) AdvanceResult(r);
            return body;
        }

        /// <summary>Under the lock: one result under <paramref name="name"/>, which the read then moves on.</summary>
        private static SimResponse ResultResponse(string name, SimEvalResult r, Action<Utf8JsonWriter, SimEvalResult> writeResult)
        {
            var body = SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName(name);
                writeResult(w, r);
                w.WriteEndObject();
            });
            AdvanceResult(r);
            return body;
        }

        /// <summary>
        /// Result lists page by the last result sent (its creation time and id), like the service's {"created_ts": ...}
        /// cursors, not by offset: reading a page moves its results on, which must not shift the pages after it.
        /// </summary>
        private static bool TryResultCursor(SimRequestContext req, out (DateTimeOffset At, string Id)? cursor, out SimResponse? error)
        {
            cursor = null;
            error = null;
            var text = req.Q("cursor");
            if (text == null) return true;
            if (SimText.TryFromBase64Json(text, out var doc))
            {
                using (doc)
                {
                    var root = doc!.RootElement;
                    if (root.TryGetProperty("created_ts", out var ts) && ts.ValueKind == JsonValueKind.String && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                        && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        cursor = (at, id.GetString()!);
                        return true;
                    }
                }
            }
            error = SimResponse.Error(400, "invalid_cursor", "The cursor is invalid or has expired.", "cursor");
            return false;
        }

        private static bool IsAfterCursor(SimEvalResult r, (DateTimeOffset At, string Id) cursor) =>
            r.CreatedAt < cursor.At || (r.CreatedAt == cursor.At && string.CompareOrdinal(r.Id, cursor.Id) < 0);

        private static string ResultCursor(SimEvalResult last) => SimText.ToBase64Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("created_ts", last.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture));
            w.WriteString("id", last.Id);
            w.WriteEndObject();
        });

        private SimResponse GetAgentEvaluation(string agentId, string evaluationId)
        {
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureEvaluationState();
                var r = _evalResults!.FirstOrDefault(x => x.Id == evaluationId && x.AgentId == agentId);
                if (r == null) return SimResponse.Error(404, "evaluation_not_found", "Evaluation not found.");
                return ResultResponse("evaluation", r, (w, x) => WriteAgentResult(w, x, agentId));
            }
        }

        private SimResponse RunAgentEvaluations(SimRequestContext req, string agentId)
        {
            if (!TryReadRunBody(req, out var sessionIds, out bool dryRun, out var error)) return error!;
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureEvaluationState();
                var config = ConfigFor(agentId);
                if (!config.Enabled) return SimResponse.Error(400, "evaluations_not_configured", "Evaluations are not enabled for this agent. Enable them in its evaluation config first.");
                return QueueRun(sessionIds!, dryRun, null, config, a => a == agentId,
                    "evr_", "no_valid_interactions", "None of the sessions can be evaluated: each is unfinished, incognito, another agent's, or already being evaluated.");
            }
        }

        /// <summary>
        /// Under the lock: plans or queues a run of <paramref name="org"/> (null for the agent's own evaluation), charging a
        /// credit per queued session. A session is eligible when it is a completed session of an agent
        /// <paramref name="coversAgent"/> accepts and this evaluation is not already grading it.
        /// </summary>
        private SimResponse QueueRun(List<string> sessionIds, bool dryRun, SimOrgEvaluation? org, SimRubric rubric,
            Func<string, bool> coversAgent, string prefix, string noneCode, string noneMessage)
        {
            var accepted = new List<string>();
            var skipped = new List<(string SessionId, string Reason, string? ResultId)>();
            foreach (var id in sessionIds)
            {
                if (!_sessions.TryGetValue(id, out var s) || !coversAgent(s.AgentId) || s.State != "completed")
                {
                    skipped.Add((id, "ineligible", null));
                    continue;
                }
                var running = _evalResults!.FirstOrDefault(r => r.SessionId == id && r.OrgEvaluationId == org?.Id && r.InFlight);
                if (running != null) skipped.Add((id, "in_flight", running.Id)); else accepted.Add(id);
            }
            // Nothing valid at all is an error; sessions already being evaluated are reported as skipped instead.
            if (accepted.Count == 0 && skipped.All(x => x.Reason == "ineligible")) return SimResponse.Error(400, noneCode, noneMessage);
            if (!dryRun && EvaluationCredits is long credits && credits < accepted.Count)
                return SimResponse.Error(402, "insufficient_credits", "Not enough credits to run this request.");
            var queued = new List<(string? Id, string SessionId)>();
            foreach (var id in accepted)
            {
                if (dryRun) { queued.Add((null, id)); continue; }
                var session = _sessions[id];
                // The new result replaces the session's previous one from the same evaluation.
                _evalResults!.RemoveAll(r => r.SessionId == id && r.OrgEvaluationId == org?.Id);
                var result = new SimEvalResult
                {
                    Id = prefix + RandomToken(8), AgentId = session.AgentId, SessionId = id, OrgEvaluationId = org?.Id, Status = "queued",
                    CreatedAt = NowUnique(), Rubric = rubric, ModelName = rubric.ModelName == "auto" ? "claude-sonnet-4-5" : rubric.ModelName,
                };
                _evalResults.Add(result);
                queued.Add((result.Id, id));
            }
            if (!dryRun && EvaluationCredits is long left) EvaluationCredits = left - accepted.Count;
            return SimResponse.Json(dryRun ? 200 : 202, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("dry_run", dryRun);
                w.WriteNumber("credit_cost", accepted.Count);
                w.WriteStartArray("results");
                foreach (var (id, sessionId) in queued)
                {
                    w.WriteStartObject();
                    SimJson.WriteNullable(w, "id", id);
                    w.WriteString("session_id", sessionId);
                    w.WriteString("status", dryRun ? "planned" : "queued");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("skipped");
                foreach (var (sessionId, reason, resultId) in skipped)
                {
                    w.WriteStartObject();
                    w.WriteString("session_id", sessionId);
                    w.WriteString("reason", reason);
                    SimJson.WriteNullable(w, "result_id", resultId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static bool TryReadRunBody(SimRequestContext req, out List<string>? sessionIds, out bool dryRun, out SimResponse? error)
        {
            sessionIds = null;
            dryRun = false;
            if (!TryReadBody(req, out var doc, out error)) return false;
            using (doc)
            {
                if (!Prop(doc, "session_ids", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0 || ids.GetArrayLength() > MaxEvaluationSessions
                    || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(i.GetString())))
                {
                    error = SimResponse.Error(400, "invalid_request", $"session_ids must be a list of 1 to {MaxEvaluationSessions} session ids.", "session_ids");
                    return false;
                }
                sessionIds = ids.EnumerateArray().Select(i => i.GetString()!).ToList();
                if (sessionIds.Distinct(StringComparer.Ordinal).Count() != sessionIds.Count)
                {
                    error = SimResponse.Error(400, "invalid_request", "session_ids must be unique.", "session_ids");
                    return false;
                }
                return !Prop(doc, "dry_run", out var dry) || TryBoolean(dry, "dry_run", out dryRun, out error);
            }
        }

        private SimResponse GetAgentEvaluationMetrics(SimRequestContext req, string agentId)
        {
            if (!TryMetricDays(req, out int days, out var error)) return error!;
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureEvaluationState();
                var graded = GradedSince(days, r => r.AgentId == agentId);
                var tags = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var tag in graded.SelectMany(r => r.AppliedTags)) tags[tag] = tags.TryGetValue(tag, out int n) ? n + 1 : 1;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("days", days);
                    w.WriteStartObject("grades");
                    foreach (var g in EvaluationGrades) w.WriteNumber(g, graded.Count(r => r.Grade == g));
                    w.WriteEndObject();
                    w.WriteStartObject("tags");
                    foreach (var t in tags.OrderByDescending(t => t.Value)) w.WriteNumber(t.Key, t.Value);
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
        }

        /// <summary>The days of a metrics request: 30 unless given, at most a year.</summary>
        private static bool TryMetricDays(SimRequestContext req, out int days, out SimResponse? error)
        {
            days = 30;
            error = null;
            var text = req.Q("days");
            if (text == null || (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out days) && days >= 1 && days <= 365)) return true;
            error = SimResponse.Error(400, "invalid_request", "days must be an integer from 1 to 365.", "days");
            return false;
        }

        /// <summary>Under the lock: the graded results of the last <paramref name="days"/> that <paramref name="belongs"/> picks out.</summary>
        private List<SimEvalResult> GradedSince(int days, Func<SimEvalResult, bool> belongs)
        {
            var since = DateTimeOffset.UtcNow.AddDays(-days);
            return _evalResults!.Where(r => belongs(r) && r.IsGraded && r.CreatedAt >= since).ToList();
        }

        private SimResponse GetAgentEvaluationConfig(string agentId)
        {
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureEvaluationState();
                return ConfigResponse(agentId);
            }
        }

        private SimResponse UpdateAgentEvaluationConfig(SimRequestContext req, string agentId)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                lock (_gate)
                {
                    if (FindAgent(agentId) == null) return AgentNotFound();
                    EnsureEvaluationState();
                    // Check everything before changing anything, so a bad list leaves the stored config as it was.
                    var staged = CopyRubric(ConfigFor(agentId), new SimEvalConfig { AgentId = agentId, Enabled = ConfigFor(agentId).Enabled });
                    if (doc != null && !TryApplyRubric(doc.RootElement, staged, "interaction_types", out error)) return error!;
                    if (Prop(doc, "enabled", out var enabledValue))
                    {
                        if (!TryBoolean(enabledValue, "enabled", out bool enabled, out error)) return error!;
                        staged.Enabled = enabled;
                    }
                    staged.UpdatedAt = NowUnique();
                    _evalConfigs![agentId] = staged;
                    return ConfigResponse(agentId);
                }
            }
        }

        private static T CopyRubric<T>(SimRubric from, T to) where T : SimRubric
        {
            to.ModelName = from.ModelName;
            to.Frequency = from.Frequency;
            to.Language = from.Language;
            to.IncludeAutoTags = from.IncludeAutoTags;
            to.SessionTypes = from.SessionTypes.ToList();
            to.Criteria = from.Criteria.ToList();
            to.Tags = from.Tags.ToList();
            to.DataPoints = from.DataPoints.ToList();
            to.SentimentJson = from.SentimentJson;
            to.NotificationsJson = from.NotificationsJson;
            return to;
        }

        /// <summary>
        /// Applies the rubric fields present in <paramref name="body"/> to <paramref name="rubric"/>: scalars replace, lists
        /// replace wholesale (API.md 10.14, 10.16). <paramref name="sessionTypesKey"/> is interaction_types on an agent's
        /// configuration and session_types in an organization rubric. Invalid entries fail with details.fields.
        /// </summary>
        private bool TryApplyRubric(JsonElement body, SimRubric rubric, string sessionTypesKey, out SimResponse? error)
        {
            error = null;
            var fields = new List<(string Field, string Problem)>();
            if (body.ValueKind != JsonValueKind.Object) { error = SimResponse.Error(400, "invalid_request", "The rubric must be a JSON object."); return false; }
            foreach (var p in body.EnumerateObject())
            {
                var v = p.Value;
                switch (p.Name)
                {
                    case "model_name":
                    case "language":
                        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0) fields.Add((p.Name, "must be a non-empty string"));
                        else if (p.Name == "model_name") rubric.ModelName = v.GetString()!; else rubric.Language = v.GetString()!;
                        break;
                    case "frequency":
                        if (v.ValueKind != JsonValueKind.String || !EvaluationFrequencies.Contains(v.GetString())) fields.Add((p.Name, "must be one of " + string.Join(", ", EvaluationFrequencies)));
                        else rubric.Frequency = v.GetString()!;
                        break;
                    case "include_auto_tags":
                        if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False) fields.Add((p.Name, "must be a boolean"));
                        else rubric.IncludeAutoTags = v.ValueKind == JsonValueKind.True;
                        break;
                    case "sentiment":
                    case "notifications":
                        if (v.ValueKind != JsonValueKind.Object) fields.Add((p.Name, "must be an object"));
                        else if (p.Name == "sentiment") rubric.SentimentJson = v.GetRawText(); else rubric.NotificationsJson = v.GetRawText();
                        break;
                    case "criteria":
                        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 30) { fields.Add((p.Name, "must be a list of at most 30 criteria")); break; }
                        var criteria = new List<SimCriterion>();
                        int ci = 0;
                        foreach (var c in v.EnumerateArray())
                        {
                            string at = $"criteria[{ci++}]";
                            string? name = Str(c, "name"), prompt = Str(c, "prompt"), type = Str(c, "type") ?? "other", priority = Str(c, "priority") ?? "needs_review";
                            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(prompt)) { fields.Add((at, "needs a name and a prompt")); continue; }
                            if (!CriterionTypes.Contains(type)) { fields.Add((at + ".type", "must be one of " + string.Join(", ", CriterionTypes))); continue; }
                            if (!CriterionPriorities.Contains(priority)) { fields.Add((at + ".priority", "must be one of " + string.Join(", ", CriterionPriorities))); continue; }
                            bool enabledCriterion = !(c.TryGetProperty("enabled", out var en) && en.ValueKind == JsonValueKind.False);
                            criteria.Add(new SimCriterion { Id = Str(c, "id") ?? NewId("crit_"), Name = name!, Prompt = prompt!, Type = type, Priority = priority, Enabled = enabledCriterion });
                        }
                        rubric.Criteria = criteria;
                        break;
                    case "tags":
                        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 50) { fields.Add((p.Name, "must be a list of at most 50 tags")); break; }
                        var tags = new List<SimEvalTag>();
                        int ti = 0;
                        foreach (var t in v.EnumerateArray())
                        {
                            string at = $"tags[{ti++}]";
                            var name = Str(t, "name");
                            if (string.IsNullOrWhiteSpace(name)) { fields.Add((at, "needs a name")); continue; }
                            // Stored in UPPER_SNAKE_CASE: "refund request" becomes REFUND_REQUEST.
                            var stored = string.Join("_", name!.Trim().Split(new[] { ' ', '-', '_' }, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
                            if (tags.Any(x => x.Name == stored)) { fields.Add((at, "duplicates tag " + stored)); continue; }
                            tags.Add(new SimEvalTag { Name = stored, Description = Str(t, "description") ?? "" });
                        }
                        rubric.Tags = tags;
                        break;
                    case "data_points":
                        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 40) { fields.Add((p.Name, "must be a list of at most 40 data points")); break; }
                        var points = new List<SimDataPoint>();
                        int di = 0;
                        foreach (var d in v.EnumerateArray())
                        {
                            string at = $"data_points[{di++}]";
                            string? name = Str(d, "name"), type = Str(d, "data_type") ?? "string";
                            if (string.IsNullOrWhiteSpace(name)) { fields.Add((at, "needs a name")); continue; }
                            if (!DataPointTypes.Contains(type)) { fields.Add((at + ".data_type", "must be one of " + string.Join(", ", DataPointTypes))); continue; }
                            points.Add(new SimDataPoint { Id = Str(d, "id") ?? NewId("dp_"), Name = name!, DataType = type, Description = Str(d, "description") ?? "" });
                        }
                        rubric.DataPoints = points;
                        break;
                    default:
                        if (p.Name == sessionTypesKey)
                        {
                            if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String)) fields.Add((p.Name, "must be a list of strings"));
                            else rubric.SessionTypes = v.EnumerateArray().Select(x => x.GetString()!).ToList();
                        }
                        break;
                }
            }
            if (fields.Count == 0) return true;
            error = InvalidFields("The evaluation rubric is not valid: " + string.Join("; ", fields.Select(f => f.Field + " " + f.Problem)) + ".", fields);
            return false;
        }

        /// <summary>A 400 invalid_request naming the first field, with each field and its problem in details.fields.</summary>
        private static SimResponse InvalidFields(string message, IReadOnlyList<(string Field, string Problem)> fields) =>
            SimResponse.Error(400, "invalid_request", message, fields[0].Field, w =>
            {
                w.WriteStartArray("fields");
                foreach (var (field, problem) in fields)
                {
                    w.WriteStartObject();
                    w.WriteString("field", field);
                    w.WriteString("message", problem);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });

        private static bool TryBoolean(JsonElement v, string name, out bool value, out SimResponse? error)
        {
            value = v.ValueKind == JsonValueKind.True;
            error = null;
            if (value || v.ValueKind == JsonValueKind.False) return true;
            error = SimResponse.Error(400, "invalid_request", name + " must be a boolean.", name);
            return false;
        }

        private static string? Str(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        /// <summary>Under the lock.</summary>
        private SimResponse ConfigResponse(string agentId)
        {
            var c = ConfigFor(agentId);
            var covering = _orgEvaluations!.Where(o => CoveredAgents(o).Contains(agentId)).ToList();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("config");
                w.WriteString("agent_id", agentId);
                w.WriteBoolean("enabled", c.Enabled);
                w.WriteBoolean("is_active", c.Enabled && !c.IsEmpty);
                WriteRubric(w, c, "interaction_types", criteriaWithEnabled: false);
                var updated = c.UpdatedAt is DateTimeOffset u ? SimText.Timestamp(u).Replace("Z", "+00:00") : null;
                SimJson.WriteNullable(w, "updated_ts", updated);
                SimJson.WriteNullable(w, "updated_at", updated);
                w.WriteStartArray("organization_evaluations");
                foreach (var o in covering)
                {
                    w.WriteStartObject();
                    w.WriteString("id", o.Id);
                    w.WriteString("name", o.Name);
                    w.WriteString("provenance", "organization");
                    w.WriteBoolean("enabled", o.Enabled);
                    w.WritePropertyName("run_summary");
                    WriteRunSummary(w, _evalResults!.Where(r => r.OrgEvaluationId == o.Id && r.AgentId == agentId));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }

        private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        /// <summary>
        /// The rubric fields an agent's configuration and an organization evaluation's config both answer with, notifications
        /// aside. <paramref name="sessionTypesKey"/> is as in <see cref="TryApplyRubric"/>; only organization criteria show enabled.
        /// </summary>
        private static void WriteRubric(Utf8JsonWriter w, SimRubric r, string sessionTypesKey, bool criteriaWithEnabled)
        {
            w.WriteString("model_name", r.ModelName);
            w.WriteString("frequency", r.Frequency);
            w.WriteString("language", r.Language);
            w.WriteBoolean("include_auto_tags", r.IncludeAutoTags);
            WriteStrings(w, sessionTypesKey, r.SessionTypes);
            w.WriteStartArray("criteria");
            foreach (var c in r.Criteria)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteString("prompt", c.Prompt);
                w.WriteString("type", c.Type);
                w.WriteString("priority", c.Priority);
                if (criteriaWithEnabled) w.WriteBoolean("enabled", c.Enabled);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tags");
            foreach (var t in r.Tags)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("description", t.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("data_points");
            foreach (var d in r.DataPoints)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("name", d.Name);
                w.WriteString("data_type", d.DataType);
                w.WriteString("description", d.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("sentiment"); w.WriteRawValue(r.SentimentJson);
        }

        private static void WriteResultBody(Utf8JsonWriter w, SimEvalResult r)
        {
            w.WriteString("status", r.Status);
            SimJson.WriteNullable(w, "error_code", r.ErrorCode);
            SimJson.WriteNullable(w, "model_name", r.ModelName);
            SimJson.WriteNullable(w, "grade", r.Grade);
            SimJson.WriteNullable(w, "call_successful", r.CallSuccessful);
            SimJson.WriteNullable(w, "sentiment", r.Sentiment);
            SimJson.WriteNullable(w, "summary", r.Summary);
            w.WriteStartArray("criteria_results");
            foreach (var (c, result, rationale) in r.CriteriaResults)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("name", c.Name);
                w.WriteString("type", c.Type);
                w.WriteString("priority", c.Priority);
                w.WriteString("result", result);
                w.WriteString("rationale", rationale);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("data_results");
            foreach (var (d, value) in r.DataResults)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("name", d.Name);
                w.WriteString("data_type", d.DataType);
                w.WritePropertyName("value"); w.WriteRawValue(value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "applied_tags", r.AppliedTags);
        }

        /// <summary>API.md 11.6 EvaluationResult: the agent-level shape, with its documented duplicate keys.</summary>
        private static void WriteAgentResult(Utf8JsonWriter w, SimEvalResult r, string agentIdAsAddressed)
        {
            var created = SimText.Timestamp(r.CreatedAt).Replace("Z", "+00:00");
            w.WriteStartObject();
            w.WriteString("evaluation_id", r.Id);
            w.WriteString("id", r.Id);
            w.WriteString("interaction_id", r.SessionId);
            w.WriteString("session_id", r.SessionId);
            w.WriteString("agent_id", agentIdAsAddressed);
            w.WriteString("created_ts", created);
            w.WriteString("created_at", created);
            SimJson.WriteNullable(w, "organization_evaluation_id", r.OrgEvaluationId);
            WriteResultBody(w, r);
            w.WriteEndObject();
        }

        /// <summary>API.md 11.6 EvaluationResultRecord: the organization shape.</summary>
        private static void WriteOrgResult(Utf8JsonWriter w, SimEvalResult r)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            SimJson.WriteNullable(w, "evaluation_id", r.OrgEvaluationId);
            w.WriteString("session_id", r.SessionId);
            w.WriteString("agent_id", r.AgentId);
            WriteResultBody(w, r);
            w.WriteString("created_at", SimText.Timestamp(r.CreatedAt));
            w.WriteEndObject();
        }

        /// <summary>A created_after/created_before filter; organization lists insist on an explicit offset (RFC 3339).</summary>
        private static bool TryTimeFilter(SimRequestContext req, string name, bool requireOffset, out DateTimeOffset? value, out SimResponse? error)
        {
            value = null;
            error = null;
            var text = req.Q(name);
            if (text == null) return true;
            bool hasOffset = text.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:?\d\d$");
            if ((requireOffset && !hasOffset) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = SimResponse.Error(400, "invalid_request", requireOffset ? $"{name} must be an RFC 3339 timestamp with an offset." : $"{name} must be an ISO 8601 timestamp.", name);
                return false;
            }
            value = parsed;
            return true;
        }

        // ---- Organization evaluations (10.16) ----

        private static SimResponse EvaluationOptions() => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            WriteStrings(w, "session_types", new[] { "api", "web", "slack", "teams", "triggered" });
            WriteStrings(w, "criterion_types", CriterionTypes);
            WriteStrings(w, "criterion_priorities", CriterionPriorities);
            WriteStrings(w, "data_point_types", DataPointTypes);
            WriteStrings(w, "frequencies", EvaluationFrequencies);
            WriteStrings(w, "grades", EvaluationGrades);
            WriteStrings(w, "statuses", EvaluationStatuses);
            WriteStrings(w, "target_types", TargetTypes);
            WriteStrings(w, "skip_reasons", new[] { "ineligible", "in_flight" });
            w.WriteStartObject("limits");
            w.WriteNumber("criteria", 30);
            w.WriteNumber("tags", 50);
            w.WriteNumber("data_points", 40);
            w.WriteNumber("targets", 1000);
            w.WriteNumber("session_ids_per_run", MaxEvaluationSessions);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        /// <summary>Under the lock: null when the caller may manage evaluations, else the permission decorator's flat 403.</summary>
        private SimResponse? DenyWithoutManagePermission(SimRequestContext req)
        {
            EnsureEvaluationState();
            if (req.Caller != null && _evaluationManagers!.Contains(req.Caller.Id)) return null;
            var r = SimResponse.Json(403, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", "policy_denied");
                w.WriteStartArray("denied_keys");
                w.WriteStringValue(ManageEvaluationsPermission);
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return r;
        }

        private SimOrgEvaluation? FindOrgEvaluation(string id) => _orgEvaluations!.FirstOrDefault(o => o.Id == id);

        /// <summary>Under the lock: the evaluation a caller who may manage evaluations addresses; otherwise null, with the 403 or 404 to answer.</summary>
        private SimOrgEvaluation? FindManagedOrgEvaluation(SimRequestContext req, string id, out SimResponse? refusal)
        {
            refusal = DenyWithoutManagePermission(req);
            if (refusal != null) return null;
            var o = FindOrgEvaluation(id);
            if (o == null) refusal = OrgEvaluationNotFound();
            return o;
        }

        private static SimResponse OrgEvaluationNotFound() => SimResponse.Error(404, "organization_evaluation_not_found", "Evaluation not found.");

        /// <summary>Under the lock: the agents the targets expand to now.</summary>
        private HashSet<string> CoveredAgents(SimOrgEvaluation o)
        {
            var agents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in _agents.Where(a => a.IsActive && a.Alias == null))
            {
                foreach (var (type, id) in o.Targets)
                {
                    if (type == "organization" || (type == "team" && a.TeamId == id) || (type == "user" && a.CreatorUserId == id) || (type == "agent" && a.Id == id))
                    {
                        agents.Add(a.Id);
                        break;
                    }
                }
            }
            return agents;
        }

        private SimResponse ListOrgEvaluations(SimRequestContext req)
        {
            var orgId = req.Q("organization_id");
            if (string.IsNullOrEmpty(orgId)) return SimResponse.Error(400, "invalid_request", "organization_id is required.", "organization_id");
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            lock (_gate)
            {
                var denied = DenyWithoutManagePermission(req);
                if (denied != null) return denied;
                if (orgId != EvaluationOrganizationId) return SimResponse.Error(403, "permission_denied", "You are not a member of this organization.", "organization_id");
                var all = _orgEvaluations!.OrderByDescending(o => o.CreatedAt).ToList();
                var page = all.Skip(offset).Take(pageSize).ToList();
                string? next = offset + page.Count < all.Count ? OffsetCursor("offset", offset + page.Count) : null;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("evaluations");
                    foreach (var o in page) WriteOrgEvaluation(w, o);
                    w.WriteEndArray();
                    SimJson.WriteNullable(w, "next_cursor", next);
                    w.WriteEndObject();
                });
            }
        }

        /// <summary>Under the lock.</summary>
        private void WriteOrgEvaluation(Utf8JsonWriter w, SimOrgEvaluation o)
        {
            w.WriteStartObject();
            w.WriteString("id", o.Id);
            w.WriteString("scope", "organization");
            w.WriteNull("agent_id");
            w.WriteString("organization_id", EvaluationOrganizationId);
            w.WriteString("name", o.Name);
            SimJson.WriteNullable(w, "description", o.Description);
            w.WriteBoolean("enabled", o.Enabled);
            WriteTargets(w, o);
            w.WriteNumber("covered_agent_count", CoveredAgents(o).Count);
            w.WriteStartObject("config");
            WriteRubric(w, o, "session_types", criteriaWithEnabled: true);
            w.WritePropertyName("notifications"); w.WriteRawValue(o.NotificationsJson);
            w.WriteEndObject();
            w.WritePropertyName("run_summary");
            WriteRunSummary(w, _evalResults!.Where(r => r.OrgEvaluationId == o.Id));
            _users.TryGetValue(o.CreatorId, out var creator);
            SimJson.WriteCreator(w, "creator", creator);
            w.WriteString("created_at", SimText.Timestamp(o.CreatedAt));
            w.WriteString("updated_at", SimText.Timestamp(o.UpdatedAt));
            w.WriteEndObject();
        }

        private static void WriteTargets(Utf8JsonWriter w, SimOrgEvaluation o)
        {
            w.WriteStartArray("targets");
            foreach (var (type, id) in o.Targets)
            {
                w.WriteStartObject();
                w.WriteString("type", type);
                // Answers name the organization for an organization target.
                w.WriteString("id", type == "organization" ? EvaluationOrganizationId : id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private static void WriteRunSummary(Utf8JsonWriter w, IEnumerable<SimEvalResult> results)
        {
            var list = results.ToList();
            var graded = list.Where(r => r.IsGraded).ToList();
            int pass = graded.Count(r => r.Grade == "pass");
            w.WriteStartObject();
            w.WriteNumber("evaluated_count", list.Count);
            w.WriteNumber("graded_count", graded.Count);
            w.WriteNumber("pass_count", pass);
            w.WriteNumber("needs_review_count", graded.Count(r => r.Grade == "needs_review"));
            w.WriteNumber("needs_attention_count", graded.Count(r => r.Grade == "needs_attention"));
            w.WriteNumber("failed_count", list.Count(r => r.Status == "failed"));
            if (graded.Count > 0) w.WriteNumber("success_rate", Math.Round((double)pass / graded.Count, 3)); else w.WriteNull("success_rate");
            if (list.Count > 0) w.WriteString("last_run_at", SimText.Timestamp(list.Max(r => r.CreatedAt))); else w.WriteNull("last_run_at");
            w.WriteEndObject();
        }

        private SimResponse OrgEvaluationResponse(int status, SimOrgEvaluation o) => SimResponse.Json(status, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("evaluation");
            WriteOrgEvaluation(w, o);
            w.WriteEndObject();
        });

        private SimResponse GetOrgEvaluation(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var o = FindManagedOrgEvaluation(req, id, out var refusal);
                return o == null ? refusal! : OrgEvaluationResponse(200, o);
            }
        }

        private static readonly string[] CreateKeys = { "organization_id", "name", "scope", "description", "enabled", "config" };
        private static readonly string[] UpdateKeys = { "name", "description", "enabled", "config" };

        private static SimResponse? ExtraKeys(JsonDocument? doc, string[] allowed)
        {
            if (doc == null) return null;
            var extra = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !allowed.Contains(n)).ToList();
            if (extra.Count == 0) return null;
            return InvalidFields("Unknown field(s): " + string.Join(", ", extra) + ".", extra.Select(n => (n, "is not a field of this request")).ToList());
        }

        private static bool TryName(JsonElement v, out string name, out SimResponse? error)
        {
            name = v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : "";
            error = null;
            if (name.Length >= 1 && name.Length <= 256) return true;
            error = SimResponse.Error(400, "invalid_request", "name must be 1 to 256 characters.", "name");
            return false;
        }

        private static bool TryDescription(JsonElement v, out string? description, out SimResponse? error)
        {
            description = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            error = null;
            if ((v.ValueKind == JsonValueKind.Null || v.ValueKind == JsonValueKind.String) && (description == null || description.Length <= 4000)) return true;
            error = SimResponse.Error(400, "invalid_request", "description must be a string of at most 4000 characters, or null.", "description");
            return false;
        }

        private SimResponse CreateOrgEvaluation(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                var extra = ExtraKeys(doc, CreateKeys);
                if (extra != null) return extra;
                if (!Prop(doc, "organization_id", out var org) || org.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(org.GetString()))
                    return SimResponse.Error(400, "invalid_request", "organization_id is required.", "organization_id");
                if (!Prop(doc, "name", out var nameValue)) return SimResponse.Error(400, "invalid_request", "name is required.", "name");
                if (!TryName(nameValue, out var name, out error)) return error!;
                string? description = null;
                if (Prop(doc, "description", out var d) && !TryDescription(d, out description, out error)) return error!;
                if (Prop(doc, "scope", out var scope) && (scope.ValueKind != JsonValueKind.String || scope.GetString() != "organization"))
                    return SimResponse.Error(400, "invalid_request", "scope must be organization.", "scope");
                if (Prop(doc, "enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True)
                    return SimResponse.Error(400, "organization_evaluation_no_targets", "A new evaluation has no targets yet; create it disabled, set its targets, then enable it.", "enabled");
                lock (_gate)
                {
                    var denied = DenyWithoutManagePermission(req);
                    if (denied != null) return denied;
                    if (org.GetString() != EvaluationOrganizationId) return SimResponse.Error(403, "permission_denied", "You are not a member of this organization.", "organization_id");
                    if (_orgEvaluations!.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
                        return SimResponse.Error(409, "organization_evaluation_name_taken", $"An evaluation named '{name}' already exists.", "name");
                    var now = NowUnique();
                    var created = new SimOrgEvaluation { Id = "oev_" + RandomToken(6), Name = name, Description = description, CreatorId = req.Caller!.Id, CreatedAt = now, UpdatedAt = now };
                    if (Prop(doc, "config", out var config) && !TryApplyRubric(config, created, "session_types", out error)) return error!;
                    _orgEvaluations!.Add(created);
                    return OrgEvaluationResponse(201, created);
                }
            }
        }

        private SimResponse UpdateOrgEvaluation(SimRequestContext req, string id)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                var extra = ExtraKeys(doc, UpdateKeys);
                if (extra != null) return extra;
                lock (_gate)
                {
                    var o = FindManagedOrgEvaluation(req, id, out var refusal);
                    if (o == null) return refusal!;
                    // Staged on a copy, so a rejected request changes nothing.
                    var staged = CopyRubric(o, new SimOrgEvaluation { Id = o.Id, Name = o.Name, Description = o.Description, Enabled = o.Enabled, Targets = o.Targets, CreatorId = o.CreatorId, CreatedAt = o.CreatedAt });
                    if (Prop(doc, "name", out var nameValue))
                    {
                        if (!TryName(nameValue, out var name, out error)) return error!;
                        if (_orgEvaluations!.Any(x => x.Id != id && string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
                            return SimResponse.Error(409, "organization_evaluation_name_taken", $"An evaluation named '{name}' already exists.", "name");
                        staged.Name = name;
                    }
                    if (Prop(doc, "description", out var d))
                    {
                        if (!TryDescription(d, out var description, out error)) return error!;
                        staged.Description = description;
                    }
                    if (Prop(doc, "config", out var config) && !TryApplyRubric(config, staged, "session_types", out error)) return error!;
                    bool enabling = false;
                    if (Prop(doc, "enabled", out var enabledValue))
                    {
                        if (!TryBoolean(enabledValue, "enabled", out enabling, out error)) return error!;
                        staged.Enabled = enabling;
                    }
                    if (enabling && staged.IsEmpty)
                        return SimResponse.Error(400, "organization_evaluation_empty_rubric", "Add at least one criterion, tag or data point before enabling the evaluation.", "enabled");
                    if (enabling && CoveredAgents(staged).Count == 0)
                        return SimResponse.Error(400, "organization_evaluation_no_targets", "Set targets that cover at least one agent before enabling the evaluation.", "enabled");
                    // Emptying the rubric of an enabled evaluation pauses it.
                    if (staged.IsEmpty) staged.Enabled = false;
                    staged.UpdatedAt = NowUnique();
                    _orgEvaluations![_orgEvaluations.IndexOf(o)] = staged;
                    foreach (var r in _evalResults!.Where(r => r.Rubric == o)) r.Rubric = staged;
                    return OrgEvaluationResponse(200, staged);
                }
            }
        }

        private SimResponse DeleteOrgEvaluation(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var o = FindManagedOrgEvaluation(req, id, out var refusal);
                if (o == null) return refusal!;
                // Results stay attached to their sessions (API.md 10.16); only the evaluation goes.
                _orgEvaluations!.Remove(o);
                return new SimResponse { Status = 204, Body = Array.Empty<byte>() };
            }
        }

        private SimResponse SetOrgEvaluationTargets(SimRequestContext req, string id)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "targets", out var targets) || targets.ValueKind != JsonValueKind.Array || targets.GetArrayLength() > 1000)
                    return SimResponse.Error(400, "invalid_request", "targets must be a list of at most 1000 targets.", "targets");
                var parsed = new List<(string Type, string? Id)>();
                foreach (var t in targets.EnumerateArray())
                {
                    var type = Str(t, "type");
                    var targetId = Str(t, "id");
                    if (type == null || !TargetTypes.Contains(type)) return SimResponse.Error(400, "invalid_request", "Each target needs a type: organization, team, user or agent.", "targets");
                    if (type != "organization" && string.IsNullOrEmpty(targetId)) return SimResponse.Error(400, "invalid_request", $"A {type} target needs an id.", "targets");
                    parsed.Add((type, type == "organization" ? null : targetId));
                }
                lock (_gate)
                {
                    var o = FindManagedOrgEvaluation(req, id, out var refusal);
                    if (o == null) return refusal!;
                    foreach (var (type, targetId) in parsed)
                    {
                        bool known = type switch
                        {
                            "team" => targetId == TeamId || targetId == SecondTeamId,
                            "user" => _users.ContainsKey(targetId!),
                            "agent" => FindAgent(targetId!) != null,
                            _ => true,
                        };
                        if (!known)
                            return SimResponse.Error(404, "organization_evaluation_target_not_in_organization", $"The {type} '{targetId}' is not part of this organization.", "targets");
                    }
                    o.Targets = parsed.Distinct().ToList();
                    // Removing the last target pauses an enabled evaluation.
                    if (CoveredAgents(o).Count == 0) o.Enabled = false;
                    o.UpdatedAt = NowUnique();
                    return SimResponse.Json(200, w =>
                    {
                        w.WriteStartObject();
                        WriteTargets(w, o);
                        w.WriteNumber("covered_agent_count", CoveredAgents(o).Count);
                        w.WriteBoolean("enabled", o.Enabled);
                        w.WriteEndObject();
                    });
                }
            }
        }

        private SimResponse RunOrgEvaluation(SimRequestContext req, string id)
        {
            if (!TryReadRunBody(req, out var sessionIds, out bool dryRun, out var error)) return error!;
            lock (_gate)
            {
                var o = FindManagedOrgEvaluation(req, id, out var refusal);
                if (o == null) return refusal!;
                if (!o.Enabled || o.IsEmpty)
                    return SimResponse.Error(400, "organization_evaluation_not_runnable", "Only an enabled evaluation with a rubric can run.");
                var covered = CoveredAgents(o);
                return QueueRun(sessionIds!, dryRun, o, o, covered.Contains,
                    "oevr_", "organization_evaluation_no_eligible_chats", "None of the sessions is a completed session of an agent this evaluation covers, or each is already being evaluated.");
            }
        }

        private SimResponse ListOrgEvaluationResults(SimRequestContext req, string id)
        {
            if (!TryResultQuery(req, true, out var query, out var error)) return error!;
            var agentId = req.Q("agent_id");
            lock (_gate)
            {
                if (FindManagedOrgEvaluation(req, id, out var refusal) == null) return refusal!;
                var matching = _evalResults!.Where(r => r.OrgEvaluationId == id
                    && (query.Status == null || r.Status == query.Status)
                    && (agentId == null || r.AgentId == agentId)
                    && query.Matches(r));
                return ResultPage(matching, query, "results", WriteOrgResult);
            }
        }

        private SimResponse GetOrgEvaluationResult(SimRequestContext req, string id, string resultId)
        {
            lock (_gate)
            {
                if (FindManagedOrgEvaluation(req, id, out var refusal) == null) return refusal!;
                var r = _evalResults!.FirstOrDefault(x => x.Id == resultId && x.OrgEvaluationId == id);
                if (r == null) return SimResponse.Error(404, "result_not_found", "Evaluation result not found.");
                return ResultResponse("result", r, WriteOrgResult);
            }
        }

        private SimResponse GetOrgEvaluationMetrics(SimRequestContext req, string id)
        {
            if (!TryMetricDays(req, out int days, out var error)) return error!;
            lock (_gate)
            {
                if (FindManagedOrgEvaluation(req, id, out var refusal) == null) return refusal!;
                var graded = GradedSince(days, r => r.OrgEvaluationId == id);
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("days", days);
                    w.WriteStartObject("grades");
                    // Completed results only; grades nobody received are left out.
                    foreach (var g in EvaluationGrades)
                    {
                        int n = graded.Count(r => r.Grade == g);
                        if (n > 0) w.WriteNumber(g, n);
                    }
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
        }
    }
}
