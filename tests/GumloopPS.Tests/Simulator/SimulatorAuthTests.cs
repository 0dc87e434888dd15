using System;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorAuthTests : SimTestBase
    {
        private static string Plain(SecureString s)
        {
            var p = Marshal.SecureStringToGlobalAllocUnicode(s);
            try { return Marshal.PtrToStringUni(p)!; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(p); }
        }

        [Fact]
        public async Task Missing_authorization_is_401_missing_credentials()
        {
            using var anon = NewClient(null, null);
            AssertCanonicalError(await Get(Api("/models"), anon), 401, "missing_credentials", "authentication_error");
        }

        [Fact]
        public async Task Unknown_bearer_is_401_invalid_token()
        {
            using var c = NewClient("gl_sk_bogus", Sim.UserId);
            AssertCanonicalError(await Get(Api("/models"), c), 401, "invalid_token", "authentication_error");
        }

        [Fact]
        public async Task Api_key_requires_matching_x_auth_key()
        {
            using var none = NewClient(Sim.ApiKeyText, null);
            var r = await Get(Api("/models"), none);
            Assert.Equal(401, r.Status);
            using var wrong = NewClient(Sim.ApiKeyText, "someone_else");
            AssertCanonicalError(await Get(Api("/models"), wrong), 401, "invalid_credentials", "authentication_error");
            Assert.Equal(Plain(Sim.ApiKey), Sim.ApiKeyText);
        }

        [Fact]
        public async Task Access_token_needs_no_x_auth_key_and_can_expire()
        {
            var token = Sim.CreateAccessToken();
            using var c = NewClient(Plain(token), null);
            Assert.Equal(200, (await Get(Api("/models"), c)).Status);
            Sim.ExpireAccessToken(token);
            var r = await Get(Api("/models"), c);
            AssertCanonicalError(r, 401, "invalid_token", "authentication_error");
            Assert.Contains("expired", r.Json.GetProperty("error").GetProperty("message").GetString());
        }

        [Fact]
        public async Task Team_key_needs_its_team_id_on_the_api_host()
        {
            using var c = NewClient(Plain(Sim.TeamApiKey), Sim.UserId);
            AssertCanonicalError(await Get(Api("/agents"), c), 403, "permission_denied", "permission_error");
            AssertCanonicalError(await Get(Api("/agents?team_id=tm_other"), c), 403, "permission_denied", "permission_error");
            var ok = await Get(Api("/agents?team_id=" + Sim.TeamId), c);
            Assert.Equal(200, ok.Status);
            // Stream host: the SDK never adds team_id there.
            Assert.Equal(200, (await Get(Ws("/models"), c)).Status);
        }

        [Fact]
        public async Task Added_user_key_acts_as_that_user_and_is_logged_verbatim()
        {
            var key = Plain(Sim.AddUser("usr_runspace_7", "Ada", "Lovelace"));
            using var c = NewClient(key, "usr_runspace_7");
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "hello" }, c);
            Assert.Equal(202, r.Status);
            Assert.Equal("usr_runspace_7", r.Session.GetProperty("creator").GetProperty("id").GetString());
            Assert.True(r.Session.GetProperty("participants").TryGetProperty("usr_runspace_7", out var p));
            Assert.Equal("Ada", p.GetProperty("first_name").GetString());
            Assert.Equal(key, Sim.RequestLog.Last().Credential);
            // The personal key of one user cannot act as another.
            using var spoof = NewClient(key, Sim.UserId);
            Assert.Equal(401, (await Get(Api("/models"), spoof)).Status);
        }

        [Fact]
        public async Task Every_response_carries_x_request_id_and_echoes_the_clients()
        {
            using var anon = NewClient(null, null);
            var r = await Get(Api("/models"), anon);
            Assert.False(string.IsNullOrEmpty(r.Header("x-request-id")));
            using var req = new HttpRequestMessage(HttpMethod.Get, Api("/models"));
            req.Headers.Add("x-request-id", "req_mine_1");
            using var resp = await Http.SendAsync(req);
            Assert.Equal("req_mine_1", resp.Headers.GetValues("x-request-id").Single());
        }
    }
}
