using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class ErrorTests
{
    public static IEnumerable<object[]> ErrorExamples() =>
        Directory.GetFiles(Path.Combine(TestPaths.Examples, "errors"), "*.json")
            .Select(Path.GetFileName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    private static int StatusFromName(string name)
    {
        foreach (string part in name.Split('.'))
        {
            if (part.Length == 3 && int.TryParse(part, out int status))
            {
                return status;
            }
        }

        return 400;
    }

    [Theory]
    [MemberData(nameof(ErrorExamples))]
    public async Task EveryExampleErrorBecomesApiException(string file)
    {
        string body = TestPaths.ReadExample("errors/" + file);
        int status = StatusFromName(file);
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(status, body, configure: r => r.Headers.Add("x-request-id", "req_" + status));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        using JsonDocument doc = JsonDocument.Parse(body);
        JsonElement error = doc.RootElement.GetProperty("error");
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("req_" + status, ex.RequestId);
        Assert.Equal("GET", ex.Method);
        Assert.Equal("https://api.gumloop.com/api/v1/sessions/s", ex.Url);
        Assert.NotNull(ex.ErrorType);
        Assert.Contains("\"error\"", ex.ResponseBody, StringComparison.Ordinal);
        if (error.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(error.GetProperty("code").GetString(), ex.ErrorCode);
            Assert.Equal(error.GetProperty("message").GetString(), ex.Message);
            Assert.Equal(error.GetProperty("message").GetString(), ex.ApiMessage);
            Assert.Equal(error.GetProperty("type").GetString(), ex.ErrorType);
            string? param = error.GetProperty("param").ValueKind == JsonValueKind.String ? error.GetProperty("param").GetString() : null;
            Assert.Equal(param, ex.Param);
        }
        else
        {
            Assert.Equal(error.GetString(), ex.ErrorCode);
            Assert.Equal($"Gumloop API returned HTTP {status}: {error.GetString()}", ex.Message);
        }
    }

    [Fact]
    public async Task FlatEnvelopeKeepsExtraKeysAsDetails()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(403, TestPaths.ReadExample("errors/403.tier_required_enterprise.flat.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal("tier_required_enterprise", ex.ErrorCode);
        Assert.Equal("permission_error", ex.ErrorType);
        Assert.Equal("enterprise", ex.Details!["minimum_tier"]);
        Assert.IsType<JsonList>(ex.Details["denied_keys"]);
    }

    [Fact]
    public async Task CanonicalDetailsAreExposed()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(400, TestPaths.ReadExample("errors/agents.skills.400.skill_not_found.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal("[\"skill_doesnotexist\"]", ex.Details!["skill_ids"]!.ToString());
    }

    [Theory]
    [InlineData(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html")]
    [InlineData(500, "Internal Server Error", "text/plain")]
    [InlineData(500, "", "text/plain")]
    [InlineData(400, "{\"error\": {\"code\": \"x\", \"message\": \"\"}}", "application/json")]
    public async Task NonJsonAndEmptyMessageBodiesUseTheGenericMessage(int status, string body, string contentType)
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(status, body, contentType);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal($"Gumloop API returned HTTP {status}", ex.Message);
        Assert.Equal(body, ex.ResponseBody);
    }

    [Fact]
    public async Task ErrorBodyIsCappedWhileReading()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        var endless = new EndlessStream((byte)'x');
        ctx.Handler.Enqueue((req, ct) => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new StreamContent(endless) }));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(2048, ex.ResponseBody!.Length);
        Assert.InRange(endless.BytesServed, 64 * 1024, 64 * 1024 + 128 * 1024);
    }

    [Fact]
    public async Task EchoedSecretIsRedactedEverywhere()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        string body = "{\"error\":{\"code\":\"invalid_token\",\"message\":\"Key " + TestContext.SecretText + " is revoked\",\"type\":\"authentication_error\",\"param\":null,\"details\":{\"key\":\"" + TestContext.SecretText + "\"}}}";
        ctx.Handler.Respond(401, body);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        foreach (string? text in new[] { ex.Message, ex.ApiMessage, ex.ResponseBody, ex.Details!.ToString(), ex.ToString() })
        {
            Assert.DoesNotContain(TestContext.SecretText, text ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal("Key **** is revoked", ex.Message);
    }

    [Fact]
    public async Task EchoedSecretInNonJsonBodyIsRedacted()
    {
        using var ctx = new TestContext(maxRetryCount: 0);
        ctx.Handler.Respond(403, "Forbidden for Bearer " + TestContext.SecretText, "text/plain");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal("Forbidden for Bearer ****", ex.ResponseBody);
    }

    [Fact]
    public async Task EmptySuccessBodyIsAResponseException()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "");

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HtmlSuccessBodyIsAResponseException()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "<html><body>Please log in to the Wi-Fi</body></html>", "text/html");

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal("text/html", ex.ContentType);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJsonIsAResponseExceptionWithoutStackTrace()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"session\": {\"id\": ");

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task JsonWithoutTheExpectedEnvelopeIsAResponseException()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "[1,2,3]");

        await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));
    }

    [Fact]
    public async Task OversizedSuccessBodyIsRejected()
    {
        using var ctx = new TestContext(o => o.MaxResponseBytes = 1024);
        string big = "{\"session\":{\"id\":\"s\",\"name\":\"" + new string('n', 4096) + "\"}}";
        ctx.Handler.Respond(200, big);

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Contains("response-size limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1024, ex.SizeLimitBytes);
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRejectedNotCrashed()
    {
        using var ctx = new TestContext();
        string deep = "{\"session\":" + new string('[', 300) + new string(']', 300) + "}";
        ctx.Handler.Respond(200, deep);

        await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));
    }

    [Fact]
    public async Task RedirectIsReportedNotFollowed()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(302, "", "text/plain", r => r.Headers.Location = new Uri("http://evil.example/"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetSessionAsync("s", CancellationToken.None));

        Assert.Equal(302, ex.StatusCode);
        Assert.Single(ctx.Handler.Requests);
    }
}
