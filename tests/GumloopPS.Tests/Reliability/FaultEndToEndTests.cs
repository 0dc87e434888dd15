using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Reliability;

/// <summary>Retry and timeout behaviour of the Core client against injected faults on a real loopback simulator.</summary>
public class FaultEndToEndTests
{
    [Fact]
    public async Task GetRidesOut429WithSecondsAndHttpDateThen503()
    {
        using var ctx = new SimClient();
        DateTimeOffset at = DateTimeOffset.UtcNow.AddSeconds(30);
        ctx.Fault("GET", "/agents",
            SimulatorFault.Status(429, null, "7"),
            SimulatorFault.Status(429, null, at),
            SimulatorFault.Status(503));

        var agents = await ctx.Client.ListAgentsAsync(null, CancellationToken.None);

        Assert.NotEmpty(agents);
        Assert.Equal(new[] { 429, 429, 503, 200 }, ctx.ApiLog.Select(r => r.StatusCode).ToArray());
        Assert.Equal(3, ctx.Delays.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), ctx.Delays[0]);

        // The HTTP-date has one-second resolution and the clock moves on while the test runs.
        Assert.InRange(ctx.Delays[1].TotalSeconds, 27, 30.5);

        // No Retry-After on the 503: full jitter, at most 0.5 s * 2^2.
        Assert.InRange(ctx.Delays[2].TotalSeconds, 0, 2);

