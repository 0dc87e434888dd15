using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>What the flow calls put on the wire: scope, ids and inputs where the legacy endpoints expect them.</summary>
public class FlowClientTests
{
    private const string StartAnswer = "{\"run_id\":\"r1\",\"saved_item_id\":\"f1\",\"workbook_id\":\"w1\",\"url\":\"https://x\"}";

    private static JsonElement Body(RecordedRequest request)
    {
        using JsonDocument doc = JsonDocument.Parse(request.Body!);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task StartSendsInputsAsTopLevelKeysWithUserId()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, StartAnswer);
        var inputs = new Dictionary<string, object?>
        {
            ["account_domain"] = "northwindtraders.example",
            ["limits"] = new JsonMap { ["pages"] = 3L },
            ["tags"] = new List<object?> { "a", "b" },
        };

        var run = await ctx.Client.StartFlowAsync("f1", inputs, CancellationToken.None);

        var request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.EndsWith("/start_pipeline", request.Uri.AbsolutePath, StringComparison.Ordinal);
        var body = Body(request);
        Assert.Equal("f1", body.GetProperty("saved_item_id").GetString());
        Assert.Equal(TestContext.UserId, body.GetProperty("user_id").GetString());
        Assert.False(body.TryGetProperty("project_id", out _));
        Assert.False(body.TryGetProperty("pipeline_inputs", out _));
        Assert.Equal("northwindtraders.example", body.GetProperty("account_domain").GetString());
        Assert.Equal(3, body.GetProperty("limits").GetProperty("pages").GetInt32());
        Assert.Equal(2, body.GetProperty("tags").GetArrayLength());
        Assert.Equal("r1", run.RunId);
    }

    [Fact]
    public async Task TeamConnectionSendsProjectIdToo()
    {
        using var ctx = new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.TeamKey;
            o.TeamId = "tm_5c2d8e17";
        });
        ctx.Handler.Respond(200, StartAnswer).Respond(200, "{\"workbooks\":[]}").Respond(200, "{\"success\":true,\"run_id\":\"r1\"}");

        await ctx.Client.StartFlowAsync("f1", null, CancellationToken.None);
        await ctx.Client.ListWorkbooksAsync(CancellationToken.None);
        await ctx.Client.KillFlowRunAsync("r1", CancellationToken.None);

        Assert.Equal("tm_5c2d8e17", Body(ctx.Handler.Requests[0]).GetProperty("project_id").GetString());
        Assert.Equal("tm_5c2d8e17", ctx.Handler.Requests[1].QueryValue("project_id"));
        Assert.Equal(TestContext.UserId, ctx.Handler.Requests[1].QueryValue("user_id"));
        Assert.Equal("tm_5c2d8e17", Body(ctx.Handler.Requests[2]).GetProperty("project_id").GetString());
    }

    [Fact]
    public async Task GetCallsPutIdsAndScopeInTheQuery()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Respond(200, "{\"state\":\"RUNNING\",\"outputs\":{},\"log\":[]}")
            .Respond(200, "{\"inputs\":[]}")
            .Respond(200, "{}")
            .Respond(200, "{\"saved_items\":[]}");

        await ctx.Client.GetFlowRunAsync("r 1/x", CancellationToken.None);
        await ctx.Client.GetFlowInputsAsync("f1", CancellationToken.None);
        await ctx.Client.GetFlowRunHistoryAsync(null, "w1", CancellationToken.None);
        await ctx.Client.ListFlowsAsync(CancellationToken.None);

        var r = ctx.Handler.Requests;
        Assert.Equal("r 1/x", r[0].QueryValue("run_id"));
        Assert.Equal(TestContext.UserId, r[0].QueryValue("user_id"));
        Assert.Null(r[0].QueryValue("project_id"));
        Assert.Equal("f1", r[1].QueryValue("saved_item_id"));
        Assert.Equal("w1", r[2].QueryValue("workbook_id"));
        Assert.Null(r[2].QueryValue("saved_item_id"));
        Assert.EndsWith("/list_saved_items", r[3].Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.All(r, x => Assert.Equal("GET", x.Method));
    }

    [Fact]
    public async Task DownloadsSendNamesRunAndFlowInTheBody()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "abc", "text/plain").Respond(200, "PK", "application/zip");

        var one = await ctx.Client.DownloadFlowFileAsync("r1", "a.csv", "f1", CancellationToken.None);
        var many = await ctx.Client.DownloadFlowFilesAsync("r1", new[] { "a.csv", "b.png" }, null, CancellationToken.None);

        var first = Body(ctx.Handler.Requests[0]);
        Assert.Equal("a.csv", first.GetProperty("file_name").GetString());
        Assert.Equal("r1", first.GetProperty("run_id").GetString());
        Assert.Equal("f1", first.GetProperty("saved_item_id").GetString());
        var second = Body(ctx.Handler.Requests[1]);
        Assert.Equal(new[] { "a.csv", "b.png" }, second.GetProperty("file_names").EnumerateArray().Select(e => e.GetString()));
        Assert.False(second.TryGetProperty("saved_item_id", out _));
        Assert.Equal("abc"u8.ToArray(), one);
        Assert.Equal("PK"u8.ToArray(), many);
    }

    [Fact]
    public async Task AConnectionWithoutUserOrTeamCannotCallFlows()
    {
        using var ctx = new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.AccessToken;
            o.UserId = null;
        });

        await Assert.ThrowsAsync<GumloopFlowScopeException>(() => ctx.Client.ListWorkbooksAsync(CancellationToken.None));
        Assert.Empty(ctx.Handler.Requests);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("SAVED_ITEM_ID")]
    [InlineData("pipeline_inputs")]
    [InlineData("api_key")]
    public async Task ReservedInputNamesAreRefusedBeforeSending(string name)
    {
        using var ctx = new TestContext();
        var ex = await Assert.ThrowsAsync<GumloopFlowInputException>(() =>
            ctx.Client.StartFlowAsync("f1", new Dictionary<string, object?> { [name] = "x" }, CancellationToken.None));
        Assert.Equal(FlowInputProblem.Reserved, ex.Problem);
        Assert.Equal(name, ex.InputName);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public void UnknownInputNamesListTheValidOnes()
    {
        var schema = new[] { new FlowInput { Name = "account_domain" }, new FlowInput { Name = "usage_export" } };

        var ex = Assert.Throws<GumloopFlowInputException>(() => FlowInputRules.Validate("f1", new[] { "account_domain", "Usage_Export" }, schema));

        Assert.Equal(FlowInputProblem.Unknown, ex.Problem);
        Assert.Equal("Usage_Export", ex.InputName);
        Assert.Equal(new[] { "account_domain", "usage_export" }, ex.ValidNames);
        Assert.Contains("account_domain, usage_export", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'usage_export'", ex.Message, StringComparison.Ordinal);
        FlowInputRules.Validate("f1", new[] { "usage_export" }, schema);
        FlowInputRules.Validate("f1", Array.Empty<string>(), schema);
    }

    [Fact]
    public void AFlowWithoutInputsSaysSo()
    {
        var ex = Assert.Throws<GumloopFlowInputException>(() => FlowInputRules.Validate("f1", new[] { "x" }, Array.Empty<FlowInput>()));
        Assert.Contains("declares no inputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlatLegacyErrorsBecomeApiExceptions()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(404, "{\"error\":\"Pipeline run not found\"}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetFlowRunAsync("nope", CancellationToken.None));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("Pipeline run not found", ex.ErrorCode);
    }

    [Fact]
    public async Task ListFlowsWithWorkbooksFillsTheWorkbookOfEachFlow()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Respond(200, "{\"saved_items\":[{\"saved_item_id\":\"f1\",\"name\":\"One\"},{\"saved_item_id\":\"f9\",\"name\":\"Loose\"}]}")
            .Respond(200, "{\"workbooks\":[{\"workbook_id\":\"w1\",\"name\":\"Book\",\"saved_items\":[{\"saved_item_id\":\"f1\",\"name\":\"One\"},{\"saved_item_id\":\"f2\",\"name\":\"Two\"}]}]}");

        var flows = await ctx.Client.ListFlowsWithWorkbooksAsync(CancellationToken.None);

        Assert.Equal(new[] { "f1", "f9", "f2" }, flows.Select(f => f.FlowId));
        Assert.Equal("Book", flows[0].WorkbookName);
        Assert.Null(flows[1].WorkbookId);
        Assert.Equal("w1", flows[2].WorkbookId);
    }
}
