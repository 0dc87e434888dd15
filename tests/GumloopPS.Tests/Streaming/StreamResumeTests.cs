using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;
using static GumloopPS.Tests.Streaming.SseScript;

namespace GumloopPS.Tests.Streaming;

/// <summary>Exact resume and dedupe rules, with hand-written streams from an in-memory handler.</summary>
public class StreamResumeTests
{
    private static string Text(IEnumerable<StreamEvent> events) => string.Concat(events.Select(e => e.Delta));

    [Fact]
    public async Task ReplayedEventsWithAndWithoutCursorAreDeliveredOnce()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + TextStart + Delta(2, "Hello ") + Delta(3, "wor") + TextEnd + "event: finish\ndata: {\"type\":\"fin", breakAtEnd: true))
            .Enqueue(Sse(TextEnd + FinishNotFinal + FinishFinal));

        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(1, result.ResumeCount);
        Assert.Equal(new[] { "interaction-ready", "text-start", "text-delta", "text-delta", "text-end", "finish", "finish" }, events.Select(e => e.Type));
        Assert.Equal("Hello wor", Text(events));
        Assert.Equal("9-0", result.LastCursor);

        var resume = ctx.Handler.Requests[1];
        Assert.Equal("GET", resume.Method);
        Assert.Equal("ws.gumloop.com", resume.Uri.Host);
        Assert.EndsWith("/api/v1/sessions/sess_1", resume.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("true", resume.QueryValue("stream"));
        Assert.Equal("3-0", resume.QueryValue("last_cursor"));
        Assert.Equal("text/event-stream", resume.Headers["Accept"]);
        Assert.Null(resume.Body);
    }

    [Fact]
    public async Task AServerThatReplaysFromTheStartDuplicatesNothing()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + TextStart + Delta(2, "A") + Delta(3, "B"), breakAtEnd: true))
            .Enqueue(Sse(Ready + TextStart + Delta(2, "A") + Delta(3, "B") + Delta(4, "C") + TextEnd + FinishFinal));

        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal("ABC", Text(events));
        Assert.Single(events, e => e.Type == "interaction-ready");
    }

    [Fact]
    public async Task StreamBodyAsksForAnEventStreamAndSetsStreamTrue()
    {
        using var ctx = new TestContext();
        string? body = null;
        Responder sse = Sse(Ready + FinishFinal);
        ctx.Handler.Enqueue(async (req, ct) =>
        {
            body = await req.Content!.ReadAsStringAsync(ct);
            return await sse(req, ct);
        });
        await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hello"), _ => { }, null, CancellationToken.None);
        var post = ctx.Single();
        Assert.Equal("POST", post.Method);
        Assert.Equal("{\"input\":\"hello\",\"stream\":true}", body);
        Assert.Equal("text/event-stream", post.Headers["Accept"]);
    }

    [Fact]
    public async Task CleanCloseBeforeTheFinalFinishResumes()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + TextStart + Delta(2, "A") + FinishNotFinal))
            .Enqueue(Sse(FinishNotFinal + FinishFinal));
        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal(1, result.ResumeCount);
        Assert.Equal(2, events.Count(e => e.Type == "finish"));
    }

    [Fact]
    public async Task AFinishWithoutFinalFollowedByACleanCloseEndsTheTurn()
    {
        using var ctx = new TestContext();
        ctx.Handler.Enqueue(Sse(Ready + Delta(2, "A") + "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"stop\"}\n\n"));
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal(0, result.ResumeCount);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task NotResumableEndsTheStream()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + Delta(2, "A"), breakAtEnd: true))
            .Enqueue(Sse("event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"not_resumable\",\"final\":true}\n\n"));
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, CancellationToken.None);
        Assert.True(result.NotResumable);
        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task ResumesStopAfterMaxResumeCountInARowAndBackOff()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler
            .Enqueue(Sse(Ready + Delta(2, "A"), breakAtEnd: true))
            .FailBeforeSending()
            .FailBeforeSending();
        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.StreamMessageAsync(
            "sess_1", new SendMessageRequest("hi"), _ => { }, new GumloopStreamOptions { MaxResumeCount = 2 }, CancellationToken.None));
        Assert.Contains("after 2 resume attempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("from cursor 2-0", ex.Message, StringComparison.Ordinal);
        Assert.Equal("2-0", ex.ResumeCursor);

        // The message was posted once; each resume was one GET, after a backoff delay.
        Assert.Equal(new[] { "POST", "GET", "GET" }, ctx.Handler.Requests.Select(r => r.Method));
        Assert.Equal(2, ctx.Delays.Count);
    }

    [Fact]
    public async Task ProgressResetsTheResumeCount()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + Delta(2, "A"), breakAtEnd: true))
            .Enqueue(Sse(Delta(3, "B"), breakAtEnd: true))
            .Enqueue(Sse(Delta(4, "C"), breakAtEnd: true))
            .Enqueue(Sse(Delta(5, "D") + FinishFinal));
        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync(
            "sess_1", new SendMessageRequest("hi"), events.Add, new GumloopStreamOptions { MaxResumeCount = 1 }, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal(3, result.ResumeCount);
        Assert.Equal("ABCD", Text(events));
    }

    [Fact]
    public async Task ADropBeforeTheSessionIdOfACreateIsNeverRetried()
    {
        using var ctx = new TestContext();
        ctx.Handler.Enqueue(Sse("event: step-start\ndata: {\"type\":\"step-start\"}\n\n", breakAtEnd: true));
        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.StreamCreateSessionAsync(
            "agent_1", new CreateSessionRequest { Input = "hi" }, _ => { }, null, CancellationToken.None));
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task RateLimitedStreamPostIsRetried()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Respond(429, "{\"error\":\"gummie_rate_limit\"}", configure: r => r.Headers.TryAddWithoutValidation("Retry-After", "1"))
            .Enqueue(Sse(Ready + FinishFinal));
        var result = await ctx.Client.StreamCreateSessionAsync("agent_1", new CreateSessionRequest { Input = "hi" }, _ => { }, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal("sess_1", result.SessionId);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, ctx.Delays);
    }

    [Fact]
    public async Task A500OnTheStreamPostIsNotRetried()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"Try later.\"}}");
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, CancellationToken.None));
        Assert.Equal(503, ex.StatusCode);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task WrongHostWithoutDetailsStillSaysWhatToDo()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(400, "{\"error\":{\"code\":\"streaming_not_supported_on_this_host\",\"message\":\"Use the streaming host.\"}}");
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, CancellationToken.None));
        Assert.Contains("-StreamBaseUri", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Use the streaming host.", ex.ApiMessage);
    }

    [Fact]
    public async Task AJsonAnswerInsteadOfAStreamIsAResponseError()
    {
        using var ctx = new TestContext();
        ctx.Handler.RespondSession(202, "sess_1", "processing");
        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), _ => { }, null, CancellationToken.None));
        Assert.Contains("event stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeWithAStartCursorSendsItAndSkipsNothingNew()
    {
        using var ctx = new TestContext();
        ctx.Handler.Enqueue(Sse(Delta(4, "C") + TextEnd + FinishFinal));
        var events = new List<StreamEvent>();
        var result = await ctx.Client.ResumeStreamAsync("sess_1", "3-0", events.Add, null, CancellationToken.None);
        Assert.Equal("3-0", ctx.Single().QueryValue("last_cursor"));
        Assert.Equal("C", Text(events));
        Assert.All(events, e => Assert.Equal("sess_1", e.SessionId));
        Assert.True(result.Completed);
    }
}
