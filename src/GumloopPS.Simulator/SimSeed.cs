using System;
using System.Collections.Generic;
using System.Threading;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        internal const string SeedUserId = "9vQeL2mXr4TzKw7NcB1sHp0aYu3D";
        internal const string SecondUserId = "Jt6Rb0WqN8eKs2LfZx5Ma9VcPd1H";
        internal const string SeedTeamId = "tm_5c2d8e17";
        internal const string RenewalAgentId = "r4Ts9Kq2MwX7bLn";
        internal const string InvoiceAgentId = "Gz8pD3vN6yHq1Wm";
        internal const string SalesAgentId = "sAl3sAg3ntXyZ01";

        private const string RenewalTools =
            "[{\"type\":\"gumcp_server\",\"server_id\":\"gumloop_hubspot\",\"approval_mode\":\"off\"},{\"type\":\"gumcp_server\",\"server_id\":\"gumloop_gmail\",\"approval_mode\":\"always\"}]";

        private Dictionary<string, SimUser> _users = null!;
        private Dictionary<string, SimCredential> _credentials = null!;
        private List<SimAgent> _agents = null!;
        private Dictionary<string, SimSession> _sessions = null!;
        private long _sessionSeq;
        private long _idSeq;

        private void InitState()
        {
            _users = new Dictionary<string, SimUser>(StringComparer.Ordinal);
            _credentials = new Dictionary<string, SimCredential>(StringComparer.Ordinal);
            _agents = new List<SimAgent>();
            _sessions = new Dictionary<string, SimSession>(StringComparer.Ordinal);
            _users[SeedUserId] = new SimUser(SeedUserId, "Priya", "Raman", "priya.raman@lumenfield.io");
            _users[SecondUserId] = new SimUser(SecondUserId, "Marcus", "Ode", "marcus.ode@lumenfield.io", "https://cdn.lumenfield.io/avatars/mode.png");
            if (Options.SeedData) Seed();
        }

        /// <summary>Adds an agent owned by <see cref="TeamId"/>; for tests that run with <see cref="SimulatorOptions.SeedData"/> off.</summary>
        public string AddAgent(string agentId, string name, string? description = null)
        {
            if (string.IsNullOrWhiteSpace(agentId)) throw new ArgumentException("An agent id is required.", nameof(agentId));
            lock (_gate)
            {
                if (FindAgent(agentId) != null) throw new ArgumentException($"Agent '{agentId}' already exists.", nameof(agentId));
                _agents.Add(new SimAgent
                {
                    Id = agentId,
                    Name = name ?? agentId,
                    Description = description,
                    TeamId = TeamId,
                    ModelName = "auto",
                    CreatedAt = DateTimeOffset.UtcNow,
                    CreatorUserId = UserId,
                });
            }
            return agentId;
        }

        private void Seed()
        {
            _agents.Add(new SimAgent
            {
                Id = RenewalAgentId,
                Name = "Renewal desk assistant",
                Description = "Prepares renewal briefs for account managers",
                TeamId = SeedTeamId,
                ModelName = "auto",
                SystemPrompt = "You help account managers prepare for renewal calls. Be concise.",
                ToolsJson = RenewalTools,
                MetadataJson = "{\"owner_group\":\"revops\"}",
                SkillIds = new[] { "skill_b2Lq8rTn", "skill_x5Vd1kMc" },
                KnowledgeSourcesJson = "[{\"connector_id\":\"bsrc_4Kq9Vn\",\"config\":{\"folder_ids\":[\"drv_renewals_2026\"]}}]",
                FolderId = "fld_3mW8q",
                CreatedAt = SimText.ParseTs("2026-08-03T11:42:17Z"),
                ActiveTriggerCount = 1,
                CreatorUserId = SeedUserId,
                LastUsedAt = SimText.ParseTs("2026-09-14T16:03:22Z"),
                LastUpdatedAt = SimText.ParseTs("2026-09-01T08:00:12Z"),
            });
            _agents.Add(new SimAgent
            {
                Id = InvoiceAgentId,
                Name = "Invoice checker",
                Description = "Cross-checks invoices against contracts",
                TeamId = SeedTeamId,
                ModelName = "claude-sonnet-4-5",
                CreatedAt = SimText.ParseTs("2026-07-21T09:05:50Z"),
                CreatorUserId = SeedUserId,
                LastUsedAt = SimText.ParseTs("2026-09-10T12:00:00Z"),
                LastUpdatedAt = SimText.ParseTs("2026-07-21T09:05:50Z"),
            });
            _agents.Add(new SimAgent
            {
                Id = SalesAgentId,
                Name = "Sales assistant",
                Description = "Answers pipeline and pricing questions for the sales team",
                TeamId = SeedTeamId,
                ModelName = "auto",
                SystemPrompt = "You support account executives with deal context.",
                ToolsJson = "[{\"type\":\"gumcp_server\",\"server_id\":\"gumloop_hubspot\",\"approval_mode\":\"off\"}]",
                MetadataJson = "{\"owner_group\":\"sales\"}",
                SkillIds = new[] { "skill_b2Lq8rTn" },
                CreatedAt = SimText.ParseTs("2026-06-12T14:20:00Z"),
                CreatorUserId = SecondUserId,
                LastUsedAt = SimText.ParseTs("2026-09-12T09:30:00Z"),
                LastUpdatedAt = SimText.ParseTs("2026-08-20T10:00:00Z"),
            });

            var fullUsage = new SimUsage
            {
                Recorded = true, CreditCost = 7.25, ToolCreditCost = 2.0, FlowCreditCost = 0.0, InputTokens = 9314,
                CachedInputTokens = 4096, CacheWriteInputTokens = 1024, OutputTokens = 611, ReasoningTokens = 188,
            };

            var northwind = NewSeedSession("sess_Vk3nQ8wT2p", "Northwind renewal brief", "api", "completed", "2026-09-14T16:30:00Z", SeedUserId, fullUsage);
            northwind.Messages.Add(new SimMessage("msg_k2v7q1", "user", "Draft a renewal brief for Northwind Traders.", SimText.ParseTs("2026-09-14T16:30:00Z"), SeedUserId, null));
            northwind.Messages.Add(new SimMessage("msg_p9d3w5", "assistant", null, SimText.ParseTs("2026-09-14T16:30:24Z"), null, new[]
            {
                new SimPart { Id = "part_n4x8c2", Type = "text", Text = "Northwind Traders renews on 30 November. Seat usage sits at 82%, so an upsell conversation is unlikely; focus on the support SLA they raised in August." },
                new SimPart
                {
                    Id = "part_n4x8c3", Type = "tool_invocation", ToolCallId = "tc_h6j2k8", ToolName = "hubspot_get_company", ToolCallState = "completed",
                    ArgsJson = "{\"domain\":\"northwindtraders.example\"}",
                    ResultJson = "\"{\\\"name\\\": \\\"Northwind Traders\\\", \\\"renewal_date\\\": \\\"2026-11-30\\\"}\"",
                },
            }));

            var contoso = NewSeedSession("sess_Hm5rZ1xJ7c", "Contoso pricing question", "slack", "approval_required", "2026-09-13T10:02:44Z", SecondUserId, fullUsage);
            contoso.Messages.Add(new SimMessage("msg_c1o2n3", "user", "Email Contoso Freight our renewal pricing.", SimText.ParseTs("2026-09-13T10:02:44Z"), SecondUserId, null));
            contoso.Messages.Add(new SimMessage("msg_c4o5n6", "assistant", null, SimText.ParseTs("2026-09-13T10:03:01Z"), null, new[]
            {
                new SimPart { Id = "part_c7o8n9", Type = "text", Text = "I drafted the email. I need your approval before sending it." },
                new SimPart
                {
                    Id = "part_c7o8p0", Type = "tool_invocation", ToolCallId = "tc_y2u8i4", ToolName = "hubspot_search_deals", ToolCallState = "completed",
                    ArgsJson = "{\"company\":\"Contoso Freight\"}", ResultJson = "{\"deals\":1,\"amount\":48000}",
                },
            }));
            contoso.PendingApprovals.Add(new SimApproval
            {
                ActionRequestId = "areq_7Tz2Wq9K", Type = "tool_approval", Title = "Send email with Gmail",
                Reason = "The agent wants to email the renewal pricing to ops@contosofreight.example.", RecipientUserId = SecondUserId,
                ToolName = "gmail_send_email", ServerLabel = "Gmail",
                DisplayFields = new[] { new[] { "To", "ops@contosofreight.example" }, new[] { "Subject", "Renewal pricing - Contoso Freight" } },
            });
            contoso.PendingApprovals.Add(new SimApproval
            {
                ActionRequestId = "areq_3Nd8Lx1V", Type = "human_input", Title = "Which tone should the email use?", RecipientUserId = SecondUserId,
                QuestionsJson = "[{\"name\":\"email_tone\",\"type\":\"toggle_group\",\"label\":\"Email tone\",\"options\":[{\"label\":\"Formal\",\"value\":\"formal\"},{\"label\":\"Friendly\",\"value\":\"friendly\"}],\"allow_custom\":true}]",
            });

            var stub = NewSeedSession("sess_Pb9yE4uL6d", null, "api", "idle", "2026-09-12T08:15:00Z", SeedUserId, default);
            stub.Participants.Clear();
        }

        private SimSession NewSeedSession(string id, string? name, string type, string state, string created, string creator, SimUsage usage)
        {
            var s = new SimSession
            {
                Id = id, AgentId = RenewalAgentId, Name = name, Type = type, State = state, CreatedAt = SimText.ParseTs(created),
                Seq = ++_sessionSeq, CreatorUserId = creator, Usage = usage, TurnCount = 1,
            };
            s.Participants.Add(creator);
            _sessions[id] = s;
            return s;
        }

        private SimAgent? FindAgent(string id)
        {
            foreach (var a in _agents)
                if (a.IsActive && string.Equals(a.Id, id, StringComparison.Ordinal)) return a;
            return null;
        }

        private string NewId(string prefix)
        {
            long n = Interlocked.Increment(ref _idSeq);
            return prefix + n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + RandomToken(6);
        }
    }
}
