using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorPagingTests : SimTestBase
    {
        public SimulatorPagingTests() : base(new SimulatorOptions { SeedData = false, ReplyDelay = TimeSpan.FromMilliseconds(20), PageSizeDefault = 4 })
        {
            Sim.AddAgent("agt_paging", "Paging agent");
        }

        private async Task<List<string>> Walk(string query, int pageSize, int maxPages = 50)
        {
            var ids = new List<string>();
            string? cursor = null;
            int pages = 0;
            do
            {
                var url = Api($"/agents/agt_paging/sessions?page_size={pageSize}{query}" + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                var r = await Get(url);
                Assert.Equal(200, r.Status);
                var items = r.Json.GetProperty("sessions");
                Assert.True(items.GetArrayLength() <= Math.Max(1, Math.Min(100, pageSize)));
                foreach (var s in items.EnumerateArray())
                {
                    Assert.Equal(0, s.GetProperty("messages").GetArrayLength());
                    Assert.False(s.TryGetProperty("participants", out _));
                    Assert.False(s.TryGetProperty("pending_approvals", out _));
                    ids.Add(s.GetProperty("id").GetString()!);
                }
                var next = r.Json.GetProperty("next_cursor");
                cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
                pages++;
            }
            while (cursor != null && pages < maxPages);
            return ids;
        }

        [Fact]
        public async Task Walk_returns_every_session_once_newest_first()
        {
            var created = new List<string>();
            for (int i = 0; i < 11; i++)
            {
                var r = await Post(Api("/agents/agt_paging/sessions"), new { name = "s" + i });
                created.Add(r.Session.GetProperty("id").GetString()!);
            }
            var walked = await Walk("", 3);
            Assert.Equal(Enumerable.Reverse(created), walked);
        }

        [Fact]
        public async Task Page_size_is_clamped_and_defaults_from_options()
        {
            for (int i = 0; i < 6; i++) await Post(Api("/agents/agt_paging/sessions"), new { });
            var zero = await Get(Api("/agents/agt_paging/sessions?page_size=0"));
            Assert.Equal(1, zero.Json.GetProperty("sessions").GetArrayLength());
            var big = await Get(Api("/agents/agt_paging/sessions?page_size=1000"));
            Assert.Equal(6, big.Json.GetProperty("sessions").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, big.Json.GetProperty("next_cursor").ValueKind);
            var dflt = await Get(Api("/agents/agt_paging/sessions"));
            Assert.Equal(4, dflt.Json.GetProperty("sessions").GetArrayLength());
            AssertCanonicalError(await Get(Api("/agents/agt_paging/sessions?cursor=%%%")), 400, "invalid_cursor", "invalid_request_error");
            AssertCanonicalError(await Get(Api("/agents/ghost/sessions")), 404, "agent_not_found", "not_found_error");
        }

        [Fact]
        public async Task Filters_by_search_state_and_type()
        {
            await Post(Api("/agents/agt_paging/sessions"), new { name = "Alpha renewal" });
            await Post(Api("/agents/agt_paging/sessions"), new { name = "Beta", input = "talk about GAMMA please sim:delay=5000" });
            await Post(Api("/agents/agt_paging/sessions"), new { name = "Delta" });
            Assert.Single(await Walk("&search=alpha", 10));
            Assert.Single(await Walk("&search_query=gamma", 10));
            Assert.Single(await Walk("&state=processing", 10));
            Assert.Equal(2, (await Walk("&state=idle", 10)).Count);
            Assert.Equal(3, (await Walk("&type=api", 10)).Count);
            Assert.Empty(await Walk("&type=slack", 10));
        }

        [Fact]
        public async Task Seed_data_off_has_only_added_agents_and_no_sessions()
        {
            var agents = await Get(Api("/agents"));
            Assert.Equal("agt_paging", Assert.Single(agents.Json.GetProperty("agents").EnumerateArray()).GetProperty("id").GetString());
            Assert.Empty(await Walk("", 10));
            Assert.Equal(404, (await Get(Api("/sessions/sess_Vk3nQ8wT2p"))).Status);
        }

        [Fact]
        public async Task Cursor_survives_new_sessions_created_mid_walk()
        {
            for (int i = 0; i < 5; i++) await Post(Api("/agents/agt_paging/sessions"), new { });
            var first = await Get(Api("/agents/agt_paging/sessions?page_size=2"));
            var cursor = first.Json.GetProperty("next_cursor").GetString()!;
            await Post(Api("/agents/agt_paging/sessions"), new { });
            var second = await Get(Api("/agents/agt_paging/sessions?page_size=10&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(3, second.Json.GetProperty("sessions").GetArrayLength());
        }
    }
}
