using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorSessionTests : SimTestBase
    {
        [Fact]
        public async Task Create_without_input_is_201_idle_stub()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { });
            Assert.Equal(201, r.Status);
            Assert.Equal("idle", r.Session.GetProperty("state").GetString());
            Assert.Equal(0, r.Session.GetProperty("messages").GetArrayLength());
            Assert.Equal(Sim.UserId, r.Session.GetProperty("creator").GetProperty("id").GetString());
        }

        [Fact]
        public async Task Create_with_input_processes_then_completes_with_reply_in_parts()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "Summarise Q3 sim:delay=40" });
            Assert.Equal(202, r.Status);
            Assert.Equal("processing", r.Session.GetProperty("state").GetString());
            Assert.Equal("Summarise Q3 sim:delay=40", r.Session.GetProperty("messages")[0].GetProperty("content").GetString());
            var id = r.Session.GetProperty("id").GetString()!;
            var done = await WaitForState(id, "completed");
            var msgs = done.GetProperty("messages");
            Assert.Equal(2, msgs.GetArrayLength());
            var a = msgs[1];
            Assert.Equal("assistant", a.GetProperty("role").GetString());
            Assert.Equal(JsonValueKind.Null, a.GetProperty("content").ValueKind);
            Assert.Equal(JsonValueKind.Null, a.GetProperty("creator_id").ValueKind);
            Assert.Equal("Reply 1 to \"Summarise Q3\"", a.GetProperty("parts")[0].GetProperty("text").GetString());
            Assert.NotEqual(JsonValueKind.Null, done.GetProperty("usage").GetProperty("credit_cost").ValueKind);
        }

        [Fact]
        public async Task Message_alias_and_unknown_fields_are_accepted()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { message = "via alias", frobnicate = 3 });
            Assert.Equal(202, r.Status);
            Assert.Equal("via alias", r.Session.GetProperty("messages")[0].GetProperty("content").GetString());
        }

        [Fact]
        public async Task Client_chosen_session_id_conflicts_with_409()
        {
            var first = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { session_id = "sess_mine_1" });
            Assert.Equal(201, first.Status);
            Assert.Equal("sess_mine_1", first.Session.GetProperty("id").GetString());
            var again = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { session_id = "sess_mine_1", input = "x" });
            AssertCanonicalError(again, 409, "session_already_exists", "invalid_request_error");
        }

        [Theory]
        [InlineData("   ")]
        [InlineData("")]
        public async Task Create_rejects_blank_name(string name)
        {
            AssertCanonicalError(await Post(Api($"/agents/{RenewalAgent}/sessions"), new { name }), 400, "invalid_request", "invalid_request_error");
        }

        [Fact]
        public async Task Create_trims_name_rejects_long_name_and_stores_metadata_under_client()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { name = "  Q3 review  ", metadata = new { crm = "hubspot" } });
            Assert.Equal("Q3 review", r.Session.GetProperty("name").GetString());
            Assert.Equal("hubspot", r.Session.GetProperty("metadata").GetProperty("client").GetProperty("crm").GetString());
            AssertCanonicalError(await Post(Api($"/agents/{RenewalAgent}/sessions"), new { name = new string('n', 257) }), 400, "invalid_request", "invalid_request_error");
        }

        [Fact]
        public async Task Create_on_unknown_agent_is_404()
        {
            AssertCanonicalError(await Post(Api("/agents/ghost/sessions"), new { input = "hi" }), 404, "agent_not_found", "not_found_error");
        }

        [Fact]
        public async Task Create_with_invalid_json_is_400()
        {
            var r = await Send(HttpMethod.Post, Api($"/agents/{RenewalAgent}/sessions"), RawBody("{nope"));
            AssertCanonicalError(r, 400, "invalid_request", "invalid_request_error");
        }

        [Fact]
        public async Task Stream_true_on_api_host_names_this_simulators_stream_host()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "x", stream = true });
            AssertCanonicalError(r, 400, "streaming_not_supported_on_this_host", "invalid_request_error");
            Assert.Equal(Sim.StreamBaseUri.ToString(), r.Json.GetProperty("error").GetProperty("details").GetProperty("stream_base_url").GetString());
            Assert.Equal("stream", r.Json.GetProperty("error").GetProperty("param").GetString());
            var send = await Post(Api("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "x", stream = true });
            AssertCanonicalError(send, 400, "streaming_not_supported_on_this_host", "invalid_request_error");
        }

        [Fact]
        public async Task Send_while_processing_is_409_then_allowed_after_completion()
        {
            var id = await CreateSession("first sim:delay=300");
            var busy = await Post(Api($"/sessions/{id}/messages"), new { input = "second" });
            AssertCanonicalError(busy, 409, "interaction_not_in_terminal_state", "invalid_request_error");
            Assert.Equal(JsonValueKind.Null, busy.Json.GetProperty("error").GetProperty("param").ValueKind);
            await WaitForState(id, "completed");
            var ok = await Post(Api($"/sessions/{id}/messages"), new { input = "second" });
            Assert.Equal(202, ok.Status);
            Assert.Equal("processing", ok.Session.GetProperty("state").GetString());
            Assert.Equal(3, ok.Session.GetProperty("messages").GetArrayLength());
            var done = await WaitForState(id, "completed");
            Assert.Equal("Reply 2 to \"second\"", done.GetProperty("messages")[3].GetProperty("parts")[0].GetProperty("text").GetString());
        }

        [Fact]
        public async Task Send_validates_input_approvals_and_attachments()
        {
            var url = Api("/sessions/sess_Vk3nQ8wT2p/messages");
            AssertCanonicalError(await Post(url, new { }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Post(url, new { input = "x", approval_responses = new object[0] }), 400, "approvals_require_stream_or_approvals_endpoint", "invalid_request_error");
            var bad = await Post(url, new { input = "x", attachments = new[] { new { file_name = "custom_agent_interactions/other/input/a.csv" } } });
            AssertCanonicalError(bad, 400, "invalid_attachment", "invalid_request_error");
            Assert.Equal("attachments[0].file_name", bad.Json.GetProperty("error").GetProperty("param").GetString());
            AssertCanonicalError(await Post(Api("/sessions/nope/messages"), new { input = "x" }), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task Rename_trims_and_rejects_unknown_fields_and_blank()
        {
            var r = await Patch(Api("/sessions/sess_Vk3nQ8wT2p"), new { name = "  Northwind FY27 renewal " });
            Assert.Equal(200, r.Status);
            Assert.Equal("Northwind FY27 renewal", r.Session.GetProperty("name").GetString());
            Assert.Equal(2, r.Session.GetProperty("messages").GetArrayLength());
            AssertCanonicalError(await Patch(Api("/sessions/sess_Vk3nQ8wT2p"), new { name = "x", colour = "red" }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Patch(Api("/sessions/sess_Vk3nQ8wT2p"), new { name = " " }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Patch(Api("/sessions/sess_Vk3nQ8wT2p"), new { }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Patch(Api("/sessions/nope"), new { name = "x" }), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task Cancel_processing_fails_with_partial_message_and_error_part()
        {
            var id = await CreateSession("long job sim:delay=2000");
            var r = await Post(Api($"/sessions/{id}/cancel"), new { });
            Assert.Equal(200, r.Status);
            Assert.Equal("failed", r.Session.GetProperty("state").GetString());
            Assert.Equal(id, r.Session.GetProperty("id").GetString());
            Assert.Equal(0, r.Session.GetProperty("messages").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, r.Session.GetProperty("creator").ValueKind);
            var s = (await Get(Api($"/sessions/{id}"))).Session;
            Assert.Equal("failed", s.GetProperty("state").GetString());
            var last = s.GetProperty("messages").EnumerateArray().Last();
            Assert.Equal("assistant", last.GetProperty("role").GetString());
            Assert.Contains(last.GetProperty("parts").EnumerateArray(), p => p.GetProperty("type").GetString() == "error");
            await Task.Delay(100);
            Assert.Equal("failed", (await Get(Api($"/sessions/{id}"))).Session.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Cancel_completed_session_is_unchanged()
        {
            var r = await Post(Api("/sessions/sess_Vk3nQ8wT2p/cancel"), new { });
            Assert.Equal(200, r.Status);
            Assert.Equal("completed", r.Session.GetProperty("state").GetString());
            Assert.Equal(2, (await Get(Api("/sessions/sess_Vk3nQ8wT2p"))).Session.GetProperty("messages").GetArrayLength());
            AssertCanonicalError(await Post(Api("/sessions/nope/cancel"), new { }), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task Fail_directive_ends_failed_with_error_part()
        {
            var id = await CreateSession("break it sim:fail");
            var s = await WaitForState(id, "failed");
            var parts = s.GetProperty("messages")[1].GetProperty("parts");
            Assert.Contains(parts.EnumerateArray(), p => p.GetProperty("type").GetString() == "error" && p.GetProperty("error").GetString()!.Length > 0);
        }

        [Fact]
        public async Task Approval_directive_pauses_with_a_gmail_tool_approval_and_a_question_then_resolves()
        {
            var id = await CreateSession("email it sim:approval");
            var s = await WaitForState(id, "approval_required");
            var asks = s.GetProperty("pending_approvals");
            Assert.Equal(2, asks.GetArrayLength());
            Assert.Equal("human_input", asks[1].GetProperty("type").GetString());
            var question = asks[1].GetProperty("action_request_id").GetString();
            var ask = asks[0];
            Assert.Equal("tool_approval", ask.GetProperty("type").GetString());
            Assert.Equal("gmail_send", ask.GetProperty("tool_name").GetString());
            Assert.Equal("[[\"To\",\"x@example.com\"],[\"Subject\",\"Renewal\"]]", ask.GetProperty("display_fields").GetRawText());

            var wrong = await Post(Api($"/sessions/{id}/approvals"), new { approval_responses = new[] { new { action_request_id = "areq_nope", action = "accept" } } });
            AssertCanonicalError(wrong, 400, "invalid_request", "invalid_request_error");
            var areq = ask.GetProperty("action_request_id").GetString();
            var ok = await Post(Api($"/sessions/{id}/approvals"), new { approval_responses = new object[] { new { action_request_id = areq, action = "accept" }, new { action_request_id = question, action = "reject" } } });
            Assert.Equal(200, ok.Status);
            Assert.Equal("accepted", ok.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.String, ok.Json.GetProperty("stream_cursor").ValueKind);
            await WaitForState(id, "completed");
            var again = await Post(Api($"/sessions/{id}/approvals"), new { approval_responses = new[] { new { action_request_id = areq, action = "accept" } } });
            AssertCanonicalError(again, 409, "session_not_awaiting_approval", "invalid_request_error");
        }

        [Fact]
        public async Task Tool_directive_adds_tool_invocation_part()
        {
            var id = await CreateSession("look it up sim:tool");
            var s = await WaitForState(id, "completed");
            var parts = s.GetProperty("messages")[1].GetProperty("parts");
            var tool = parts.EnumerateArray().Single(p => p.GetProperty("type").GetString() == "tool_invocation");
            Assert.Equal("completed", tool.GetProperty("toolCallState").GetString());
            Assert.False(string.IsNullOrEmpty(tool.GetProperty("toolName").GetString()));
            Assert.True(tool.GetProperty("result").TryGetProperty("args", out _));
        }

        [Fact]
        public async Task Echo_key_directive_returns_500_containing_the_authorization_header()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "oops sim:echo-key" });
            Assert.Equal(500, r.Status);
            Assert.Contains(Sim.ApiKeyText, r.Text);
        }

        [Fact]
        public async Task Seed_session_serves_100k_messages_quickly()
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var id = Sim.SeedSession(RenewalAgent, 100_000);
            Assert.True(sw.ElapsedMilliseconds < 3000, $"seeding took {sw.ElapsedMilliseconds} ms");
            var r = await Get(Api($"/sessions/{id}"));
            Assert.Equal(200, r.Status);
            Assert.True(r.Response.Headers.TransferEncodingChunked); // streamed, not buffered
            var msgs = r.Session.GetProperty("messages");
            Assert.Equal(100_000, msgs.GetArrayLength());
            Assert.Equal("user", msgs[0].GetProperty("role").GetString());
            Assert.Equal("assistant", msgs[1].GetProperty("role").GetString());
            Assert.Equal("completed", r.Session.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Concurrency_limit_answers_flat_429_with_retry_after()
        {
            Sim.Options.ConcurrencyLimit = 1;
            await CreateSession("one sim:delay=1000");
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "two" });
            Assert.Equal(429, r.Status);
            Assert.Equal("gummie_rate_limit", r.Json.GetProperty("error").GetString());
            Assert.Equal("1", r.Header("Retry-After"));
        }

        [Fact]
        public async Task Concurrency_limit_with_queueing_reports_queue_position_then_runs()
        {
            Sim.Options.ConcurrencyLimit = 1;
            Sim.Options.QueueAtLimit = true;
            await CreateSession("one sim:delay=200");
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "two" });
            Assert.Equal(202, r.Status);
            Assert.Equal("queued", r.Session.GetProperty("state").GetString());
            Assert.Equal(1, r.Json.GetProperty("queue_position").GetInt32());
            var id = r.Session.GetProperty("id").GetString()!;
            AssertCanonicalError(await Post(Api($"/sessions/{id}/messages"), new { input = "more" }), 409, "interaction_not_in_terminal_state", "invalid_request_error");
            await WaitForState(id, "completed");
        }

        [Fact]
        public async Task Slow_request_does_not_block_others()
        {
            Sim.AddFault(new FaultRule("GET", "/models", SimulatorFault.Stall(1500)));
            var slow = Get(Api("/models"));
            await Task.Delay(50);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var fast = await Get(Api("/agents"));
            Assert.Equal(200, fast.Status);
            Assert.True(sw.ElapsedMilliseconds < 1000, $"took {sw.ElapsedMilliseconds} ms");
            Assert.False(slow.IsCompleted);
            Assert.Equal(200, (await slow).Status);
        }
    }
}
