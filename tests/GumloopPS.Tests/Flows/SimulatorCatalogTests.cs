using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>The routes the simulator serves for Invoke-GumloopApi: teams, skills and agent versions.</summary>
public class SimulatorCatalogTests : SimTestBase
{
    [Fact]
    public async Task TeamsMatchTheExampleShape()
    {
        var r = await Get(Api("/teams"));
        Assert.Equal(200, r.Status);
        var teams = r.Json.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal(new[] { Sim.TeamId, "tm_a93f0b42" }, teams.Select(t => t.GetProperty("id").GetString()));
        Assert.Equal("Revenue Ops", teams[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task VersionsPageWithCursorsNewestFirst()
    {
        var majors = new List<int>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var r = await Get(Api($"/agents/{RenewalAgent}/versions?page_size=2" + (cursor == null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            Assert.Equal(200, r.Status);
            pages++;
            majors.AddRange(r.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("major_version").GetInt32()));
            var next = r.Json.GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor != null);

        Assert.Equal(4, pages);
        Assert.Equal(new[] { 7, 6, 5, 4, 3, 2, 1 }, majors);
    }

    [Fact]
    public async Task AVersionCanBeRetrievedAndCarriesTheCreator()
    {
        var list = await Get(Api($"/agents/{RenewalAgent}/versions"));
        var first = list.Json.GetProperty("versions")[0];
        Assert.True(first.GetProperty("is_deployed").GetBoolean());
        Assert.Equal("Priya", first.GetProperty("creator").GetProperty("first_name").GetString());
        Assert.Equal(JsonValueKind.Null, list.Json.GetProperty("next_cursor").ValueKind);

        var one = await Get(Api($"/agents/{RenewalAgent}/versions/{first.GetProperty("id").GetString()}"));
        Assert.Equal(200, one.Status);
        Assert.Equal(7, one.Json.GetProperty("version").GetProperty("major_version").GetInt32());
        // Only an agent's first version has null changes; a later one is diffed against the one before.
        Assert.Equal("av_r4Ts6", one.Json.GetProperty("changes").GetProperty("base_version_id").GetString());
    }

    [Fact]
    public async Task VersionErrors()
    {
        AssertCanonicalError(await Get(Api("/agents/nope/versions")), 404, "agent_not_found", "not_found_error");
        AssertCanonicalError(await Get(Api($"/agents/{RenewalAgent}/versions?cursor=garbage")), 400, "invalid_cursor", "invalid_request_error");
        AssertCanonicalError(await Get(Api($"/agents/{RenewalAgent}/versions?page_size=ten")), 400, "invalid_page_size", "invalid_request_error");
        AssertCanonicalError(await Get(Api($"/agents/{RenewalAgent}/versions/av_nope")), 404, "version_not_found", "not_found_error");
    }

    [Fact]
    public async Task SkillsPageAndSearch()
    {
        var first = await Get(Api("/skills?page_size=2"));
        Assert.Equal(200, first.Status);
        Assert.Equal(2, first.Json.GetProperty("skills").GetArrayLength());
        Assert.Equal(3, first.Json.GetProperty("total_count").GetInt32());
        var cursor = first.Json.GetProperty("next_cursor").GetString()!;
        var second = await Get(Api("/skills?page_size=2&cursor=" + Uri.EscapeDataString(cursor)));
        Assert.Equal(1, second.Json.GetProperty("skills").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("next_cursor").ValueKind);

        var search = await Get(Api("/skills?search_query=SLA"));
        Assert.Equal("sla-lookup", search.Json.GetProperty("skills")[0].GetProperty("name").GetString());
        Assert.Equal(1, search.Json.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task PageSizeIsClamped()
    {
        var r = await Get(Api("/skills?page_size=0"));
        Assert.Equal(1, r.Json.GetProperty("skills").GetArrayLength());
        var big = await Get(Api($"/agents/{RenewalAgent}/versions?page_size=500"));
        Assert.Equal(7, big.Json.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task RoutesWithoutAHandlerStayTheCanonical404()
    {
        AssertCanonicalError(await Get(Api("/no-such-collection")), 404, "not_found", "not_found_error");
        AssertCanonicalError(await Send(System.Net.Http.HttpMethod.Delete, Api("/teams")), 404, "not_found", "not_found_error");
    }
}
