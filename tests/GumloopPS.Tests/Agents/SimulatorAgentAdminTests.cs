using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Agents;

/// <summary>The simulator keeps agent state: what create makes, get returns, update changes and retire removes.</summary>
public sealed class SimulatorAgentAdminTests : SimTestBase
{
    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private async Task<string[]> ListedIds(string query = "")
    {
        var r = await Get(Api("/agents" + query));
        Assert.Equal(200, r.Status);
        return r.Json.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
    }

    [Fact]
    public async Task A_created_agent_is_listed_read_updated_and_once_retired_gone_for_good()
    {
        var created = await Post(Api("/agents"), new { name = "Pilot desk", model_name = "auto", system_prompt = "Hi.", skill_ids = new[] { "skill_b2Lq8rTn" }, metadata = new { pilot = true } });
        Assert.Equal(201, created.Status);
        var id = created.Json.GetProperty("agent").GetProperty("id").GetString()!;
        Assert.Equal(new[] { "skill_b2Lq8rTn" }, Strings(created.Json.GetProperty("agent").GetProperty("skill_ids")));
        Assert.Contains(id, await ListedIds());
        Assert.Equal(new[] { id }, await ListedIds("?search=pilot%20DESK"));

        var updated = await Patch(Api($"/agents/{id}"), new { model_name = "gpt-4o-mini" });
        Assert.Equal(200, updated.Status);
        var agent = (await Get(Api($"/agents/{id}"))).Json.GetProperty("agent");
        Assert.Equal("gpt-4o-mini", agent.GetProperty("model_name").GetString());
        Assert.Equal("Hi.", agent.GetProperty("system_prompt").GetString());

        var retired = await Patch(Api($"/agents/{id}"), new { is_active = false });
        Assert.Equal(200, retired.Status);
        Assert.False(retired.Json.GetProperty("agent").GetProperty("is_active").GetBoolean());
        Assert.DoesNotContain(id, await ListedIds());
        AssertCanonicalError(await Get(Api($"/agents/{id}")), 404, "agent_not_found", "not_found_error");
        AssertCanonicalError(await Patch(Api($"/agents/{id}"), new { is_active = true }), 404, "agent_not_found", "not_found_error");
    }

    [Fact]
    public async Task Create_with_an_unknown_skill_fails_whole_and_makes_no_agent()
    {
        var before = await ListedIds();
        var r = await Post(Api("/agents"), new { name = "Orphan", model_name = "auto", skill_ids = new[] { "skill_b2Lq8rTn", "skill_ghost" } });
        AssertCanonicalError(r, 400, "skill_not_found", "invalid_request_error");
        Assert.Equal(new[] { "skill_ghost" }, Strings(r.Json.GetProperty("error").GetProperty("details").GetProperty("skill_ids")));
        Assert.Equal(before, await ListedIds());
    }

