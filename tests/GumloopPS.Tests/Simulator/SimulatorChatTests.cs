using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>The simulator's chat completions, browser profiles and artifact routes on the wire.</summary>
    public sealed class SimulatorChatTests : SimTestBase
    {
        private static object Ask(string text, bool stream = false, string model = "claude-sonnet-4-5") =>
            new { model, stream, messages = new[] { new { role = "user", content = text } } };

        [Fact]
        public async Task A_stream_is_data_only_chunks_ending_with_done_and_its_deltas_make_the_unary_reply()
        {
            var (status, body, cut) = await ReadStream(HttpMethod.Post, Ws("/chat/completions"), Ask("Northwind renewal status", stream: true));
            var unary = await Post(Ws("/chat/completions"), Ask("Northwind renewal status"));

            Assert.Equal(200, status);
            Assert.False(cut);
            var blocks = body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.All(blocks, b => Assert.StartsWith("data: ", b, StringComparison.Ordinal));
            Assert.DoesNotContain("event:", body, StringComparison.Ordinal);
            Assert.Equal("data: [DONE]", blocks[^1]);
            var chunks = blocks[..^1].Select(b => JsonDocument.Parse(b.Substring(6)).RootElement).ToList();
            Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
            Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
            string text = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));
            Assert.Equal(unary.Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), text);
            Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
            Assert.All(chunks.Take(chunks.Count - 1), c => Assert.False(c.TryGetProperty("usage", out _)));
        }

        [Fact]
        public async Task A_mid_stream_error_is_a_chunk_with_top_level_error_and_finish_reason_error()
        {
            var (_, body, _) = await ReadStream(HttpMethod.Post, Ws("/chat/completions"), Ask("Explain sim:stream-error", stream: true));

            var blocks = body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("data: [DONE]", blocks[^1]);
            var error = JsonDocument.Parse(blocks[^2].Substring(6)).RootElement;
            Assert.Equal("error", error.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            Assert.Equal(502, error.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal("The model provider timed out.", error.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal(3, blocks.Length);

            var unary = await Post(Ws("/chat/completions"), Ask("Explain sim:stream-error"));
            AssertCanonicalError(unary, 502, "provider_error", "api_error");
        }

        [Fact]
        public async Task The_rest_host_has_no_chat_completions_and_says_where_they_are()
        {
            var r = await Post(Api("/chat/completions"), Ask("hi"));

            Assert.Equal(404, r.Status);
            Assert.Contains(Sim.StreamBaseUri.ToString(), r.Text, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Requests_are_validated_field_by_field()
        {
            AssertCanonicalError(await Post(Ws("/chat/completions"), Ask("hi", model: "nope")), 400, "invalid_request", "invalid_request_error");
            Assert.Equal("model", (await Post(Ws("/chat/completions"), Ask("hi", model: "nope"))).Json.GetProperty("error").GetProperty("param").GetString());
            var hot = await Post(Ws("/chat/completions"), new { model = "auto", temperature = 3, messages = new[] { new { role = "user", content = "hi" } } });
            Assert.Equal("temperature", hot.Json.GetProperty("error").GetProperty("param").GetString());
            var role = await Post(Ws("/chat/completions"), new { model = "auto", messages = new[] { new { role = "robot", content = "hi" } } });
            Assert.Equal("messages[0].role", role.Json.GetProperty("error").GetProperty("param").GetString());
            var bmp = await Post(Ws("/chat/completions"), new
            {
                model = "auto",
                messages = new[] { new { role = "user", content = new object[] { new { type = "image_url", image_url = new { url = "data:image/bmp;base64,AAAA" } } } } },
            });
            Assert.Equal("messages[0].content[0].image_url.url", bmp.Json.GetProperty("error").GetProperty("param").GetString());
            var empty = await Post(Ws("/chat/completions"), new { model = "auto", messages = Array.Empty<object>() });
            Assert.Equal("messages", empty.Json.GetProperty("error").GetProperty("param").GetString());
        }

        [Fact]
        public async Task Max_completion_tokens_cuts_the_reply_and_says_length()
        {
            var r = await Post(Ws("/chat/completions"), new { model = "auto", max_completion_tokens = 2, messages = new[] { new { role = "user", content = "a long question" } } });

            var choice = r.Json.GetProperty("choices")[0];
            Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
            Assert.Equal("Reply 1", choice.GetProperty("message").GetProperty("content").GetString());
            Assert.Equal("claude-sonnet-4-5", r.Json.GetProperty("model").GetString());
        }

        [Fact]
        public async Task A_cookie_import_replaces_the_site_and_bumps_the_version_of_the_listed_profile()
        {
            var before = (await Get(Api("/browser-profiles"))).Json.GetProperty("profiles")[0];
            var r = await Post(Api("/browser-profiles/bprof_5Vx1Nq/cookies"), new
            {
                cookies = new object[]
                {
                    new { name = "a", value = "1", domain = "app.hubspot.com" },
                    new { name = "b", value = "2", domain = ".hubspot.com", expirationDate = 1000.0 },
                    new { name = "c", value = "3", domain = "new.example.org", expires = -1 },
                },
            });
            var after = (await Get(Api("/browser-profiles"))).Json.GetProperty("profiles")[0];

            Assert.Equal(200, r.Status);
            Assert.Equal(2, r.Json.GetProperty("imported").GetProperty("cookie_count").GetInt32());
            Assert.Equal(1, r.Json.GetProperty("imported").GetProperty("skipped").GetInt32());
            Assert.Equal(JsonValueKind.Null, r.Json.GetProperty("imported").GetProperty("site").ValueKind);
            Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
            var sites = after.GetProperty("sites").EnumerateArray().ToDictionary(s => s.GetProperty("domain").GetString()!, s => s.GetProperty("cookie_count").GetInt32());
            Assert.Equal(1, sites["app.hubspot.com"]);
            Assert.Equal(1, sites["new.example.org"]);
            Assert.Equal(22, sites["mail.google.com"]);
            Assert.DoesNotContain("\"value\"", r.Text, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_signed_url_needs_no_credential_but_a_valid_signature()
        {
            var download = await Get(Api("/artifacts/art_Fc2Lp9Hs/download"));
            string url = download.Json.GetProperty("download_url").GetString()!;
            using var anonymous = NewClient(null, null);

            var ok = await Get(url, anonymous);
            var forged = await Get(url.Substring(0, url.LastIndexOf('=') + 1) + "forged", anonymous);

            Assert.Equal(200, ok.Status);
            Assert.Equal("account,seats,active\nNorthwind,240,231\n", ok.Text);
            Assert.Equal(403, forged.Status);
            Assert.Contains("SignatureDoesNotMatch", forged.Text, StringComparison.Ordinal);
            AssertCanonicalError(await Get(Api("/artifacts/art_Zx0Old1d/download")), 404, "artifact_not_found", "not_found_error");
        }
    }
}
