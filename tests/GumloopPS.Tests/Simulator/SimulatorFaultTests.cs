using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorFaultTests : SimTestBase
    {
        [Fact]
        public async Task Status_faults_are_consumed_in_order_then_requests_succeed()
        {
            Sim.AddFault(new FaultRule("GET", "/models", SimulatorFault.Status(503, null, "2"), SimulatorFault.Status(502)));
            var a = await Get(Api("/models"));
            AssertCanonicalError(a, 503, "service_unavailable", "api_error");
            Assert.Equal("2", a.Header("Retry-After"));
            AssertCanonicalError(await Get(Api("/models")), 502, "bad_gateway", "api_error");
            Assert.Equal(200, (await Get(Api("/models"))).Status);
        }

        [Fact]
        public async Task Status_429_defaults_to_flat_body_and_accepts_http_date_retry_after()
        {
            var when = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
            Sim.AddFault(new FaultRule("POST", "/agents/*/sessions", SimulatorFault.Status(429, null, when)));
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "x" });
            Assert.Equal(429, r.Status);
            Assert.Equal("gummie_rate_limit", r.Json.GetProperty("error").GetString());
            Assert.Equal(when, r.Response.Headers.RetryAfter!.Date);
            // The faulted request had no side effect.
            var list = await Get(Api($"/agents/{RenewalAgent}/sessions"));
            Assert.Equal(3, list.Json.GetProperty("sessions").GetArrayLength());
        }

        [Fact]
        public async Task Status_fault_with_custom_body_is_sent_verbatim()
        {
            Sim.AddFault(new FaultRule(null, "/agents", SimulatorFault.Status(403, "{\"error\":\"tier_required_pro\"}")));
            var r = await Get(Api("/agents"));
            Assert.Equal(403, r.Status);
            Assert.Equal("{\"error\":\"tier_required_pro\"}", r.Text);
        }

        [Fact]
        public async Task Reset_before_headers_fails_the_request_without_side_effects()
        {
            Sim.AddFault(new FaultRule("POST", "/agents/*/sessions", SimulatorFault.ResetBeforeHeaders()));
            await Assert.ThrowsAsync<HttpRequestException>(() => Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "x" }));
            Assert.Equal(0, Sim.RequestLog.Last().StatusCode);
            var list = await Get(Api($"/agents/{RenewalAgent}/sessions"));
            Assert.Equal(3, list.Json.GetProperty("sessions").GetArrayLength());
        }

        [Fact]
        public async Task Reset_after_processing_models_an_ambiguous_post()
        {
            Sim.AddFault(new FaultRule("POST", "/agents/*/sessions", SimulatorFault.ResetBeforeHeaders(afterProcessing: true)));
            await Assert.ThrowsAsync<HttpRequestException>(() => Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "landed" }));
            var list = await Get(Api($"/agents/{RenewalAgent}/sessions"));
            Assert.Equal(4, list.Json.GetProperty("sessions").GetArrayLength());
        }

        [Fact]
        public async Task Reset_after_headers_delivers_status_then_breaks_the_body()
        {
            Sim.AddFault(new FaultRule("GET", "/sessions/*", SimulatorFault.ResetAfterHeaders()));
            using var req = new HttpRequestMessage(HttpMethod.Get, Api("/sessions/sess_Vk3nQ8wT2p"));
            using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(200, (int)resp.StatusCode);
            await Assert.ThrowsAnyAsync<Exception>(() => resp.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Truncated_body_breaks_mid_json()
        {
            Sim.AddFault(new FaultRule("GET", "/sessions/*", SimulatorFault.TruncatedBody()));
            using var req = new HttpRequestMessage(HttpMethod.Get, Api("/sessions/sess_Vk3nQ8wT2p"));
            using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            await Assert.ThrowsAnyAsync<Exception>(() => resp.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Malformed_json_is_a_200_that_does_not_parse()
        {
            Sim.AddFault(new FaultRule("GET", "/sessions/*", SimulatorFault.MalformedJson()));
            var r = await Get(Api("/sessions/sess_Vk3nQ8wT2p"));
            Assert.Equal(200, r.Status);
            Assert.StartsWith("{\"session\"", r.Text);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(r.Text));
        }

        [Fact]
        public async Task Html_and_empty_bodies()
        {
            Sim.AddFault(new FaultRule("GET", "/models", SimulatorFault.HtmlBody(), SimulatorFault.EmptyBody200()));
            var html = await Get(Api("/models"));
            Assert.Equal(502, html.Status);
            Assert.Equal("text/html", html.Response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<html>", html.Text);
            var empty = await Get(Api("/models"));
            Assert.Equal(200, empty.Status);
            Assert.Equal("", empty.Text);
        }

        [Fact]
        public async Task Echo_authorization_fault_leaks_the_header_into_a_500()
        {
            Sim.AddFault(new FaultRule("GET", "/agents", SimulatorFault.EchoAuthorization()));
            var r = await Get(Api("/agents"));
            Assert.Equal(500, r.Status);
            Assert.Contains("Bearer " + Sim.ApiKeyText, r.Text);
        }

        [Fact]
        public async Task Huge_and_deep_bodies_are_valid_json()
        {
            Sim.AddFault(new FaultRule("GET", "/models", SimulatorFault.HugeBody(3_000_000), SimulatorFault.DeepJson(300)));
            var huge = await Get(Api("/models"));
            Assert.True(huge.Text.Length >= 2_900_000);
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(huge.Text).RootElement.ValueKind);
            var deep = await Get(Api("/models"));
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(deep.Text));
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(deep.Text, new JsonDocumentOptions { MaxDepth = 1000 }).RootElement.ValueKind);
        }

        [Fact]
        public async Task Rules_filter_by_host_method_and_wildcard_and_clear()
        {
            Sim.AddFault(new FaultRule("GET", "/sessions/*", SimulatorFault.Status(500), SimulatorFault.Status(500)) { Host = "stream" });
            Assert.Equal(200, (await Get(Api("/sessions/sess_Vk3nQ8wT2p"))).Status);
            Assert.Equal(200, (await Post(Api("/sessions/sess_Vk3nQ8wT2p/cancel"), new { })).Status);
            Assert.Equal(500, (await Get(Ws("/sessions/sess_Vk3nQ8wT2p"))).Status);
            Sim.ClearFaults();
            Assert.Equal(200, (await Get(Ws("/sessions/sess_Vk3nQ8wT2p"))).Status);
        }

        [Fact]
        public async Task Stall_fault_delays_then_answers_normally()
        {
            Sim.AddFault(new FaultRule("GET", "/api/v1/models", SimulatorFault.Stall(300)));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(200, (await Get(Api("/models"))).Status);
            Assert.True(sw.ElapsedMilliseconds >= 280);
        }
    }

    public sealed class SimulatorObservabilityTests : SimTestBase
    {
        [Fact]
        public async Task Request_log_records_host_method_raw_query_status_and_body_length()
        {
            Sim.ClearRequestLog();
            using var req = new HttpRequestMessage(HttpMethod.Get, Api($"/agents/{RenewalAgent}/sessions?search=north%20wind&page_size=5"));
            req.Headers.UserAgent.ParseAdd("GumloopPS-test/1.0");
            await Http.SendAsync(req);
            await Post(Ws($"/agents/{RenewalAgent}/sessions"), new { name = "n" });
            var log = Sim.RequestLog;
            Assert.Equal(2, log.Count);
            var a = log[0];
            Assert.Equal("api", a.Host);
            Assert.Equal("GET", a.Method);
            Assert.Equal("search=north%20wind&page_size=5", a.Query);
            Assert.Equal(200, a.StatusCode);
            Assert.Equal(Sim.ApiKeyText, a.Credential);
            Assert.Equal(Sim.UserId, a.AuthKey);
            Assert.Contains("GumloopPS-test/1.0", a.UserAgent);
            Assert.StartsWith("127.0.0.1:", a.RemoteEndPoint);
            var b = log[1];
            Assert.Equal("stream", b.Host);
            Assert.Equal(201, b.StatusCode);
            Assert.True(b.BodyLength > 0);
            Assert.NotEmpty(b.RequestId);
        }

        [Fact]
        public async Task Connection_count_and_service_time_track_traffic()
        {
            for (int i = 0; i < 5; i++) await Get(Api("/models"));
            Assert.True(Sim.ConnectionCount >= 1);
            Assert.True(Sim.ConnectionCount <= 2, "keep-alive should reuse one connection");
            using var other = NewClient(Sim.ApiKeyText, Sim.UserId);
            await Get(Api("/models"), other);
            Assert.True(Sim.ConnectionCount >= 2);
            // Service time is booked after the response has gone out, so the client can be a moment ahead of it.
            var st = Sim.ServiceTime;
            for (int i = 0; i < 50 && st.RequestCount < 6; i++) { await Task.Delay(10); st = Sim.ServiceTime; }
            Assert.True(st.RequestCount >= 6);
            Assert.True(st.TotalMilliseconds > 0);
            Assert.True(st.AverageMilliseconds <= st.MaxMilliseconds);
        }

        [Fact]
        public async Task Parallel_users_each_see_only_their_own_credential_in_the_log()
        {
            var keys = Enumerable.Range(0, 8).Select(i => (User: "usr_par_" + i, Key: Plain(Sim.AddUser("usr_par_" + i, "P", i.ToString())))).ToList();
            await Task.WhenAll(keys.Select(async k =>
            {
                using var c = NewClient(k.Key, k.User);
                for (int j = 0; j < 5; j++) Assert.Equal(200, (await Get(Api("/models"), c)).Status);
            }));
            foreach (var e in Sim.RequestLog.Where(e => e.AuthKey != null && e.AuthKey.StartsWith("usr_par_")))
            {
                Assert.Equal(keys.Single(k => k.User == e.AuthKey).Key, e.Credential);
            }
            Assert.Equal(40, Sim.RequestLog.Count(e => e.AuthKey != null && e.AuthKey.StartsWith("usr_par_")));
        }

        [Fact]
        public async Task Stop_and_dispose_are_idempotent_and_stop_serving()
        {
            var url = Api("/models");
            Assert.True(Sim.IsRunning);
            Sim.Stop();
            Sim.Stop();
            Sim.Dispose();
            Assert.False(Sim.IsRunning);
            using var c = NewClient(Sim.ApiKeyText, Sim.UserId);
            await Assert.ThrowsAnyAsync<Exception>(() => c.GetAsync(url));
        }

        [Fact]
        public void Two_simulators_use_distinct_loopback_ports()
        {
            using var other = GumloopPS.Simulator.GumloopSimulator.Start();
            Assert.Contains(other.BaseUri.Host, new[] { "127.0.0.1", "localhost" });
            Assert.Equal("/api/v1", other.BaseUri.AbsolutePath);
            Assert.Equal("/api/v1", other.StreamBaseUri.AbsolutePath);
            var ports = new[] { Sim.BaseUri.Port, Sim.StreamBaseUri.Port, other.BaseUri.Port, other.StreamBaseUri.Port };
            Assert.Equal(4, ports.Distinct().Count());
            Assert.NotEqual(Sim.ApiKeyText, other.ApiKeyText);
        }

        private static string Plain(System.Security.SecureString s)
        {
            var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(s);
            try { return System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; }
            finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
        }
    }
}
