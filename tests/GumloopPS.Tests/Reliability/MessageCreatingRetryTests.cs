using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Reliability;

/// <summary>
/// Every message-creating call on one table, so a new one (or a changed Kind) cannot slip past the no-blind-retry
/// rule; and Ctrl+C during a stream closes the response even when the read ignores its token.
/// </summary>
public class MessageCreatingRetryTests
{
    public static IEnumerable<object[]> MessageCreatingCalls() => new[]
    {
        new object[] { "send" }, new object[] { "create" }, new object[] { "queue" }, new object[] { "send-queued" },
        new object[] { "approve" }, new object[] { "upload" }, new object[] { "stream-send" }, new object[] { "stream-create" },
    };

    private static Task Call(GumloopClient client, string name, CancellationToken ct)
    {
        switch (name)
        {
            case "send": return client.SendMessageAsync("sess_1", new SendMessageRequest("hi"), ct);
            case "create": return client.CreateSessionAsync("ag_1", new CreateSessionRequest { Input = "hi" }, ct);
            case "queue": return client.QueueMessageAsync("sess_1", "hi", ct);
            case "send-queued": return client.SendQueuedMessageAsync("sess_1", "qm_1", ct);
            case "approve": return client.ResolveApprovalsAsync("sess_1", new[] { new ApprovalResponse("areq_1", ApprovalResponse.Accept) }, ct);
            case "upload": return client.UploadSessionFileAsync("sess_1", new MemoryStream(new byte[] { 1, 2, 3 }), 3, "a.bin", null, ct);
            case "stream-send": return client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, ct);
            case "stream-create": return client.StreamCreateSessionAsync("ag_1", new CreateSessionRequest { Input = "hi" }, _ => { }, null, ct);
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    [Theory]
    [MemberData(nameof(MessageCreatingCalls))]
    public async Task NotRetriedOn5xxAndTheErrorSaysToCheckTheSession(string call)
    {
        foreach (int status in new[] { 500, 502, 503, 504 })
        {
            using var ctx = new TestContext();
            ctx.Handler.Respond(status, "{}").Respond(status, "{}");

            var ex = await Assert.ThrowsAsync<GumloopApiException>(() => Call(ctx.Client, call, CancellationToken.None));

            Assert.Equal(status, ex.StatusCode);
            Assert.Single(ctx.Handler.Requests);
            Assert.Empty(ctx.Delays);
            Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MessageCreatingCalls))]
    public async Task NotRetriedAfterATimeoutOnceSent(string call)
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromMilliseconds(150));
        ctx.Handler.Hang().Hang();

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() => Call(ctx.Client, call, CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MessageCreatingCalls))]
    public async Task RetriedOn429AndWhenNothingWasSent(string call)
    {
        using var ctx = new TestContext(maxRetryCount: 2);
        ctx.Handler.Respond(429, "{\"error\":\"gummie_rate_limit\"}").FailBeforeSending().Respond(429, "{}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => Call(ctx.Client, call, CancellationToken.None));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(3, ctx.Handler.Requests.Count);
        Assert.Equal(2, ctx.Delays.Count);
    }

    [Fact]
    public async Task CancellationMidStreamClosesTheResponseEvenIfTheReadIgnoresTheToken()
    {
        using var ctx = new TestContext();
        var body = new StallingStream(deaf: true, prefix: "event: interaction-ready\ndata: {\"type\":\"interaction-ready\",\"interaction_id\":\"sess_1\",\"stream_cursor\":\"1-0\"}\n\n");
        ctx.Handler.Enqueue((req, ct) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body), RequestMessage = req };
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(response);
        });
        using var cts = new CancellationTokenSource();
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task task = ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => first.TrySetResult(true), null, cts.Token);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopwatch = Stopwatch.StartNew();
        cts.Cancel();

        // Bounded, so a read that is never interrupted fails the test instead of hanging it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"took {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(body.Disposed, "the response body (the connection) was not closed");
        Assert.Single(ctx.Handler.Requests);
    }
}
