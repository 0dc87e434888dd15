using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>Agent versions carry their composition and a diff against the version before; the reserved aliases resolve.</summary>
    public sealed class SimulatorAgentVersionTests : SimTestBase
    {
        private async Task<JsonElement> Version(string agentId, int major)
        {
            var r = await Get(Api($"/agents/{agentId}/versions/av_{agentId.Substring(0, 4)}{major}"));
            Assert.Equal(200, r.Status);
            return r.Json;
        }

        [Fact]
        public async Task Every_version_has_a_composition_and_only_the_first_has_null_changes()
        {
            for (int major = 1; major <= 7; major++)
            {
                var v = await Version(RenewalAgent, major);
                var composition = v.GetProperty("version").GetProperty("composition");
                Assert.Equal("Renewal desk assistant", composition.GetProperty("name").GetString());
                Assert.Equal(JsonValueKind.Array, composition.GetProperty("tools").ValueKind);
                if (major == 1)
                {
                    Assert.Equal(JsonValueKind.Null, v.GetProperty("changes").ValueKind);
                    Assert.False(composition.GetProperty("complete").GetBoolean());
                    Assert.Equal(JsonValueKind.Null, composition.GetProperty("skill_ids").ValueKind);
                }
                else
                {
                    var changes = v.GetProperty("changes");
                    Assert.Equal($"av_r4Ts{major - 1}", changes.GetProperty("base_version_id").GetString());
                    Assert.True(composition.GetProperty("complete").GetBoolean());
                    Assert.Equal(major > 2, changes.GetProperty("attachment_changes_complete").GetBoolean());
                }
            }
        }

        [Fact]
        public async Task The_deployed_version_is_the_agent_as_it_is_now_and_its_diff_matches_the_two_compositions()
        {
            var agent = (await Get(Api($"/agents/{RenewalAgent}"))).Json.GetProperty("agent");
            var latest = await Version(RenewalAgent, 7);
            var previous = (await Version(RenewalAgent, 6)).GetProperty("version").GetProperty("composition");
            var now = latest.GetProperty("version").GetProperty("composition");
            Assert.True(latest.GetProperty("version").GetProperty("is_deployed").GetBoolean());
            Assert.Equal(agent.GetProperty("system_prompt").GetString(), now.GetProperty("system_prompt").GetString());
            Assert.Equal(agent.GetProperty("tools").GetRawText(), now.GetProperty("tools").GetRawText());
            Assert.Equal(agent.GetProperty("skill_ids").GetRawText(), now.GetProperty("skill_ids").GetRawText());

            var changes = latest.GetProperty("changes");
            var model = changes.GetProperty("field_changes").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "model_name");
            Assert.Equal(previous.GetProperty("model_name").GetString(), model.GetProperty("old_value").GetString());
            Assert.Equal(now.GetProperty("model_name").GetString(), model.GetProperty("new_value").GetString());
            var hunk = changes.GetProperty("field_changes").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "system_prompt")
                .GetProperty("text_hunks")[0];
            string oldPrompt = previous.GetProperty("system_prompt").GetString()!;
            string newPrompt = now.GetProperty("system_prompt").GetString()!;
            int os = hunk.GetProperty("old_start").GetInt32(), oe = hunk.GetProperty("old_end").GetInt32();
            int ns = hunk.GetProperty("new_start").GetInt32(), ne = hunk.GetProperty("new_end").GetInt32();
            Assert.Equal(hunk.GetProperty("old_text").GetString(), oldPrompt.Substring(os, oe - os));
            Assert.Equal(hunk.GetProperty("new_text").GetString(), newPrompt.Substring(ns, ne - ns));
            Assert.Equal(newPrompt, oldPrompt.Substring(0, os) + hunk.GetProperty("new_text").GetString() + oldPrompt.Substring(oe));

            var added = changes.GetProperty("tool_changes").EnumerateArray().Single();
            Assert.Equal("added", added.GetProperty("status").GetString());
            Assert.Equal("gumloop_gmail", added.GetProperty("identity").GetProperty("server_id").GetString());
            Assert.Equal(now.GetProperty("tools").GetArrayLength() - 1, added.GetProperty("new_position").GetInt32());
            var skill = changes.GetProperty("skill_changes").EnumerateArray().Single();
            Assert.Equal("skill_x5Vd1kMc", skill.GetProperty("skill_id").GetString());
            Assert.Equal("added", skill.GetProperty("status").GetString());
        }

        [Fact]
        public async Task An_agent_with_one_version_has_a_complete_composition_and_no_changes()
        {
            var v = await Version(InvoiceAgent, 1);
            Assert.True(v.GetProperty("version").GetProperty("composition").GetProperty("complete").GetBoolean());
            Assert.Equal(JsonValueKind.Null, v.GetProperty("changes").ValueKind);
            Assert.Equal(404, (await Get(Api($"/agents/{InvoiceAgent}/versions/av_Gz8p2"))).Status);
        }

        [Theory]
        [InlineData("gumball", "Gumball")]
        [InlineData("analytics", "Analytics")]
        public async Task A_reserved_alias_answers_with_the_callers_own_copy_under_the_alias(string alias, string name)
        {
            var first = await Get(Api($"/agents/{alias}"));
            Assert.Equal(200, first.Status);
            var agent = first.Json.GetProperty("agent");
            Assert.Equal(alias, agent.GetProperty("id").GetString());
            Assert.Equal(name, agent.GetProperty("name").GetString());
            // Created on first use, then the same copy: a rename sticks.
            Assert.Equal(200, (await Patch(Api($"/agents/{alias}"), new { description = "Mine" })).Status);
            var again = (await Get(Api($"/agents/{alias}"))).Json.GetProperty("agent");
            Assert.Equal("Mine", again.GetProperty("description").GetString());
            // Agent-scoped routes accept it too, and the copy is not one of the caller's listed agents.
            Assert.Equal(200, (await Get(Api($"/agents/{alias}/versions"))).Status);
            Assert.Equal(202, (await Post(Api($"/agents/{alias}/sessions"), new { input = "hi" })).Status);
            var listed = (await Get(Api("/agents"))).Json.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.DoesNotContain(alias, listed);
            Assert.Contains(Sim.RequestLog, e => e.PathSegments.Count == 2 && e.PathSegments[1] == alias);
        }

        [Fact]
        public async Task Each_user_gets_a_copy_of_their_own()
        {
            var mine = (await Get(Api("/agents/gumball"))).Json.GetProperty("agent");
            Assert.Equal(200, (await Patch(Api("/agents/gumball"), new { description = "Priya's" })).Status);
            var otherKey = Sim.AddUser("u_second_gumball", "Ana", "Lee");
            var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(otherKey);
            string key;
            try { key = System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; } finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
            using var other = NewClient(key, "u_second_gumball");
            var theirs = (await Get(Api("/agents/gumball"), other)).Json.GetProperty("agent");
            Assert.Equal("gumball", theirs.GetProperty("id").GetString());
            Assert.NotEqual("Priya's", theirs.GetProperty("description").GetString());
            Assert.Equal("gumball", mine.GetProperty("id").GetString());
        }
    }
}
