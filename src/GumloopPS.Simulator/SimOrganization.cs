using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Organization administration (API.md section 10.15): one Enterprise organization whose admin is the seed user,
    /// an audit log of several hundred events over the last ten days (more appear as admins act), workspace and
    /// custom-role membership that Add/Remove change, role credit limits, and data exports that move
    /// REQUESTED, IN_PROGRESS, COMPLETED one status read at a time and then serve a CSV. A caller who is not an
    /// organization admin gets 403 on every admin route.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        internal const string OrganizationId = "org_7Hq2Lw9x";
        private const string OrganizationName = "Lumenfield Analytics";

        /// <summary>The longest audit-log range one read may cover; the client refuses longer ones the same way.</summary>
        private static readonly TimeSpan AuditMaxRange = TimeSpan.FromDays(90);

        private static readonly string[] AuditEventTypes =
        {
            "user_sign_in", "credential_retrieval", "agent_created", "workspace_user_added", "workspace_user_removed",
            "data_export_requested", "role_credit_limit_updated", "role_member_added", "role_member_removed",
        };

        private static readonly Dictionary<string, string[]> ExportFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["workflows"] = new[] { "workbook_id", "workbook_name", "workbook_created_ts", "user_id", "user_email", "workspace_id", "workspace_name", "run_id", "credit_cost", "pl_run_created_ts", "pl_run_finished_ts", "pipeline" },
            ["agents"] = new[] { "agent_id", "agent_name", "agent_description", "agent_model", "agent_system_prompt", "agent_created_ts", "agent_tools", "agent_metadata", "agent_evaluations_enabled", "creator_email", "workspace_id", "workspace_name", "folder_id", "folder_name" },
            ["agent_interactions"] = new[] { "interaction_id", "agent_id", "agent_name", "interaction_type", "interaction_name", "trigger_type", "interaction_created_ts", "user_email", "credit_cost", "llm_credit_cost", "tool_credit_cost", "flow_credit_cost", "message_count", "workspace_id", "workspace_name" },
            ["interaction_evaluations"] = new[] { "evaluation_id", "interaction_id", "agent_id", "organization_evaluation_id", "evaluation_created_ts", "status", "grade", "call_outcome", "sentiment", "error_code", "summary", "evaluation_model", "credit_cost", "user_email" },
            ["credit_logs"] = new[] { "user_email", "permission_group_id", "permission_group_name", "timestamp", "category", "type", "name", "amount", "balance", "log_id", "correlation_id", "balance_scope", "project_id" },
            ["gumstack"] = Array.Empty<string>(),
        };

        private sealed class SimAuditEvent
        {
            public string Id = "";
            public DateTimeOffset At;
            public string Type = "";
            public string UserId = "";
            public string Details = "";
            public string Ip = "";
            public string UserAgent = "";
            public string WorkspaceId = "";
            public string EntityId = "";
        }

        private sealed class SimRole
        {
            public string Id = "";
            public string Name = "";
            public bool IsDefault;
            public long? Limit;
            public readonly HashSet<string> Members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        private sealed class SimExport
        {
            public string Id = "";
            public string Owner = "";
            public string DataType = "";
            public string[] Fields = Array.Empty<string>();
            public int Step; // 0 REQUESTED, 1 IN_PROGRESS, 2 done
            public bool Fails;
            public DateTimeOffset CreatedAt;
            public DateTimeOffset? FinishedAt;

            public string State => Step == 0 ? "REQUESTED" : Step == 1 ? "IN_PROGRESS" : Fails ? "FAILED" : "COMPLETED";
        }

        private bool _orgReady;
        private string _orgPlan = "enterprise";
        private HashSet<string> _orgAdmins = null!;
        private List<SimAuditEvent> _audit = null!;
        private Dictionary<string, Dictionary<string, bool>> _workspaceMembers = null!;
        private List<SimRole> _roles = null!;
        private Dictionary<string, SimExport> _exports = null!;
        private readonly HashSet<string> _extraOrgEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "dana.ruiz@lumenfield.io", "lee.chen@lumenfield.io" };

        /// <summary>Makes <paramref name="userId"/> an organization admin, or takes the right away; the seed user is one.</summary>
        public void SetOrganizationAdmin(string userId, bool isAdmin)
        {
            if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("A user id is required.", nameof(userId));
            lock (_gate)
            {
                EnsureOrganization();
                if (isAdmin) _orgAdmins.Add(userId); else _orgAdmins.Remove(userId);
            }
        }

        /// <summary>The organization's plan, <c>enterprise</c> by default; any other value makes the Enterprise routes answer 403 tier_required_enterprise.</summary>
        public string OrganizationPlan
        {
            get { lock (_gate) return _orgPlan; }
            set { lock (_gate) _orgPlan = string.IsNullOrWhiteSpace(value) ? "enterprise" : value; }
        }

        /// <summary>Number of audit events the organization's log holds now.</summary>
        public int AuditEventCount
        {
            get { lock (_gate) { EnsureOrganization(); return _audit.Count; } }
        }

        private static IEnumerable<SimRoute> OrganizationRoutes() => new[]
        {
            Route("GET", "/organizations", (sim, req, a) => sim.ListOrganizations()),
            Route("GET", "/get_audit_logs", (sim, req, a) => sim.GetAuditLogs(req)),
            Route("POST", "/manage_workspace_users", (sim, req, a) => sim.ManageWorkspaceUsers(req)),
            Route("POST", "/manage_permission_group_users", (sim, req, a) => sim.ManageRoleMembers(req)),
            Route("GET", "/organizations/{organization_id}/roles/credit-limits", (sim, req, a) => sim.ListRoleCreditLimits(req, a[0])),
            Route("GET", "/organizations/{organization_id}/roles/{role_id}/credit-limit", (sim, req, a) => sim.GetRoleCreditLimit(req, a[0], a[1])),
            Route("PUT", "/organizations/{organization_id}/roles/{role_id}/credit-limit", (sim, req, a) => sim.SetRoleCreditLimit(req, a[0], a[1])),
            Route("POST", "/export_data", (sim, req, a) => sim.StartExport(req)),
            Route("GET", "/export_status", (sim, req, a) => sim.ExportStatus(req)),
        };

        /// <summary>Builds the organization on first use (under the lock), so simulators that never touch it pay nothing.</summary>
        private void EnsureOrganization()
        {
            if (_orgReady) return;
            _orgReady = true;
            _orgAdmins = new HashSet<string>(StringComparer.Ordinal) { SeedUserId };
            _exports = new Dictionary<string, SimExport>(StringComparer.Ordinal);
            _workspaceMembers = new Dictionary<string, Dictionary<string, bool>>(StringComparer.Ordinal)
            {
                [SeedTeamId] = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["priya.raman@lumenfield.io"] = true, ["marcus.ode@lumenfield.io"] = false },
                [SecondTeamId] = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase) { ["priya.raman@lumenfield.io"] = true },
            };
            _roles = new List<SimRole>
            {
                new SimRole { Id = "role_0Ab1Cd", Name = "Everyone", IsDefault = true },
                new SimRole { Id = "role_4Fz8Qp", Name = "Contractors", Limit = 2000 },
                new SimRole { Id = "role_9Gh2Jk", Name = "Support", Limit = 1500 },
                new SimRole { Id = "role_7Lm3Np", Name = "Analysts" },
                new SimRole { Id = "role_2Qr5St", Name = "Engineering", Limit = 5000 },
            };
            _roles[1].Members.Add("dana.ruiz@lumenfield.io");
            _roles[4].Members.Add("priya.raman@lumenfield.io");

            // One event every 20 minutes over the last ten days, newest first: 504 fall in any last-seven-days read.
            var now = DateTimeOffset.UtcNow;
            now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
            string[] users = { SeedUserId, SecondUserId };
            string[] ips = { "203.0.113.24", "198.51.100.7", "192.0.2.55" };
            string[] agents = { "gumloop-python/0.4.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6)", "GumloopPS/1.0" };
            string[] entities = { RenewalAgentId, InvoiceAgentId, SalesAgentId };
            _audit = new List<SimAuditEvent>(720);
            for (int k = 0; k < 720; k++)
            {
                string type = AuditEventTypes[k % 4 == 3 ? 2 + (k / 4) % 2 : k % 2];
                _audit.Add(new SimAuditEvent
                {
                    Id = "ae_" + (100000 + k).ToString(CultureInfo.InvariantCulture),
                    At = now.AddMinutes(-(20 * k + 5)),
                    Type = type,
                    UserId = users[(k / 3) % users.Length],
                    Details = AuditDetails(type, entities[k % entities.Length]),
                    Ip = ips[k % ips.Length],
                    UserAgent = agents[k % agents.Length],
                    WorkspaceId = k % 5 == 0 ? SecondTeamId : SeedTeamId,
                    EntityId = entities[k % entities.Length],
                });
            }
        }

        private static string AuditDetails(string type, string entity) => type switch
        {
            "user_sign_in" => "Signed in with Google SSO",
            "credential_retrieval" => "HubSpot credential used by agent " + entity,
            "agent_created" => "Agent " + entity + " created",
            _ => "Workspace membership changed",
        };

        /// <summary>Records an admin action in the log, newest first. Call under the lock.</summary>
        private void Audit(SimUser caller, string type, string details, string workspaceId, string entityId)
        {
            _audit.Insert(0, new SimAuditEvent
            {
                Id = NewId("ae_"),
                At = DateTimeOffset.UtcNow,
                Type = type,
                UserId = caller.Id,
                Details = details,
                Ip = "127.0.0.1",
                UserAgent = "simulator",
                WorkspaceId = workspaceId,
                EntityId = entityId,
            });
        }

        private HashSet<string> OrgEmails()
        {
            var emails = new HashSet<string>(_extraOrgEmails, StringComparer.OrdinalIgnoreCase);
            foreach (var u in _users.Values) emails.Add(u.Email);
            return emails;
        }

        private SimResponse ListOrganizations() => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("organizations");
            w.WriteStartObject();
            w.WriteString("id", OrganizationId);
            w.WriteString("name", OrganizationName);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });

        /// <summary>
        /// The checks of every admin route: <c>user_id</c> present, naming the caller, an organization admin, and for the
        /// Enterprise routes an Enterprise organization. Call under the lock.
        /// </summary>
        private SimResponse? CheckOrgAdmin(SimRequestContext req, string? userId, string permission)
        {
            EnsureOrganization();
            if (string.IsNullOrEmpty(userId)) return SimResponse.Error(400, "invalid_request", "user_id is required.", "user_id");
            if (!string.Equals(userId, req.Caller!.Id, StringComparison.Ordinal))
                return SimResponse.Error(403, "permission_denied", "user_id must be your own user id.", "user_id");
            if (!string.Equals(_orgPlan, "enterprise", StringComparison.OrdinalIgnoreCase))
            {
                return SimResponse.Json(403, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("error", "tier_required_enterprise");
                    w.WriteString("minimum_tier", "enterprise");
                    w.WriteStartArray("denied_keys");
                    w.WriteStringValue(permission);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            if (!_orgAdmins.Contains(userId!))
                return SimResponse.Error(403, "not_organization_admin", "You must be an organization admin to do this.", "user_id");
            return null;
        }

        private static SimResponse? CheckOrgId(string? organizationId)
        {
            if (string.IsNullOrEmpty(organizationId)) return SimResponse.Error(400, "invalid_request", "organization_id is required.", "organization_id");
            return string.Equals(organizationId, OrganizationId, StringComparison.Ordinal)
                ? null
                : SimResponse.Error(404, "organization_not_found", "Organization not found.", "organization_id");
        }

        private static bool TryTime(string? text, string name, out DateTimeOffset value, out SimResponse? error)
        {
            value = default;
            error = null;
            if (string.IsNullOrEmpty(text))
            {
                error = SimResponse.Error(400, "invalid_request", name + " is required.", name);
                return false;
            }
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            {
                error = SimResponse.Error(400, "invalid_request", name + " must be an ISO 8601 timestamp.", name);
                return false;
            }
            return true;
        }

        /// <summary>The plural CSV parameter, or the singular one (API.md: <c>event_types</c> or <c>event_type</c>).</summary>
        private static HashSet<string>? Filter(SimRequestContext req, string plural, string? singular)
        {
            var text = req.Q(plural) ?? (singular != null ? req.Q(singular) : null);
            if (string.IsNullOrWhiteSpace(text)) return null;
            return new HashSet<string>(text!.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0), StringComparer.Ordinal);
        }

        private SimResponse GetAuditLogs(SimRequestContext req)
        {
            if (!TryTime(req.Q("start_time"), "start_time", out var start, out var error)) return error!;
            if (!TryTime(req.Q("end_time"), "end_time", out var end, out error)) return error!;
            if (end < start) return SimResponse.Error(400, "invalid_request", "end_time must not be before start_time.", "end_time");
            if (end - start > AuditMaxRange) return SimResponse.Error(400, "invalid_request", $"The time range may cover at most {AuditMaxRange.TotalDays:0} days.", "start_time");
            int page = 1, size = 50;
            if (req.Q("page") is string p && (!int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1))
                return SimResponse.Error(400, "invalid_request", "page must be a positive integer.", "page");
            if (req.Q("page_size") is string ps)
            {
                if (!int.TryParse(ps, NumberStyles.Integer, CultureInfo.InvariantCulture, out size)) return SimResponse.Error(400, "invalid_page_size", "page_size must be an integer.", "page_size");
                size = Math.Max(1, Math.Min(100, size));
            }
            var types = Filter(req, "event_types", "event_type");
            var users = Filter(req, "user_ids", null);
            var ips = Filter(req, "ip_addresses", "ip_address");
            var workspaces = Filter(req, "workspace_ids", "workspace_id");
            var entities = Filter(req, "entity_ids", "entity_id");
            List<SimAuditEvent> matching;
            lock (_gate)
            {
                var denied = CheckOrgAdmin(req, req.Q("user_id"), "organization:audit_logs") ?? CheckOrgId(req.Q("organization_id"));
                if (denied != null) return denied;
                matching = _audit.Where(e => e.At >= start && e.At <= end
                    && (types == null || types.Contains(e.Type)) && (users == null || users.Contains(e.UserId))
                    && (ips == null || ips.Contains(e.Ip)) && (workspaces == null || workspaces.Contains(e.WorkspaceId))
                    && (entities == null || entities.Contains(e.EntityId))).ToList();
            }
            int totalPages = (matching.Count + size - 1) / size;
            var items = matching.Skip((page - 1) * size).Take(size).ToList();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("audit_logs");
                foreach (var e in items)
                {
                    w.WriteStartObject();
                    w.WriteString("event_id", e.Id);
                    w.WriteString("timestamp", SimText.Timestamp(e.At));
                    w.WriteString("event_type", e.Type);
                    w.WriteString("user_id", e.UserId);
                    w.WriteString("details", e.Details);
                    w.WriteString("source_ip", e.Ip);
                    w.WriteString("user_agent", e.UserAgent);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNumber("total_count", matching.Count);
                w.WriteNumber("page", page);
                w.WriteNumber("page_size", size);
                w.WriteNumber("total_pages", totalPages);
                w.WriteStartArray("event_types");
                foreach (var t in AuditEventTypes) w.WriteStringValue(t);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static SimResponse Outcome(bool success, string message) => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", success);
            w.WriteString("message", message);
            w.WriteEndObject();
        });

        /// <summary>Reads the body fields every membership call requires; on failure <paramref name="error"/> is the answer.</summary>
        private static bool TryMembershipBody(JsonDocument? doc, string idName, out string orgId, out string userId, out string targetId, out string action, out string email, out SimResponse? error)
        {
            orgId = userId = targetId = action = email = "";
            error = null;
            foreach (var name in new[] { "organization_id", "user_id", idName, "action", "user_email" })
            {
                var value = BodyString(doc, name);
                if (string.IsNullOrWhiteSpace(value))
                {
                    error = SimResponse.Error(400, "invalid_request", name + " is required.", name);
                    return false;
                }
                switch (name)
                {
                    case "organization_id": orgId = value!; break;
                    case "user_id": userId = value!; break;
                    case "action": action = value!; break;
                    case "user_email": email = value!; break;
                    default: targetId = value!; break;
                }
            }
            if (action != "add" && action != "remove")
            {
                error = SimResponse.Error(400, "invalid_request", "action must be add or remove.", "action");
                return false;
            }
            return true;
        }

        private SimResponse ManageWorkspaceUsers(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!TryMembershipBody(doc, "workspace_id", out var orgId, out var userId, out var workspaceId, out var action, out var email, out error)) return error!;
                bool isAdmin = Prop(doc, "is_admin", out var adminEl) && adminEl.ValueKind == JsonValueKind.True;
                if (Prop(doc, "is_admin", out adminEl) && adminEl.ValueKind != JsonValueKind.True && adminEl.ValueKind != JsonValueKind.False && adminEl.ValueKind != JsonValueKind.Null)
                    return SimResponse.Error(400, "invalid_request", "is_admin must be a boolean.", "is_admin");
                lock (_gate)
                {
                    var denied = CheckOrgAdmin(req, userId, "organization:manage_workspaces") ?? CheckOrgId(orgId);
                    if (denied != null) return denied;
                    if (!_workspaceMembers.TryGetValue(workspaceId, out var members)) return SimResponse.Error(404, "workspace_not_found", "Workspace not found in this organization.", "workspace_id");
                    if (!OrgEmails().Contains(email)) return SimResponse.Error(404, "user_not_found", "No user with this email belongs to the organization.", "user_email");
                    if (action == "add")
                    {
                        if (members.ContainsKey(email)) return Outcome(false, $"{email} is already a member of workspace {workspaceId}.");
                        members[email] = isAdmin;
                        Audit(req.Caller!, "workspace_user_added", $"Added {email} to workspace {workspaceId}", workspaceId, email);
                        return Outcome(true, $"Added {email} to workspace {workspaceId} as {(isAdmin ? "an admin" : "a member")}.");
                    }
                    if (!members.Remove(email)) return Outcome(false, $"{email} is not a member of workspace {workspaceId}.");
                    Audit(req.Caller!, "workspace_user_removed", $"Removed {email} from workspace {workspaceId}", workspaceId, email);
                    return Outcome(true, $"Removed {email} from workspace {workspaceId}.");
                }
            }
        }

        private SimResponse ManageRoleMembers(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!TryMembershipBody(doc, "group_id", out var orgId, out var userId, out var roleId, out var action, out var email, out error)) return error!;
                lock (_gate)
                {
                    var denied = CheckOrgAdmin(req, userId, "organization:manage_roles") ?? CheckOrgId(orgId);
                    if (denied != null) return denied;
                    var role = _roles.FirstOrDefault(r => r.Id == roleId);
                    if (role == null) return SimResponse.Error(404, "role_not_found", "Custom role not found in this organization.", "group_id");
                    if (!OrgEmails().Contains(email)) return SimResponse.Error(404, "user_not_found", "No user with this email belongs to the organization.", "user_email");
                    if (role.IsDefault) return Outcome(false, $"Every member belongs to the default role {role.Name}; it cannot be changed.");
                    if (action == "add")
                    {
                        if (!role.Members.Add(email)) return Outcome(false, $"{email} already has the custom role {role.Name}.");
                        Audit(req.Caller!, "role_member_added", $"Added {email} to custom role {role.Name}", SeedTeamId, role.Id);
                        return Outcome(true, $"Added {email} to custom role {role.Name}.");
                    }
                    if (!role.Members.Remove(email)) return Outcome(false, $"{email} does not have the custom role {role.Name}.");
                    Audit(req.Caller!, "role_member_removed", $"Removed {email} from custom role {role.Name}", SeedTeamId, role.Id);
                    return Outcome(true, $"Removed {email} from custom role {role.Name}.");
                }
            }
        }

        private void WriteRole(Utf8JsonWriter w, SimRole role)
        {
            w.WriteStartObject();
            w.WriteString("role_id", role.Id);
            w.WriteString("role_name", role.Name);
            w.WriteBoolean("is_default", role.IsDefault);
            w.WriteNumber("member_count", role.IsDefault ? OrgEmails().Count : role.Members.Count);
            if (role.Limit is long limit) w.WriteNumber("monthly_credit_limit", limit); else w.WriteNull("monthly_credit_limit");
            w.WriteEndObject();
        }

        private SimResponse ListRoleCreditLimits(SimRequestContext req, string organizationId)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            lock (_gate)
            {
                var denied = CheckOrgAdmin(req, req.Q("user_id"), "organization:manage_credit_limits") ?? CheckOrgId(organizationId);
                if (denied != null) return denied;
                var page = _roles.Skip(offset).Take(pageSize).ToList();
                string? next = offset + page.Count < _roles.Count ? OffsetCursor("offset", offset + page.Count) : null;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("roles");
                    foreach (var role in page) WriteRole(w, role);
                    w.WriteEndArray();
                    SimJson.WriteNullable(w, "next_cursor", next);
                    w.WriteEndObject();
                });
            }
        }

        private SimResponse GetRoleCreditLimit(SimRequestContext req, string organizationId, string roleId)
        {
            lock (_gate)
            {
                var denied = CheckOrgAdmin(req, req.Q("user_id"), "organization:manage_credit_limits") ?? CheckOrgId(organizationId);
                if (denied != null) return denied;
                var role = _roles.FirstOrDefault(r => r.Id == roleId);
                if (role == null) return SimResponse.Error(404, "role_not_found", "Custom role not found in this organization.");
                return SimResponse.Json(200, w => WriteRole(w, role));
            }
        }

        private SimResponse SetRoleCreditLimit(SimRequestContext req, string organizationId, string roleId)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "monthly_credit_limit", out var limitEl))
                    return SimResponse.Error(400, "invalid_request", "monthly_credit_limit is required (null clears the limit).", "monthly_credit_limit");
                long? limit = null;
                if (limitEl.ValueKind != JsonValueKind.Null)
                {
                    if (limitEl.ValueKind != JsonValueKind.Number || !limitEl.TryGetInt64(out long value) || value < 0 || value > 1_000_000_000)
                        return SimResponse.Error(400, "invalid_request", "monthly_credit_limit must be an integer from 0 to 1000000000, or null.", "monthly_credit_limit");
                    limit = value;
                }
                lock (_gate)
                {
                    var denied = CheckOrgAdmin(req, BodyString(doc, "user_id"), "organization:manage_credit_limits") ?? CheckOrgId(organizationId);
                    if (denied != null) return denied;
                    var role = _roles.FirstOrDefault(r => r.Id == roleId);
                    if (role == null) return SimResponse.Error(404, "role_not_found", "Custom role not found in this organization.");
                    if (role.Limit != limit)
                    {
                        // Unchanged values are no-ops (API.md), so only a change is audited.
                        role.Limit = limit;
                        Audit(req.Caller!, "role_credit_limit_updated", $"Credit limit of {role.Name} set to {(limit.HasValue ? limit.Value.ToString(CultureInfo.InvariantCulture) : "none")}", SeedTeamId, role.Id);
                    }
                    return SimResponse.Json(200, w => WriteRole(w, role));
                }
            }
        }

        private static List<string>? StringArray(JsonDocument? doc, string name, out SimResponse? error)
        {
            error = null;
            if (!Prop(doc, name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                error = SimResponse.Error(400, "invalid_request", name + " must be an array of strings.", name);
                return null;
            }
            return v.EnumerateArray().Select(i => i.GetString()!).ToList();
        }

        private SimResponse StartExport(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                string dataType = BodyString(doc, "data_type") ?? "workflows";
                if (!ExportFields.TryGetValue(dataType, out var known)) return SimResponse.Error(400, "invalid_request", "data_type is not a known data type.", "data_type");
                var fields = StringArray(doc, "export_fields", out error); if (error != null) return error;
                if (fields == null || fields.Count == 0) return SimResponse.Error(400, "invalid_request", "export_fields is required.", "export_fields");
                var unknown = known.Length == 0 ? new List<string>() : fields.Where(f => Array.IndexOf(known, f) < 0).ToList();
                if (unknown.Count > 0)
                {
                    return SimResponse.Error(400, "invalid_request", $"Unknown export_fields for {dataType}: {string.Join(", ", unknown)}.", "export_fields", w =>
                    {
                        w.WriteStartArray("fields");
                        foreach (var f in unknown) w.WriteStringValue(f);
                        w.WriteEndArray();
                    });
                }
                if (!TryTime(BodyString(doc, "start_date"), "start_date", out var start, out error)) return error!;
                if (!TryTime(BodyString(doc, "end_date"), "end_date", out var end, out error)) return error!;
                if (end < start) return SimResponse.Error(400, "invalid_request", "end_date must not be before start_date.", "end_date");
                var workspaces = StringArray(doc, "workspace_ids", out error); if (error != null) return error;
                var entities = StringArray(doc, "entity_ids", out error); if (error != null) return error;
                bool all = Prop(doc, "include_all_workspaces", out var allEl) && allEl.ValueKind == JsonValueKind.True;
                bool personal = Prop(doc, "include_personal_workspaces", out var personalEl) && personalEl.ValueKind == JsonValueKind.True;
                bool creditLogs = dataType == "credit_logs";
                if (!creditLogs && !all && !personal && (workspaces == null || workspaces.Count == 0) && (entities == null || entities.Count == 0))
                    return SimResponse.Error(400, "invalid_request", "Provide at least one of workspace_ids, include_all_workspaces, include_personal_workspaces or entity_ids.");
                var level = BodyString(doc, "export_level");
                if (!creditLogs && level != null && level != "organization" && level != "workspace")
                    return SimResponse.Error(400, "invalid_request", "export_level must be workspace or organization.", "export_level");
                if (!creditLogs && level == "workspace" && (workspaces == null || workspaces.Count != 1))
                    return SimResponse.Error(400, "invalid_request", "A workspace-level export needs exactly one id in workspace_ids.", "workspace_ids");
                string? category = BodyString(doc, "category_filter");
                lock (_gate)
                {
                    var denied = CheckOrgAdmin(req, BodyString(doc, "user_id"), "organization:export_data");
                    if (denied != null) return denied;
                    var export = new SimExport
                    {
                        Id = NewId("dx_"),
                        Owner = req.Caller!.Id,
                        DataType = dataType,
                        Fields = fields.ToArray(),
                        CreatedAt = DateTimeOffset.UtcNow,
                        // A directive in the category (credit_logs) or an entity id makes the export end FAILED, for tests.
                        Fails = category == "sim:fail" || (entities?.Contains("sim:fail") ?? false),
                    };
                    _exports[export.Id] = export;
                    Audit(req.Caller!, "data_export_requested", $"Export {export.Id} of {dataType} requested", SeedTeamId, export.Id);
                    return SimResponse.Json(200, w =>
                    {
                        w.WriteStartObject();
                        w.WriteBoolean("success", true);
                        w.WriteString("data_export_id", export.Id);
                        w.WriteString("state", "REQUESTED");
                        w.WriteString("created_ts", SimText.Timestamp(export.CreatedAt));
                        w.WriteEndObject();
                    });
                }
            }
        }

        /// <summary>
        /// Every status read moves an unfinished export one step (REQUESTED, IN_PROGRESS, then COMPLETED or FAILED) and
        /// answers the new state, so a wait takes exactly two polls. With download=true a COMPLETED export answers its CSV.
        /// </summary>
        private SimResponse ExportStatus(SimRequestContext req)
        {
            var id = req.Q("data_export_id");
            SimExport? export;
            string state;
            DateTimeOffset created;
            DateTimeOffset? finished;
            lock (_gate)
            {
                var denied = CheckOrgAdmin(req, req.Q("user_id"), "organization:export_data");
                if (denied != null) return denied;
                if (string.IsNullOrEmpty(id)) return SimResponse.Error(400, "invalid_request", "data_export_id is required.", "data_export_id");
                if (!_exports.TryGetValue(id!, out export)) return SimResponse.Error(404, "data_export_not_found", "Data export not found.", "data_export_id");
                if (export.Owner != req.Caller!.Id) return SimResponse.Error(403, "permission_denied", "This export belongs to another user.", "data_export_id");
                if (export.Step < 2)
                {
                    export.Step++;
                    if (export.Step == 2) export.FinishedAt = DateTimeOffset.UtcNow;
                }
                state = export.State;
                created = export.CreatedAt;
                finished = export.FinishedAt;
            }
            if (state == "COMPLETED" && req.Q("download") is string d && IsTrue(d))
            {
                return SimResponse.Raw(200, "text/csv; charset=utf-8", ExportCsv(export));
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("data_export_id", export.Id);
                w.WriteString("state", state);
                w.WriteString("created_ts", SimText.Timestamp(created));
                if (finished is DateTimeOffset f) w.WriteString("finished_ts", SimText.Timestamp(f));
                w.WriteEndObject();
            });
        }

        /// <summary>Rows made up from the field names; names and summaries carry commas, quotes and line breaks, as real data does.</summary>
        private static string ExportCsv(SimExport export)
        {
            var sb = new StringBuilder();
            sb.Append(string.Join(",", export.Fields.Select(CsvField))).Append("\r\n");
            int rows = export.DataType == "credit_logs" ? 6 : 3;
            string[] emails = { "priya.raman@lumenfield.io", "marcus.ode@lumenfield.io", "dana.ruiz@lumenfield.io" };
            for (int r = 0; r < rows; r++)
            {
                var values = export.Fields.Select(f => CsvField(ExportValue(f, r, emails[r % emails.Length], export.CreatedAt)));
                sb.Append(string.Join(",", values)).Append("\r\n");
            }
            return sb.ToString();
        }

        private static string ExportValue(string field, int row, string email, DateTimeOffset at)
        {
            if (field.EndsWith("email", StringComparison.Ordinal)) return email;
            if (field.EndsWith("_ts", StringComparison.Ordinal) || field == "timestamp") return SimText.Timestamp(at.AddHours(-row - 1));
            if (field.Contains("cost") || field == "amount") return (1.25 * (row + 1)).ToString("0.##", CultureInfo.InvariantCulture);
            if (field == "balance") return (5000 - 10 * row).ToString(CultureInfo.InvariantCulture);
            if (field == "category") return row % 2 == 0 ? "AGENT_RUN" : "PIPELINE_RUN";
            if (field == "message_count") return (row + 2).ToString(CultureInfo.InvariantCulture);
            if (field.EndsWith("_id", StringComparison.Ordinal)) return field.Substring(0, Math.Min(3, field.Length)) + "_" + (row + 1).ToString(CultureInfo.InvariantCulture) + "x7Q";
            if (field == "summary" || field == "agent_description") return "Line one, with a comma\nand \"quoted\" text";
            if (field.EndsWith("name", StringComparison.Ordinal)) return row == 0 ? "Renewal desk assistant, \"v2\"" : "Invoice checker";
            return field + " " + (row + 1).ToString(CultureInfo.InvariantCulture);
        }

        private static string CsvField(string value) =>
            value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
