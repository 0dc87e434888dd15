using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Agents;

/// <summary>The requests the agents administration and models client sends, and how it reads the documented answers.</summary>
public sealed class AgentClientRequestTests
{
    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    private static string[] Keys(JsonElement body) => body.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task List_filters_become_query_values_and_unset_ones_are_not_sent()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.json"));
        var query = new AgentListQuery { Search = "renew", Creator = "u1", HasTriggers = true, Tool = "gumloop_hubspot", SortOrder = "name_asc", IncludeLastUsed = true };
        var seen = new List<Agent>();

        await ctx.Client.ReadAgentsAsync(query, new PageRequest(PagingStyle.Cursor, "GET /agents"), null, seen.Add, CancellationToken.None);

        var request = ctx.Single();
        Assert.Equal("/api/v1/agents", request.Uri.AbsolutePath);
        Assert.Equal("renew", request.QueryValue("search"));
        Assert.Equal("u1", request.QueryValue("creator"));
        Assert.Equal("true", request.QueryValue("has_triggers"));
        Assert.Equal("gumloop_hubspot", request.QueryValue("tool"));
        Assert.Equal("name_asc", request.QueryValue("sort_order"));
        Assert.Equal("true", request.QueryValue("include_last_used"));
        Assert.Null(request.QueryValue("flow"));
        Assert.Null(request.QueryValue("include_last_updated"));
        Assert.Null(request.QueryValue("page_size"));
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task A_limit_with_a_filter_counts_matches_and_reads_on_to_the_next_page()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.paginated.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.json"));
        var page = new PageRequest(PagingStyle.Cursor, "GET /agents") { Limit = 1, PageSize = 100 };
        var seen = new List<Agent>();

        await ctx.Client.ReadAgentsAsync(new AgentListQuery(), page, a => a.Name == "Invoice checker", seen.Add, CancellationToken.None);

