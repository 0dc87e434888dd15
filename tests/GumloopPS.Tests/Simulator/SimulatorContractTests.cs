using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>
    /// Pins the simulator to the shared fixtures: every implemented agents.*/sessions.* example must be matched key for key
    /// (extra keys are fine), and responses must satisfy the OpenAPI response schemas where openapi.json is present.
    /// </summary>
    public sealed class SimulatorContractTests : SimTestBase
    {
        // Keys whose values are free-form objects (their inner keys are data, not schema).
        private static readonly HashSet<string> FreeForm = new HashSet<string> { "metadata", "args", "input", "output", "result", "outputs" };

        private const string RenewalFlow = "fL4nT8wQ2xVd7kRb";
        private const string RenewalWorkbook = "wb3Hs9QpZ1mC6yTe";
        private const string SeedDoneRun = "6pWq2NzKc8YtR3vB9mLhXa";
        private const string SeedFailedRun = "Qm1xF5bV7rT2kW9nYs3Hd";

        // Fixtures of routes the simulator does not serve, each with a request that must find no route, so that a route
        // cannot start being served without its fixture coming under the key-by-key check. "ROOT" routes live on the
        // root host (no /api/v1).
        private static readonly Dictionary<string, (string Method, string Path)> NotServed = new Dictionary<string, (string, string)>
        {
            ["legacy.agent_status.200.completed.json"] = ("GET", "/agent_status/x"),
            ["legacy.agent_status.200.failed.json"] = ("GET", "/agent_status/x"),
            ["legacy.agent_status.200.processing.json"] = ("GET", "/agent_status/x"),
            ["legacy.start_agent.202.json"] = ("POST", "/start_agent"),
            ["skills.sync.plan.200.json"] = ("POST", "/skills/sync/plan"),
            ["errors/403.policy_denied.flat.json"] = ("POST", "/start_agent"),
            ["errors/403.tier_required_pro.flat.json"] = ("POST", "/start_agent"),
            ["errors/legacy.start_agent.400.flat.json"] = ("POST", "/start_agent"),
            ["errors/skills.sync.cli_upgrade_required.json"] = ("POST", "/skills/sync/download"),
        };

        // The schemas in openapi.json omit "nullable" where the examples show null. The list-agents item schema omits "nullable" on fields that agents.list.200.json and API.md 11.2 show as
        // null (Invoice checker has system_prompt/folder_id null). The simulator follows the observed service; these, and only
        // these, schema complaints are tolerated.
        private static readonly string[] KnownSpecGaps =
        {
            @"^\$\.agents\[\d+\]\.(description|model_name|system_prompt|folder_id): Null \(null\) is not string$",
            // Saved items without a description: flows.list_saved_items.200.json and flows.list_workbooks.200.json show null.
            @"^\$\.(workbooks\[\d+\]\.)?saved_items\[\d+\]\.description: Null \(null\) is not string$",
            // A running flow has not finished: flows.get_pl_run.200.running.json shows finished_ts null (API.md 10.2).
            @"^\$\.finished_ts: Null \(null\) is not string$",
        };

        private sealed record Case(string Method, string Template, int Status, Func<SimulatorContractTests, Task<Reply>> Run);

        private static readonly Dictionary<string, Case> Cases = new Dictionary<string, Case>
        {
            ["agents.list.200.json"] = new Case("get", "/agents", 200, t => t.Get(t.Api("/agents"))),
            ["agents.list.200.paginated.json"] = new Case("get", "/agents", 200, t => t.Get(t.Api("/agents?page_size=1&include_last_used=true&include_last_updated=true"))),
            ["agents.retrieve.200.json"] = new Case("get", "/agents/{agent_id}", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}"))),
            ["sessions.list.200.json"] = new Case("get", "/agents/{agent_id}/sessions", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/sessions?page_size=2"))),
            ["sessions.create.201.json"] = new Case("post", "/agents/{agent_id}/sessions", 201, t => t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { })),
            ["sessions.create.202.processing.json"] = new Case("post", "/agents/{agent_id}/sessions", 202, t => t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "Draft a renewal brief." })),
            ["sessions.create.202.queued.json"] = new Case("post", "/agents/{agent_id}/sessions", 202, async t =>
            {
                t.Sim.Options.ConcurrencyLimit = 1;
                t.Sim.Options.QueueAtLimit = true;
                await t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "first sim:delay=2000" });
                return await t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "second" });
            }),
            ["sessions.retrieve.200.completed.json"] = new Case("get", "/sessions/{session_id}", 200, t => t.Get(t.Api("/sessions/sess_Vk3nQ8wT2p"))),
            ["sessions.retrieve.200.approval_required.json"] = new Case("get", "/sessions/{session_id}", 200, t => t.Get(t.Api("/sessions/sess_Hm5rZ1xJ7c"))),
            ["sessions.rename.200.json"] = new Case("patch", "/sessions/{session_id}", 200, t => t.Patch(t.Api("/sessions/sess_Vk3nQ8wT2p"), new { name = "Northwind FY27 renewal" })),
            ["sessions.send.202.json"] = new Case("post", "/sessions/{session_id}/messages", 202, t => t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "Now email the brief." })),
            ["sessions.cancel.200.json"] = new Case("post", "/sessions/{session_id}/cancel", 200, async t =>
            {
                var id = await t.CreateSession("long sim:delay=2000");
                return await t.Post(t.Api($"/sessions/{id}/cancel"), new { });
            }),
            ["sessions.cancel.200.already_completed.json"] = new Case("post", "/sessions/{session_id}/cancel", 200, t => t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/cancel"), new { })),
            ["sessions.approvals.200.json"] = new Case("post", "/sessions/{session_id}/approvals", 200, t => t.Post(t.Api("/sessions/sess_Hm5rZ1xJ7c/approvals"), new
            {
                approval_responses = new object[]
                {
                    new { action_request_id = "areq_7Tz2Wq9K", action = "accept" },
                    new { action_request_id = "areq_3Nd8Lx1V", action = "accept", response = new { values = new { email_tone = "formal" } } },
                },
            })),
            ["agents.versions.list.200.json"] = new Case("get", "/agents/{agent_id}/versions", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/versions?page_size=2"))),
            ["agents.versions.retrieve.200.json"] = new Case("get", "/agents/{agent_id}/versions/{version_id}", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/versions/av_r4Ts7"))),
            ["agents.versions.retrieve.200.first.json"] = new Case("get", "/agents/{agent_id}/versions/{version_id}", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/versions/av_r4Ts1"))),
            ["models.list.200.json"] = new Case("get", "/models", 200, t => t.Get(t.Api("/models"))),
            ["teams.list.200.json"] = new Case("get", "/teams", 200, t => t.Get(t.Api("/teams"))),
            ["skills.list.200.json"] = new Case("get", "/skills", 200, t => t.Get(t.Api("/skills?page_size=2"))),
            ["skills.create.201.json"] = new Case("post", "/skills", 201, t => t.Send(System.Net.Http.HttpMethod.Post, t.Api("/skills"), SkillForm("churn-signals", t.Sim.TeamId))),
            ["skills.update.200.json"] = new Case("patch", "/skills/{skill_id}", 200, t => t.Send(new System.Net.Http.HttpMethod("PATCH"), t.Api("/skills/skill_b2Lq8rTn"), SkillForm("renewal-brief", null))),
            ["skills.delete.200.json"] = new Case("delete", "/skills/{skill_id}", 200, t => t.Send(System.Net.Http.HttpMethod.Delete, t.Api("/skills/skill_x5Vd1kMc"))),
            ["skills.download.200.json"] = new Case("get", "/skills/{skill_id}/download", 200, t => t.Get(t.Api("/skills/skill_b2Lq8rTn/download"))),
            ["mcp.servers.list.200.json"] = new Case("get", "/mcp/servers", 200, t => t.Get(t.Api("/mcp/servers"))),
            ["mcp.servers.retrieve.200.json"] = new Case("get", "/mcp/servers/{server_id}", 200, t => t.Get(t.Api("/mcp/servers/gumloop_hubspot"))),
            ["mcp.tools.list.200.json"] = new Case("get", "/mcp/servers/{server_id}/tools", 200, t => t.Get(t.Api("/mcp/servers/gumloop_hubspot/tools"))),
            ["mcp.tools.list.200.unauthenticated.json"] = new Case("get", "/mcp/servers/{server_id}/tools", 200, t => t.Get(t.Api("/mcp/servers/gumloop_zendesk/tools"))),
            ["mcp.resources.list.200.json"] = new Case("get", "/mcp/servers/{server_id}/resources", 200, t => t.Get(t.Api("/mcp/servers/gumloop_hubspot/resources"))),
            ["mcp.resources.read.200.json"] = new Case("get", "/mcp/servers/{server_id}/resources/read", 200, t => t.Get(t.Api("/mcp/servers/gumloop_hubspot/resources/read?uri=" + Uri.EscapeDataString("hubspot://pipelines/renewals")))),
            ["mcp.prompts.list.200.json"] = new Case("get", "/mcp/servers/{server_id}/prompts", 200, t => t.Get(t.Api("/mcp/servers/gumloop_hubspot/prompts"))),
            ["mcp.prompts.get.200.json"] = new Case("post", "/mcp/servers/{server_id}/prompts/get", 200, t => t.Post(t.Api("/mcp/servers/gumloop_hubspot/prompts/get"), new { name = "summarize_deal", arguments = new { deal_id = "88213", tone = "friendly" } })),
            ["mcp.tools.call.200.json"] = new Case("post", "/mcp/tools/call", 200, t => t.Post(t.Api("/mcp/tools/call"), new
            {
                calls = new[] { new { @ref = "company", server_id = "gumloop_hubspot", tool_name = "hubspot_get_company", arguments = new { domain = "northwindtraders.example" } } },
            })),
            ["mcp.tools.call.200.failed.json"] = new Case("post", "/mcp/tools/call", 200, t => t.Post(t.Api("/mcp/tools/call"), new
            {
                calls = new[] { new { server_id = "mcp_6Rk2Wn8x", tool_name = "quote_price", arguments = new { sku = "NW-100" } } },
            })),
            ["mcp.tools.call.207.json"] = new Case("post", "/mcp/tools/call", 207, t => t.Post(t.Api("/mcp/tools/call"), new
            {
                calls = new object[]
                {
                    new { @ref = "company", server_id = "gumloop_hubspot", tool_name = "hubspot_get_company", arguments = new { domain = "northwindtraders.example" } },
                    new { server_id = "gumloop_zendesk", tool_name = "zendesk_list_tickets" },
                },
            })),
            ["flows.list_workbooks.200.json"] = new Case("get", "/list_workbooks", 200, t => t.Get(t.Api("/list_workbooks?user_id=" + t.Sim.UserId))),
            ["flows.list_saved_items.200.json"] = new Case("get", "/list_saved_items", 200, t => t.Get(t.Api("/list_saved_items?user_id=" + t.Sim.UserId))),
            ["flows.get_inputs.200.json"] = new Case("get", "/get_inputs", 200, t => t.Get(t.Api($"/get_inputs?saved_item_id={RenewalFlow}&user_id={t.Sim.UserId}"))),
            ["flows.get_plrun_saved_item_map.200.json"] = new Case("get", "/get_plrun_saved_item_map", 200, t => t.Get(t.Api($"/get_plrun_saved_item_map?workbook_id={RenewalWorkbook}&user_id={t.Sim.UserId}"))),
            ["flows.start_pipeline.200.json"] = new Case("post", "/start_pipeline", 200, t => t.Post(t.Api("/start_pipeline"), new { user_id = t.Sim.UserId, saved_item_id = RenewalFlow, account_domain = "northwind.example" })),
            ["flows.kill_pipeline.200.json"] = new Case("post", "/kill_pipeline", 200, async t =>
            {
                var run = await t.Post(t.Api("/start_pipeline"), new { user_id = t.Sim.UserId, saved_item_id = RenewalFlow, account_domain = "slow sim:delay=3000" });
                return await t.Post(t.Api("/kill_pipeline"), new { user_id = t.Sim.UserId, run_id = run.Json.GetProperty("run_id").GetString() });
            }),
            ["flows.get_pl_run.200.running.json"] = new Case("get", "/get_pl_run", 200, async t =>
            {
                var run = await t.Post(t.Api("/start_pipeline"), new { user_id = t.Sim.UserId, saved_item_id = RenewalFlow, account_domain = "slow sim:delay=3000" });
                return await t.Get(t.Api($"/get_pl_run?run_id={run.Json.GetProperty("run_id").GetString()}&user_id={t.Sim.UserId}"));
            }),
            ["flows.get_pl_run.200.done.json"] = new Case("get", "/get_pl_run", 200, t => t.Get(t.Api($"/get_pl_run?run_id={SeedDoneRun}&user_id={t.Sim.UserId}"))),
            ["flows.get_pl_run.200.failed.json"] = new Case("get", "/get_pl_run", 200, t => t.Get(t.Api($"/get_pl_run?run_id={SeedFailedRun}&user_id={t.Sim.UserId}"))),
            ["files.upload_file.200.json"] = new Case("post", "/upload_file", 200, t => t.Post(t.Api("/upload_file"), new { user_id = t.Sim.UserId, file_name = "accounts.csv", file_content = Convert.ToBase64String(new byte[] { 1, 2, 3 }) })),
            ["files.upload_files.200.json"] = new Case("post", "/upload_files", 200, t => t.Post(t.Api("/upload_files"), new
            {
                user_id = t.Sim.UserId,
                files = new[] { new { file_name = "a.csv", file_content = "YQ==" }, new { file_name = "b.csv", file_content = "Yg==" } },
            })),
            ["files.upload_files.207.json"] = new Case("post", "/upload_files", 207, t => t.Post(t.Api("/upload_files"), new
            {
                user_id = t.Sim.UserId,
                files = new[] { new { file_name = "a.csv", file_content = "YQ==" }, new { file_name = "b.csv", file_content = "not base64!" } },
            })),
            ["errors/sessions.approvals.409.not_awaiting.json"] = new Case("post", "", 409, t => t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/approvals"), new
            {
                approval_responses = new[] { new { action_request_id = "areq_7Tz2Wq9K", action = "accept" } },
            })),
            ["errors/sessions.queue.409.queue_full.json"] = new Case("post", "", 409, async t =>
            {
                var id = await t.BusyWithQueue(20);
                return await t.Post(t.Api($"/sessions/{id}/queue"), new { input = "one too many" });
            }),
            ["errors/sessions.files.413.file_too_large.json"] = new Case("post", "", 413, t =>
            {
                t.Sim.Options.MaxSessionFileBytes = 2;
                return t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "big.csv", file_content = Convert.ToBase64String(new byte[] { 1, 2, 3 }), media_type = "text/csv" });
            }),
            ["agents.create.201.json"] = new Case("post", "/agents", 201, t => t.Post(t.Api("/agents"), new { name = "Renewal desk assistant", model_name = "auto", system_prompt = "Be concise." })),
            ["agents.update.200.json"] = new Case("patch", "/agents/{agent_id}", 200, t => t.Patch(t.Api($"/agents/{RenewalAgent}"), new { description = "Updated" })),
            ["agents.skills.update.200.json"] = new Case("patch", "/agents/{agent_id}/skills", 200, t => t.Patch(t.Api($"/agents/{RenewalAgent}/skills"), new { attach = new[] { "skill_p7Tr4nGe", "skill_x5Vd1kMc" } })),
            ["agents.mcp_servers.list.200.json"] = new Case("get", "/agents/{agent_id}/mcp-servers", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/mcp-servers"))),
            ["agents.mcp_servers.attach.200.json"] = new Case("put", "/agents/{agent_id}/mcp-servers/{server_id}", 200, t => t.Send(System.Net.Http.HttpMethod.Put, t.Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_zendesk"),
                Body(new { approval_mode = "always", restricted_tools = new[] { "zendesk_delete_ticket" } }))),
            ["agents.mcp_servers.detach.200.json"] = new Case("delete", "/agents/{agent_id}/mcp-servers/{server_id}", 200, t => t.Send(System.Net.Http.HttpMethod.Delete, t.Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_gmail"))),
            ["models.route.200.json"] = new Case("post", "/models/route", 200, t => t.Post(t.Api("/models/route"), new { input = "Summarise this renewal brief.", models = new[] { "claude-sonnet-4-5", "gpt-4.1", "claude-opus-4-1" } })),
            ["errors/agents.mcp.404.mcp_server_not_found.json"] = new Case("put", "", 404, t => t.Send(System.Net.Http.HttpMethod.Put, t.Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_unknown"), Body(new { }))),
            ["errors/agents.skills.400.skill_not_found.json"] = new Case("patch", "", 400, t => t.Patch(t.Api($"/agents/{RenewalAgent}/skills"), new { attach = new[] { "skill_doesnotexist" } })),
            ["sessions.files.upload.201.json"] = new Case("post", "/sessions/{session_id}/files", 201, t => t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/files"),
                new { file_name = "reports/northwind_usage_q3.csv", file_content = Convert.ToBase64String(new byte[] { 1, 2, 3 }), media_type = "text/csv" })),
            ["sessions.queue.list.200.json"] = new Case("get", "/sessions/{session_id}/queue", 200, async t =>
            {
                var id = await t.BusyWithQueue(2);
                return await t.Get(t.Api($"/sessions/{id}/queue"));
            }),
            ["sessions.queue.add.201.json"] = new Case("post", "/sessions/{session_id}/queue", 201, async t =>
            {
                var id = await t.BusyWithQueue(1);
                return await t.Post(t.Api($"/sessions/{id}/queue"), new { input = "Then add a reminder." });
            }),
            ["sessions.queue.update.200.json"] = new Case("patch", "/sessions/{session_id}/queue/{queued_message_id}", 200, async t =>
            {
                var id = await t.BusyWithQueue(2);
                var qid = (await t.Get(t.Api($"/sessions/{id}/queue"))).Json.GetProperty("queue")[1].GetProperty("id").GetString();
                return await t.Patch(t.Api($"/sessions/{id}/queue/{qid}"), new { input = "Edited" });
            }),
            ["sessions.queue.delete.200.json"] = new Case("delete", "/sessions/{session_id}/queue/{queued_message_id}", 200, async t =>
            {
                var id = await t.BusyWithQueue(3);
                var qid = (await t.Get(t.Api($"/sessions/{id}/queue"))).Json.GetProperty("queue")[0].GetProperty("id").GetString();
                return await t.Send(System.Net.Http.HttpMethod.Delete, t.Api($"/sessions/{id}/queue/{qid}"));
            }),
            ["sessions.queue.send.202.json"] = new Case("post", "/sessions/{session_id}/queue/{queued_message_id}/send", 202, async t =>
            {
                var id = await t.BusyWithQueue(2);
                var qid = (await t.Get(t.Api($"/sessions/{id}/queue"))).Json.GetProperty("queue")[1].GetProperty("id").GetString();
                return await t.Post(t.Api($"/sessions/{id}/queue/{qid}/send"), new { });
            }),
            ["brain.search.200.json"] = new Case("post", "/brain/search", 200, t => t.Post(t.Api("/brain/search"), new { query = "Northwind renewal", limit = 5 })),
            ["brain.sources.list.200.json"] = new Case("get", "/brain/sources", 200, t => t.Get(t.Api("/brain/sources"))),
            ["brain.sources.create.201.json"] = new Case("post", "/brain/sources", 201, t => t.Post(t.Api("/brain/sources"), new { name = "Legal archive", require_approval = true })),
            ["brain.sources.retrieve.200.json"] = new Case("get", "/brain/sources/{source_id}", 200, t => t.Get(t.Api("/brain/sources/bsrc_4Kq9Vn"))),
            ["brain.sources.delete.200.json"] = new Case("delete", "/brain/sources/{source_id}", 200, t => t.Send(System.Net.Http.HttpMethod.Delete, t.Api("/brain/sources/bsrc_4Kq9Vn"))),
            ["brain.files.list.200.json"] = new Case("get", "/brain/sources/{source_id}/files", 200, t => t.Get(t.Api("/brain/sources/bsrc_4Kq9Vn/files"))),
            ["brain.files.upload.201.json"] = new Case("post", "/brain/sources/{source_id}/files", 201, t =>
            {
                var form = new System.Net.Http.MultipartFormDataContent
                {
                    { new System.Net.Http.ByteArrayContent(new byte[] { 1, 2, 3 }), "files", "escalation-matrix.xlsx" },
                    { new System.Net.Http.ByteArrayContent(new byte[] { 4 }), "files", "team-photo.heic" },
                };
                return t.Send(System.Net.Http.HttpMethod.Post, t.Api("/brain/sources/bsrc_4Kq9Vn/files"), form);
            }),
            ["brain.files.delete.200.json"] = new Case("delete", "/brain/sources/{source_id}/files/{file_id}", 200, t => t.Send(System.Net.Http.HttpMethod.Delete, t.Api("/brain/sources/bsrc_4Kq9Vn/files/bfile_9Yc2Lm"))),
            ["brain.sources.estimate.200.json"] = new Case("get", "/brain/sources/{source_id}/estimate", 200, t => t.Get(t.Api("/brain/sources/bsrc_8Wm2Tz/estimate"))),
            ["brain.sources.approve.200.json"] = new Case("post", "/brain/sources/{source_id}/approve", 200, t => t.Post(t.Api("/brain/sources/bsrc_8Wm2Tz/approve"), new { })),
            ["errors/403.insufficient_scope.json"] = new Case("post", "", 403, async t =>
            {
                var token = t.Sim.CreateAccessToken(null, "userinfo");
                var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(token);
                string text;
                try { text = System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; } finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
                using var c = NewClient(text, null);
                return await t.Post(t.Api("/brain/search"), new { query = "renewal" }, c);
            }),
            ["errors/401.missing_credentials.json"] = new Case("get", "", 401, async t => { using var c = NewClient(null, null); return await t.Get(t.Api("/models"), c); }),
            ["errors/401.invalid_token.json"] = new Case("get", "", 401, async t =>
            {
                var token = t.Sim.CreateAccessToken();
                t.Sim.ExpireAccessToken(token);
                var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(token);
                string text;
                try { text = System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; } finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
                using var c = NewClient(text, null);
                return await t.Get(t.Api("/models"), c);
            }),
            ["errors/400.invalid_page_size.json"] = new Case("get", "", 400, t => t.Get(t.Api("/agents?page_size=500"))),
            ["errors/404.agent_not_found.json"] = new Case("get", "", 404, t => t.Get(t.Api("/agents/ghost"))),
            ["errors/404.session_not_found.json"] = new Case("get", "", 404, t => t.Get(t.Api("/sessions/ghost"))),
            ["errors/429.gummie_rate_limit.flat.json"] = new Case("post", "", 429, async t =>
            {
                t.Sim.Options.ConcurrencyLimit = 1;
                await t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "first sim:delay=2000" });
                return await t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "second" });
            }),
            ["errors/sessions.create.400.stream_wrong_host.json"] = new Case("post", "", 400, t => t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { input = "x", stream = true })),
            ["errors/sessions.create.409.session_already_exists.json"] = new Case("post", "", 409, t => t.Post(t.Api($"/agents/{RenewalAgent}/sessions"), new { session_id = "sess_Vk3nQ8wT2p" })),
            ["errors/sessions.send.400.approvals_require_stream_or_approvals_endpoint.json"] = new Case("post", "", 400, t => t.Post(t.Api("/sessions/sess_Hm5rZ1xJ7c/messages"), new { input = "x", approval_responses = new[] { new { action_request_id = "areq_7Tz2Wq9K", action = "accept" } } })),
            ["errors/sessions.send.400.invalid_attachment.json"] = new Case("post", "", 400, t => t.Post(t.Api("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "x", attachments = new[] { new { file_name = "../../etc/passwd" } } })),
            ["chat.completions.200.json"] = new Case("post", "/chat/completions", 200, t => t.Post(t.Ws("/chat/completions"), new
            {
                model = "claude-sonnet-4-5",
                messages = new[] { new { role = "user", content = "What is the capital of Portugal?" } },
            })),
            ["errors/402.insufficient_credits.json"] = new Case("post", "", 402, t => t.Post(t.Ws("/chat/completions"), new
            {
                model = "claude-sonnet-4-5",
                messages = new[] { new { role = "user", content = "Too expensive sim:no-credits" } },
            })),
            ["errors/chat.400.invalid_request.json"] = new Case("post", "", 400, t => t.Post(t.Ws("/chat/completions"), new
            {
                model = "claude-sonnet-4-5",
                messages = new object[]
                {
                    new { role = "system", content = "Be brief." },
                    new { role = "user", content = "Weather?" },
                    new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = "get_weather", arguments = "{}" } } } },
                    new { role = "tool", tool_call_id = "call_9", content = "12 C" },
                },
            })),
            ["errors/chat.400.model_image_unsupported.json"] = new Case("post", "", 400, t => t.Post(t.Ws("/chat/completions"), new
            {
                model = "gpt-4o-mini",
                modalities = new[] { "image" },
                messages = new[] { new { role = "user", content = "Draw a chart." } },
            })),
            ["artifacts.list.200.json"] = new Case("get", "/agents/{agent_id}/artifacts", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/artifacts?page_size=2"))),
            ["artifacts.download.200.json"] = new Case("get", "/artifacts/{artifact_id}/download", 200, t => t.Get(t.Api("/artifacts/art_Q3m9Xk2L/download"))),
            ["browser_profiles.list.200.json"] = new Case("get", "/browser-profiles", 200, t => t.Get(t.Api("/browser-profiles"))),
            ["browser_profiles.cookies.import.200.json"] = new Case("post", "/browser-profiles/{profile_id}/cookies", 200, t => t.Post(t.Api("/browser-profiles/default/cookies"), new
            {
                url = "https://mail.google.com",
                cookies = new object[]
                {
                    new { name = "SID", value = "v1", domain = ".mail.google.com", path = "/" },
                    new { name = "NID", value = "v2", domain = "www.example.com", path = "/" },
                },
            })),
            ["evaluations.agent.list.200.json"] = new Case("get", "/agents/{agent_id}/evaluations", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/evaluations?page_size=2"))),
            ["evaluations.agent.retrieve.200.json"] = new Case("get", "/agents/{agent_id}/evaluations/{evaluation_id}", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/evaluations/evr_6Tq2Nb8Z"))),
            ["evaluations.agent.metrics.200.json"] = new Case("get", "/agents/{agent_id}/evaluations/metrics", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/evaluations/metrics"))),
            ["evaluations.agent.run.200.dry_run.json"] = new Case("post", "/agents/{agent_id}/evaluations/run", 200, t => t.Post(t.Api($"/agents/{RenewalAgent}/evaluations/run"), new { session_ids = new[] { "sess_Vk3nQ8wT2p", "sess_Pb9yE4uL6d" }, dry_run = true })),
            ["evaluations.agent.run.202.json"] = new Case("post", "/agents/{agent_id}/evaluations/run", 202, t => t.Post(t.Api($"/agents/{RenewalAgent}/evaluations/run"), new { session_ids = new[] { "sess_Vk3nQ8wT2p", "sess_Pb9yE4uL6d" } })),
            ["evaluations.agent.config.200.json"] = new Case("get", "/agents/{agent_id}/evaluation-config", 200, t => t.Get(t.Api($"/agents/{RenewalAgent}/evaluation-config"))),
            ["evaluations.agent.config.update.200.json"] = new Case("patch", "/agents/{agent_id}/evaluation-config", 200, t => t.Patch(t.Api($"/agents/{RenewalAgent}/evaluation-config"), new { include_auto_tags = true })),
            ["org_evaluations.options.200.json"] = new Case("get", "/evaluation-options", 200, t => t.Get(t.Api("/evaluation-options"))),
            ["org_evaluations.list.200.json"] = new Case("get", "/evaluations", 200, t => t.Get(t.Api("/evaluations?organization_id=org_7Hq2Lw9x"))),
            ["org_evaluations.create.201.json"] = new Case("post", "/evaluations", 201, t => t.Post(t.Api("/evaluations"), new
            {
                organization_id = "org_7Hq2Lw9x",
                name = "Escalation handling",
                config = new
                {
                    session_types = new[] { "api", "slack" },
                    criteria = new[] { new { name = "No pricing promises", prompt = "Did the agent avoid promising discounts?", type = "prohibited_action", priority = "needs_attention" } },
                    tags = new[] { new { name = "discount request", description = "Customer asked for a discount." } },
                    data_points = new[] { new { name = "Competitor named", data_type = "string", description = "Competitor mentioned by the customer, if any." } },
                    sentiment = new { enabled = true },
                },
            })),
            ["org_evaluations.retrieve.200.json"] = new Case("get", "/evaluations/{evaluation_id}", 200, t => t.Get(t.Api("/evaluations/oev_3Hs8Kd"))),
            ["org_evaluations.update.200.json"] = new Case("patch", "/evaluations/{evaluation_id}", 200, t => t.Patch(t.Api("/evaluations/oev_3Hs8Kd"), new { description = "Applied to every customer-facing agent (v2)." })),
            ["org_evaluations.targets.200.json"] = new Case("put", "/evaluations/{evaluation_id}/targets", 200, t => t.Send(System.Net.Http.HttpMethod.Put, t.Api("/evaluations/oev_3Hs8Kd/targets"), Body(new { targets = new[] { new { type = "organization" } } }))),
            ["org_evaluations.run.202.json"] = new Case("post", "/evaluations/{evaluation_id}/run", 202, t => t.Post(t.Api("/evaluations/oev_3Hs8Kd/run"), new { session_ids = new[] { "sess_Vk3nQ8wT2p" } })),
            ["org_evaluations.results.list.200.json"] = new Case("get", "/evaluations/{evaluation_id}/results", 200, t => t.Get(t.Api("/evaluations/oev_3Hs8Kd/results"))),
            ["org_evaluations.results.retrieve.200.json"] = new Case("get", "/evaluations/{evaluation_id}/results/{result_id}", 200, t => t.Get(t.Api("/evaluations/oev_3Hs8Kd/results/oevr_4Nd7Ce"))),
            ["org_evaluations.metrics.200.json"] = new Case("get", "/evaluations/{evaluation_id}/metrics", 200, t => t.Get(t.Api("/evaluations/oev_3Hs8Kd/metrics"))),
            ["errors/sessions.send.409.not_terminal.json"] = new Case("post", "", 409, async t =>
            {
                var id = await t.CreateSession("busy sim:delay=2000");
                return await t.Post(t.Api($"/sessions/{id}/messages"), new { input = "again" });
            }),
            // Organization administration (API.md section 10.15), served by SimOrganization.cs.
            ["organization.list.200.json"] = new Case("get", "/organizations", 200, t => t.Get(t.Api("/organizations"))),
            ["organization.audit_logs.200.json"] = new Case("get", "/get_audit_logs", 200, t => t.Get(t.Api($"/get_audit_logs?organization_id={Org}&user_id={t.Sim.UserId}&{AuditRange()}&page_size=2"))),
            ["organization.manage_workspace_users.200.json"] = new Case("post", "/manage_workspace_users", 200, t => t.Post(t.Api("/manage_workspace_users"),
                new { organization_id = Org, user_id = t.Sim.UserId, workspace_id = "tm_a93f0b42", action = "add", user_email = "dana.ruiz@lumenfield.io" })),
            ["organization.manage_permission_group_users.200.json"] = new Case("post", "/manage_permission_group_users", 200, t => t.Post(t.Api("/manage_permission_group_users"),
                new { organization_id = Org, user_id = t.Sim.UserId, group_id = "role_4Fz8Qp", action = "remove", user_email = "dana.ruiz@lumenfield.io" })),
            ["organization.role_credit_limits.list.200.json"] = new Case("get", "/organizations/{organization_id}/roles/credit-limits", 200, t => t.Get(t.Api($"/organizations/{Org}/roles/credit-limits?user_id={t.Sim.UserId}"))),
            ["organization.role_credit_limit.get.200.json"] = new Case("get", "/organizations/{organization_id}/roles/{role_id}/credit-limit", 200, t => t.Get(t.Api($"/organizations/{Org}/roles/role_4Fz8Qp/credit-limit?user_id={t.Sim.UserId}"))),
            ["organization.role_credit_limit.put.200.json"] = new Case("put", "/organizations/{organization_id}/roles/{role_id}/credit-limit", 200, t => t.Send(System.Net.Http.HttpMethod.Put,
                t.Api($"/organizations/{Org}/roles/role_4Fz8Qp/credit-limit"), Body(new { monthly_credit_limit = 3500, user_id = t.Sim.UserId }))),
            ["organization.export_data.200.json"] = new Case("post", "/export_data", 200, t => t.Post(t.Api("/export_data"),
                new { user_id = t.Sim.UserId, data_type = "agent_interactions", export_fields = new[] { "interaction_id", "credit_cost" }, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z", include_all_workspaces = true })),
            ["organization.export_status.200.json"] = new Case("get", "/export_status", 200, async t =>
            {
                var id = await t.StartCreditLogExport();
                await t.Get(t.Api($"/export_status?user_id={t.Sim.UserId}&data_export_id={id}"));
                return await t.Get(t.Api($"/export_status?user_id={t.Sim.UserId}&data_export_id={id}"));
            }),
            ["errors/403.tier_required_enterprise.flat.json"] = new Case("get", "", 403, t =>
            {
                t.Sim.OrganizationPlan = "pro";
                return t.Get(t.Api($"/get_audit_logs?organization_id={Org}&user_id={t.Sim.UserId}&{AuditRange()}"));
            }),
        };

        private const string Org = "org_7Hq2Lw9x";

        private static string AuditRange() =>
            "start_time=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            + "&end_time=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        private async Task<string> StartCreditLogExport()
        {
            var started = await Post(Api("/export_data"), new { user_id = Sim.UserId, data_type = "credit_logs", export_fields = new[] { "log_id", "amount" }, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z" });
            return started.Json.GetProperty("data_export_id").GetString()!;
        }

        /// <summary>A skill upload as the SDK sends it: one SKILL.md part named files, and team_id when given.</summary>
        private static System.Net.Http.MultipartFormDataContent SkillForm(string name, string? teamId)
        {
            var form = new System.Net.Http.MultipartFormDataContent();
            var file = new System.Net.Http.ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"---\nname: {name}\ndescription: Checklist of churn signals to scan for.\n---\n\nBody.\n"));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "files", "SKILL.md");
            if (teamId != null) form.Add(new System.Net.Http.StringContent(teamId), "team_id");
            return form;
        }

        /// <summary>The seeded completed session, made busy with a slow turn and holding <paramref name="queued"/> queued messages.</summary>
        private async Task<string> BusyWithQueue(int queued)
        {
            const string id = "sess_Vk3nQ8wT2p";
            Assert.Equal(202, (await Post(Api($"/sessions/{id}/messages"), new { input = "Now email the brief. sim:delay=3000" })).Status);
            for (int i = 0; i < queued; i++) Assert.Equal(201, (await Post(Api($"/sessions/{id}/queue"), new { input = "Queued " + i })).Status);
            return id;
        }

        public static IEnumerable<object[]> ServedExamples() => Cases.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

        private static string ExamplePath(string name) => Path.Combine(ApiFixturesDir(), "examples", name.Replace('/', Path.DirectorySeparatorChar));

        [Fact]
        public void Every_json_example_is_either_served_or_listed_as_not_served()
        {
            var dir = Path.Combine(ApiFixturesDir(), "examples");
            Assert.True(Directory.Exists(dir), dir);
            var names = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/')).ToList();
            Assert.True(names.Count > 100, "only " + names.Count + " examples found");
            foreach (var n in names)
                Assert.True((Cases.ContainsKey(n) ? 1 : 0) + (NotServed.ContainsKey(n) ? 1 : 0) + (CheckedElsewhere.ContainsKey(n) ? 1 : 0) == 1,
                    $"example {n} must be exactly one of: a served case, listed as not served, or checked elsewhere");
        }

        // Fixtures whose routes need more than one request to reach (the OAuth code flow), compared key by key in
        // the test class named here instead.
        private static readonly Dictionary<string, string> CheckedElsewhere = new Dictionary<string, string>
        {
            ["oauth.register.201.json"] = nameof(SimulatorOAuthTests),
            ["oauth.token.200.json"] = nameof(SimulatorOAuthTests),
            ["oauth.token.refresh.200.json"] = nameof(SimulatorOAuthTests),
            ["errors/oauth.token.400.invalid_grant.json"] = nameof(SimulatorOAuthTests),
        };

        public static IEnumerable<object[]> NotServedExamples() => NotServed.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(NotServedExamples))]
        public async Task An_example_listed_as_not_served_has_no_route(string example)
        {
            var (method, path) = NotServed[example];
            bool root = method.StartsWith("ROOT ", StringComparison.Ordinal);
            var verb = new System.Net.Http.HttpMethod(root ? method.Substring(5) : method);
            var url = root ? new Uri(Sim.BaseUri, path).ToString() : Api(path);
            var content = verb == System.Net.Http.HttpMethod.Get || verb == System.Net.Http.HttpMethod.Delete ? null : Body(new { user_id = Sim.UserId });
            var reply = await Send(verb, url, content);
            Assert.Equal(404, reply.Status);
            Assert.Contains("No route", reply.Text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(ServedExamples))]
        public async Task Response_has_at_least_the_example_keys(string example)
        {
            var c = Cases[example];
            var reply = await c.Run(this);
            Assert.Equal(c.Status, reply.Status);
            var expected = JsonDocument.Parse(File.ReadAllText(ExamplePath(example))).RootElement;
            var problems = new List<string>();
            CompareKeys(expected, reply.Json, "$", problems);
            Assert.True(problems.Count == 0, example + ":\n" + string.Join("\n", problems) + "\nactual: " + reply.Text);
            if (example.StartsWith("errors/", StringComparison.Ordinal))
            {
                var e = expected.GetProperty("error");
                var a = reply.Json.GetProperty("error");
                if (e.ValueKind == JsonValueKind.String) Assert.Equal(e.GetString(), a.GetString());
                else
                {
                    Assert.Equal(e.GetProperty("code").GetString(), a.GetProperty("code").GetString());
                    Assert.Equal(e.GetProperty("type").GetString(), a.GetProperty("type").GetString());
                }
            }
        }

        [Theory]
        [MemberData(nameof(ServedExamples))]
        public async Task Response_matches_openapi_schema(string example)
        {
            var c = Cases[example];
            var specPath = Path.Combine(ApiFixturesDir(), "openapi.json");
            if (c.Template.Length == 0 || !File.Exists(specPath)) return;
            var spec = JsonDocument.Parse(File.ReadAllText(specPath)).RootElement;
            var schema = spec.GetProperty("paths").GetProperty(c.Template).GetProperty(c.Method).GetProperty("responses")
                .GetProperty(c.Status.ToString()).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var reply = await c.Run(this);
            var errors = new List<string>();
            SchemaCheck.Validate(spec, schema, reply.Json, "$", errors);
            errors.RemoveAll(e => KnownSpecGaps.Any(g => System.Text.RegularExpressions.Regex.IsMatch(e, g)));
            Assert.True(errors.Count == 0, example + ":\n" + string.Join("\n", errors));
        }

        [Fact]
        public void Schema_validator_catches_wrong_types_missing_required_and_bad_items()
        {
            var spec = JsonDocument.Parse("{\"components\":{\"schemas\":{\"Q\":{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"},\"n\":{\"type\":[\"integer\",\"null\"]}}}}}}").RootElement;
            var schema = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Q\"}},\"s\":{\"type\":\"string\",\"enum\":[\"a\"]}}}").RootElement;
            var errors = new List<string>();
            SchemaCheck.Validate(spec, schema, JsonDocument.Parse("{\"q\":[{\"id\":\"x\",\"n\":null},{\"id\":\"y\",\"n\":2}],\"s\":\"future-value\"}").RootElement, "$", errors);
            Assert.Empty(errors);
            SchemaCheck.Validate(spec, schema, JsonDocument.Parse("{\"q\":[{\"n\":1.5}],\"s\":3}").RootElement, "$", errors);
            Assert.Contains(errors, e => e.Contains("$.q[0].id") && e.Contains("required"));
            Assert.Contains(errors, e => e.Contains("$.q[0].n"));
            Assert.Contains(errors, e => e.Contains("$.s"));
        }

        [Fact]
        public void Key_comparison_reports_missing_nested_keys()
        {
            var expected = JsonDocument.Parse("{\"a\":{\"b\":1,\"c\":[{\"type\":\"text\",\"d\":1}]}}").RootElement;
            var problems = new List<string>();
            CompareKeys(expected, JsonDocument.Parse("{\"a\":{\"b\":2,\"c\":[{\"type\":\"text\",\"d\":5,\"e\":1}],\"z\":0}}").RootElement, "$", problems);
            Assert.Empty(problems);
            CompareKeys(expected, JsonDocument.Parse("{\"a\":{\"c\":[{\"type\":\"text\"}]}}").RootElement, "$", problems);
            Assert.Contains(problems, p => p.Contains("$.a.b"));
            Assert.Contains(problems, p => p.Contains("$.a.c"));
        }

        private static void CompareKeys(JsonElement expected, JsonElement actual, string path, List<string> problems)
        {
            switch (expected.ValueKind)
            {
                case JsonValueKind.Object:
                    if (actual.ValueKind != JsonValueKind.Object) { problems.Add($"{path}: expected an object, got {actual.ValueKind}"); return; }
                    foreach (var p in expected.EnumerateObject())
                    {
                        if (p.Name == "_comment") continue;
                        if (!actual.TryGetProperty(p.Name, out var a)) { problems.Add($"{path}.{p.Name}: missing"); continue; }
                        if (FreeForm.Contains(p.Name)) continue;
                        if (p.Name == "participants") { CompareMap(p.Value, a, path + ".participants", problems); continue; }
                        CompareKeys(p.Value, a, path + "." + p.Name, problems);
                    }
                    break;
                case JsonValueKind.Array:
                    if (actual.ValueKind != JsonValueKind.Array) { problems.Add($"{path}: expected an array, got {actual.ValueKind}"); return; }
                    int i = 0;
                    foreach (var item in expected.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            string? type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                            var candidates = actual.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object &&
                                (type == null || (x.TryGetProperty("type", out var xt) && xt.ValueKind == JsonValueKind.String && xt.GetString() == type))).ToList();
                            if (candidates.Count == 0) { problems.Add($"{path}[{i}]: no item like the example's (type={type ?? "-"})"); }
                            else
                            {
                                var best = candidates.Select(x => { var l = new List<string>(); CompareKeys(item, x, $"{path}[{i}]", l); return l; }).OrderBy(l => l.Count).First();
                                problems.AddRange(best);
                            }
                        }
                        i++;
                    }
                    break;
            }
        }

        private static void CompareMap(JsonElement expected, JsonElement actual, string path, List<string> problems)
        {
            if (actual.ValueKind != JsonValueKind.Object) { problems.Add($"{path}: expected an object"); return; }
            var sample = expected.EnumerateObject().Select(p => p.Value).FirstOrDefault();
            if (sample.ValueKind == JsonValueKind.Undefined) return;
            if (!actual.EnumerateObject().Any()) { problems.Add($"{path}: expected at least one entry"); return; }
            foreach (var p in actual.EnumerateObject()) CompareKeys(sample, p.Value, $"{path}.{p.Name}", problems);
        }
    }

    /// <summary>The JSON-Schema subset openapi.json uses: type (incl. lists), properties, required, items, additionalProperties, $ref.</summary>
    internal static class SchemaCheck
    {
        public static void Validate(JsonElement spec, JsonElement schema, JsonElement value, string path, List<string> errors)
        {
            if (schema.ValueKind != JsonValueKind.Object) return;
            if (schema.TryGetProperty("$ref", out var r))
            {
                Validate(spec, Resolve(spec, r.GetString()!), value, path, errors);
                return;
            }
            if (schema.TryGetProperty("type", out var type))
            {
                var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : new List<string> { type.GetString()! };
                if (!allowed.Any(t => Matches(t, value)))
                {
                    errors.Add($"{path}: {value.ValueKind} ({Short(value)}) is not {string.Join("|", allowed)}");
                    return;
                }
            }
            // enum is deliberately not checked: new enum values must not break clients (forward compatibility).
            if (value.ValueKind == JsonValueKind.Object)
            {
                if (schema.TryGetProperty("required", out var req))
                    foreach (var n in req.EnumerateArray())
                        if (!value.TryGetProperty(n.GetString()!, out _)) errors.Add($"{path}.{n.GetString()}: required property missing");
                schema.TryGetProperty("properties", out var props);
                foreach (var p in value.EnumerateObject())
                {
                    if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(p.Name, out var ps))
                        Validate(spec, ps, p.Value, path + "." + p.Name, errors);
                    else if (schema.TryGetProperty("additionalProperties", out var ap))
                    {
                        if (ap.ValueKind == JsonValueKind.False) errors.Add($"{path}.{p.Name}: additional property not allowed");
                        else if (ap.ValueKind == JsonValueKind.Object) Validate(spec, ap, p.Value, path + "." + p.Name, errors);
                    }
                }
            }
            else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
            {
                int i = 0;
                foreach (var item in value.EnumerateArray()) Validate(spec, items, item, $"{path}[{i++}]", errors);
            }
        }

        private static JsonElement Resolve(JsonElement spec, string reference)
        {
            // The cleaned document writes "#/$defs/X" for what lives at components.schemas.X.
            foreach (var prefix in new[] { "#/$defs/", "#/components/schemas/" })
                if (reference.StartsWith(prefix, StringComparison.Ordinal))
                    return spec.GetProperty("components").GetProperty("schemas").GetProperty(reference.Substring(prefix.Length));
            throw new InvalidOperationException("Unsupported $ref " + reference);
        }

        private static bool Matches(string type, JsonElement v) => type switch
        {
            "object" => v.ValueKind == JsonValueKind.Object,
            "array" => v.ValueKind == JsonValueKind.Array,
            "string" => v.ValueKind == JsonValueKind.String,
            "number" => v.ValueKind == JsonValueKind.Number,
            "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
            "boolean" => v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False,
            "null" => v.ValueKind == JsonValueKind.Null,
            _ => true,
        };

        private static string Short(JsonElement v)
        {
            var s = v.GetRawText();
            return s.Length > 40 ? s.Substring(0, 40) + "..." : s;
        }
    }
}
