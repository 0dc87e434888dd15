using System;
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

namespace GumloopPS.Tests.Security;

/// <summary>Bodies a hostile or broken server could send: each becomes a clean, secret-free GumloopException.</summary>
public class HostileResponseBodyTests
{
    private static Responder Bytes(int status, byte[] body, string contentType = "application/json") => (req, ct) =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body), RequestMessage = req };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Task.FromResult(response);
    };

    /// <summary>The secret spelled with a JSON escape for its first character, which a plain text search misses.</summary>
    private static string Escaped(string secret) => "\\u" + ((int)secret[0]).ToString("x4") + secret.Substring(1);

    [Fact]
    public async Task InvalidUtf8InsideAJsonStringIsAResponseError()
    {
        using var ctx = new TestContext();
        byte[] head = Encoding.UTF8.GetBytes("{\"session\":{\"id\":\"sess_1\",\"agent_id\":\"ag_1\",\"state\":\"completed\",\"name\":\"bad ");
        byte[] tail = Encoding.UTF8.GetBytes("\",\"messages\":[]}}");
        byte[] body = head.Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(tail).ToArray();
        ctx.Handler.Enqueue(Bytes(200, body));

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("sess_1", CancellationToken.None));

        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
    }

    [Fact]
    public async Task AnEscapedKeyInAnErrorBodyIsRedactedInEveryField()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        string key = TestContext.SecretText;
        string body = "{\"error\":{\"code\":\"bad_key\",\"type\":\"invalid_request_error\",\"message\":\"Key " + Escaped(key)
            + " is not allowed\",\"param\":\"" + Escaped(key) + "\",\"details\":{\"echo\":\"" + Escaped(key) + "\"}}}";
        ctx.Handler.Respond(400, body);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("sess_1", CancellationToken.None));

        Assert.Equal("bad_key", ex.ErrorCode);
        foreach (string? text in new[] { ex.Message, ex.ApiMessage, ex.Param, ex.ResponseBody, ex.Details?.ToString(), ex.ToString() })
        {
            Assert.NotNull(text);
            Assert.DoesNotContain(key, text!, StringComparison.Ordinal);
            Assert.DoesNotContain(key, System.Text.RegularExpressions.Regex.Unescape(text!), StringComparison.Ordinal);
        }

        Assert.Contains("****", ex.ApiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorBodyCutAtItsCapIsStillRedactedAfterDecoding()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        string key = TestContext.SecretText;
        ctx.Handler.Respond(500, "{\"error\":{\"message\":\"echo " + Escaped(key) + "\",\"pad\":\"" + new string('x', 70_000) + "\"}}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("sess_1", CancellationToken.None));

        Assert.DoesNotContain(key, System.Text.RegularExpressions.Regex.Unescape(ex.ResponseBody ?? string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamErrorEventThatEchoesTheKeyIsRedacted()
    {
        using var ctx = new TestContext();
        string key = TestContext.SecretText;
        string sse = "event: interaction-ready\ndata: {\"type\":\"interaction-ready\",\"interaction_id\":\"sess_1\",\"stream_cursor\":\"1-0\"}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"errorMessage\":\"bad key " + key + "\",\"error\":\"" + Escaped(key) + "\",\"stream_cursor\":\"2-0\"}\n\n"
            + "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"error\",\"final\":true,\"stream_cursor\":\"3-0\"}\n\n";
        ctx.Handler.Enqueue(Bytes(200, Encoding.UTF8.GetBytes(sse), "text/event-stream"));

        var events = new System.Collections.Generic.List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);

        StreamEvent error = Assert.Single(events, e => e.Type == "error");
        Assert.Equal("bad key ****", error.Error);
        Assert.Equal("****", error.ErrorCode);
        Assert.DoesNotContain(key, System.Text.RegularExpressions.Regex.Unescape(error.RawJson!), StringComparison.Ordinal);
        Assert.DoesNotContain(key, GumloopStreamException.FromEvent(result.Errors[0]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageOfTooManyTinyObjectsIsRefused()
    {
        using var ctx = new TestContext();
        string body = "{\"agents\":[" + string.Join(",", Enumerable.Repeat("{}", GumloopClient.MaxItemsPerPage + 1)) + "]}";
        ctx.Handler.Respond(200, body);

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));

        Assert.Contains("10,001 agents", ex.Message, StringComparison.Ordinal);
        Assert.Contains("10,000 per page", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageAtTheLimitIsAccepted()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"agents\":[" + string.Join(",", Enumerable.Repeat("{}", GumloopClient.MaxItemsPerPage)) + "]}");

        var agents = await ctx.Client.ListAgentsAsync(null, CancellationToken.None);

        Assert.Equal(GumloopClient.MaxItemsPerPage, agents.Count);
    }

    [Theory]
    [InlineData("agents/%2e%2e/%2e%2e/x")]
    [InlineData("agents/%2E%2E/x")]
    [InlineData("agents/%2e/x")]
    [InlineData("agents/.%2e/x")]
    public void EscapedDotSegmentsCannotLeaveTheBasePath(string path)
    {
        using var ctx = new TestContext();

        var ex = Assert.Throws<ArgumentException>(() => ctx.Client.BuildUri(new GumloopRequest(HttpMethod.Get, path)));

        Assert.Contains("'.' or '..'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public void AnEscapedIdStaysOneSegmentBelowTheBase()
    {
        using var ctx = new TestContext();

        Uri uri = ctx.Client.BuildUri(new GumloopRequest(HttpMethod.Get, "agents/" + GumloopPath.Segment("%2e%2e")));

        Assert.StartsWith("/api/v1/agents/", uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0L, 0)]
    [InlineData(4500L, 4500)]
    [InlineData(2_000_000_000L, 1024 * 1024)]
    public void AnAnnouncedLengthPresizesTheBodyBufferOnlyUpToABound(long? contentLength, int expected)
    {
        Assert.Equal(expected, GumloopTransport.InitialBodyCapacity(contentLength, 128L * 1024 * 1024));
    }

    [Fact]
    public async Task ALyingContentLengthDoesNotStopTheBodyBeingRead()
    {
        using var ctx = new TestContext();
        ctx.Handler.Enqueue((req, ct) =>
        {
            var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("{\"ok\":true}"));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = 2_000_000_000;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content });
        });

        using GumloopResponse response = await ctx.Client.SendAsync(new GumloopRequest(HttpMethod.Get, "models"), CancellationToken.None);

        Assert.True(response.RootElement.GetProperty("ok").GetBoolean());
    }
}
