using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>The simulator's OAuth routes on the wire, independently of GumloopPS.Core.</summary>
    public class SimulatorOAuthTests : SimTestBase
    {
        private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        private const string Redirect = "http://127.0.0.1:47100/callback";

        private readonly HttpClient _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        private string Root(string relative) => Sim.OAuthRootUri.AbsoluteUri.TrimEnd('/') + relative;

        private async Task<Dictionary<string, string>> AuthorizeAsync(string extra = "", string redirect = Redirect, string challenge = Challenge)
        {
            string url = Root("/oauth/authorize") + "?response_type=code&client_id=" + Sim.OAuthClientId
                + "&redirect_uri=" + Uri.EscapeDataString(redirect) + "&scope=gumloop_api%20userinfo&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=xyz" + extra;
            HttpResponseMessage response = await _browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Uri location = response.Headers.Location!;
            Assert.StartsWith(redirect + "?", location.AbsoluteUri);
            return GumloopPS.Core.LoopbackRedirectListener.ParseQuery(location.Query.TrimStart('?'));
        }

        private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(params (string Key, string Value)[] form)
        {
            var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
            HttpResponseMessage response = await _browser.PostAsync(Root("/oauth/token"), content);
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }

        private Task<(HttpStatusCode Status, JsonElement Body)> ExchangeAsync(string code, string verifier = Verifier, string redirect = Redirect) =>
            TokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", Sim.OAuthClientId), ("code_verifier", verifier));

        private Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refresh) =>
            TokenAsync(("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", Sim.OAuthClientId));

        [Fact]
        public async Task Authorize_consents_and_the_code_exchanges_for_tokens_shaped_like_the_fixture()
        {
            var query = await AuthorizeAsync();
            Assert.Equal("xyz", query["state"]);
            Assert.StartsWith("glo_ac_", query["code"]);

            var (status, body) = await ExchangeAsync(query["code"]);
            Assert.Equal(HttpStatusCode.OK, status);
            using var fixture = JsonDocument.Parse(TestPaths.ReadExample("oauth.token.200.json"));
            Assert.Equal(fixture.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n), body.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
            Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
            Assert.Equal("gumloop_api userinfo", body.GetProperty("scope").GetString());

            // The access token works on the API without x-auth-key.
            using var api = NewClient(body.GetProperty("access_token").GetString(), null);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Api("/agents"))).StatusCode);
            Assert.Null(Sim.RequestLog.Last(r => r.Path == "/oauth/token").Credential);
        }

        [Fact]
        public async Task A_wrong_verifier_is_refused_with_invalid_grant()
        {
            var query = await AuthorizeAsync();
            var (status, body) = await ExchangeAsync(query["code"], verifier: new string('a', 43));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
            Assert.Contains("PKCE", body.GetProperty("error_description").GetString());
        }

        [Fact]
        public async Task A_reused_code_is_refused_and_what_it_bought_is_revoked()
        {
            var query = await AuthorizeAsync();
            var (first, tokens) = await ExchangeAsync(query["code"]);
            Assert.Equal(HttpStatusCode.OK, first);
            var (second, body) = await ExchangeAsync(query["code"]);
            Assert.Equal(HttpStatusCode.BadRequest, second);
            Assert.Equal("invalid_grant", body.GetProperty("error").GetString());

            var (refreshed, _) = await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
            Assert.Equal(HttpStatusCode.BadRequest, refreshed);
            using var api = NewClient(tokens.GetProperty("access_token").GetString(), null);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Api("/agents"))).StatusCode);
        }

        [Fact]
        public async Task A_redirect_uri_other_than_the_authorized_one_is_refused()
        {
            var query = await AuthorizeAsync();
            var (status, body) = await ExchangeAsync(query["code"], redirect: "http://127.0.0.1:47101/callback");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        }

        [Fact]
        public async Task Refresh_rotates_and_a_revoked_refresh_token_is_refused()
        {
            var query = await AuthorizeAsync();
            var (_, tokens) = await ExchangeAsync(query["code"]);
            string refresh = tokens.GetProperty("refresh_token").GetString()!;

            var (ok, renewed) = await RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.OK, ok);
            string next = renewed.GetProperty("refresh_token").GetString()!;
            Assert.NotEqual(refresh, next);
            Assert.NotEqual(tokens.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
            var (rotated, _) = await RefreshAsync(refresh);
            Assert.Equal(HttpStatusCode.BadRequest, rotated);

            HttpResponseMessage revoke = await _browser.PostAsync(Root("/oauth/revoke"),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = next, ["client_id"] = Sim.OAuthClientId }));
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            Assert.Equal(string.Empty, await revoke.Content.ReadAsStringAsync());
            Assert.Equal(System.IO.File.ReadAllText(TestPaths.Example("oauth.revoke.200.empty")), string.Empty);

            var (refused, error) = await RefreshAsync(next);
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
            using var api = NewClient(renewed.GetProperty("access_token").GetString(), null);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Api("/agents"))).StatusCode);
        }

        [Fact]
        public async Task Revoking_an_unknown_token_still_answers_200()
        {
            HttpResponseMessage revoke = await _browser.PostAsync(Root("/oauth/revoke"),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "nothing", ["client_id"] = Sim.OAuthClientId }));
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        [Fact]
        public async Task Access_tokens_expire_after_the_configured_lifetime()
        {
            Sim.Options.OAuthTokenLifetime = TimeSpan.FromMilliseconds(300);
            var query = await AuthorizeAsync();
            var (_, tokens) = await ExchangeAsync(query["code"]);
            Assert.Equal(1, tokens.GetProperty("expires_in").GetInt32());
            using var api = NewClient(tokens.GetProperty("access_token").GetString(), null);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Api("/agents"))).StatusCode);
            await Task.Delay(400);
            HttpResponseMessage expired = await api.GetAsync(Api("/agents"));
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("invalid_token", await expired.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task The_consent_directive_denies_with_access_denied()
        {
            var query = await AuthorizeAsync("&" + Uri.EscapeDataString(GumloopSimulator.ConsentDirective) + "=deny");
            Assert.Equal("access_denied", query["error"]);
            Assert.Equal("xyz", query["state"]);
            Assert.False(query.ContainsKey("code"));
        }

        [Fact]
        public async Task Authorize_needs_S256_and_a_registered_redirect()
        {
            string plain = Root("/oauth/authorize") + "?response_type=code&client_id=" + Sim.OAuthClientId + "&redirect_uri=" + Uri.EscapeDataString(Redirect)
                + "&scope=gumloop_api&code_challenge=" + Verifier + "&code_challenge_method=plain&state=s";
            HttpResponseMessage response = await _browser.GetAsync(plain);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Contains("error=invalid_request", response.Headers.Location!.Query);

            string foreign = Root("/oauth/authorize") + "?response_type=code&client_id=" + Sim.OAuthClientId + "&redirect_uri=" + Uri.EscapeDataString("https://evil.example/cb")
                + "&scope=gumloop_api&code_challenge=" + Challenge + "&code_challenge_method=S256";
            HttpResponseMessage refused = await _browser.GetAsync(foreign);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
        }

        [Fact]
        public async Task Register_returns_a_client_whose_redirect_then_works()
        {
            var body = new
            {
                client_name = "Renewals Console",
                redirect_uris = new[] { "http://127.0.0.1:47100/callback" },
                grant_types = new[] { "authorization_code", "refresh_token" },
                response_types = new[] { "code" },
                token_endpoint_auth_method = "none",
                scope = "gumloop_api userinfo",
            };
            HttpResponseMessage response = await _browser.PostAsync(Root("/oauth/register"), Body(body));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            using var fixture = JsonDocument.Parse(TestPaths.ReadExample("oauth.register.201.json"));
            Assert.Equal(fixture.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n), doc.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            string clientId = doc.RootElement.GetProperty("client_id").GetString()!;
            Assert.StartsWith("oc_", clientId);

            string url = Root("/oauth/authorize") + "?response_type=code&client_id=" + clientId + "&redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:50000/callback")
                + "&scope=gumloop_api&code_challenge=" + Challenge + "&code_challenge_method=S256&state=s";
            Assert.Equal(HttpStatusCode.Found, (await _browser.GetAsync(url)).StatusCode);
        }

        [Fact]
        public async Task Register_without_redirect_uris_is_400_invalid_request()
        {
            HttpResponseMessage response = await _browser.PostAsync(Root("/oauth/register"), Body(new { client_name = "x" }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("invalid_request", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("invalid_request_error", doc.RootElement.GetProperty("error").GetProperty("type").GetString());
        }

        [Fact]
        public async Task OAuth_routes_are_only_on_the_api_root()
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync(Api("/oauth/token"), new StringContent(""))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await _browser.PostAsync(Sim.StreamBaseUri.GetLeftPart(UriPartial.Authority) + "/oauth/token", new StringContent(""))).StatusCode);
        }
    }
}
