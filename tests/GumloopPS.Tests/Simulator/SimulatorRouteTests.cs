using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorRouteTests : SimTestBase
    {
        [Fact]
        public async Task Models_lists_model_groups()
        {
            var r = await Get(Api("/models"));
            Assert.Equal(200, r.Status);
            Assert.True(r.Json.GetProperty("model_groups").GetArrayLength() > 0);
            Assert.NotNull(r.Header("x-request-id"));
        }

        [Fact]
        public async Task Agents_full_list_without_paging_has_no_next_cursor()
        {
            var r = await Get(Api("/agents"));
            Assert.Equal(200, r.Status);
            var ids = r.Json.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.Contains(RenewalAgent, ids);
            Assert.Contains(InvoiceAgent, ids);
            Assert.Contains(SalesAgent, ids);
            Assert.False(r.Json.TryGetProperty("next_cursor", out _));
            var sales = r.Json.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == SalesAgent);
            Assert.Equal("Sales assistant", sales.GetProperty("name").GetString());
            Assert.False(sales.TryGetProperty("skill_ids", out _));
        }

        [Fact]
        public async Task Agents_search_filters_by_name_case_insensitively()
        {
            var r = await Get(Api("/agents?search=INVOICE"));
            var agents = r.Json.GetProperty("agents");
            Assert.Equal(1, agents.GetArrayLength());
            Assert.Equal(InvoiceAgent, agents[0].GetProperty("id").GetString());
        }

        [Theory]
        [InlineData("0")]
        [InlineData("101")]
        [InlineData("abc")]
        public async Task Agents_rejects_page_size_out_of_range(string size)
        {
            var r = await Get(Api("/agents?page_size=" + size));
            AssertCanonicalError(r, 400, "invalid_page_size", "invalid_request_error");
            Assert.Equal("page_size", r.Json.GetProperty("error").GetProperty("param").GetString());
        }

        [Fact]
        public async Task Agents_rejects_garbage_cursor_and_bad_sort()
        {
            AssertCanonicalError(await Get(Api("/agents?cursor=not-a-cursor")), 400, "invalid_cursor", "invalid_request_error");
            AssertCanonicalError(await Get(Api("/agents?sort_order=sideways")), 400, "invalid_sort", "invalid_request_error");
        }

        [Fact]
        public async Task Agents_paging_walk_visits_every_agent_once_with_opaque_cursors()
        {
            var seen = new System.Collections.Generic.List<string>();
            string? cursor = null;
            int pages = 0;
            do
            {
                var r = await Get(Api("/agents?page_size=1" + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
                Assert.Equal(200, r.Status);
                foreach (var a in r.Json.GetProperty("agents").EnumerateArray()) seen.Add(a.GetProperty("id").GetString()!);
                var next = r.Json.GetProperty("next_cursor");
                cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
                if (cursor != null)
                {
                    // Opaque but, like the service's, base64 of a small JSON object.
                    var decoded = JsonDocument.Parse(Convert.FromBase64String(cursor)).RootElement;
                    Assert.Equal(JsonValueKind.Object, decoded.ValueKind);
                }
                pages++;
            }
            while (cursor != null && pages < 10);
            Assert.Equal(3, pages);
            Assert.Equal(3, seen.Distinct().Count());
            // newest first by default
            Assert.Equal(new[] { RenewalAgent, InvoiceAgent, SalesAgent }, seen);
        }

        [Fact]
        public async Task Agents_include_last_used_adds_fields_only_when_asked()
        {
            var plain = await Get(Api("/agents?page_size=5"));
            Assert.False(plain.Json.GetProperty("agents")[0].TryGetProperty("last_used_at", out _));
            var r = await Get(Api("/agents?page_size=5&include_last_used=true&include_last_updated=true"));
            Assert.True(r.Json.GetProperty("agents")[0].TryGetProperty("last_used_at", out _));
            Assert.True(r.Json.GetProperty("agents")[0].TryGetProperty("last_updated_at", out _));
        }

        [Fact]
        public async Task Agent_retrieve_and_not_found()
        {
            var r = await Get(Api($"/agents/{RenewalAgent}"));
            Assert.Equal(200, r.Status);
            var a = r.Json.GetProperty("agent");
            Assert.Equal("Renewal desk assistant", a.GetProperty("name").GetString());
            Assert.Equal("Priya", a.GetProperty("creator").GetProperty("first_name").GetString());
            Assert.Equal(2, a.GetProperty("skill_ids").GetArrayLength());
            AssertCanonicalError(await Get(Api("/agents/nope")), 404, "agent_not_found", "not_found_error");
        }

        [Fact]
        public async Task Unknown_route_is_canonical_404_not_found()
        {
            AssertCanonicalError(await Get(Api("/widgets")), 404, "not_found", "not_found_error");
            AssertCanonicalError(await Send(HttpMethod.Delete, Api($"/agents/{RenewalAgent}")), 404, "not_found", "not_found_error");
            AssertCanonicalError(await Get($"http://127.0.0.1:{Sim.BaseUri.Port}/other"), 404, "not_found", "not_found_error");
        }

        [Fact]
        public async Task Session_retrieve_has_full_envelope_and_unknown_is_404()
        {
            var r = await Get(Api("/sessions/sess_Vk3nQ8wT2p"));
            Assert.Equal(200, r.Status);
            var s = r.Session;
            Assert.Equal("completed", s.GetProperty("state").GetString());
            Assert.Equal(2, s.GetProperty("messages").GetArrayLength());
            var assistant = s.GetProperty("messages")[1];
            Assert.Equal(JsonValueKind.Null, assistant.GetProperty("content").ValueKind);
            Assert.Equal("text", assistant.GetProperty("parts")[0].GetProperty("type").GetString());
            Assert.True(s.GetProperty("participants").TryGetProperty(Sim.UserId, out _));
            Assert.Equal(JsonValueKind.Null, r.Json.GetProperty("queue_position").ValueKind);
            AssertCanonicalError(await Get(Api("/sessions/sess_missing")), 404, "session_not_found", "not_found_error");
        }

        [Fact]
        public async Task Approval_required_seed_exposes_pending_approvals()
        {
            var r = await Get(Api("/sessions/sess_Hm5rZ1xJ7c"));
            Assert.Equal("approval_required", r.Session.GetProperty("state").GetString());
            Assert.Equal(2, r.Session.GetProperty("pending_approvals").GetArrayLength());
        }

        [Fact]
        public async Task Escaped_slash_stays_one_segment_and_hits_session_route()
        {
            var r = await Get(Api("/sessions/a%2Fb"));
            AssertCanonicalError(r, 404, "session_not_found", "not_found_error");
            var entry = Sim.RequestLog.Last();
            Assert.Equal("/api/v1/sessions/a%2Fb", entry.RawPath);
            Assert.Equal(new[] { "sessions", "a/b" }, entry.PathSegments);

            // Would be /agents/{id}/sessions if the path were unescaped before splitting.
            var r2 = await Get(Api($"/agents/{RenewalAgent}%2Fsessions"));
            AssertCanonicalError(r2, 404, "agent_not_found", "not_found_error");
            Assert.Equal(new[] { "agents", RenewalAgent + "/sessions" }, Sim.RequestLog.Last().PathSegments);
        }

        [Fact]
        public async Task Escaped_question_mark_and_hash_are_part_of_the_id()
        {
            var r = await Get(Api("/sessions/x%3Fstream%3Dtrue%23y"));
            AssertCanonicalError(r, 404, "session_not_found", "not_found_error");
            var entry = Sim.RequestLog.Last();
            Assert.Equal("x?stream=true#y", entry.PathSegments[1]);
            Assert.Equal("", entry.Query);
        }

        [Fact]
        public async Task Non_stream_requests_on_stream_host_behave_like_api_host()
        {
            var r = await Get(Ws("/sessions/sess_Vk3nQ8wT2p"));
            Assert.Equal(200, r.Status);
            Assert.Equal("completed", r.Session.GetProperty("state").GetString());
            Assert.Equal("stream", Sim.RequestLog.Last().Host);
        }
    }
}
