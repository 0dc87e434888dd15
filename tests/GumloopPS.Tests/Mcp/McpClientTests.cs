using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Mcp;

/// <summary>The MCP requests as the simulator receives them, and how results and states come back.</summary>
public sealed class McpClientTests : IDisposable
{
    private readonly SimClient _ctx = new SimClient();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Servers_list_and_retrieve_with_the_team_in_the_query()
    {
        var servers = await _ctx.Client.ListMcpServersAsync("tm_5c2d8e17", CancellationToken.None);
        Assert.Contains("team_id=tm_5c2d8e17", _ctx.ApiLog.Last().Query, StringComparison.Ordinal);
        Assert.Contains(servers, s => s.ServerId == "gumloop_zendesk" && !s.IsConnected);
        Assert.All(servers, s => Assert.Null(s.AllowedToolCallIds));

        var hubspot = await _ctx.Client.GetMcpServerAsync("gumloop_hubspot", null, CancellationToken.None);
        Assert.Equal("/api/v1/mcp/servers/gumloop_hubspot", _ctx.ApiLog.Last().Path);
        Assert.Contains("gumloop_hubspot__hubspot_get_company", hubspot.AllowedToolCallIds!.Cast<string>());
    }

    [Fact]
    public async Task A_server_that_is_not_connected_lists_no_tools_and_says_where_to_connect_it()
    {
        var list = await _ctx.Client.ListMcpToolsAsync("gumloop_zendesk", null, CancellationToken.None);
        Assert.True(list.NeedsConnection);
        Assert.Empty(list.Items);
        Assert.Equal("https://www.gumloop.com/settings/profile/connectors?server=gumloop_zendesk", list.AuthUrl);

        var gmail = await _ctx.Client.ListMcpToolsAsync("gmail", null, CancellationToken.None);
        Assert.False(gmail.NeedsConnection);
        Assert.Equal("to*, subject*, body", gmail.Items.Single(t => t.Name == "gmail_send_email").Parameters);
    }

    [Fact]
    public async Task Calls_carry_refs_arguments_and_the_team_in_the_body_and_results_come_back_in_call_order()
    {
        var calls = new[]
        {
            new McpToolCall("gumloop_zendesk", "zendesk_list_tickets"),
            new McpToolCall("gumloop_hubspot", "hubspot_get_company", new JsonMap { ["domain"] = "northwindtraders.example" }, "company"),
        };
        var results = await _ctx.Client.CallMcpToolsAsync(calls, "tm_5c2d8e17", CancellationToken.None);

        var post = _ctx.ApiLog.Single(r => r.Method == "POST");
        Assert.Equal(207, post.StatusCode);
        using var body = JsonDocument.Parse(post.Body!);
        Assert.Equal("tm_5c2d8e17", body.RootElement.GetProperty("team_id").GetString());
        var sent = body.RootElement.GetProperty("calls");
        Assert.Equal("0", sent[0].GetProperty("ref").GetString());
        Assert.Equal(JsonValueKind.Object, sent[0].GetProperty("arguments").ValueKind);
        Assert.Equal("northwindtraders.example", sent[1].GetProperty("arguments").GetProperty("domain").GetString());

        Assert.Equal(new[] { "0", "company" }, results.Select(r => r.Ref).ToArray());
        Assert.Equal("auth_required", results[0].ErrorCode);
        Assert.Equal("https://www.gumloop.com/settings/profile/connectors?server=gumloop_zendesk", results[0].AuthUrl);
        Assert.True(results[1].Succeeded);
        var data = Assert.IsType<JsonMap>(results[1].Data);
        Assert.Equal(420L, data["employees"]);
        Assert.StartsWith("{", results[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_failed_is_200_and_per_call_errors_are_results_not_exceptions()
    {
        var results = await _ctx.Client.CallMcpToolsAsync(new[]
        {
            new McpToolCall("mcp_6Rk2Wn8x", "quote_price", new JsonMap { ["sku"] = "NW-1" }),
            new McpToolCall("gmail", "no_such_tool"),
            new McpToolCall("gmail", "gmail_send_email", new JsonMap { ["to"] = "a@b.example" }),
        }, null, CancellationToken.None);

        Assert.Equal(200, _ctx.ApiLog.Last().StatusCode);
        Assert.Equal(new[] { "mcp_server_http_error", "tool_not_allowed", "tool_execution_failed" }, results.Select(r => r.ErrorCode).ToArray());
        Assert.Empty(_ctx.Sim.SentMailSubjects);
    }

    [Fact]
    public async Task More_than_five_calls_or_none_are_refused_before_sending()
    {
        var six = Enumerable.Range(0, 6).Select(_ => new McpToolCall("gmail", "gmail_search_messages")).ToArray();
        await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client.CallMcpToolsAsync(six, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client.CallMcpToolsAsync(Array.Empty<McpToolCall>(), null, CancellationToken.None));
        Assert.Empty(_ctx.ApiLog);
    }

    [Fact]
    public async Task Resources_page_by_cursor_and_read_text_and_blob()
    {
        var resources = new List<McpResource>();
        await _ctx.Client.ListMcpResourcesAsync("gumloop_hubspot", null, resources.Add, CancellationToken.None);
        Assert.Equal(3, resources.Count);
        Assert.Equal(2, _ctx.ApiLog.Count);
        Assert.Contains("cursor=", _ctx.ApiLog[1].Query, StringComparison.Ordinal);
        Assert.DoesNotContain("page_size", _ctx.ApiLog[0].Query, StringComparison.Ordinal);

        var contents = await _ctx.Client.ReadMcpResourceAsync("gumloop_hubspot", "hubspot://pipelines/renewals", null, CancellationToken.None);
        Assert.Contains("uri=hubspot%3A%2F%2Fpipelines%2Frenewals", _ctx.ApiLog.Last().Query, StringComparison.Ordinal);
        Assert.False(contents[0].IsBlob);
        Assert.Contains("Discovery", contents[0].Text, StringComparison.Ordinal);
        Assert.True(contents[1].IsBlob);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, contents[1].GetBytes().Take(4).ToArray());

        var missing = await Assert.ThrowsAsync<GumloopApiException>(() => _ctx.Client.ReadMcpResourceAsync("gumloop_zendesk", "zendesk://x", null, CancellationToken.None));
        Assert.Equal(409, missing.StatusCode);
    }

    [Fact]
    public async Task Prompts_list_and_render_with_arguments_always_sent()
    {
        var prompts = await _ctx.Client.ListMcpPromptsAsync("gumloop_hubspot", null, CancellationToken.None);
        Assert.Equal("deal_id*, tone", prompts.Items.Single().Arguments.ToString());

        var rendered = await _ctx.Client.GetMcpPromptAsync("gumloop_hubspot", "summarize_deal", new JsonMap { ["deal_id"] = "88213" }, null, CancellationToken.None);
        Assert.Contains("deal 88213", rendered.Text, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(_ctx.ApiLog.Last().Body!);
        Assert.Equal("summarize_deal", body.RootElement.GetProperty("name").GetString());

        await Assert.ThrowsAsync<GumloopApiException>(() => _ctx.Client.GetMcpPromptAsync("gumloop_hubspot", "summarize_deal", null, null, CancellationToken.None));
        using var empty = JsonDocument.Parse(_ctx.ApiLog.Last().Body!);
        Assert.Equal(JsonValueKind.Object, empty.RootElement.GetProperty("arguments").ValueKind);
    }
}
