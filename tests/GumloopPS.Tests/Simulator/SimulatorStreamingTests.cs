using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    public sealed class SimulatorStreamingTests : SimTestBase
    {
        private static long CursorValue(string cursor) => long.Parse(cursor.Split('-')[0]);

        private static void AssertEventNamesMatchTypes(List<(string Event, JsonElement Data)> events)
        {
            foreach (var (name, data) in events) Assert.Equal(name, data.GetProperty("type").GetString());
        }

        [Fact]
        public async Task Create_stream_emits_events_in_order_with_increasing_cursors()
        {
            var (status, body, cut) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "Brief me on Northwind", stream = true });
            Assert.Equal(200, status);
            Assert.False(cut);
            var events = ParseSse(body);
            AssertEventNamesMatchTypes(events);
            var types = events.Select(e => e.Event).ToList();
            Assert.Equal("interaction-ready", types[0]);
            Assert.Equal("text-start", types[1]);
            int deltas = types.Count(t => t == "text-delta");
            Assert.True(deltas >= 2, body);
            Assert.Equal(new[] { "text-end", "finish", "finish" }, types.Skip(2 + deltas));
            Assert.False(events[^2].Data.GetProperty("final").GetBoolean());
            Assert.True(events[^1].Data.GetProperty("final").GetBoolean());
            Assert.Equal("stop", events[^1].Data.GetProperty("finishReason").GetString());

            var cursors = events.Where(e => e.Data.TryGetProperty("stream_cursor", out _)).Select(e => CursorValue(e.Data.GetProperty("stream_cursor").GetString()!)).ToList();
            Assert.True(cursors.Count >= 3);
            Assert.Equal(cursors.OrderBy(c => c), cursors);
            Assert.Equal(cursors.Count, cursors.Distinct().Count());

            var sessionId = events[0].Data.GetProperty("interaction_id").GetString()!;
            var text = string.Concat(events.Where(e => e.Event == "text-delta").Select(e => e.Data.GetProperty("delta").GetString()));
            Assert.Equal("Reply 1 to \"Brief me on Northwind\"", text);
            var s = (await Get(Api($"/sessions/{sessionId}"))).Session;
            Assert.Equal("completed", s.GetProperty("state").GetString());
            Assert.Equal(text, s.GetProperty("messages")[1].GetProperty("parts")[0].GetProperty("text").GetString());
            Assert.Equal(events[1].Data.GetProperty("id").GetString(), s.GetProperty("messages")[1].GetProperty("id").GetString());
        }

        [Fact]
        public async Task Stream_response_is_event_stream_content_type()
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions")) { Content = Body(new { input = "x", stream = true }) };
            using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", resp.Content.Headers.ContentType!.MediaType);
            Assert.True(resp.Headers.Contains("x-request-id"));
            await resp.Content.ReadAsStringAsync();
        }

        [Fact]
        public async Task Send_stream_on_existing_session_then_not_resumable_after_completion()
        {
            var (status, body, _) = await ReadStream(HttpMethod.Post, Ws("/sessions/sess_Vk3nQ8wT2p/messages"), new { input = "And the email?", stream = true });
            Assert.Equal(200, status);
            var events = ParseSse(body);
            Assert.Equal("sess_Vk3nQ8wT2p", events[0].Data.GetProperty("interaction_id").GetString());
            Assert.True(events[^1].Data.GetProperty("final").GetBoolean());
            var lastCursor = events.Last(e => e.Event == "text-delta").Data.GetProperty("stream_cursor").GetString();

            var resume = await ReadStream(HttpMethod.Get, Ws($"/sessions/sess_Vk3nQ8wT2p?stream=true&last_cursor={lastCursor}"));
            Assert.Equal(200, resume.Status);
            var only = ParseSse(resume.Body);
            Assert.Single(only);
            Assert.Equal("finish", only[0].Event);
            Assert.Equal("not_resumable", only[0].Data.GetProperty("finishReason").GetString());
            Assert.True(only[0].Data.GetProperty("final").GetBoolean());
        }

        [Fact]
        public async Task Drop_after_cuts_first_connection_and_resume_replays_after_cursor()
        {
            var first = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "resumable run sim:drop-after=3", stream = true });
            Assert.Equal(200, first.Status);
            Assert.True(first.Cut, "the first connection should have been reset");
            var got = ParseSse(first.Body);
            Assert.Equal(3, got.Count);
            var sessionId = got[0].Data.GetProperty("interaction_id").GetString()!;
            var cursor = got.Last(e => e.Data.TryGetProperty("stream_cursor", out _)).Data.GetProperty("stream_cursor").GetString()!;

            var resume = await ReadStream(HttpMethod.Get, Ws($"/sessions/{sessionId}?stream=true&last_cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(200, resume.Status);
            Assert.False(resume.Cut);
            var rest = ParseSse(resume.Body);
            Assert.DoesNotContain(rest, e => e.Event == "interaction-ready");
            Assert.All(rest.Where(e => e.Data.TryGetProperty("stream_cursor", out _)),
                e => Assert.True(CursorValue(e.Data.GetProperty("stream_cursor").GetString()!) > CursorValue(cursor)));
            Assert.True(rest[^1].Data.GetProperty("final").GetBoolean());
            var text = string.Concat(got.Concat(rest).Where(e => e.Event == "text-delta").Select(e => e.Data.GetProperty("delta").GetString()));
            Assert.Equal("Reply 1 to \"resumable run\"", text);

            // After the final event has been delivered the run is complete.
            var after = ParseSse((await ReadStream(HttpMethod.Get, Ws($"/sessions/{sessionId}?stream=true&last_cursor={cursor}"))).Body);
            Assert.Equal("not_resumable", Assert.Single(after).Data.GetProperty("finishReason").GetString());
        }

        [Fact]
        public async Task Resume_of_live_run_without_cursor_replays_from_start()
        {
            var r = await Post(Api($"/agents/{RenewalAgent}/sessions"), new { input = "slow sim:delay=300" });
            var id = r.Session.GetProperty("id").GetString()!;
            var resume = await ReadStream(HttpMethod.Get, Ws($"/sessions/{id}?stream=true"));
            var events = ParseSse(resume.Body);
            Assert.Equal("interaction-ready", events[0].Event);
            Assert.True(events[^1].Data.GetProperty("final").GetBoolean());
        }

        [Fact]
        public async Task Resume_errors_unknown_session_and_api_host()
        {
            AssertCanonicalError(await Get(Ws("/sessions/nope?stream=true&last_cursor=1-0")), 404, "session_not_found", "not_found_error");
            AssertCanonicalError(await Get(Api("/sessions/sess_Vk3nQ8wT2p?stream=true")), 400, "streaming_not_supported_on_this_host", "invalid_request_error");
        }

        [Fact]
        public async Task Tool_directive_streams_tool_events_before_text()
        {
            var (_, body, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "find deals sim:tool", stream = true });
            var types = ParseSse(body).Select(e => e.Event).ToList();
            int start = types.IndexOf("tool-input-start");
            Assert.True(start > 0, body);
            Assert.Equal("tool-input-available", types[start + 1]);
            Assert.Equal("tool-output-available", types[start + 2]);
            Assert.True(types.IndexOf("text-start") > start + 2);
            var available = ParseSse(body).First(e => e.Event == "tool-input-available").Data;
            Assert.Equal(JsonValueKind.Object, available.GetProperty("input").ValueKind);
        }

        [Fact]
        public async Task Stream_error_directive_sends_in_band_error_then_finish_and_fails_session()
        {
            var (status, body, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "x sim:stream-error", stream = true });
            Assert.Equal(200, status);
            var events = ParseSse(body);
            var err = events.Single(e => e.Event == "error").Data;
            Assert.False(string.IsNullOrEmpty(err.GetProperty("error").GetString()));
            Assert.False(string.IsNullOrEmpty(err.GetProperty("errorMessage").GetString()));
            Assert.Equal("finish", events[^1].Event);
            Assert.True(events.FindIndex(e => e.Event == "error") < events.Count - 1);
            var id = events[0].Data.GetProperty("interaction_id").GetString()!;
            Assert.Equal("failed", (await Get(Api($"/sessions/{id}"))).Session.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Keepalive_directive_interleaves_comment_lines()
        {
            var (_, body, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "x sim:keepalive", stream = true });
            Assert.Contains(": keep-alive\n", body);
            Assert.True(ParseSse(body)[^1].Data.GetProperty("final").GetBoolean());
        }

        [Fact]
        public async Task Stall_directive_delays_the_event_after_interaction_ready()
        {
            // Only a lower bound is robust on a loaded machine: without the stall the second event comes after ~60 ms.
            var sw = Stopwatch.StartNew();
            using var req = new HttpRequestMessage(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions")) { Content = Body(new { input = "x sim:stall=600", stream = true }) };
            using var resp = await Http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await resp.Content.ReadAsStreamAsync());
            Assert.Equal("event: interaction-ready", await reader.ReadLineAsync());
            await reader.ReadLineAsync();
            await reader.ReadLineAsync();
            var next = await reader.ReadLineAsync();
            Assert.StartsWith("event: ", next);
            Assert.True(sw.ElapsedMilliseconds >= 600, $"second event after {sw.ElapsedMilliseconds} ms");
            Assert.True(ParseSse("event: x\ndata: {}\n\n" + await reader.ReadToEndAsync())[^1].Data.GetProperty("final").GetBoolean());
        }

        [Fact]
        public async Task Approval_stream_ends_with_single_final_stop_and_session_waits()
        {
            var (_, body, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "send it sim:approval", stream = true });
            var events = ParseSse(body);
            var finishes = events.Where(e => e.Event == "finish").ToList();
            var f = Assert.Single(finishes);
            Assert.True(f.Data.GetProperty("final").GetBoolean());
            Assert.Equal("stop", f.Data.GetProperty("finishReason").GetString());
            var id = events[0].Data.GetProperty("interaction_id").GetString()!;
            Assert.Equal("approval_required", (await Get(Api($"/sessions/{id}"))).Session.GetProperty("state").GetString());
        }

        [Fact]
        public async Task Stream_create_errors_are_plain_json()
        {
            AssertCanonicalError(await Post(Ws("/agents/ghost/sessions"), new { input = "x", stream = true }), 404, "agent_not_found", "not_found_error");
            AssertCanonicalError(await Post(Ws($"/agents/{RenewalAgent}/sessions"), new { stream = true }), 400, "invalid_request", "invalid_request_error");
        }

        [Fact]
        public async Task Cancel_during_stream_closes_the_stream_and_fails_the_session()
        {
            var reading = ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "long sim:delay=3000", stream = true });
            string? id = null;
            for (int i = 0; i < 100 && id == null; i++)
            {
                await Task.Delay(20);
                id = Sim.RequestLog.Any() ? null : null;
                var list = await Get(Api($"/agents/{RenewalAgent}/sessions?state=processing"));
                var s = list.Json.GetProperty("sessions");
                if (s.GetArrayLength() > 0) id = s[0].GetProperty("id").GetString();
            }
            Assert.NotNull(id);
            var sw = Stopwatch.StartNew();
            Assert.Equal("failed", (await Post(Api($"/sessions/{id}/cancel"), new { })).Session.GetProperty("state").GetString());
            var result = await reading;
            Assert.True(sw.ElapsedMilliseconds < 2000);
            Assert.DoesNotContain(ParseSse(result.Body), e => e.Event == "finish" && e.Data.GetProperty("final").GetBoolean());
        }
    }
}