        Assert.Equal("Invoice checker", Assert.Single(seen).Name);
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.Equal("100", ctx.Handler.Requests[0].QueryValue("page_size"));
        Assert.NotNull(ctx.Handler.Requests[1].QueryValue("cursor"));
    }

    [Fact]
    public async Task Create_sends_only_the_fields_given_and_is_not_retried_without_a_chosen_id()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, TestPaths.ReadExample("agents.create.201.json"));
        var request = new NewAgentRequest("Renewal desk assistant", "auto")
        {
            SystemPrompt = "Be concise.",
            SkillIds = new[] { "skill_b2Lq8rTn" },
            Tools = new[] { new JsonMap { ["type"] = "gumcp_server", ["server_id"] = "gumloop_gmail" } },
        };

        Agent agent = await ctx.Client.CreateAgentAsync(request, CancellationToken.None);

        var sent = ctx.Single();
        Assert.Equal("POST", sent.Method);
        var body = BodyOf(sent);
        Assert.Equal(new[] { "model_name", "name", "skill_ids", "system_prompt", "tools" }, Keys(body));
        Assert.Equal("gumloop_gmail", body.GetProperty("tools")[0].GetProperty("server_id").GetString());
        Assert.Equal("r4Ts9Kq2MwX7bLn", agent.Id);
        Assert.Empty(agent.SkillIds!);
    }

    [Fact]
    public async Task Create_with_a_chosen_id_fetches_the_agent_when_a_retry_meets_409()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}");
        ctx.Handler.Respond(409, "{\"error\":{\"code\":\"agent_already_exists\",\"message\":\"exists\",\"type\":\"invalid_request_error\",\"param\":\"agent_id\",\"details\":{}}}");
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.retrieve.200.json"));

        Agent agent = await ctx.Client.CreateAgentAsync(new NewAgentRequest("x", "auto") { AgentId = "r4Ts9Kq2MwX7bLn" }, CancellationToken.None);

        Assert.Equal("r4Ts9Kq2MwX7bLn", agent.Id);
        Assert.Equal(new[] { "POST", "POST", "GET" }, ctx.Handler.Requests.Select(r => r.Method));
        Assert.Equal("r4Ts9Kq2MwX7bLn", BodyOf(ctx.Handler.Requests[0]).GetProperty("agent_id").GetString());
    }

    [Fact]
    public async Task Update_sends_exactly_the_fields_and_retire_sends_is_active_false()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.update.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.update.200.json"));

        await ctx.Client.UpdateAgentAsync("r4Ts9Kq2MwX7bLn", new JsonMap { ["description"] = null, ["model_name"] = "auto" }, CancellationToken.None);
        await ctx.Client.RetireAgentAsync("r4Ts9Kq2MwX7bLn", CancellationToken.None);

        Assert.All(ctx.Handler.Requests, r => Assert.Equal("PATCH", r.Method));
        Assert.Equal("{\"description\":null,\"model_name\":\"auto\"}", ctx.Handler.Requests[0].Body);
        Assert.Equal("{\"is_active\":false}", ctx.Handler.Requests[1].Body);
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn", ctx.Handler.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Versions_page_with_a_cursor_and_a_single_version_carries_its_changes()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.versions.list.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.versions.retrieve.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.versions.retrieve.200.first.json"));
        var listed = new List<AgentVersion>();

        PageResult result = await ctx.Client.ReadAgentVersionsAsync("r4Ts9Kq2MwX7bLn", new PageRequest(PagingStyle.Cursor, "versions") { Limit = 2 }, listed.Add, CancellationToken.None);
        AgentVersion v4 = await ctx.Client.GetAgentVersionAsync("r4Ts9Kq2MwX7bLn", "av_9Qe3Lr7N", CancellationToken.None);
        AgentVersion v1 = await ctx.Client.GetAgentVersionAsync("r4Ts9Kq2MwX7bLn", "av_0Fz6Yc1A", CancellationToken.None);

        Assert.Equal("2", ctx.Handler.Requests[0].QueryValue("page_size"));
        Assert.True(result.MoreAvailable);
        Assert.Equal(new[] { "av_9Qe3Lr7N", "av_2Tk8Hm5P" }, listed.Select(v => v.VersionId));
        Assert.True(listed[0].IsDeployed);
        Assert.False(listed[1].IsDeployed);
        Assert.Null(listed[0].Changes);
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn/versions/av_9Qe3Lr7N", ctx.Handler.Requests[1].Uri.AbsolutePath);

        Assert.Equal("av_2Tk8Hm5P", v4.BaseVersionId);
        Assert.Equal("auto", v4.ModelName);
        Assert.Equal(new[] { "field model_name changed", "field system_prompt changed", "tool gumloop_gmail added", "skill skill_x5Vd1kMc added" }, v4.Changes!.Select(c => c.ToString()));
        Assert.Equal("claude-sonnet-4-5", v4.Changes![0].OldValue);
        Assert.Single(v4.Changes![1].TextHunks!);
        Assert.Empty(v1.Changes!);
        Assert.False(v1.CompositionComplete);
    }

    [Fact]
    public async Task Skills_send_one_list_deduplicated_and_read_the_whole_set()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.skills.update.200.json"));

        AgentSkillUpdate update = await ctx.Client.UpdateAgentSkillsAsync("r4Ts9Kq2MwX7bLn", new[] { "skill_m7Pw3sZe", "skill_x5Vd1kMc", "skill_m7Pw3sZe" }, null, CancellationToken.None);

        var sent = ctx.Single();
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn/skills", sent.Uri.AbsolutePath);
        Assert.Equal("{\"attach\":[\"skill_m7Pw3sZe\",\"skill_x5Vd1kMc\"]}", sent.Body);
        Assert.Equal(3, update.SkillIds.Count);
        Assert.Equal("skill_m7Pw3sZe", Assert.Single(update.Attached));
        Assert.Equal("skill_x5Vd1kMc", Assert.Single(update.AlreadyAttached));
        Assert.Equal("skill_b2Lq8rTn, skill_x5Vd1kMc, skill_m7Pw3sZe", update.SkillIds.ToString());
    }

    [Fact]
    public async Task Skills_refuse_an_id_in_both_lists_and_too_many_ids_before_sending()
    {
        using var ctx = new TestContext();

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.UpdateAgentSkillsAsync("a", new[] { "s1" }, new[] { "s1" }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.UpdateAgentSkillsAsync("a", Enumerable.Range(0, 101).Select(i => "s" + i), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.UpdateAgentSkillsAsync("a", null, null, CancellationToken.None));

        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task Mcp_servers_list_attach_and_detach_use_their_routes()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.mcp_servers.list.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.mcp_servers.attach.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.mcp_servers.detach.200.json"));

        var listed = await ctx.Client.ListAgentMcpServersAsync("r4Ts9Kq2MwX7bLn", CancellationToken.None);
        var attached = await ctx.Client.AttachAgentMcpServerAsync("r4Ts9Kq2MwX7bLn", "gumloop_zendesk", new JsonMap { ["approval_mode"] = "always" }, CancellationToken.None);
        var detached = await ctx.Client.DetachAgentMcpServerAsync("r4Ts9Kq2MwX7bLn", "gumloop_zendesk", CancellationToken.None);

        Assert.Equal(new[] { "GET", "PUT", "DELETE" }, ctx.Handler.Requests.Select(r => r.Method));
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn/mcp-servers/gumloop_zendesk", ctx.Handler.Requests[1].Uri.AbsolutePath);
        Assert.Equal("{\"approval_mode\":\"always\"}", ctx.Handler.Requests[1].Body);
        Assert.Null(ctx.Handler.Requests[2].Body);
        Assert.Equal(new[] { "gumloop_hubspot", "gumloop_gmail" }, listed.Select(s => s.ServerId));
        Assert.All(listed, s => Assert.Equal("r4Ts9Kq2MwX7bLn", s.AgentId));
        Assert.Equal("always", listed[1].ApprovalMode);
        Assert.True(attached.Created);
        Assert.Equal("unauthenticated", attached.AuthStatus);
        Assert.Equal("always", attached.ApprovalMode);
        Assert.NotNull(attached.Config["restricted_tools"]);
        Assert.True(detached.Detached);
        Assert.Equal("gumloop_zendesk", detached.ServerId);
    }

    [Fact]
    public async Task Models_are_flattened_from_their_groups()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("models.list.200.json"));

        var models = await ctx.Client.ListModelsAsync("tm_x", CancellationToken.None);

        Assert.Equal("tm_x", ctx.Single().QueryValue("team_id"));
        Assert.Equal(new[] { "auto", "claude-sonnet-4-5", "gpt-4o-mini" }, models.Select(m => m.Id));
        Assert.Equal("Fast & cheap", models[2].GroupName);
        Assert.Equal("anthropic", models[1].Provider);
    }

    [Fact]
    public async Task Route_sends_the_documented_body_and_spends_credits_so_is_never_resent_after_a_5xx()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("models.route.200.json"));
        ctx.Handler.Respond(502, "{}");
        var request = new ModelRouteRequest("Compare these drafts")
        {
            Models = new[] { "claude-sonnet-4-5", "gpt-4.1" },
            History = new[] { new JsonMap { ["role"] = "user", ["content"] = "hi" } },
            Agent = new JsonMap { ["name"] = "Contracts" },
        };

        ModelRoute route = await ctx.Client.RouteModelAsync(request, CancellationToken.None);
        await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.RouteModelAsync(new ModelRouteRequest("again"), CancellationToken.None));

        var body = BodyOf(ctx.Handler.Requests[0]);
        Assert.Equal(new[] { "agent", "history", "input", "models" }, Keys(body));
        Assert.Equal("/api/v1/models/route", ctx.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.Equal("claude-sonnet-4-5", route.Model);
        Assert.Equal("escalated", route.Adjustment);
        Assert.Equal(new[] { "gpt-4.1", "gemini-2.5-pro" }, route.FallbackModels);
        Assert.Equal("restricted", route.Candidates[2].Status);
    }

    [Fact]
    public async Task Ids_go_through_the_path_escaper()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.mcp_servers.detach.200.json"));

        await ctx.Client.DetachAgentMcpServerAsync("a/b", "x?y", CancellationToken.None);

        Assert.Equal("/api/v1/agents/a%2Fb/mcp-servers/x%3Fy", ctx.Single().Uri.AbsolutePath);
    }
}
