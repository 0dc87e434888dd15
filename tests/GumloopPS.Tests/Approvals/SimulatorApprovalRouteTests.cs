using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Approvals
{
    /// <summary>The simulator's approval, queue and file routes, over plain HTTP.</summary>
    public sealed class SimulatorApprovalRouteTests : SimTestBase
    {
        private async Task<(string Id, string Tool, string Question)> PausedSession()
        {
            var id = await CreateSession("email it sim:approval");
            var s = await WaitForState(id, "approval_required");
            var asks = s.GetProperty("pending_approvals");
            Assert.Equal(2, asks.GetArrayLength());
            return (id, asks[0].GetProperty("action_request_id").GetString()!, asks[1].GetProperty("action_request_id").GetString()!);
        }

        private static object Answer(string id, string action, string? tone = null) =>
            tone == null ? new { action_request_id = id, action } : new { action_request_id = id, action, response = new { values = new { email_tone = tone } } };

        private Task<Reply> Resolve(string session, params object[] answers) => Post(Api($"/sessions/{session}/approvals"), new { approval_responses = answers });

        private static string LastReply(JsonElement session) =>
            session.GetProperty("messages").EnumerateArray().Last().GetProperty("parts")[0].GetProperty("text").GetString()!;

        [Fact]
        public async Task Approval_directive_pauses_with_a_tool_approval_and_a_question_each_with_options()
        {
            var id = await CreateSession("email it sim:approval");
            var asks = (await WaitForState(id, "approval_required")).GetProperty("pending_approvals");

            var tool = asks[0];
            Assert.Equal("tool_approval", tool.GetProperty("type").GetString());
            Assert.Equal("gmail_send", tool.GetProperty("tool_name").GetString());
            Assert.Equal("Gmail", tool.GetProperty("server_label").GetString());
            Assert.Equal(2, tool.GetProperty("display_fields").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, tool.GetProperty("questions").ValueKind);

            var question = asks[1];
            Assert.Equal("human_input", question.GetProperty("type").GetString());
            var q = Assert.Single(question.GetProperty("questions").EnumerateArray());
            Assert.Equal("email_tone", q.GetProperty("name").GetString());
            Assert.Equal(new[] { "formal", "friendly" }, q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
            Assert.NotEqual(tool.GetProperty("action_request_id").GetString(), question.GetProperty("action_request_id").GetString());
        }

        [Fact]
        public async Task Answering_every_ask_resumes_and_completes_the_run()
        {
            var (id, tool, question) = await PausedSession();

            var r = await Resolve(id, Answer(tool, "accept"), Answer(question, "accept", "formal"));

            Assert.Equal(200, r.Status);
            Assert.Equal(new[] { "accepted", "accepted" }, r.Json.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("outcome").GetString()));
            Assert.Equal("processing", r.Session.GetProperty("state").GetString());
            Assert.Equal(0, r.Session.GetProperty("pending_approvals").GetArrayLength());
            Assert.Equal(JsonValueKind.String, r.Json.GetProperty("stream_cursor").ValueKind);
            var done = await WaitForState(id, "completed");
            Assert.Equal("Done: Send email with Gmail went ahead in a formal tone.", LastReply(done));
            AssertCanonicalError(await Resolve(id, Answer(tool, "accept")), 409, "session_not_awaiting_approval", "invalid_request_error");
        }

        [Fact]
        public async Task Rejecting_makes_the_agent_say_the_action_was_skipped()
        {
            var (id, tool, question) = await PausedSession();

            var r = await Resolve(id, Answer(tool, "reject"), Answer(question, "accept", "friendly"));

            Assert.Equal("rejected", r.Json.GetProperty("results")[0].GetProperty("outcome").GetString());
            var done = await WaitForState(id, "completed");
            var reply = LastReply(done);
            Assert.StartsWith("Skipped:", reply, StringComparison.Ordinal);
            Assert.Contains("skipped", reply.Substring(8), StringComparison.Ordinal);
            Assert.Contains("Send email with Gmail", reply, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_partial_answer_keeps_the_session_waiting_and_a_repeat_reports_already()
        {
            var (id, tool, question) = await PausedSession();

            var first = await Resolve(id, Answer(tool, "reject"));
            Assert.Equal("approval_required", first.Session.GetProperty("state").GetString());
            Assert.Equal(1, first.Session.GetProperty("pending_approvals").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, first.Json.GetProperty("stream_cursor").ValueKind);

            var second = await Resolve(id, Answer(tool, "accept"), Answer(question, "reject"));
            var outcomes = second.Json.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("outcome").GetString()).ToArray();
            Assert.Equal(new[] { "already_rejected", "rejected" }, outcomes);
            Assert.Equal("processing", second.Session.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Bad_answers_are_rejected_before_anything_changes()
        {
            var (id, tool, question) = await PausedSession();

            AssertCanonicalError(await Resolve(id, Answer(tool, "accept"), Answer("areq_nope", "accept")), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Resolve(id, Answer(question, "accept")), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Resolve(id, Answer(question, "accept", "sarcastic")), 400, "invalid_human_input_option", "invalid_request_error");
            AssertCanonicalError(await Resolve(id, Answer(tool, "accept"), Answer(tool, "reject")), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Resolve(id, new { action_request_id = tool, action = "approve" }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Post(Api($"/sessions/{id}/approvals"), new { approval_responses = new object[0] }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Resolve(id, new { action_request_id = tool, action = "reject", reason = new string('x', 1001) }), 400, "invalid_request", "invalid_request_error");

            var s = (await Get(Api($"/sessions/{id}"))).Session;
            Assert.Equal("approval_required", s.GetProperty("state").GetString());
            Assert.Equal(2, s.GetProperty("pending_approvals").GetArrayLength());
            AssertCanonicalError(await Resolve("sess_nope", Answer(tool, "accept")), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task The_request_log_keeps_small_bodies_so_answers_can_be_counted()
        {
            var (id, tool, question) = await PausedSession();
            Sim.ClearRequestLog();

            await Resolve(id, Answer(tool, "reject"), Answer(question, "reject"));
            await Get(Api($"/sessions/{id}"));

            var entry = Assert.Single(Sim.RequestLog, e => e.Method == "POST" && e.Path.EndsWith("/approvals", StringComparison.Ordinal));
            using var body = JsonDocument.Parse(entry.Body!);
            Assert.Equal(2, body.RootElement.GetProperty("approval_responses").GetArrayLength());
            Assert.Equal(entry.BodyLength, System.Text.Encoding.UTF8.GetByteCount(entry.Body!));
            Assert.Null(Sim.RequestLog.Single(e => e.Method == "GET").Body);
        }

        [Fact]
        public async Task The_seeded_approval_session_resumes_when_both_asks_are_answered()
        {
            var r = await Resolve("sess_Hm5rZ1xJ7c", Answer("areq_7Tz2Wq9K", "accept"), Answer("areq_3Nd8Lx1V", "accept", "friendly"));

            Assert.Equal(200, r.Status);
            var done = await WaitForState("sess_Hm5rZ1xJ7c", "completed");
            Assert.Equal("Done: Send email with Gmail went ahead in a friendly tone.", LastReply(done));
        }

        [Fact]
        public async Task Files_over_the_limit_are_413_file_too_large()
        {
            Sim.Options.MaxSessionFileBytes = 16;

            AssertCanonicalError(await Post(Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "a.bin", file_content = Convert.ToBase64String(new byte[17]) }), 413, "file_too_large", "invalid_request_error");
            Assert.Equal(201, (await Post(Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "a.bin", file_content = Convert.ToBase64String(new byte[16]) })).Status);
        }

        [Fact]
        public async Task Attachments_outside_the_session_namespace_are_invalid()
        {
            var own = await Post(Api("/sessions/sess_Pb9yE4uL6d/files"), new { file_name = "notes.txt", file_content = "aGk=", media_type = "text/plain" });
            Assert.Equal("custom_agent_interactions/sess_Pb9yE4uL6d/input/notes.txt", own.Json.GetProperty("file_name").GetString());
            Assert.Equal("text/plain", own.Json.GetProperty("media_type").GetString());

            var foreign = await Post(Api("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "see", attachments = new[] { new { file_name = "custom_agent_interactions/sess_Pb9yE4uL6d/input/notes.txt" } } });
            AssertCanonicalError(foreign, 400, "invalid_attachment", "invalid_request_error");
            Assert.Equal("attachments[0].file_name", foreign.Json.GetProperty("error").GetProperty("param").GetString());
            var tooMany = await Post(Api("/sessions/sess_Pb9yE4uL6d/messages"), new { input = "see", attachments = Enumerable.Range(0, 11).Select(i => new { file_name = "custom_agent_interactions/sess_Pb9yE4uL6d/input/notes.txt" }).ToArray() });
            Assert.Equal(400, tooMany.Status);
            Assert.Equal(202, (await Post(Api("/sessions/sess_Pb9yE4uL6d/messages"), new { input = "see", attachments = new[] { new { file_name = "custom_agent_interactions/sess_Pb9yE4uL6d/input/notes.txt" } } })).Status);
        }

        [Fact]
        public async Task Unknown_queued_message_ids_are_404_on_every_route()
        {
            var id = await CreateSession("busy sim:delay=3000");

            AssertCanonicalError(await Patch(Api($"/sessions/{id}/queue/qm_nope"), new { input = "x" }), 404, "queued_message_not_found", "not_found_error");
            AssertCanonicalError(await Send(HttpMethod.Delete, Api($"/sessions/{id}/queue/qm_nope")), 404, "queued_message_not_found", "not_found_error");
            AssertCanonicalError(await Post(Api($"/sessions/{id}/queue/qm_nope/send"), new { }), 404, "queued_message_not_found", "not_found_error");
        }

        [Fact]
        public async Task Queue_positions_start_at_one_and_drain_in_order()
        {
            var id = await CreateSession("first sim:delay=200");
            var a = await Post(Api($"/sessions/{id}/queue"), new { input = "second" });
            var b = await Post(Api($"/sessions/{id}/queue"), new { input = "third" });

            Assert.Equal(1, a.Json.GetProperty("queued_message").GetProperty("position").GetInt32());
            Assert.Equal(2, b.Json.GetProperty("queued_message").GetProperty("position").GetInt32());
            var deadline = DateTime.UtcNow.AddSeconds(5);
            JsonElement s;
            do
            {
                await Task.Delay(30);
                s = (await Get(Api($"/sessions/{id}"))).Session;
            }
            while (s.GetProperty("messages").GetArrayLength() < 6 && DateTime.UtcNow < deadline);
            Assert.Equal(new[] { "first sim:delay=200", "second", "third" },
                s.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString()));
        }
    }
}
