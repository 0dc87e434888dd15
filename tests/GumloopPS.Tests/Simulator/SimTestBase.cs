using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>
    /// One simulator per test (xunit builds a class instance per test), with short delays so the state machine runs quickly.
    /// Talks plain HTTP on purpose: these tests pin the fake's wire behaviour independently of GumloopPS.Core.
    /// </summary>
    public abstract class SimTestBase : IDisposable
    {
        protected const string RenewalAgent = "r4Ts9Kq2MwX7bLn";
        protected const string InvoiceAgent = "Gz8pD3vN6yHq1Wm";
        protected const string SalesAgent = "sAl3sAg3ntXyZ01";

        protected SimTestBase(SimulatorOptions? options = null)
        {
            Sim = GumloopSimulator.Start(options ?? new SimulatorOptions
            {
                ReplyDelay = TimeSpan.FromMilliseconds(60),
                ChunkDelay = TimeSpan.FromMilliseconds(5),
            });
            Http = NewClient(Sim.ApiKeyText, Sim.UserId);
        }

        protected GumloopSimulator Sim { get; }
        protected HttpClient Http { get; }

        protected static HttpClient NewClient(string? bearer, string? authKey)
        {
            var c = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = TimeSpan.FromSeconds(20) };
            if (bearer != null) c.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
            if (authKey != null) c.DefaultRequestHeaders.TryAddWithoutValidation("x-auth-key", authKey);
            return c;
        }

        protected string Api(string relative) => Sim.BaseUri.ToString().TrimEnd('/') + relative;
        protected string Ws(string relative) => Sim.StreamBaseUri.ToString().TrimEnd('/') + relative;

        protected static StringContent Body(object value) => new StringContent(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
        protected static StringContent RawBody(string json) => new StringContent(json, Encoding.UTF8, "application/json");

        protected sealed class Reply
        {
            public Reply(HttpResponseMessage response, string text)
            {
                Response = response;
                Text = text;
            }

            public HttpResponseMessage Response { get; }
            public string Text { get; }
            public int Status => (int)Response.StatusCode;
            public JsonElement Json => JsonDocument.Parse(Text).RootElement;
            public string? ErrorCode => Json.GetProperty("error").ValueKind == JsonValueKind.Object ? Json.GetProperty("error").GetProperty("code").GetString() : Json.GetProperty("error").GetString();
            public JsonElement Session => Json.GetProperty("session");
            public string? Header(string name) => Response.Headers.TryGetValues(name, out var v) ? v.First() : null;
        }

        protected async Task<Reply> Send(HttpMethod method, string url, HttpContent? content = null, HttpClient? client = null)
        {
            using var req = new HttpRequestMessage(method, url) { Content = content };
            var resp = await (client ?? Http).SendAsync(req);
            var text = await resp.Content.ReadAsStringAsync();
            return new Reply(resp, text);
        }

        protected Task<Reply> Get(string url, HttpClient? client = null) => Send(HttpMethod.Get, url, null, client);
        protected Task<Reply> Post(string url, object body, HttpClient? client = null) => Send(HttpMethod.Post, url, Body(body), client);
        protected Task<Reply> Patch(string url, object body, HttpClient? client = null) => Send(HttpMethod.Patch, url, Body(body), client);

        protected async Task<string> CreateSession(string input, string agent = RenewalAgent)
        {
            var r = await Post(Api($"/agents/{agent}/sessions"), new { input });
            Assert.Equal(202, r.Status);
            return r.Session.GetProperty("id").GetString()!;
        }

        protected async Task<JsonElement> WaitForState(string sessionId, string state, int timeoutMs = 5000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                var r = await Get(Api($"/sessions/{sessionId}"));
                Assert.Equal(200, r.Status);
                if (r.Session.GetProperty("state").GetString() == state) return r.Session;
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Session {sessionId} never reached {state}; last: {r.Text}");
                await Task.Delay(20);
            }
        }

        protected static void AssertCanonicalError(Reply r, int status, string code, string type)
        {
            Assert.Equal(status, r.Status);
            var e = r.Json.GetProperty("error");
            Assert.Equal(code, e.GetProperty("code").GetString());
            Assert.Equal(type, e.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.String, e.GetProperty("message").ValueKind);
            Assert.True(e.TryGetProperty("param", out _));
            Assert.Equal(JsonValueKind.Object, e.GetProperty("details").ValueKind);
            Assert.NotNull(r.Header("x-request-id"));
        }

        /// <summary>Parses an SSE body into (event name, data json) pairs, skipping comments.</summary>
        protected static List<(string Event, JsonElement Data)> ParseSse(string body)
        {
            var list = new List<(string, JsonElement)>();
            foreach (var block in body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                string? ev = null;
                var data = new StringBuilder();
                foreach (var line in block.Split('\n'))
                {
                    if (line.StartsWith(':')) continue;
                    if (line.StartsWith("event:")) ev = line.Substring(6).Trim();
                    else if (line.StartsWith("data:")) data.Append(line.Substring(5).TrimStart());
                }
                if (data.Length == 0) continue;
                list.Add((ev ?? "message", JsonDocument.Parse(data.ToString()).RootElement));
            }
            return list;
        }

        /// <summary>Reads an SSE response to its end, tolerating a reset (returns what arrived and whether it was cut).</summary>
        protected async Task<(int Status, string Body, bool Cut)> ReadStream(HttpMethod method, string url, object? body = null)
        {
            using var req = new HttpRequestMessage(method, url) { Content = body == null ? null : Body(body) };
            req.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
            using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            var sb = new StringBuilder();
            bool cut = false;
            try
            {
                using var stream = await resp.Content.ReadAsStreamAsync();
                using var reader = new StreamReader(stream);
                var buffer = new char[4096];
                int n;
                while ((n = await reader.ReadAsync(buffer, 0, buffer.Length)) > 0) sb.Append(buffer, 0, n);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                cut = true;
            }
            return ((int)resp.StatusCode, sb.ToString(), cut);
        }

        /// <summary>Repo root = first ancestor of the test binaries that holds GumloopPS.psd1.</summary>
        protected static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
        {
            // Builds with --artifacts-path put the binaries outside the repo; the source location is the fallback.
            foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            {
                var dir = start.Length == 0 ? null : new DirectoryInfo(start);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "GumloopPS.psd1"))) dir = dir.Parent;
                if (dir != null) return dir.FullName;
            }
            throw new InvalidOperationException("GumloopPS.psd1 not found above " + AppContext.BaseDirectory);
        }

        protected static string ApiFixturesDir() => Path.Combine(RepoRoot(), "tests", "fixtures", "gumloop-api");

        public void Dispose()
        {
            Http.Dispose();
            Sim.Dispose();
        }
    }
}
