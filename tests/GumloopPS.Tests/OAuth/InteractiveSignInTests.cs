using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.OAuth;

/// <summary>
/// The whole interactive flow against the simulator, with the test as the browser: it fetches the authorize URL and
/// follows the redirect to the loopback listener, as a browser would after the user consents.
/// </summary>
public sealed class InteractiveSignInTests : IDisposable
{
    private readonly GumloopSimulator _sim = GumloopSimulator.Start(new SimulatorOptions { ReplyDelay = TimeSpan.FromMilliseconds(20) });
    private readonly GumloopOAuthClient _client;

    public InteractiveSignInTests()
    {
        _client = new GumloopOAuthClient(_sim.BaseUri, TimeSpan.FromSeconds(20));
    }

    public void Dispose()
    {
        _client.Dispose();
        _sim.Dispose();
    }

    internal static Uri FreeRedirectUri()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/callback");
    }

    /// <summary>Plays the browser: GET the authorize page, follow its redirect to the listener.</summary>
    internal static async Task<HttpResponseMessage> PlayBrowserAsync(Uri authorize, string? directive = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(20) };
        Uri target = directive == null ? authorize : new Uri(authorize.AbsoluteUri + "&" + directive);
        return await browser.GetAsync(target);
    }

    private GumloopInteractiveSignIn NewSignIn(Func<Uri, CancellationToken, Task> browser)
    {
        return new GumloopInteractiveSignIn(_client, _sim.OAuthClientId, null, FreeRedirectUri()) { OpenBrowser = browser };
    }

    [Fact]
    public async Task Sign_in_completes_and_a_connection_on_it_carries_the_access_token()
    {
        HttpResponseMessage? page = null;
        Uri? shown = null;
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) =>
        {
            shown = uri;
            _ = Task.Run(async () => page = await PlayBrowserAsync(uri));
            return Task.CompletedTask;
        });

        GumloopOAuthSession session = await signIn.SignInAsync(CancellationToken.None);

        Assert.NotNull(shown);
        Assert.Equal(_sim.OAuthRootUri.AbsoluteUri + "oauth/authorize", shown!.GetLeftPart(UriPartial.Path));
        var query = LoopbackRedirectListener.ParseQuery(shown.Query.TrimStart('?'));
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("gumloop_api userinfo", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(signIn.RedirectUri.OriginalString, query["redirect_uri"]);
        Assert.Equal("gumloop_api userinfo", session.Scope);

        using var connection = new GumloopConnection(new GumloopConnectionOptions { BaseUri = _sim.BaseUri, AuthKind = GumloopAuthKind.AccessToken, OAuthSession = session });
        var agents = await new GumloopClient(connection).ListAgentsAsync(null, CancellationToken.None);
        Assert.NotEmpty(agents);

        SimulatorRequest token = Assert.Single(_sim.RequestLog, r => r.Path == "/oauth/token");
        Assert.Equal(200, token.StatusCode);
        Assert.Contains("grant_type=authorization_code", token.Body);
        Assert.Contains("code_verifier=", token.Body);
        SimulatorRequest list = Assert.Single(_sim.RequestLog, r => r.Path == "/api/v1/agents");
        Assert.StartsWith("glo_at_", list.Credential);
        Assert.Null(list.AuthKey);
        Assert.DoesNotContain(list.Credential!, connection.ToString());
        SpinWait.SpinUntil(() => page != null, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, page!.StatusCode);
        Assert.Contains("Signed in", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Renewal_before_expiry_and_on_401_show_in_the_simulator_log()
    {
        _sim.Options.OAuthTokenLifetime = TimeSpan.FromSeconds(30);
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => { _ = PlayBrowserAsync(uri); return Task.CompletedTask; });
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        signIn.UtcNow = () => clock.Now;
        GumloopOAuthSession session = await signIn.SignInAsync(CancellationToken.None);
        using var connection = new GumloopConnection(new GumloopConnectionOptions { BaseUri = _sim.BaseUri, AuthKind = GumloopAuthKind.AccessToken, OAuthSession = session });
        var client = new GumloopClient(connection);

        // Past 90% of the lifetime on the client's clock: renewed before the request, which then needs no retry.
        clock.Advance(TimeSpan.FromSeconds(28));
        await client.ListAgentsAsync(null, CancellationToken.None);
        Assert.Equal(new[] { "/oauth/token", "/oauth/token", "/api/v1/agents" }, _sim.RequestLog.Where(r => r.Path != "/oauth/authorize").Select(r => r.Path).ToArray());
        Assert.Contains("grant_type=refresh_token", _sim.RequestLog[_sim.RequestLog.Count - 2].Body);
        Assert.Equal(200, _sim.RequestLog.Last().StatusCode);

        // The server withdraws the token early (the client's clock says it is fresh): one 401, one renewal, one resend.
        _sim.ExpireAccessToken(ToSecure(LastBearer(client)));
        await client.ListAgentsAsync(null, CancellationToken.None);
        var log = _sim.RequestLog.Select(r => r.Path + " " + r.StatusCode).ToArray();
        Assert.Equal(new[] { "/api/v1/agents 401", "/oauth/token 200", "/api/v1/agents 200" }, log);
        Assert.NotEqual(_sim.RequestLog[0].Credential, _sim.RequestLog[2].Credential);
        Assert.Equal(2, session.RenewalCount);
    }

    [Fact]
    public async Task Parallel_requests_after_a_401_share_one_renewal()
    {
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => { _ = PlayBrowserAsync(uri); return Task.CompletedTask; });
        GumloopOAuthSession session = await signIn.SignInAsync(CancellationToken.None);
        using var connection = new GumloopConnection(new GumloopConnectionOptions { BaseUri = _sim.BaseUri, AuthKind = GumloopAuthKind.AccessToken, OAuthSession = session });
        var client = new GumloopClient(connection);
        await client.ListAgentsAsync(null, CancellationToken.None);
        _sim.ExpireAccessToken(ToSecure(_sim.RequestLog.Last().Credential!));
        _sim.ClearRequestLog();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.ListAgentsAsync(null, CancellationToken.None))));

        Assert.Single(_sim.RequestLog, r => r.Path == "/oauth/token");
        Assert.Equal(8, _sim.RequestLog.Count(r => r.Path == "/api/v1/agents" && r.StatusCode == 200));
        Assert.Equal(1, session.RenewalCount);
    }

    [Fact]
    public async Task Revoke_makes_the_refresh_token_and_access_token_unusable()
    {
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => { _ = PlayBrowserAsync(uri); return Task.CompletedTask; });
        GumloopOAuthSession session = await signIn.SignInAsync(CancellationToken.None);
        using var connection = new GumloopConnection(new GumloopConnectionOptions { BaseUri = _sim.BaseUri, AuthKind = GumloopAuthKind.AccessToken, OAuthSession = session });
        await new GumloopClient(connection).ListAgentsAsync(null, CancellationToken.None);
        string access = _sim.RequestLog.Last().Credential!;
        await session.RevokeAsync(CancellationToken.None);
        SimulatorRequest revoke = Assert.Single(_sim.RequestLog, r => r.Path == "/oauth/revoke");
        Assert.Equal(200, revoke.StatusCode);
        Assert.Contains("token=glo_rt_", revoke.Body);

        using var raw = new HttpClient();
        raw.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + access);
        Assert.Equal(HttpStatusCode.Unauthorized, (await raw.GetAsync(_sim.BaseUri + "/agents")).StatusCode);
    }

    [Fact]
    public async Task A_denial_is_a_Denied_error()
    {
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => { _ = PlayBrowserAsync(uri, GumloopSimulator.ConsentDirective + "=deny"); return Task.CompletedTask; });
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => signIn.SignInAsync(CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.Denied, ex.Problem);
        Assert.Equal("access_denied", ex.OAuthError);
        Assert.DoesNotContain(_sim.RequestLog, r => r.Path == "/oauth/token");
    }

    [Fact]
    public async Task No_redirect_within_the_timeout_is_a_SignInTimeout_error()
    {
        var elapsed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan? asked = null;
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => Task.CompletedTask);
        signIn.Timeout = TimeSpan.FromSeconds(300);
        signIn.Delay = (delay, ct) => { asked = delay; return elapsed.Task; };
        Task<GumloopOAuthSession> running = signIn.SignInAsync(CancellationToken.None);
        Assert.False(running.IsCompleted);
        elapsed.SetResult(true);   // the injected clock says 300 s have passed
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => running);
        Assert.Equal(GumloopOAuthProblem.SignInTimeout, ex.Problem);
        Assert.Equal(TimeSpan.FromSeconds(300), asked);
        Assert.Contains("300 seconds", ex.Message);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_and_frees_the_port()
    {
        using var cts = new CancellationTokenSource();
        GumloopInteractiveSignIn signIn = NewSignIn((uri, ct) => Task.CompletedTask);
        Task<GumloopOAuthSession> running = signIn.SignInAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        var again = new TcpListener(IPAddress.Loopback, signIn.RedirectUri.Port);
        again.Start();
        again.Stop();
    }

    [Fact]
    public async Task A_redirect_with_another_state_is_refused_without_exchanging_the_code()
    {
        GumloopInteractiveSignIn signIn = NewSignIn(async (uri, ct) =>
        {
            using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            HttpResponseMessage authorize = await noRedirect.GetAsync(uri, ct);
            string location = authorize.Headers.Location!.AbsoluteUri;
            string forged = System.Text.RegularExpressions.Regex.Replace(location, "state=[^&]+", "state=forged");
            _ = Task.Run(async () =>
            {
                using var browser = new HttpClient();
                await browser.GetAsync(forged);
            });
        });
        var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => signIn.SignInAsync(CancellationToken.None));
        Assert.Equal(GumloopOAuthProblem.StateMismatch, ex.Problem);
        Assert.DoesNotContain(_sim.RequestLog, r => r.Path == "/oauth/token");
    }

    [Fact]
    public async Task Requests_for_other_paths_on_the_listener_do_not_end_the_wait()
    {
        GumloopInteractiveSignIn signIn = NewSignIn(async (uri, ct) =>
        {
            using var probe = new HttpClient();
            var redirect = GumloopInteractiveSignIn.ValidateRedirectUri(new Uri(LoopbackRedirectListener.ParseQuery(uri.Query.TrimStart('?'))["redirect_uri"]));
            Assert.Equal(HttpStatusCode.NotFound, (await probe.GetAsync(new Uri(redirect, "/favicon.ico"), ct)).StatusCode);
            _ = PlayBrowserAsync(uri);
        });
        GumloopOAuthSession session = await signIn.SignInAsync(CancellationToken.None);
        Assert.NotNull(session.ExpiresAt);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8765/callback")]
    [InlineData("http://example.com:8765/callback")]
    [InlineData("http://127.0.0.1/callback")]
    [InlineData("http://127.0.0.1:8765/callback?x=1")]
    public void Only_http_loopback_redirect_uris_with_a_port_are_accepted(string uri)
    {
        Assert.Throws<ArgumentException>(() => GumloopInteractiveSignIn.ValidateRedirectUri(new Uri(uri)));
    }

    [Fact]
    public async Task A_busy_redirect_port_is_a_ListenerFailed_error()
    {
        var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            int port = ((IPEndPoint)busy.LocalEndpoint).Port;
            var signIn = new GumloopInteractiveSignIn(_client, _sim.OAuthClientId, null, new Uri($"http://127.0.0.1:{port}/callback")) { OpenBrowser = (u, c) => Task.CompletedTask };
            var ex = await Assert.ThrowsAsync<GumloopOAuthException>(() => signIn.SignInAsync(CancellationToken.None));
            Assert.Equal(GumloopOAuthProblem.ListenerFailed, ex.Problem);
        }
        finally
        {
            busy.Stop();
        }
    }

    private string LastBearer(GumloopClient client)
    {
        // One call shows which token the connection now sends; the log is cleared for what follows.
        client.ValidateAsync(CancellationToken.None).GetAwaiter().GetResult();
        string bearer = _sim.RequestLog.Last().Credential!;
        _sim.ClearRequestLog();
        return bearer;
    }

    private static SecureString ToSecure(string text)
    {
        var s = new SecureString();
        foreach (char c in text)
        {
            s.AppendChar(c);
        }

        return s;
    }
}
