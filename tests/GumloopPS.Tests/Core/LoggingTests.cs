using System;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class LoggingTests
{
    [Fact]
    public async Task VerboseLogsRequestAndOutcome()
    {
        using var ctx = new TestContext();
        ctx.Handler.RespondSession();

        await ctx.Client.GetSessionAsync("sess_1", CancellationToken.None);

        Assert.Equal("GET https://api.gumloop.com/api/v1/sessions/sess_1", ctx.Log.VerboseLines[0]);
        Assert.Matches(new Regex(@"^GET https://api\.gumloop\.com/api/v1/sessions/sess_1 -> 200 \(\d+ ms\)$"), ctx.Log.VerboseLines[1]);
    }

    [Fact]
    public async Task DebugShowsMaskedAuthorizationOnly()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, "{}").RespondSession(202);

        await ctx.Client.SendMessageAsync("sess_1", new SendMessageRequest("hi"), CancellationToken.None);

        Assert.Contains(ctx.Log.DebugLines, l => l.Contains("Authorization: Bearer ****abcd", StringComparison.Ordinal));
        Assert.Contains(ctx.Log.DebugLines, l => l.Contains("x-auth-key: " + TestContext.UserId, StringComparison.Ordinal));
        Assert.All(ctx.Log.All, l => Assert.DoesNotContain(TestContext.SecretText, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SensitiveQueryValuesAreRedactedInLogsAndErrors()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(404, "{}");
        var request = new GumloopRequest(HttpMethod.Get, "agent_status/i1");
        request.Query["api_key"] = "qs_secret_1";
        request.Query["token"] = "qs_secret_2";
        request.Query["user_id"] = "u1";

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.SendAsync(request, CancellationToken.None));

        Assert.Equal("qs_secret_1", ctx.Single().QueryValue("api_key"));
        Assert.Equal("https://api.gumloop.com/api/v1/agent_status/i1?api_key=****&token=****&user_id=u1", ex.Url);
        Assert.All(ctx.Log.All, l => Assert.DoesNotContain("qs_secret", l, StringComparison.Ordinal));
        Assert.Contains(ctx.Log.VerboseLines, l => l.Contains("user_id=u1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryLogShowsStatusAttemptAndDelay()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}", configure: r => r.Headers.TryAddWithoutValidation("Retry-After", "2")).RespondSession();

        await ctx.Client.GetSessionAsync("s", CancellationToken.None);

        string line = Assert.Single(ctx.Log.VerboseLines, l => l.Contains("retry", StringComparison.Ordinal));
        Assert.Contains("HTTP 503", line, StringComparison.Ordinal);
        Assert.Contains("1/3", line, StringComparison.Ordinal);
        Assert.Contains("2 s", line, StringComparison.Ordinal);
    }
}
