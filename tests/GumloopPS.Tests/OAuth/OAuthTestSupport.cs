using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Tests.OAuth;

/// <summary>A thread-safe fake of <c>POST /oauth/token</c> that counts refreshes and can hold them until released.</summary>
internal sealed class FakeTokenEndpoint : HttpMessageHandler
{
    private int _issued;

    public int RefreshCount;
    public int RevokeCount;
    public ConcurrentQueue<string> Bodies { get; } = new ConcurrentQueue<string>();

    /// <summary>While not null, refresh answers wait for this task.</summary>
    public TaskCompletionSource<bool>? Gate { get; set; }

    /// <summary>Answers refreshes with this status and flat OAuth error instead of tokens.</summary>
    public (int Status, string Error)? Refuse { get; set; }

    public int ExpiresIn { get; set; } = 3600;

    public static string AccessToken(int n) => "glo_at_fakeAccess" + n.ToString("D4");

    public static string RefreshToken(int n) => "glo_rt_fakeRefresh" + n.ToString("D4");

    /// <summary>The first grant, as an authorization-code exchange would give it.</summary>
    public OAuthTokenGrant FirstGrant()
    {
        int n = Interlocked.Increment(ref _issued);
        using var doc = System.Text.Json.JsonDocument.Parse(TokenJson(n));
        return OAuthTokenGrant.FromJson(doc.RootElement)!;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Bodies.Enqueue(body);
        if (request.RequestUri!.AbsolutePath.EndsWith("/oauth/revoke", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref RevokeCount);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Array.Empty<byte>()) };
        }

        Interlocked.Increment(ref RefreshCount);
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        if (Refuse is { } refuse)
        {
            return Json(refuse.Status, "{\"error\":\"" + refuse.Error + "\",\"error_description\":\"The refresh token has been revoked.\"}");
        }

        return Json(200, TokenJson(Interlocked.Increment(ref _issued)));
    }

    private string TokenJson(int n) =>
        "{\"access_token\":\"" + AccessToken(n) + "\",\"token_type\":\"Bearer\",\"expires_in\":" + ExpiresIn
        + ",\"scope\":\"gumloop_api userinfo\",\"refresh_token\":\"" + RefreshToken(n) + "\"}";

    private static HttpResponseMessage Json(int status, string json) =>
        new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>A clock a test moves by hand.</summary>
internal sealed class ManualClock
{
    private long _ticks;

    public ManualClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    public DateTimeOffset Now => new DateTimeOffset(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

internal static class OAuthTestFactory
{
    public static readonly Uri BaseUri = new Uri("https://api.gumloop.test/api/v1");

    public static GumloopOAuthSession NewSession(FakeTokenEndpoint endpoint, ManualClock clock)
    {
        var client = new GumloopOAuthClient(BaseUri, TimeSpan.FromSeconds(30), endpoint);
        return new GumloopOAuthSession(client, "gumloop_cli", endpoint.FirstGrant(), clock.Now, () => clock.Now);
    }
}