    [Fact]
    public async Task Each_change_saves_a_version_whose_changes_name_it()
    {
        var created = await Post(Api("/agents"), new { name = "Versioned", model_name = "auto" });
        var id = created.Json.GetProperty("agent").GetProperty("id").GetString()!;
        Assert.Equal(200, (await Patch(Api($"/agents/{id}"), new { model_name = "gpt-4.1" })).Status);
        Assert.Equal(200, (await Patch(Api($"/agents/{id}/skills"), new { attach = new[] { "skill_p7Tr4nGe" } })).Status);

        var list = (await Get(Api($"/agents/{id}/versions"))).Json.GetProperty("versions");
        Assert.Equal(new[] { 3, 2, 1 }, list.EnumerateArray().Select(v => v.GetProperty("major_version").GetInt32()));
        Assert.True(list[0].GetProperty("is_deployed").GetBoolean());

        var second = (await Get(Api($"/agents/{id}/versions/{list[1].GetProperty("id").GetString()}"))).Json;
        var model = second.GetProperty("changes").GetProperty("field_changes").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "model_name");
        Assert.Equal("auto", model.GetProperty("old_value").GetString());
        Assert.Equal("gpt-4.1", model.GetProperty("new_value").GetString());
        var third = (await Get(Api($"/agents/{id}/versions/{list[0].GetProperty("id").GetString()}"))).Json;
        var skill = Assert.Single(third.GetProperty("changes").GetProperty("skill_changes").EnumerateArray());
        Assert.Equal("skill_p7Tr4nGe", skill.GetProperty("skill_id").GetString());
        Assert.Equal("added", skill.GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_filters_by_tool_flow_creator_and_triggers()
    {
        Assert.Equal(new[] { RenewalAgent, SalesAgent }.OrderBy(x => x), (await ListedIds("?tool=gumloop_hubspot")).OrderBy(x => x));
        Assert.Equal(new[] { RenewalAgent }, await ListedIds("?tool=gumloop_gmail"));
        Assert.Equal(new[] { RenewalAgent }, await ListedIds("?has_triggers=true"));
        Assert.Equal(new[] { SalesAgent }, await ListedIds("?creator=Jt6Rb0WqN8eKs2LfZx5Ma9VcPd1H"));
        Assert.Empty(await ListedIds("?flow=fL4nT8wQ2xVd7kRb"));
        var created = await Post(Api("/agents"), new { name = "Flow user", model_name = "auto", tools = new[] { new { type = "flow", saved_item_id = "fL4nT8wQ2xVd7kRb" } } });
        Assert.Equal(new[] { created.Json.GetProperty("agent").GetProperty("id").GetString() }, await ListedIds("?flow=fL4nT8wQ2xVd7kRb"));
    }

    [Fact]
    public async Task Skills_attach_and_detach_are_deltas_that_report_what_changed()
    {
        var r = await Patch(Api($"/agents/{RenewalAgent}/skills"), new { attach = new[] { "skill_p7Tr4nGe", "skill_x5Vd1kMc" } });
        Assert.Equal(200, r.Status);
        Assert.Equal(new[] { "skill_b2Lq8rTn", "skill_x5Vd1kMc", "skill_p7Tr4nGe" }, Strings(r.Json.GetProperty("skill_ids")));
        Assert.Equal(new[] { "skill_p7Tr4nGe" }, Strings(r.Json.GetProperty("attached")));
        Assert.Equal(new[] { "skill_x5Vd1kMc" }, Strings(r.Json.GetProperty("already_attached")));

        r = await Patch(Api($"/agents/{RenewalAgent}/skills"), new { detach = new[] { "skill_b2Lq8rTn", "skill_never" } });
        Assert.Equal(new[] { "skill_x5Vd1kMc", "skill_p7Tr4nGe" }, Strings(r.Json.GetProperty("skill_ids")));
        Assert.Equal(new[] { "skill_never" }, Strings(r.Json.GetProperty("already_detached")));
        var agent = (await Get(Api($"/agents/{RenewalAgent}"))).Json.GetProperty("agent");
        Assert.Equal(new[] { "skill_x5Vd1kMc", "skill_p7Tr4nGe" }, Strings(agent.GetProperty("skill_ids")));
    }

    [Fact]
    public async Task Skills_refuse_unknown_ids_overlaps_and_wrong_shapes_without_applying_anything()
    {
        var r = await Patch(Api($"/agents/{RenewalAgent}/skills"), new { attach = new[] { "skill_p7Tr4nGe", "skill_doesnotexist" } });
        AssertCanonicalError(r, 400, "skill_not_found", "invalid_request_error");
        Assert.Equal("attach", r.Json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(new[] { "skill_doesnotexist" }, Strings(r.Json.GetProperty("error").GetProperty("details").GetProperty("skill_ids")));
        AssertCanonicalError(await Patch(Api($"/agents/{RenewalAgent}/skills"), new { attach = new[] { "skill_p7Tr4nGe" }, detach = new[] { "skill_p7Tr4nGe" } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Patch(Api($"/agents/{RenewalAgent}/skills"), new { attach = "skill_p7Tr4nGe" }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Patch(Api($"/agents/{RenewalAgent}/skills"), new { attach = Enumerable.Range(0, 101).Select(i => "s" + i).ToArray() }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Patch(Api("/agents/ghost/skills"), new { attach = new[] { "skill_p7Tr4nGe" } }), 404, "agent_not_found", "not_found_error");
        var agent = (await Get(Api($"/agents/{RenewalAgent}"))).Json.GetProperty("agent");
        Assert.Equal(new[] { "skill_b2Lq8rTn", "skill_x5Vd1kMc" }, Strings(agent.GetProperty("skill_ids")));
    }

    [Fact]
    public async Task Mcp_servers_upsert_keep_identity_from_the_catalogue_and_detach_idempotently()
    {
        var url = Api($"/agents/{SalesAgent}/mcp-servers/gumloop_zendesk");
        var first = await Send(HttpMethod.Put, url, Body(new { approval_mode = "always", type = "mcp_server", secret_id = "sec_x", restricted_tools = new[] { "zendesk_delete_ticket" } }));
        Assert.Equal(200, first.Status);
        Assert.True(first.Json.GetProperty("created").GetBoolean());
        Assert.Equal("unauthenticated", first.Json.GetProperty("auth_status").GetString());
        var server = first.Json.GetProperty("mcp_server");
        Assert.Equal("gumcp_server", server.GetProperty("type").GetString());
        Assert.False(server.TryGetProperty("secret_id", out _));

        var second = await Send(HttpMethod.Put, url, Body(new { approval_mode = "off" }));
        Assert.False(second.Json.GetProperty("created").GetBoolean());
        var listed = (await Get(Api($"/agents/{SalesAgent}/mcp-servers"))).Json.GetProperty("mcp_servers");
        var zendesk = Assert.Single(listed.EnumerateArray(), s => s.GetProperty("server_id").GetString() == "gumloop_zendesk");
        Assert.Equal("off", zendesk.GetProperty("approval_mode").GetString());
        Assert.False(zendesk.TryGetProperty("restricted_tools", out _));
        Assert.Equal(new[] { SalesAgent }, await ListedIds("?tool=gumloop_zendesk"));

        var detached = await Send(HttpMethod.Delete, url);
        Assert.True(detached.Json.GetProperty("detached").GetBoolean());
        var again = await Send(HttpMethod.Delete, url);
        Assert.Equal(200, again.Status);
        Assert.False(again.Json.GetProperty("detached").GetBoolean());
        Assert.Empty(await ListedIds("?tool=gumloop_zendesk"));
    }

    [Fact]
    public async Task Mcp_attach_refuses_servers_outside_the_catalogue_restricted_and_ambiguous_ones()
    {
        AssertCanonicalError(await Send(HttpMethod.Put, Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_unknown"), Body(new { })), 404, "mcp_server_not_found", "not_found_error");
        AssertCanonicalError(await Send(HttpMethod.Put, Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_salesforce")), 403, "mcp_server_restricted", "permission_error");
        AssertCanonicalError(await Send(HttpMethod.Put, Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_slack")), 409, "ambiguous_mcp_server", "invalid_request_error");
        AssertCanonicalError(await Send(HttpMethod.Put, Api($"/agents/{RenewalAgent}/mcp-servers/gumloop_zendesk"), RawBody("[1]")), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Send(HttpMethod.Put, Api("/agents/ghost/mcp-servers/gumloop_zendesk")), 404, "agent_not_found", "not_found_error");
    }

    [Fact]
    public async Task The_router_decides_by_the_message_and_the_candidates()
    {
        var shortRoute = await Post(Api("/models/route"), new { input = "hi" });
        Assert.Equal(200, shortRoute.Status);
        Assert.Equal("gpt-4o-mini", shortRoute.Json.GetProperty("route").GetProperty("model").GetString());
        Assert.Equal("light", shortRoute.Json.GetProperty("route").GetProperty("verdict_lane").GetString());

        var escalated = await Post(Api("/models/route"), new { message = new[] { new { type = "text", text = "hi" } }, models = new[] { "claude-sonnet-4-5", "gpt-4.1", "claude-opus-4-1" } });
        var route = escalated.Json.GetProperty("route");
        Assert.Equal("claude-sonnet-4-5", route.GetProperty("model").GetString());
        Assert.Equal("escalated", route.GetProperty("adjustment").GetString());
        Assert.Equal(new[] { "gpt-4.1" }, Strings(route.GetProperty("fallback_models")));
        Assert.Equal("restricted", escalated.Json.GetProperty("candidates")[2].GetProperty("status").GetString());

        var deep = await Post(Api("/models/route"), new { input = "Analyse the architecture of our renewal process and plan the migration.", models = new[] { "gpt-4o-mini", "gpt-4.1" } });
        Assert.Equal("downgraded", deep.Json.GetProperty("route").GetProperty("adjustment").GetString());
        Assert.Equal("gpt-4.1", deep.Json.GetProperty("route").GetProperty("model").GetString());
    }

    [Fact]
    public async Task The_router_validates_its_strict_body_and_answers_402_without_credits()
    {
        AssertCanonicalError(await Post(Api("/models/route"), new { }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", temperature = 1 }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", models = new[] { "auto" } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", models = new[] { "gpt-4.1", "gpt-4.1" } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", history = new[] { new { role = "system", content = "x" } } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", history = new[] { new { role = "user", content = "x", model = "gpt-4.1" } } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", agent = new { name = "a", tools = "b" } }), 400, "invalid_request", "invalid_request_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "x", models = new[] { "claude-opus-4-1" } }), 403, "permission_denied", "permission_error");
        AssertCanonicalError(await Post(Api("/models/route"), new { input = "route this sim:no-credits" }), 402, "insufficient_credits", "invalid_request_error");
    }
}
