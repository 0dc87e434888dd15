using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorQueueTests : SimTestBase
    {
        [Fact]
        public async Task Queued_messages_drain_in_order_when_the_turn_finishes()
        {
            var id = await CreateSession("first sim:delay=150");
            var a = await Post(Api($"/sessions/{id}/queue"), new { input = "second" });
            Assert.Equal(201, a.Status);
            Assert.Equal(1, a.Json.GetProperty("queued_message").GetProperty("position").GetInt32());
            var b = await Post(Api($"/sessions/{id}/queue"), new { message = "third" });
            Assert.Equal(2, b.Json.GetProperty("queued_message").GetProperty("position").GetInt32());
            Assert.Equal(2, b.Json.GetProperty("queue").GetArrayLength());

            var deadline = DateTime.UtcNow.AddSeconds(5);
            JsonElement s;
            do
            {
                await Task.Delay(30);
                s = (await Get(Api($"/sessions/{id}"))).Session;
            }
            while (!(s.GetProperty("state").GetString() == "completed" && s.GetProperty("messages").GetArrayLength() == 6) && DateTime.UtcNow < deadline);
            var users = s.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "user").Select(m => m.GetProperty("content").GetString());
            Assert.Equal(new[] { "first sim:delay=150", "second", "third" }, users);
            Assert.Equal(0, (await Get(Api($"/sessions/{id}/queue"))).Json.GetProperty("queue").GetArrayLength());
        }

        [Fact]
        public async Task Update_delete_renumber_and_errors()
        {
            var id = await CreateSession("busy sim:delay=3000");
            var q1 = (await Post(Api($"/sessions/{id}/queue"), new { input = "one" })).Json.GetProperty("queued_message").GetProperty("id").GetString();
            var q2 = (await Post(Api($"/sessions/{id}/queue"), new { input = "two" })).Json.GetProperty("queued_message").GetProperty("id").GetString();
            var upd = await Patch(Api($"/sessions/{id}/queue/{q2}"), new { input = "two (edited)" });
            Assert.Equal("two (edited)", upd.Json.GetProperty("queued_message").GetProperty("input").GetString());
            var del = await Send(HttpMethod.Delete, Api($"/sessions/{id}/queue/{q1}"));
            var remaining = del.Json.GetProperty("queue");
            Assert.Equal(1, remaining.GetArrayLength());
            Assert.Equal(1, remaining[0].GetProperty("position").GetInt32());
            AssertCanonicalError(await Send(HttpMethod.Delete, Api($"/sessions/{id}/queue/{q1}")), 404, "queued_message_not_found", "not_found_error");
            AssertCanonicalError(await Post(Api($"/sessions/{id}/queue"), new { input = "  " }), 400, "invalid_request", "invalid_request_error");
            AssertCanonicalError(await Get(Api("/sessions/nope/queue")), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task Queue_is_capped_at_twenty()
        {
            var id = await CreateSession("busy sim:delay=3000");
            for (int i = 0; i < 20; i++) Assert.Equal(201, (await Post(Api($"/sessions/{id}/queue"), new { input = "m" + i })).Status);
            AssertCanonicalError(await Post(Api($"/sessions/{id}/queue"), new { input = "overflow" }), 409, "queue_full", "invalid_request_error");
        }

        [Fact]
        public async Task Send_queued_aborts_the_running_turn_and_starts_the_message()
        {
            var id = await CreateSession("slow sim:delay=3000");
            var qid = (await Post(Api($"/sessions/{id}/queue"), new { input = "jump the line" })).Json.GetProperty("queued_message").GetProperty("id").GetString();
            var r = await Post(Api($"/sessions/{id}/queue/{qid}/send"), new { });
            Assert.Equal(202, r.Status);
            Assert.Equal("processing", r.Session.GetProperty("state").GetString());
            Assert.Equal("jump the line", r.Session.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString());
            var done = await WaitForState(id, "completed");
            Assert.Contains("jump the line", done.GetProperty("messages").EnumerateArray().Last().GetProperty("parts")[0].GetProperty("text").GetString());
        }

        [Fact]
        public async Task File_upload_stores_under_the_session_input_namespace_and_validates()
        {
            var r = await Post(Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "../../x/usage q3.csv", file_content = Convert.ToBase64String(new byte[10]), media_type = "text/csv" });
            Assert.Equal(201, r.Status);
            Assert.Equal("custom_agent_interactions/sess_Vk3nQ8wT2p/input/usage_q3.csv", r.Json.GetProperty("file_name").GetString());
            Assert.Equal(10, r.Json.GetProperty("size").GetInt32());
            AssertCanonicalError(await Post(Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "a.csv", file_content = "!!!" }), 400, "invalid_file_content", "invalid_request_error");
            AssertCanonicalError(await Post(Api("/sessions/sess_Vk3nQ8wT2p/files"), new { file_name = "../", file_content = "" }), 400, "invalid_file_name", "invalid_request_error");
            var send = await Post(Api("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "see file", attachments = new[] { new { file_name = r.Json.GetProperty("file_name").GetString(), media_type = "text/csv" } } });
            Assert.Equal(202, send.Status);
        }

        [Fact]
        public async Task Agents_can_be_created_updated_and_retired()
        {
            var c = await Post(Api("/agents"), new { name = "Churn watcher", model_name = "auto", agent_id = "agt_churn" });
            Assert.Equal(201, c.Status);
            Assert.Equal("agt_churn", c.Json.GetProperty("agent").GetProperty("id").GetString());
            AssertCanonicalError(await Post(Api("/agents"), new { model_name = "auto" }), 400, "invalid_request", "invalid_request_error");
            var u = await Patch(Api("/agents/agt_churn"), new { description = "Flags churn risk", tools = new object[0] });
            Assert.Equal("Flags churn risk", u.Json.GetProperty("agent").GetProperty("description").GetString());
            Assert.Equal("Churn watcher", u.Json.GetProperty("agent").GetProperty("name").GetString());
            AssertCanonicalError(await Patch(Api("/agents/agt_churn"), new { tools = "nope" }), 400, "invalid_request", "invalid_request_error");
            Assert.Equal(200, (await Patch(Api("/agents/agt_churn"), new { is_active = false })).Status);
            AssertCanonicalError(await Get(Api("/agents/agt_churn")), 404, "agent_not_found", "not_found_error");
        }
    }
}
