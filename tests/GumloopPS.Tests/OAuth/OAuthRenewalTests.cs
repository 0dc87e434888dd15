using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.OAuth;

public class OAuthRenewalTests
{
    private readonly ManualClock _clock = new ManualClock(new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeTokenEndpoint _endpoint = new FakeTokenEndpoint();

    [Fact]
    public async Task Token_is_reused_until_the_renewal_margin_then_renewed_before_it_expires()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        Assert.Equal(_clock.Now.AddSeconds(3600), session.ExpiresAt);

        _clock.Advance(TimeSpan.FromSeconds(3539));
        Assert.Equal(FakeTokenEndpoint.AccessToken(1), await session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(0, _endpoint.RefreshCount);

        // Inside the last 60 s: renewed before it expires, not after a 401.
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(FakeTokenEndpoint.AccessToken(2), await session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(1, _endpoint.RefreshCount);
        Assert.Equal(1, session.RenewalCount);
        Assert.Contains("grant_type=refresh_token", _endpoint.Bodies.Last());
        Assert.Contains("refresh_token=" + FakeTokenEndpoint.RefreshToken(1), _endpoint.Bodies.Last());
        Assert.Contains("client_id=gumloop_cli", _endpoint.Bodies.Last());
        Assert.Equal(_clock.Now.AddSeconds(3600), session.ExpiresAt);

        // The new refresh token is the one used next time.
        _clock.Advance(TimeSpan.FromSeconds(3590));
        Assert.Equal(FakeTokenEndpoint.AccessToken(3), await session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Contains("refresh_token=" + FakeTokenEndpoint.RefreshToken(2), _endpoint.Bodies.Last());
    }

    [Fact]
    public async Task A_short_lifetime_renews_after_ninety_percent_of_it()
    {
        _endpoint.ExpiresIn = 10;
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        _clock.Advance(TimeSpan.FromSeconds(8.9));
        await session.GetAccessTokenAsync(CancellationToken.None);
        Assert.Equal(0, _endpoint.RefreshCount);
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        await session.GetAccessTokenAsync(CancellationToken.None);
        Assert.Equal(1, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task Parallel_callers_share_one_renewal()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        _endpoint.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string>[] callers = Enumerable.Range(0, 16).Select(_ => Task.Run(() => session.GetAccessTokenAsync(CancellationToken.None))).ToArray();
        SpinWait.SpinUntil(() => _endpoint.RefreshCount > 0, TimeSpan.FromSeconds(10));
        _endpoint.Gate.SetResult(true);
        string[] tokens = await Task.WhenAll(callers);

        Assert.Equal(1, _endpoint.RefreshCount);
        Assert.All(tokens, t => Assert.Equal(FakeTokenEndpoint.AccessToken(2), t));

        // A late caller holding the old token does not renew again.
        Assert.Equal(FakeTokenEndpoint.AccessToken(2), await session.RenewAsync(FakeTokenEndpoint.AccessToken(1), CancellationToken.None));
        Assert.Equal(1, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_the_renewal_others_wait_for()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        _endpoint.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        Task<string> cancelled = session.GetAccessTokenAsync(cts.Token);
        Task<string> patient = session.GetAccessTokenAsync(CancellationToken.None);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        _endpoint.Gate.SetResult(true);
        Assert.Equal(FakeTokenEndpoint.AccessToken(2), await patient);
        Assert.Equal(1, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task A_refused_refresh_is_a_RefreshFailed_error_and_is_not_asked_again()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        _endpoint.Refuse = (400, "invalid_grant");
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.RefreshFailed, ex.Problem);
        Assert.Equal("invalid_grant", ex.OAuthError);
        Assert.Contains("invalid_grant", ex.Message);
        Assert.DoesNotContain("glo_rt_", ex.Message);

        var again = await Assert.ThrowsAsync<GumloopOAuthException>(() => session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.RefreshFailed, again.Problem);
        Assert.Equal(1, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task A_server_error_during_refresh_is_tried_again_by_the_next_caller()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        _endpoint.Refuse = (503, "temporarily_unavailable");
        await Assert.ThrowsAsync<GumloopOAuthException>(() => session.GetAccessTokenAsync(CancellationToken.None));
        _endpoint.Refuse = null;
        Assert.Equal(FakeTokenEndpoint.AccessToken(2), await session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(2, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task A_401_renews_once_and_resends_with_the_new_token()
    {
        using var ctx = NewOAuthContext(out GumloopOAuthSession session);
        ctx.Handler.Respond(401, "{\"error\":{\"code\":\"invalid_token\",\"message\":\"The access token has expired.\",\"type\":\"authentication_error\"}}")
            .Respond(200, "{\"agents\":[]}");

        var agents = await ctx.Client.ListAgentsAsync(null, CancellationToken.None);

        Assert.Empty(agents);
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.Equal("Bearer " + FakeTokenEndpoint.AccessToken(1), ctx.Handler.Requests[0].Headers["Authorization"]);
        Assert.Equal("Bearer " + FakeTokenEndpoint.AccessToken(2), ctx.Handler.Requests[1].Headers["Authorization"]);
        Assert.False(ctx.Handler.Requests[1].Headers.ContainsKey("x-auth-key"));
        Assert.Equal(1, _endpoint.RefreshCount);
        Assert.Empty(ctx.Delays);
    }

    [Fact]
    public async Task A_second_401_after_renewal_is_reported_not_renewed_again()
    {
        using var ctx = NewOAuthContext(out _);
        const string unauthorized = "{\"error\":{\"code\":\"invalid_token\",\"message\":\"nope\",\"type\":\"authentication_error\"}}";
        ctx.Handler.Respond(401, unauthorized).Respond(401, unauthorized);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.Equal(1, _endpoint.RefreshCount);
    }

    [Fact]
    public async Task A_401_whose_refresh_is_refused_throws_RefreshFailed()
    {
        using var ctx = NewOAuthContext(out _);
        ctx.Handler.Respond(401, "{\"error\":{\"code\":\"invalid_token\",\"message\":\"expired\",\"type\":\"authentication_error\"}}");
        _endpoint.Refuse = (400, "invalid_grant");
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.RefreshFailed, ex.Problem);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task Error_bodies_and_the_connection_never_show_any_token_the_session_held()
    {
        using var ctx = NewOAuthContext(out GumloopOAuthSession session);
        _clock.Advance(TimeSpan.FromHours(2));
        await session.GetAccessTokenAsync(CancellationToken.None);
        string echo = "{\"error\":{\"code\":\"bad\",\"message\":\"saw " + FakeTokenEndpoint.AccessToken(1) + " and " + FakeTokenEndpoint.AccessToken(2)
            + " and " + FakeTokenEndpoint.RefreshToken(2) + "\",\"type\":\"invalid_request_error\"}}";
        ctx.Handler.Respond(400, echo);
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));
        foreach (string text in new[] { ex.Message, ex.ResponseBody ?? string.Empty, ex.ApiMessage ?? string.Empty, ctx.Connection.ToString(), session.ToString(), ctx.Connection.MaskedKey })
        {
            Assert.DoesNotContain("glo_at_fake", text);
            Assert.DoesNotContain("glo_rt_fake", text);
        }

        Assert.All(ctx.Log.All, line => Assert.DoesNotContain("glo_at_fake", line));
    }

    [Fact]
    public async Task Revoke_sends_the_refresh_token_and_the_session_then_refuses_to_renew()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        await session.RevokeAsync(CancellationToken.None);
        Assert.Equal(1, _endpoint.RevokeCount);
        Assert.Contains("token=" + FakeTokenEndpoint.RefreshToken(1), _endpoint.Bodies.Last());
        Assert.Contains("client_id=gumloop_cli", _endpoint.Bodies.Last());
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => session.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.SignedOut, ex.Problem);
    }

    [Fact]
    public void A_connection_on_a_sign_in_must_be_an_access_token_connection()
    {
        GumloopOAuthSession session = OAuthTestFactory.NewSession(_endpoint, _clock);
        var options = new GumloopConnectionOptions { BaseUri = OAuthTestFactory.BaseUri, AuthKind = GumloopAuthKind.ApiKey, UserId = "u", OAuthSession = session };
        Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
        options.AuthKind = GumloopAuthKind.AccessToken;
        using var connection = new GumloopConnection(options);
        Assert.Same(session, connection.OAuthSession);
        Assert.Equal("****" + FakeTokenEndpoint.AccessToken(1).Substring(FakeTokenEndpoint.AccessToken(1).Length - 4), connection.MaskedKey);
    }

    [Fact]
    public void The_OAuth_root_is_the_base_without_api_v1()
    {
        Assert.Equal("https://api.gumloop.com/", GumloopOAuthClient.DeriveRootUri(new Uri("https://api.gumloop.com/api/v1")).AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/", GumloopOAuthClient.DeriveRootUri(new Uri("http://127.0.0.1:5000/api/v1/")).AbsoluteUri);
        using var client = new GumloopOAuthClient(new Uri("https://api.gumloop.com/api/v1"));
        Uri authorize = client.BuildAuthorizeUri("gumloop_cli", GumloopOAuthClient.DefaultRedirectUri, "gumloop_api userinfo", "abc", "st");
        Assert.Equal("https://api.gumloop.com/oauth/authorize", authorize.GetLeftPart(UriPartial.Path));
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        Assert.Contains("scope=gumloop_api%20userinfo", authorize.Query);
        Assert.Contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback", authorize.Query);
    }

    [Fact]
    public void Pkce_S256_matches_the_RFC_7636_example()
    {
        // RFC 7636 appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", OAuthPkce.S256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        string verifier = OAuthPkce.NewCodeVerifier();
        Assert.Equal(43, verifier.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", verifier);
        Assert.NotEqual(verifier, OAuthPkce.NewCodeVerifier());
    }

    private TestContext NewOAuthContext(out GumloopOAuthSession session)
    {
        GumloopOAuthSession created = OAuthTestFactory.NewSession(_endpoint, _clock);
        session = created;
        return new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.AccessToken;
            o.Secret = null;
            o.UserId = null;
            o.OAuthSession = created;
        });
    }
}
