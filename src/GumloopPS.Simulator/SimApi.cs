using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        private static readonly string[] SessionStates = { "processing", "completed", "failed", "queued", "idle", "approval_required" };

        private SimResponse? Authenticate(SimRequestContext req)
        {
            // The legacy flow routes name their caller with user_id/project_id (checked by CheckFlowScope), so
            // Gumloop's own flow clients send only the bearer key, or the older ?api_key= form.
            bool legacyFlow = IsLegacyFlowRoute(req);
            string? secret = req.Bearer;
            if (string.IsNullOrEmpty(secret) && legacyFlow) secret = req.Q("api_key");
            if (string.IsNullOrEmpty(secret))
            {
                return legacyFlow
                    ? SimResponse.Error(401, "missing_credentials", "Authorization header with Bearer token or api_key query parameter is required")
                    : SimResponse.Error(401, "missing_credentials", "Provide an API key or OAuth access token in the Authorization header.");
            }
            SimCredential? cred;
            SimUser? user = null;
            lock (_gate)
            {
                _credentials.TryGetValue(secret!, out cred);
                if (cred != null) _users.TryGetValue(cred.UserId, out user);
            }
            if (cred == null || user == null)
                return SimResponse.Error(401, "invalid_token", "The API key or access token is not valid.");
            if (cred.Kind == CredentialKind.AccessToken)
            {
                if (cred.Expired || (cred.ExpiresAt is DateTimeOffset expires && DateTimeOffset.UtcNow >= expires))
                    return SimResponse.Error(401, "invalid_token", "The access token has expired.");
                // A token granted only userinfo may sign in but not call the API (API.md 2.3).
                if (cred.Scope != null && !cred.Scope.Split(' ').Any(s => s == "gumloop_api" || s == "gumloop"))
                    return SimResponse.Error(403, "insufficient_scope", "Required scope(s): gumloop_api");
            }
            else if (!legacyFlow || !string.IsNullOrEmpty(req.AuthKey))
            {
                // API keys are looked up by their owner, so the owner's id must travel in x-auth-key. A flow route
                // without it is checked by CheckFlowScope instead: user_id against the owner, project_id against the team.
                if (string.IsNullOrEmpty(req.AuthKey))
                    return SimResponse.Error(401, "missing_credentials", "API keys require the x-auth-key header with your user id.", "x-auth-key");
                if (!string.Equals(req.AuthKey, cred.UserId, StringComparison.Ordinal))
                    return SimResponse.Error(401, "invalid_credentials", "The x-auth-key header does not match the owner of this API key.", "x-auth-key");
            }
            var teamId = req.Q("team_id");
            if (cred.Kind == CredentialKind.TeamKey)
            {
                // The SDK never adds team_id on the stream host, so only the api host insists on it. The flow
                // routes take the team as project_id instead, which CheckFlowScope checks against the key.
                bool required = !req.IsStreamHost && !legacyFlow;
                if ((required && teamId == null) || (teamId != null && !string.Equals(teamId, cred.TeamId, StringComparison.Ordinal)))
                    return SimResponse.Error(403, "permission_denied", "Team API keys must be used with team_id set to the key's team.", "team_id");
            }
            else if (teamId != null && !string.Equals(teamId, TeamId, StringComparison.Ordinal))
            {
                return SimResponse.Error(403, "permission_denied", "You are not a member of this team.", "team_id");
            }
            req.Credential = cred;
            req.Caller = user;
            return null;
        }

        private SimResponse Route(SimRequestContext req)
        {
            var s = req.Segments!;
            if (s.Length >= 2 && s[0] == "agents" && IsAgentAlias(s[1]))
            {
                // The request log keeps the path as sent; only routing sees the caller's copy.
                s = (string[])s.Clone();
                s[1] = ResolveAgentAlias(s[1], req.Caller!);
                req.Segments = s;
            }
            return Dispatch(req);
        }

        private static IEnumerable<SimRoute> SessionRoutes() => new[]
        {
            Route("GET", "/agents/{agent_id}/sessions", (sim, req, a) => sim.ListSessions(req, a[0])),
            Route("POST", "/agents/{agent_id}/sessions", (sim, req, a) => sim.CreateSession(req, a[0])),
            Route("GET", "/sessions/{session_id}", (sim, req, a) =>
                req.Q("stream") is string st && IsTrue(st) ? sim.ResumeStream(req, a[0]) : sim.GetSession(a[0])),
            Route("PATCH", "/sessions/{session_id}", (sim, req, a) => sim.RenameSession(req, a[0])),
            Route("POST", "/sessions/{session_id}/messages", (sim, req, a) => sim.SendMessage(req, a[0])),
            Route("POST", "/sessions/{session_id}/cancel", (sim, req, a) => sim.CancelSession(a[0])),
            Route("POST", "/sessions/{session_id}/approvals", (sim, req, a) => sim.ResolveApprovals(req, a[0])),
        };

        private static bool IsTrue(string v) => v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1";

        private static SimResponse AgentNotFound() => SimResponse.Error(404, "agent_not_found", "Agent not found.");
        private static SimResponse SessionNotFound() => SimResponse.Error(404, "session_not_found", "Session not found.");

        private SimResponse WrongHost() => SimResponse.Error(400, "streaming_not_supported_on_this_host",
            $"Streaming responses are served by {StreamBaseUri}. Resend this request there, or set stream to false.", "stream",
            w => w.WriteString("stream_base_url", StreamBaseUri.ToString()));

        /// <summary>Parses a JSON object body; an empty body counts as {}.</summary>
        private static bool TryReadBody(SimRequestContext req, out JsonDocument? doc, out SimResponse? error)
        {
            doc = null;
            error = null;
            if (req.Body.Length == 0) return true;
            try
            {
                doc = JsonDocument.Parse(req.Body);
            }
            catch (JsonException)
            {
                error = SimResponse.Error(400, "invalid_request", "The request body is not valid JSON.");
                return false;
            }
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                doc = null;
                error = SimResponse.Error(400, "invalid_request", "The request body must be a JSON object.");
                return false;
            }
            return true;
        }

        private static bool Prop(JsonDocument? doc, string name, out JsonElement value)
        {
            value = default;
            return doc != null && doc.RootElement.TryGetProperty(name, out value);
        }

        private static bool StreamRequested(JsonDocument? doc) => Prop(doc, "stream", out var v) && v.ValueKind == JsonValueKind.True;

        /// <summary>Reads <c>input</c> or its documented alias <c>message</c>.</summary>
        private static bool TryReadInput(JsonDocument? doc, out string? input, out SimResponse? error)
        {
            input = null;
            error = null;
            if (!Prop(doc, "input", out var v) && !Prop(doc, "message", out v)) return true;
            if (v.ValueKind == JsonValueKind.Null) return true;
            if (v.ValueKind != JsonValueKind.String)
            {
                error = SimResponse.Error(400, "invalid_request", "input must be a string.", "input");
                return false;
            }
            input = v.GetString();
            return true;
        }

        private SimResponse ListSessions(SimRequestContext req, string agentId)
        {
            int pageSize = Options.PageSizeDefault;
            var ps = req.Q("page_size");
            if (ps != null)
            {
                if (!int.TryParse(ps, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out pageSize))
                    return SimResponse.Error(400, "invalid_page_size", "page_size must be an integer.", "page_size");
            }
            // Unlike GET /agents, this endpoint clamps out-of-range sizes.
            pageSize = Math.Max(1, Math.Min(100, pageSize));
            var search = req.Q("search") ?? req.Q("search_query");
            var type = req.Q("type");
            var state = req.Q("state");
            var creator = req.Q("creator_user_id");
            bool oldest = req.Q("sort_order") == "oldest";
            var cursor = req.Q("cursor");
            long? afterSeq = null;
            DateTimeOffset afterTs = default;
            if (cursor != null)
            {
                bool ok = false;
                if (SimText.TryFromBase64Json(cursor, out var doc))
                {
                    using (doc)
                    {
                        var root = doc!.RootElement;
                        if (root.TryGetProperty("created_ts", out var ts) && ts.ValueKind == JsonValueKind.String &&
                            root.TryGetProperty("seq", out var sq) && sq.TryGetInt64(out var seqValue) &&
                            DateTimeOffset.TryParse(ts.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out afterTs))
                        {
                            afterSeq = seqValue;
                            ok = true;
                        }
                    }
                }
                if (!ok) return SimResponse.Error(400, "invalid_cursor", "The cursor is invalid or has expired.", "cursor");
            }

            List<SessionView> page;
            bool more;
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                IEnumerable<SimSession> q = _sessions.Values.Where(x => x.AgentId == agentId);
                if (!string.IsNullOrEmpty(type)) q = q.Where(x => x.Type == type);
                if (!string.IsNullOrEmpty(state)) q = q.Where(x => x.State == state);
                if (!string.IsNullOrEmpty(creator)) q = q.Where(x => x.CreatorUserId == creator);
                if (!string.IsNullOrEmpty(search))
                    q = q.Where(x => (x.Name != null && x.Name.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0) ||
                                     x.Messages.Any(mm => mm.Content != null && mm.Content.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0));
                q = oldest ? q.OrderBy(x => x.CreatedAt).ThenBy(x => x.Seq) : q.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Seq);
                if (afterSeq.HasValue)
                {
                    var ts = afterTs;
                    long seq = afterSeq.Value;
                    q = oldest
                        ? q.Where(x => x.CreatedAt > ts || (x.CreatedAt == ts && x.Seq > seq))
                        : q.Where(x => x.CreatedAt < ts || (x.CreatedAt == ts && x.Seq < seq));
                }
                var list = q.Take(pageSize + 1).ToList();
                more = list.Count > pageSize;
                page = list.Take(pageSize).Select(x => View(x, false)).ToList();
            }
            string? next = null;
            if (more)
            {
                var last = page[page.Count - 1];
                long lastSeq;
                lock (_gate) lastSeq = _sessions[last.Id].Seq;
                next = SimText.ToBase64Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("created_ts", last.CreatedAt.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteNumber("seq", lastSeq);
                    w.WriteEndObject();
                });
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("sessions");
                foreach (var v in page) SimJson.WriteSession(w, v, SessionShape.ListItem);
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        /// <summary>Snapshot under the lock; messages are copied only when the shape needs them.</summary>
        private SessionView View(SimSession s, bool withMessages)
        {
            var agent = _agents.FirstOrDefault(a => a.Id == s.AgentId);
            SimUser? creator = null;
            if (s.CreatorUserId != null) _users.TryGetValue(s.CreatorUserId, out creator);
            return new SessionView
            {
                Id = s.Id,
                AgentId = s.AgentId,
                Name = s.Name,
                Type = s.Type,
                State = s.State,
                CreatedAt = s.CreatedAt,
                Messages = withMessages ? s.Messages.ToArray() : Array.Empty<SimMessage>(),
                Participants = s.Participants.Select(p => _users.TryGetValue(p, out var u) ? u : new SimUser(p, "", "", "")).ToArray(),
                Creator = creator,
                Usage = s.Usage,
                Approvals = s.State == "approval_required" ? s.PendingApprovals.ToArray() : Array.Empty<SimApproval>(),
                QueuePosition = s.State == "queued" ? _queue.IndexOf(s) + 1 : (int?)null,
                Agent = agent,
                AgentCreatorUserId = agent?.CreatorUserId,
                ClientMetadataJson = s.ClientMetadataJson,
            };
        }

        private SimResponse GetSession(string id)
        {
            SessionView v;
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                v = View(s, true);
            }
            return SimJson.Envelope(200, v, SessionShape.Full);
        }

        private SimResponse CreateSession(SimRequestContext req, string agentId)
        {
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                lock (_gate)
                {
                    if (FindAgent(agentId) == null) return AgentNotFound();
                }
                bool stream = StreamRequested(doc);
                if (stream && !req.IsStreamHost) return WrongHost();
                if (!TryReadInput(doc, out var input, out err)) return err!;
                string? name = null;
                if (Prop(doc, "name", out var nameEl) && nameEl.ValueKind != JsonValueKind.Null)
                {
                    if (nameEl.ValueKind != JsonValueKind.String) return SimResponse.Error(400, "invalid_request", "name must be a string.", "name");
                    name = nameEl.GetString()!.Trim();
                    if (name.Length < 1 || name.Length > 256) return SimResponse.Error(400, "invalid_request", "name must be 1 to 256 characters after trimming.", "name");
                }
                string? sessionId = null;
                if (Prop(doc, "session_id", out var idEl) && idEl.ValueKind != JsonValueKind.Null)
                {
                    if (idEl.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(idEl.GetString()))
                        return SimResponse.Error(400, "invalid_request", "session_id must be a non-empty string.", "session_id");
                    sessionId = idEl.GetString();
                }
                string? metadata = null;
                if (Prop(doc, "metadata", out var metaEl) && metaEl.ValueKind != JsonValueKind.Null)
                {
                    if (metaEl.ValueKind != JsonValueKind.Object) return SimResponse.Error(400, "invalid_request", "metadata must be an object.", "metadata");
                    metadata = metaEl.GetRawText();
                }
                if (stream && input == null)
                    return SimResponse.Error(400, "invalid_request", "input is required when stream is true.", "input");
                var directives = input != null ? ParseDirectives(input) : null;
                if (directives != null && directives.EchoKey) return EchoAuthorization(req);

                lock (_gate)
                {
                    if (sessionId != null && _sessions.ContainsKey(sessionId))
                        return SimResponse.Error(409, "session_already_exists", "A session with this session_id already exists.", "session_id");
                    bool queue = false;
                    if (input != null && !HasFreeSlot())
                    {
                        if (!Options.QueueAtLimit) return SimResponse.RateLimited();
                        queue = true;
                    }
                    var now = NowUnique();
                    var s = new SimSession
                    {
                        Id = sessionId ?? NewId("sess_"),
                        AgentId = agentId,
                        Name = name ?? (input != null ? AutoTitle(directives!.CleanText) : null),
                        Type = "api",
                        State = "idle",
                        CreatedAt = now,
                        Seq = ++_sessionSeq,
                        CreatorUserId = req.Caller!.Id,
                        ClientMetadataJson = metadata,
                    };
                    _sessions[s.Id] = s;
                    if (input == null) return SimJson.Envelope(201, View(s, true), SessionShape.Full);
                    var turn = StartTurn(s, input, directives!, req.Caller!.Id, stream, queue);
                    if (stream) return new SimResponse { Sse = new SseSubscription(turn, 0, ++turn.Connections == 1) };
                    return SimJson.Envelope(202, View(s, true), SessionShape.Full);
                }
            }
        }

        private static string AutoTitle(string clean)
        {
            var words = clean.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) return "New session";
            var title = string.Join(" ", words.Take(8));
            return title.Length > 80 ? title.Substring(0, 80) : title;
        }

        private SimResponse RenameSession(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                if (doc != null)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (p.Name != "name") return SimResponse.Error(400, "invalid_request", $"Unknown field '{p.Name}'.", p.Name);
                    }
                }
                if (!Prop(doc, "name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String)
                    return SimResponse.Error(400, "invalid_request", "name is required and must be a string.", "name");
                var name = nameEl.GetString()!.Trim();
                if (name.Length < 1 || name.Length > 256) return SimResponse.Error(400, "invalid_request", "name must be 1 to 256 characters after trimming.", "name");
                SessionView v;
                lock (_gate)
                {
                    if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                    s.Name = name;
                    v = View(s, true);
                }
                return SimJson.Envelope(200, v, SessionShape.Full);
            }
        }

        private SimResponse SendMessage(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                if (!_sessions.ContainsKey(id)) return SessionNotFound();
            }
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            using (doc)
            {
                bool stream = StreamRequested(doc);
                if (stream && !req.IsStreamHost) return WrongHost();
                if (Prop(doc, "approval_responses", out _))
                    return SimResponse.Error(400, "approvals_require_stream_or_approvals_endpoint", "Resolve pending approvals with POST /sessions/{session_id}/approvals.", "approval_responses");
                if (!TryReadInput(doc, out var input, out err)) return err!;
                if (string.IsNullOrEmpty(input)) return SimResponse.Error(400, "invalid_request", "input is required.", "input");
                if (Prop(doc, "attachments", out var att) && att.ValueKind == JsonValueKind.Array)
                {
                    if (att.GetArrayLength() > 10) return SimResponse.Error(400, "invalid_request", "At most 10 attachments are allowed.", "attachments");
                    int i = 0;
                    foreach (var a in att.EnumerateArray())
                    {
                        string param = $"attachments[{i}].file_name";
                        if (a.ValueKind != JsonValueKind.Object || !a.TryGetProperty("file_name", out var fn) || fn.ValueKind != JsonValueKind.String)
                            return SimResponse.Error(400, "invalid_request", "Each attachment needs a file_name.", param);
                        if (!fn.GetString()!.StartsWith($"custom_agent_interactions/{id}/input/", StringComparison.Ordinal))
                            return SimResponse.Error(400, "invalid_attachment", "Attachment path is outside this session's input namespace.", param);
                        i++;
                    }
                }
                var directives = ParseDirectives(input!);
                if (directives.EchoKey) return EchoAuthorization(req);
                lock (_gate)
                {
                    if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                    if (s.State == "processing" || s.State == "queued")
                        return SimResponse.Error(409, "interaction_not_in_terminal_state", "The session is still processing. Wait for it to finish or queue the message.");
                    bool queue = false;
                    if (!HasFreeSlot())
                    {
                        if (!Options.QueueAtLimit) return SimResponse.RateLimited();
                        queue = true;
                    }
                    var turn = StartTurn(s, input!, directives, req.Caller!.Id, stream, queue);
                    if (stream) return new SimResponse { Sse = new SseSubscription(turn, 0, ++turn.Connections == 1) };
                    return SimJson.Envelope(202, View(s, true), SessionShape.Full);
                }
            }
        }

        private SimResponse CancelSession(string id)
        {
            SessionView v;
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                if (s.State == "processing" || s.State == "queued") CancelTurn(s);
                v = View(s, false);
            }
            return SimJson.Envelope(200, v, SessionShape.CancelStub);
        }
    }
}