        string[] retryLines = ctx.Log.VerboseLines.Where(l => l.Contains("; retry ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, retryLines.Length);
        Assert.Contains("HTTP 429; retry 1/3 in 7 s (Retry-After)", retryLines[0], StringComparison.Ordinal);
        Assert.Contains("HTTP 429; retry 2/3 in", retryLines[1], StringComparison.Ordinal);
        Assert.Contains("HTTP 503; retry 3/3 in", retryLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientMaxRetryDelayCapsRetryAfterForOneCallOnly()
    {
        using var ctx = new SimClient(o => o.MaxRetryDelay = TimeSpan.FromSeconds(60));
        GumloopClient capped = ctx.NewClient();
        capped.MaxRetryDelay = TimeSpan.FromSeconds(2);
        ctx.Fault("GET", "/agents", SimulatorFault.Status(429, null, "45"));
        await capped.ListAgentsAsync(null, CancellationToken.None);
        ctx.Fault("GET", "/agents", SimulatorFault.Status(429, null, "45"));
        await ctx.Client.ListAgentsAsync(null, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(45) }, ctx.Delays.ToArray());
    }

    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public async Task GetIsRetriedAfterAResetBeforeOrAfterTheHeaders(string when)
    {
        using var ctx = new SimClient();
        ctx.Fault("GET", "/sessions/*", when == "before" ? SimulatorFault.ResetBeforeHeaders() : SimulatorFault.ResetAfterHeaders());

        Session session = await ctx.Client.GetSessionAsync(SimClient.CompletedSession, CancellationToken.None);

        Assert.Equal(SimClient.CompletedSession, session.Id);
        Assert.Equal(2, ctx.ApiLog.Count);
        Assert.Equal(200, ctx.ApiLog[1].StatusCode);
    }

    [Fact]
    public async Task GetIsRetriedAfterATruncatedBody()
    {
        using var ctx = new SimClient();
        ctx.Fault("GET", "/sessions/*", SimulatorFault.TruncatedBody());

        Session session = await ctx.Client.GetSessionAsync(SimClient.CompletedSession, CancellationToken.None);

        Assert.Equal(SimClient.CompletedSession, session.Id);
        Assert.Equal(2, ctx.ApiLog.Count);
    }

    [Fact]
    public async Task SendMessageIsNotRepeatedWhenTheConnectionDropsAfterTheServerActed()
    {
        using var ctx = new SimClient();
        Session idle = await ctx.Client.CreateSessionAsync(SimClient.InvoiceAgent, new CreateSessionRequest(), CancellationToken.None);
        ctx.Sim.ClearRequestLog();
        ctx.Fault("POST", "/sessions/*/messages", SimulatorFault.ResetBeforeHeaders(afterProcessing: true));

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(
            () => ctx.Client.SendMessageAsync(idle.Id!, new SendMessageRequest("only once"), CancellationToken.None));

        Assert.True(ex.RequestSent);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.ApiLog);
        Session after = await ctx.Client.GetSessionAsync(idle.Id!, CancellationToken.None);
        Assert.Equal(1, after.Messages.Count(m => m.Role == "user"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task SendMessageIsNotRetriedOn5xx(int status)
    {
        using var ctx = new SimClient();
        ctx.Fault("POST", "/sessions/*/messages", SimulatorFault.Status(status));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(
            () => ctx.Client.SendMessageAsync(SimClient.IdleSession, new SendMessageRequest("x"), CancellationToken.None));

        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.ApiLog);
        Assert.Empty(ctx.Delays);
    }

    [Fact]
    public async Task SendMessageIsRetriedOn429AndTheMessageArrivesOnce()
    {
        using var ctx = new SimClient();
        ctx.Fault("POST", "/sessions/*/messages", SimulatorFault.Status(429, null, "1"), SimulatorFault.Status(429));

        Session session = await ctx.Client.SendMessageAsync(SimClient.IdleSession, new SendMessageRequest("retried"), CancellationToken.None);

        Assert.Equal(new[] { 429, 429, 202 }, ctx.ApiLog.Select(r => r.StatusCode).ToArray());
        Assert.Equal(1, session.Messages.Count(m => m.Role == "user"));
    }

    [Fact]
    public async Task CreateWithClientIdSurvivesAnAmbiguousFailureByFetchingTheSession()
    {
        using var ctx = new SimClient();
        ctx.Fault("POST", "/agents/*/sessions", SimulatorFault.ResetBeforeHeaders(afterProcessing: true));
        string id = "ticket-" + Guid.NewGuid().ToString("N");

        Session session = await ctx.Client.CreateSessionAsync(SimClient.InvoiceAgent, new CreateSessionRequest { SessionId = id, Input = "hello" }, CancellationToken.None);

        Assert.Equal(id, session.Id);
        var log = ctx.ApiLog;
        Assert.Equal(new[] { "POST", "POST", "GET" }, log.Select(r => r.Method).ToArray());
        Assert.Equal(new[] { 0, 409, 200 }, log.Select(r => r.StatusCode).ToArray());
        Assert.Contains(ctx.Log.VerboseLines, l => l.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateWithInputAndNoClientIdIsNotRetriedOn503()
    {
        using var ctx = new SimClient();
        ctx.Fault("POST", "/agents/*/sessions", SimulatorFault.Status(503));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(
            () => ctx.Client.CreateSessionAsync(SimClient.InvoiceAgent, new CreateSessionRequest { Input = "x" }, CancellationToken.None));

        Assert.Equal(503, ex.StatusCode);
        Assert.Single(ctx.ApiLog);
    }

    [Fact]
    public async Task HeadersThenSilenceCountsAgainstTheClientTimeout()
    {
        using var ctx = new SimClient(o => o.Timeout = TimeSpan.FromSeconds(60));
        GumloopClient client = ctx.NewClient(maxRetryCount: 0);
        client.RequestTimeout = TimeSpan.FromSeconds(1);
        ctx.Fault("GET", "/sessions/*", SimulatorFault.StallAfterHeaders(8000));
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(
            () => client.GetSessionAsync(SimClient.CompletedSession, CancellationToken.None));

        sw.Stop();
        Assert.Equal(TimeSpan.FromSeconds(1), ex.Timeout);
        Assert.InRange(sw.Elapsed.TotalSeconds, 0.9, 4);

        // The 200 status line was logged by the server: the headers went out, only the body stalled.
        Assert.Equal(200, Assert.Single(ctx.ApiLog).StatusCode);
    }

    [Fact]
    public async Task StallAfterHeadersSendsTheHeadersFirst()
    {
        using var ctx = new SimClient();
        ctx.Fault("GET", "/models", SimulatorFault.StallAfterHeaders(1500));
        using var http = new System.Net.Http.HttpClient();
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, ctx.Sim.BaseUri + "/models");
        var sw = Stopwatch.StartNew();

        using var response = await http.SendAsync(request, System.Net.Http.HttpCompletionOption.ResponseHeadersRead);
        double headersAt = sw.Elapsed.TotalSeconds;
        string body = await response.Content.ReadAsStringAsync();
        double bodyAt = sw.Elapsed.TotalSeconds;

        Assert.True(headersAt < 1.0, $"headers took {headersAt:0.00} s");
        Assert.True(bodyAt >= 1.4, $"body came after {bodyAt:0.00} s");
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task CallerCancellationDuringAStallIsCancellationNotTimeout()
    {
        using var ctx = new SimClient(o => o.Timeout = TimeSpan.FromSeconds(30));
        ctx.Fault("GET", "/sessions/*", SimulatorFault.StallAfterHeaders(8000));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var sw = Stopwatch.StartNew();

        Exception ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ctx.Client.GetSessionAsync(SimClient.CompletedSession, cts.Token));

        Assert.IsNotType<GumloopTimeoutException>(ex);
        Assert.True(sw.Elapsed.TotalSeconds < 3);
    }

    [Fact]
    public async Task ZeroClientTimeoutMeansNoTimeout()
    {
        using var ctx = new SimClient(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        GumloopClient client = ctx.NewClient(maxRetryCount: 0);
        client.RequestTimeout = TimeSpan.Zero;
        ctx.Fault("GET", "/sessions/*", SimulatorFault.Stall(900));

        Session session = await client.GetSessionAsync(SimClient.CompletedSession, CancellationToken.None);

        Assert.Equal(SimClient.CompletedSession, session.Id);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void ClientOverridesRejectNonsense(int seconds)
    {
        using var ctx = new SimClient();
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.Client.MaxRetryDelay = TimeSpan.FromSeconds(seconds));
        if (seconds < 0)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ctx.Client.RequestTimeout = TimeSpan.FromSeconds(seconds));
        }
    }

    [Fact]
    public async Task ConcurrencyLimitIsAbsorbedWithoutLosingOrDuplicatingSessions()
    {
        const int limit = 2;
        using var ctx = new SimClient(
            o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(400),
            new SimulatorOptions { ReplyDelay = TimeSpan.FromMilliseconds(150), ConcurrencyLimit = limit },
            realDelays: true,
            maxRetryCount: 10);
        string[] inputs = Enumerable.Range(1, 3 * limit).Select(i => "job " + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        Session[] created = await Task.WhenAll(inputs.Select(input =>
            ctx.Client.CreateSessionAsync(SimClient.InvoiceAgent, new CreateSessionRequest { Input = input }, CancellationToken.None)));

        Assert.Equal(inputs.Length, created.Select(s => s.Id).Distinct().Count());
        var posts = ctx.ApiLog.Where(r => r.Method == "POST").ToList();
        Assert.Contains(posts, r => r.StatusCode == 429);
        Assert.Equal(inputs.Length, posts.Count(r => r.StatusCode == 202));
        foreach (string input in inputs)
        {
            // Exactly one accepted POST carried each input.
            Assert.Single(posts, r => r.StatusCode == 202 && r.Body != null && r.Body.Contains("\"" + input + "\"", StringComparison.Ordinal));
        }
    }
}
