using System;
using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class ClientRequestTests
{
    [Fact]
    public async Task ApiKeySendsBearerUserAgentAcceptAndAuthKey()
    {
        using var ctx = new TestContext();
        ctx.Handler.RespondSession();

        await ctx.Client.GetSessionAsync("sess_1", CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("Bearer " + TestContext.SecretText, request.Headers["Authorization"]);
        Assert.Equal(TestContext.UserId, request.Headers["x-auth-key"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Matches(new Regex(@"^GumloopPS/\d+(\.\d+)* \(\.NET; [^()]+\)$"), request.Headers["User-Agent"]);
        Assert.Null(request.QueryValue("team_id"));
    }

    [Fact]
    public async Task AccessTokenOmitsAuthKey()
    {
        using var ctx = new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.AccessToken;
            o.UserId = "user_should_not_be_sent";
        });
        ctx.Handler.RespondSession();

        await ctx.Client.GetSessionAsync("sess_1", CancellationToken.None);

        Assert.False(ctx.Single().Headers.ContainsKey("x-auth-key"));
        Assert.StartsWith("Bearer ", ctx.Single().Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamKeySendsAuthKeyAndTeamIdOnEveryRestRequest()
    {
        using var ctx = new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.TeamKey;
            o.TeamId = "tm_5c2d8e17";
        });
        ctx.Handler.RespondSession().RespondSession(202).RespondSession();

        await ctx.Client.GetSessionAsync("sess_1", CancellationToken.None);
        await ctx.Client.SendMessageAsync("sess_1", new SendMessageRequest("hi"), CancellationToken.None);
        await ctx.Client.CancelSessionAsync("sess_1", CancellationToken.None);

        Assert.Equal(3, ctx.Handler.Requests.Count);
        Assert.All(ctx.Handler.Requests, r =>
        {
            Assert.Equal("tm_5c2d8e17", r.QueryValue("team_id"));
            Assert.Equal(TestContext.UserId, r.Headers["x-auth-key"]);
        });
    }

    [Fact]
    public async Task StreamHostRequestsGoToWsHostWithoutTeamId()
    {
        using var ctx = new TestContext(o => o.TeamId = "tm_1");
        ctx.Handler.Respond(200, "{}");

        using GumloopResponse response = await ctx.Client.SendAsync(
            new GumloopRequest(HttpMethod.Get, "sessions/s1") { UseStreamHost = true }, CancellationToken.None);

        Assert.Equal("ws.gumloop.com", ctx.Single().Uri.Host);
        Assert.Null(ctx.Single().QueryValue("team_id"));
    }

    [Fact]
    public async Task ListAgentsSendsNoPagingAndExplicitTeamWins()
    {
        using var ctx = new TestContext(o => o.TeamId = "tm_default");
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.json"));

        IReadOnlyList<Agent> agents = await ctx.Client.ListAgentsAsync(null, CancellationToken.None);
        await ctx.Client.ListAgentsAsync("tm_other", CancellationToken.None);

        Assert.Equal(2, agents.Count);
        Assert.Equal("/api/v1/agents", ctx.Handler.Requests[0].Uri.AbsolutePath);
        Assert.Null(ctx.Handler.Requests[0].QueryValue("page_size"));
        Assert.Null(ctx.Handler.Requests[0].QueryValue("cursor"));
        Assert.Equal("tm_default", ctx.Handler.Requests[0].QueryValue("team_id"));
        Assert.Equal("tm_other", ctx.Handler.Requests[1].QueryValue("team_id"));
        Assert.Equal("?team_id=tm_other", ctx.Handler.Requests[1].Uri.Query);
    }

    [Fact]
    public async Task ListAgentsFollowsAnUnexpectedCursor()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.paginated.json"));
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.list.200.json"));

        IReadOnlyList<Agent> agents = await ctx.Client.ListAgentsAsync(null, CancellationToken.None);

        Assert.Equal(3, agents.Count);
        Assert.NotNull(ctx.Handler.Requests[1].QueryValue("cursor"));
    }

    [Fact]
    public async Task ListSessionsMapsQueryAndDropsNulls()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.list.200.json"));

        SessionPage page = await ctx.Client.ListSessionsAsync(
            "r4Ts9Kq2MwX7bLn",
            new SessionListQuery { PageSize = 50, Cursor = "abc=", Search = "north wind&co", State = "completed" },
            CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn/sessions", request.Uri.AbsolutePath);
        Assert.Equal("50", request.QueryValue("page_size"));
        Assert.Equal("abc=", request.QueryValue("cursor"));
        Assert.Equal("north wind&co", request.QueryValue("search"));
        Assert.Equal("completed", request.QueryValue("state"));
        Assert.Null(request.QueryValue("type"));
        Assert.Equal(2, page.Sessions.Count);
        Assert.All(page.Sessions, s => Assert.False(s.HasMessages));
    }

    [Fact]
    public async Task CreateSessionSendsOnlyTheFieldsGiven()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, TestPaths.ReadExample("sessions.create.202.processing.json"));

        Session session = await ctx.Client.CreateSessionAsync("r4Ts9Kq2MwX7bLn", new CreateSessionRequest { Input = "Draft a brief" }, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn/sessions", request.Uri.AbsolutePath);
        Assert.Equal("{\"input\":\"Draft a brief\"}", request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("processing", session.State);
    }

    [Fact]
    public async Task CreateSessionSerialisesAllFieldsIncludingNestedMetadata()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, TestPaths.ReadExample("sessions.create.201.json"));
        var metadata = new Dictionary<string, object?>
        {
            ["ticket"] = 42,
            ["tags"] = new[] { "a", "b" },
            ["nested"] = new Hashtable { ["ok"] = true },
            ["nothing"] = null,
        };

        await ctx.Client.CreateSessionAsync("ag", new CreateSessionRequest { SessionId = "sess_mine", Name = "Brief", Metadata = metadata }, CancellationToken.None);

        using JsonDocument body = JsonDocument.Parse(ctx.Single().Body!);
        JsonElement root = body.RootElement;
        Assert.False(root.TryGetProperty("input", out _));
        Assert.Equal("sess_mine", root.GetProperty("session_id").GetString());
        Assert.Equal("Brief", root.GetProperty("name").GetString());
        Assert.Equal(42, root.GetProperty("metadata").GetProperty("ticket").GetInt32());
        Assert.Equal(2, root.GetProperty("metadata").GetProperty("tags").GetArrayLength());
        Assert.True(root.GetProperty("metadata").GetProperty("nested").GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metadata").GetProperty("nothing").ValueKind);
    }

    [Fact]
    public async Task RenameSendsPatchWithName()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.rename.200.json"));

        Session session = await ctx.Client.RenameSessionAsync("sess_Vk3nQ8wT2p", "New name", CancellationToken.None);

        Assert.Equal("PATCH", ctx.Single().Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("{\"name\":\"New name\"}", ctx.Single().Body);
        Assert.Equal("sess_Vk3nQ8wT2p", session.Id);
    }

    [Fact]
    public async Task SendMessagePostsInput()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, TestPaths.ReadExample("sessions.send.202.json"));

        Session session = await ctx.Client.SendMessageAsync("sess_Vk3nQ8wT2p", new SendMessageRequest("Now email \"it\""), CancellationToken.None);

        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/messages", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("{\"input\":\"Now email \\\"it\\\"\"}", ctx.Single().Body);
        Assert.True(session.HasMessages);
    }

    [Fact]
    public async Task CancelPostsEmptyObjectAndMarksTranscriptMissing()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.cancel.200.json"));

        Session session = await ctx.Client.CancelSessionAsync("sess_Vk3nQ8wT2p", CancellationToken.None);

        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/cancel", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("{}", ctx.Single().Body);
        Assert.Equal("failed", session.State);
        Assert.False(session.HasMessages);
    }

    [Fact]
    public async Task GetAgentReadsEnvelope()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("agents.retrieve.200.json"));

        Agent agent = await ctx.Client.GetAgentAsync("r4Ts9Kq2MwX7bLn", CancellationToken.None);

        Assert.Equal("/api/v1/agents/r4Ts9Kq2MwX7bLn", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("Renewal desk assistant", agent.Name);
    }

    [Fact]
    public async Task ValidateCallsModels()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("models.list.200.json"));

        await ctx.Client.ValidateAsync(CancellationToken.None);

        Assert.Equal("GET", ctx.Single().Method);
        Assert.Equal("/api/v1/models", ctx.Single().Uri.AbsolutePath);
    }

    [Fact]
    public async Task GenericSendExposesStatusRequestIdAndJson()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(207, "{\"ok\":true}", configure: r => r.Headers.Add("x-request-id", "req_123"));

        using GumloopResponse response = await ctx.Client.SendAsync(
            new GumloopRequest(HttpMethod.Post, "/mcp/tools/call") { Body = new JsonMap { ["a"] = 1 } }, CancellationToken.None);

        Assert.Equal(207, response.StatusCode);
        Assert.Equal("req_123", response.RequestId);
        Assert.True(response.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("/api/v1/mcp/tools/call", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("{\"a\":1}", ctx.Single().Body);
    }

    [Fact]
    public async Task GenericSendAcceptsEmptyBodyWhenAllowed()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(204, null);

        using GumloopResponse response = await ctx.Client.SendAsync(
            new GumloopRequest(HttpMethod.Delete, "evaluations/e1") { ResponseMode = GumloopResponseMode.JsonOrEmpty }, CancellationToken.None);

        Assert.Equal(204, response.StatusCode);
        Assert.Null(response.Json);
    }

    [Fact]
    public async Task GenericSendReadsText()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "a,b\n1,2\n", "text/csv");

        using GumloopResponse response = await ctx.Client.SendAsync(
            new GumloopRequest(HttpMethod.Get, "export") { ResponseMode = GumloopResponseMode.Text }, CancellationToken.None);

        Assert.Equal("a,b\n1,2\n", response.Text);
    }

    [Fact]
    public async Task RawJsonBodyIsSentVerbatim()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{}");

        using GumloopResponse response = await ctx.Client.SendAsync(
            new GumloopRequest(HttpMethod.Put, "agents/a/mcp-servers/s") { JsonBody = "{\"approval_mode\":\"off\"}" }, CancellationToken.None);

        Assert.Equal("{\"approval_mode\":\"off\"}", ctx.Single().Body);
        Assert.Equal("PUT", ctx.Single().Method);
    }
}
