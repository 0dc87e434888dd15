using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace GumloopPS.Tests.Simulator
{
    /// <summary>
    /// The streaming benchmark measures GumloopPS's added latency against the simulator's own clock, so that clock has
    /// to count every text-delta, start at the request's arrival and never run ahead of what the client saw.
    /// </summary>
    public sealed class SimulatorStreamClockTests : SimTestBase
    {
        [Fact]
        public void Is_empty_before_any_stream()
        {
            Assert.Empty(Sim.LastStreamTextDeltaMilliseconds);
        }

        [Fact]
        public async Task Times_every_text_delta_of_the_last_stream_from_the_request_arrival()
        {
            var sw = Stopwatch.StartNew();
            var (status, body, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "Brief me on Northwind", stream = true });
            double clientMs = sw.Elapsed.TotalMilliseconds;
            Assert.Equal(200, status);

            var times = Sim.LastStreamTextDeltaMilliseconds;
            Assert.Equal(ParseSse(body).Count(e => e.Event == "text-delta"), times.Length);
            // The first delta waits for the 60 ms reply delay; allow for a coarse timer.
            Assert.True(times[0] >= 50, $"first delta at {times[0]} ms");
            Assert.Equal(times.OrderBy(t => t), times);
            Assert.True(times[^1] <= clientMs, $"last delta at {times[^1]} ms, client done at {clientMs} ms");
        }

        [Fact]
        public async Task A_new_stream_replaces_the_previous_timings()
        {
            var (_, first, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "one", stream = true });
            // A failing turn streams a single delta, so a leftover of the first stream's three would show.
            var (_, second, _) = await ReadStream(HttpMethod.Post, Ws($"/agents/{RenewalAgent}/sessions"), new { input = "fail this one sim:fail", stream = true });
            Assert.NotEqual(ParseSse(first).Count(e => e.Event == "text-delta"), ParseSse(second).Count(e => e.Event == "text-delta"));
            Assert.Equal(ParseSse(second).Count(e => e.Event == "text-delta"), Sim.LastStreamTextDeltaMilliseconds.Length);
        }
    }
}
