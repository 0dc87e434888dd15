using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class RetryTests
{
    private const string RateLimited = "{\"error\":\"gummie_rate_limit\"}";
    private const string Unavailable = "<html><body>503 Service Unavailable</body></html>";

    [Fact]
    public async Task GetRetriesThrough429And503()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, RateLimited).Respond(503, Unavailable, "text/html").RespondSession();

        Session session = await ctx.Client.GetSessionAsync("sess_1", CancellationToken.None);

        Assert.Equal("sess_1", session.Id);
        Assert.Equal(3, ctx.Handler.Requests.Count);
        Assert.Equal(2, ctx.Delays.Count);
        Assert.Contains(ctx.Log.VerboseLines, l => l.Contains("HTTP 429", StringComparison.Ordinal) && l.Contains("retry 1/3", StringComparison.Ordinal));
        Assert.Contains(ctx.Log.VerboseLines, l => l.Contains("HTTP 503", StringComparison.Ordinal) && l.Contains("retry 2/3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetGivesUpAfterMaxRetries()
    {
        using var ctx = new TestContext();
        for (int i = 0; i < 4; i++)
        {
            ctx.Handler.Respond(502, "bad gateway", "text/plain");
        }

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(502, ex.StatusCode);
        Assert.Equal(4, ex.Attempt);
        Assert.Equal(4, ctx.Handler.Requests.Count);
        Assert.Equal(3, ctx.Delays.Count);
    }

    [Fact]
    public async Task ClientLevelRetryCountOverridesConnection()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(503, "{}");

        await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
        Assert.Empty(ctx.Delays);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task GetDoesNotRetryNonTransientStatus(int status)
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(status, "{}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(status, ex.StatusCode);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task RetryAfterSecondsIsHonoured()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, RateLimited, configure: r => r.Headers.TryAddWithoutValidation("Retry-After", "7")).RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(ctx.Delays));
        Assert.Contains(ctx.Log.VerboseLines, l => l.Contains("in 7 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryAfterHttpDateIsHonoured()
    {
        using var ctx = new TestContext();
        var now = new DateTimeOffset(2026, 9, 14, 16, 30, 0, TimeSpan.Zero);
        ctx.Client.UtcNow = () => now;
        string date = now.AddSeconds(12).ToString("r", CultureInfo.InvariantCulture);
        ctx.Handler.Respond(503, "{}", configure: r => r.Headers.TryAddWithoutValidation("Retry-After", date)).RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(12), Assert.Single(ctx.Delays));
    }

    [Fact]
    public async Task RetryAfterIsCappedByMaxRetryDelay()
    {
        using var ctx = new TestContext(o => o.MaxRetryDelay = TimeSpan.FromSeconds(5));
        ctx.Handler.Respond(429, RateLimited, configure: r => r.Headers.TryAddWithoutValidation("Retry-After", "3600")).RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(ctx.Delays));
    }

    [Fact]
    public async Task BackoffWithoutRetryAfterUsesJitteredExponential()
    {
        using var ctx = new TestContext();
        ctx.Client.NextRandom = () => 0.5;
        ctx.Handler.Respond(503, "{}").Respond(503, "{}").Respond(503, "{}").RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal(new[] { 0.25, 0.5, 1.0 }, ctx.Delays.Select(d => d.TotalSeconds).ToArray());
    }

    [Fact]
    public async Task SendMessageIsNotRetriedOn503AndSaysToCheckTheSession()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}").RespondSession(202);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.SendMessageAsync("s", new SendMessageRequest("hello"), CancellationToken.None));

        Assert.Equal(503, ex.StatusCode);
        Assert.Single(ctx.Handler.Requests);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessageIsRetriedOn429()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, RateLimited).RespondSession(202, state: "processing");

        Session session = await ctx.Client.SendMessageAsync("s", new SendMessageRequest("hello"), CancellationToken.None);

        Assert.Equal("processing", session.State);
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.All(ctx.Handler.Requests, r => Assert.Equal("{\"input\":\"hello\"}", r.Body));
    }

    [Fact]
    public async Task SendMessageIsRetriedWhenTheConnectionFailedBeforeSending()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailBeforeSending().RespondSession(202);

        await ctx.Client.SendMessageAsync("s", new SendMessageRequest("hello"), CancellationToken.None);

        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task SendMessageIsNotRetriedWhenTheBodyMayHaveBeenSent()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailAfterSending().RespondSession(202);

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() =>
            ctx.Client.SendMessageAsync("s", new SendMessageRequest("hello"), CancellationToken.None));

        Assert.True(ex.RequestSent);
        Assert.Single(ctx.Handler.Requests);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetIsRetriedAfterConnectionFailures()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailBeforeSending().FailAfterSending().RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal(3, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task ConnectionFailureEventuallySurfacesAsNetworkException()
    {
        using var ctx = new TestContext(maxRetryCount: 1);
        ctx.Handler.FailBeforeSending().FailBeforeSending();

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.False(ex.RequestSent);
        Assert.Contains("Connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task CreateWithInputIsNotRetriedOn5xx()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(502, "{}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.CreateSessionAsync("ag", new CreateSessionRequest { Input = "go" }, CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWithClientIdTurnsRetried409IntoGet()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Respond(502, "{}")
            .Respond(409, TestPaths.ReadExample("errors/sessions.create.409.session_already_exists.json"))
            .RespondSession(200, id: "sess_mine", state: "processing");

        Session session = await ctx.Client.CreateSessionAsync("ag", new CreateSessionRequest { Input = "go", SessionId = "sess_mine" }, CancellationToken.None);

        Assert.Equal("sess_mine", session.Id);
        Assert.Equal(new[] { "POST", "POST", "GET" }, ctx.Handler.Requests.Select(r => r.Method).ToArray());
        Assert.Equal("/api/v1/sessions/sess_mine", ctx.Handler.Requests[2].Uri.AbsolutePath);
    }

    [Fact]
    public async Task FirstAttempt409IsARealConflict()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(409, TestPaths.ReadExample("errors/sessions.create.409.session_already_exists.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.CreateSessionAsync("ag", new CreateSessionRequest { Input = "go", SessionId = "sess_mine" }, CancellationToken.None));

        Assert.Equal("session_already_exists", ex.ErrorCode);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task CancelIsRetriedOn503()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}").Respond(200, TestPaths.ReadExample("sessions.cancel.200.json"));

        await ctx.Client.CancelSessionAsync("sess_Vk3nQ8wT2p", CancellationToken.None);

        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task RenameIsNotRetriedOn503()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}");

        await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.RenameSessionAsync("s", "n", CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task TimeoutRaisesGumloopTimeoutException()
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromMilliseconds(200));
        ctx.Handler.Hang();

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsTimeout()
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromSeconds(30));
        ctx.Handler.Hang();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        Exception? ex = await Record.ExceptionAsync(() => ctx.Client.GetSessionAsync("s", cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task StalledBodyTimesOut()
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var stalling = new StallingStream("{\"session\":{\"id\":\"s\",");
        ctx.Handler.Enqueue((req, ct) =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(stalling) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(response);
        });

        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<GumloopTimeoutException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.True(stalling.Disposed);
    }

    [Fact]
    public async Task TimedOutMessageTellsUserToCheckTheSession()
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromMilliseconds(150));
        ctx.Handler.Hang();

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() =>
            ctx.Client.SendMessageAsync("s", new SendMessageRequest("x"), CancellationToken.None));

        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task CancellationDuringRetryDelayStopsPromptly()
    {
        using var ctx = new TestContext();
        ctx.Client.Delay = (delay, ct) => Task.Delay(delay, ct);
        ctx.Handler.Respond(429, RateLimited, configure: r => r.Headers.TryAddWithoutValidation("Retry-After", "30")).RespondSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Exception? ex = await Record.ExceptionAsync(() => ctx.Client.GetSessionAsync("s", cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        Assert.Single(ctx.Handler.Requests);
    }
}
