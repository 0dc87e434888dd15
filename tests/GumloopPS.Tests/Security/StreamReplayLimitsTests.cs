using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;
using static GumloopPS.Tests.Streaming.SseScript;

namespace GumloopPS.Tests.Security;

/// <summary>
/// Streams from a server that replays what it already sent, never ends, or trickles: events stay exactly once,
/// the resume limit holds, memory stays bounded, and an optional deadline ends the stream.
/// </summary>
public class StreamReplayLimitsTests
{
    [Fact]
    public async Task AServerThatReplaysFromTheStartDeliversEachEventOnce()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + TextStart + Delta(2, "Hello ") + Delta(3, "wor"), breakAtEnd: true))
            .Enqueue(Sse(Ready + TextStart + Delta(2, "Hello ") + Delta(3, "wor") + Delta(4, "ld") + TextEnd + FinishFinal));

        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(new[] { "interaction-ready", "text-start", "text-delta", "text-delta", "text-delta", "text-end", "finish" }, events.Select(e => e.Type));
        Assert.Equal("Hello world", string.Concat(events.Select(e => e.Delta)));
    }

    [Fact]
    public async Task AReplayThatRepeatsTheLastCursorSkipsTheEventsThatFollowedIt()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Enqueue(Sse(Ready + TextStart + Delta(2, "Hi") + TextEnd, breakAtEnd: true))
            .Enqueue(Sse(Delta(2, "Hi") + TextEnd + FinishFinal));

        var events = new List<StreamEvent>();
        var result = await ctx.Client.StreamMessageAsync("sess_1", new SendMessageRequest("hi"), events.Add, null, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(1, events.Count(e => e.Type == "text-end"));
        Assert.Equal(1, events.Count(e => e.Type == "text-delta"));
    }

    [Fact]
    public async Task ReplayedEventsAreNotProgressSoTheResumeLimitHolds()
    {
        using var ctx = new TestContext();
        int connections = 0;
        string replay = Ready + TextStart + Delta(2, "Hi") + TextEnd;

        // Every connection replays the same events and drops. A bounded number of connections, then a finish,
        // keeps the test finite even where replays are mistaken for progress.
        ctx.Handler.Fallback = (req, ct) =>
        {
            int n = Interlocked.Increment(ref connections);
            return Sse(n < 30 ? replay : replay + FinishFinal, breakAtEnd: n < 30)(req, ct);
        };

        var events = new List<StreamEvent>();
        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.StreamMessageAsync(
            "sess_1", new SendMessageRequest("hi"), events.Add, new GumloopStreamOptions { MaxResumeCount = 3 }, CancellationToken.None));

        Assert.Equal(4, connections);
        Assert.Contains("3 resume attempts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, events.Count(e => e.Type == "text-end"));
        Assert.Equal(1, events.Count(e => e.Type == "text-start"));
    }

    [Fact]
    public void MillionsOfDistinctCursorsHoldBoundedMemory()
    {
        var state = new GumloopClient.StreamState("sess_1", null);
        for (int i = 0; i < 50_000; i++)
        {
            Assert.True(state.Accept(StreamEvent.Parse("text-delta", "{\"type\":\"text-delta\",\"delta\":\"x\",\"stream_cursor\":\"" + i + "-0\"}")));
        }

        Assert.Equal(GumloopClient.StreamState.RememberedCursors, state.RememberedCount);
        Assert.Equal("49999-0", state.LastCursor);

        // Recent cursors are still recognised.
        Assert.False(state.Accept(StreamEvent.Parse("text-delta", "{\"type\":\"text-delta\",\"delta\":\"x\",\"stream_cursor\":\"49990-0\"}")));
    }

    [Fact]
    public async Task KeepAlivesForeverEndAtTheWholeStreamDeadline()
    {
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromSeconds(30));
        ctx.Handler.Fallback = Sse(() => new RepeatingStream(": keep-alive\n\n", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(20)));
        ctx.Handler.Enqueue(Sse(() => new RepeatingStream(Ready + ": keep-alive\n\n", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(20))));
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() => ctx.Client.StreamMessageAsync(
            "sess_1", new SendMessageRequest("hi"), _ => { }, new GumloopStreamOptions { MaxDuration = TimeSpan.FromMilliseconds(400) }, safety.Token));

        Assert.False(safety.IsCancellationRequested);
        Assert.Contains("did not finish within 0.4 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("re-attach to its stream", ex.Message, StringComparison.Ordinal);
        Assert.Equal("sess_1", ex.ResumeSessionId);
    }

    [Fact]
    public async Task BytesWithoutANewlineDoNotKeepTheIdleTimerAlive()
    {
        // A raw socket server: the event-stream headers, then one byte every 200 ms for 8 s, never a line. Only
        // silence used to count, so this held the caller for the server's full 8 s.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var serverCts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(serverCts.Token);
            client.NoDelay = true; // each byte goes out alone, as a trickling server sends it
            var stream = client.GetStream();
            var head = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(head, serverCts.Token);
                if (n == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(head, 0, n));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"), serverCts.Token);
            try
            {
                for (int i = 0; i < 40; i++)
                {
                    await stream.WriteAsync(new[] { (byte)'x' }, serverCts.Token);
                    await stream.FlushAsync(serverCts.Token);
                    await Task.Delay(200, serverCts.Token);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        });

        using var connection = new GumloopConnection(new GumloopConnectionOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1"),
            AuthKind = GumloopAuthKind.ApiKey,
            Secret = TestContext.ToSecure(TestContext.SecretText),
            UserId = TestContext.UserId,
            Timeout = TimeSpan.FromSeconds(30),
            MaxRetryCount = 0,
        });
        var client = new GumloopClient(connection);

        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() => client.StreamMessageAsync(
            "sess_1", new SendMessageRequest("hi"), _ => { }, new GumloopStreamOptions { MaxResumeCount = 0, IdleTimeout = TimeSpan.FromSeconds(2) }, CancellationToken.None));

        Assert.Contains("no data for 2 s", ex.ToString(), StringComparison.Ordinal);
        serverCts.Cancel();
        await server;
    }

    /// <summary>Sends the same text again and again with a pause between, then ends.</summary>
    private sealed class RepeatingStream : ReadOnlyTestStream
    {
        private readonly byte[] _chunk;
        private readonly TimeSpan _pause;
        private readonly DateTime _end;
        private long _position;

        public RepeatingStream(string chunk, TimeSpan pause, TimeSpan lifetime)
        {
            _chunk = Encoding.UTF8.GetBytes(chunk);
            _pause = pause;
            _end = DateTime.UtcNow + lifetime;
        }

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(_pause, cancellationToken).ConfigureAwait(false);
            if (DateTime.UtcNow > _end)
            {
                return 0;
            }

            int n = Math.Min(count, _chunk.Length);
            Array.Copy(_chunk, 0, buffer, offset, n);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] temp = new byte[buffer.Length];
            return new ValueTask<int>(ReadAsync(temp, 0, temp.Length, cancellationToken).ContinueWith(t =>
            {
                int n = t.GetAwaiter().GetResult();
                temp.AsSpan(0, n).CopyTo(buffer.Span);
                return n;
            }, TaskScheduler.Default));
        }
    }
}
