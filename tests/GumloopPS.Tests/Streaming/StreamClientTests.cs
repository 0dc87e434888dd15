using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Streaming;

/// <summary>The streaming driver of GumloopClient against the simulator, over real sockets.</summary>
public sealed class StreamClientTests : IDisposable
{
    private const string RenewalAgent = "r4Ts9Kq2MwX7bLn";
    private const string CompletedSession = "sess_Vk3nQ8wT2p";

    private readonly GumloopSimulator _sim;
    private readonly List<GumloopConnection> _connections = new List<GumloopConnection>();

    public StreamClientTests()
    {
        _sim = GumloopSimulator.Start(new SimulatorOptions
        {
            ReplyDelay = TimeSpan.FromMilliseconds(30),
            ChunkDelay = TimeSpan.FromMilliseconds(5),
        });
    }

    public void Dispose()
    {
        foreach (var c in _connections)
        {
            c.Dispose();
        }

        _sim.Dispose();
    }

    private GumloopClient NewClient(Action<GumloopConnectionOptions>? configure = null, List<TimeSpan>? delays = null)
    {
        var options = SimClient.OptionsFor(_sim);
        configure?.Invoke(options);
        var connection = new GumloopConnection(options);
        _connections.Add(connection);
        var client = new GumloopClient(connection);
        if (delays != null)
        {
            client.Delay = (d, ct) =>
            {
                lock (delays)
                {
                    delays.Add(d);
                }

                return Task.Delay(TimeSpan.FromMilliseconds(1), ct);
            };
        }

        return client;
    }

    private static string Text(IEnumerable<StreamEvent> events) => string.Concat(events.Where(e => e.Type == "text-delta").Select(e => e.Delta));

    private static string LastAssistantText(Session session) => session.Messages.Last(m => m.Role == "assistant").Text ?? string.Empty;

    private async Task<Session> CreateIdleSessionAsync(GumloopClient client) =>
        await client.CreateSessionAsync(RenewalAgent, new CreateSessionRequest { Name = "stream test" }, CancellationToken.None);

    [Fact]
    public async Task CreateStreamDeliversEventsInOrderAndEndsOnTheFinalFinish()
    {
        var client = NewClient();
        var events = new List<StreamEvent>();
        GumloopStreamResult result = await client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "Brief me on Northwind" }, events.Add, null, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.False(result.NotResumable);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal(0, result.ResumeCount);
        Assert.Equal(events.Count, result.EventCount);
        Assert.Equal("interaction-ready", events[0].Type);
        Assert.Equal(result.SessionId, events[0].SessionId);
        Assert.All(events, e => Assert.Equal(result.SessionId, e.SessionId));
        Assert.Equal(new bool?[] { false, true }, events.Where(e => e.Type == "finish").Select(e => e.Final));
        Assert.Equal("finish", events[^1].Type);

        var session = await client.GetSessionAsync(result.SessionId!, CancellationToken.None);
        Assert.Equal("completed", session.State);
        Assert.Equal(LastAssistantText(session), Text(events));
        Assert.Equal(result.LastCursor, events.Last(e => e.StreamCursor != null).StreamCursor);
    }

    [Fact]
    public async Task StreamRequestsGoToTheStreamHostWithStreamTrueAndWithoutTeamId()
    {
        var client = NewClient(o =>
        {
            o.AuthKind = GumloopAuthKind.TeamKey;
            o.Secret = _sim.TeamApiKey;
            o.TeamId = _sim.TeamId;
        });
        _sim.ClearRequestLog();
        var result = await client.StreamCreateSessionAsync(RenewalAgent, new CreateSessionRequest { Input = "team stream" }, _ => { }, null, CancellationToken.None);
        Assert.True(result.Completed);
        var post = Assert.Single(_sim.RequestLog, r => r.Method == "POST");
        Assert.Equal("stream", post.Host);
        Assert.Equal(200, post.StatusCode);
        Assert.DoesNotContain("team_id", post.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendStreamOnAnExistingSession()
    {
        var client = NewClient();
        var session = await CreateIdleSessionAsync(client);
        var events = new List<StreamEvent>();
        var result = await client.StreamMessageAsync(session.Id!, new SendMessageRequest { Input = "What changed?" }, events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal(session.Id, result.SessionId);
        var after = await client.GetSessionAsync(session.Id!, CancellationToken.None);
        Assert.Equal(LastAssistantText(after), Text(events));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task DroppedConnectionResumesWithoutDuplicatedOrMissingText(int dropAfter)
    {
        var delays = new List<TimeSpan>();
        var client = NewClient(delays: delays);
        var session = await CreateIdleSessionAsync(client);
        _sim.ClearRequestLog();
        var events = new List<StreamEvent>();
        var result = await client.StreamMessageAsync(
            session.Id!, new SendMessageRequest { Input = $"Long answer please sim:drop-after={dropAfter}" }, events.Add, null, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(1, result.ResumeCount);
        Assert.Single(delays);
        var after = await client.GetSessionAsync(session.Id!, CancellationToken.None);
        Assert.Equal(LastAssistantText(after), Text(events));

        // Each event exactly once: cursors unique, one text-start, one text-end, one final finish.
        var cursors = events.Where(e => e.StreamCursor != null).Select(e => e.StreamCursor).ToList();
        Assert.Equal(cursors.Count, cursors.Distinct().Count());
        Assert.Single(events, e => e.Type == "interaction-ready");
        Assert.Single(events, e => e.Type == "text-start");
        Assert.Single(events, e => e.Type == "text-end");
        Assert.Single(events, e => e.Type == "finish" && e.Final == true);

        // The message went out once; the reconnect was a GET with the last cursor on the stream host.
        var log = _sim.RequestLog;
        Assert.Single(log, r => r.Method == "POST");
        var resume = Assert.Single(log, r => r.Method == "GET" && r.Host == "stream");
        Assert.Contains("stream=true", resume.Query, StringComparison.Ordinal);
        Assert.Contains("last_cursor=", resume.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoResumeAllowedReportsTheLostStreamWithTheWayBack()
    {
        var client = NewClient();
        var session = await CreateIdleSessionAsync(client);
        var events = new List<StreamEvent>();
        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => client.StreamMessageAsync(
            session.Id!, new SendMessageRequest { Input = "drop me sim:drop-after=3" }, events.Add, new GumloopStreamOptions { MaxResumeCount = 0 }, CancellationToken.None));
        string lastCursor = events.Last(e => e.StreamCursor != null).StreamCursor!;
        Assert.Contains("re-attach to its stream from cursor " + lastCursor, ex.Message, StringComparison.Ordinal);
        Assert.Equal(session.Id, ex.ResumeSessionId);
        Assert.Equal(lastCursor, ex.ResumeCursor);
        Assert.True(ex.RequestSent);

        // The run goes on; attaching with the cursor from the message finishes the text.
        var rest = new List<StreamEvent>();
        var result = await client.ResumeStreamAsync(session.Id!, events.Last(e => e.StreamCursor != null).StreamCursor, rest.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        var after = await client.GetSessionAsync(session.Id!, CancellationToken.None);
        Assert.Equal(LastAssistantText(after), Text(events) + Text(rest));
    }

    [Fact]
    public async Task ResumeOfAFinishedSessionIsNotResumable()
    {
        var client = NewClient();
        var events = new List<StreamEvent>();
        var result = await client.ResumeStreamAsync(CompletedSession, "1757867100003-0", events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.True(result.NotResumable);
        var only = Assert.Single(events);
        Assert.Equal("not_resumable", only.FinishReason);
        Assert.Equal(CompletedSession, only.SessionId);
    }

    [Fact]
    public async Task AttachToARunningSessionReplaysAndFollowsIt()
    {
        var client = NewClient();
        var session = await client.CreateSessionAsync(RenewalAgent, new CreateSessionRequest { Input = "slow one sim:delay=300" }, CancellationToken.None);
        var events = new List<StreamEvent>();
        var result = await client.ResumeStreamAsync(session.Id!, null, events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.False(result.NotResumable);
        var after = await client.GetSessionAsync(session.Id!, CancellationToken.None);
        Assert.Equal(LastAssistantText(after), Text(events));
    }

    [Fact]
    public async Task InBandErrorIsDeliveredNotThrown()
    {
        var client = NewClient();
        var session = await CreateIdleSessionAsync(client);
        var events = new List<StreamEvent>();
        var result = await client.StreamMessageAsync(session.Id!, new SendMessageRequest { Input = "fail please sim:stream-error" }, events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal("error", result.FinishReason);
        var error = Assert.Single(result.Errors);
        Assert.Same(error, Assert.Single(events, e => e.Type == "error"));
        Assert.Equal("The model provider timed out.", error.Error);
        Assert.Equal("model_provider_error", error.ErrorCode);
        Assert.True(events.IndexOf(error) > events.FindIndex(e => e.Type == "text-delta"));

        var exception = GumloopStreamException.FromEvent(error);
        Assert.Contains("The model provider timed out.", exception.Message, StringComparison.Ordinal);
        Assert.Equal(session.Id, exception.SessionId);
        Assert.Equal("failed", (await client.GetSessionAsync(session.Id!, CancellationToken.None)).State);
    }

    [Fact]
    public async Task ToolEventsPassThrough()
    {
        var client = NewClient();
        var events = new List<StreamEvent>();
        await client.StreamCreateSessionAsync(RenewalAgent, new CreateSessionRequest { Input = "use a tool sim:tool" }, events.Add, null, CancellationToken.None);
        Assert.Equal(new[] { "tool-input-start", "tool-input-available", "tool-output-available" }, events.Where(e => e.Type.StartsWith("tool-", StringComparison.Ordinal)).Select(e => e.Type));
        Assert.All(events.Where(e => e.Type.StartsWith("tool-", StringComparison.Ordinal)), e => Assert.NotNull(e.ToolCallId));
    }

    [Fact]
    public async Task WrongHostNamesTheStreamBaseUriToUse()
    {
        var client = NewClient(o => o.StreamBaseUri = _sim.BaseUri);
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "wrong host" }, _ => { }, null, CancellationToken.None));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("streaming_not_supported_on_this_host", ex.ErrorCode);
        Assert.Contains("-StreamBaseUri '" + _sim.StreamBaseUri.AbsoluteUri.TrimEnd('/') + "'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _sim.RequestLog.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task KeepAlivesKeepASilentStreamAliveBeyondTheTimeout()
    {
        // Keep-alives come every 100 ms; the margin to the 1.5 s timeout absorbs a loaded test machine.
        var client = NewClient(o => o.Timeout = TimeSpan.FromMilliseconds(1500));
        var events = new List<StreamEvent>();
        var result = await client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "think long sim:keepalive sim:stall=3500" }, events.Add, null, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.Equal(0, result.ResumeCount);
        Assert.True(events[^1].ReceivedAt - events[0].ReceivedAt > TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public async Task SilenceLongerThanTheIdleTimeoutCountsAsADropAndResumes()
    {
        var client = NewClient(delays: new List<TimeSpan>());
        var events = new List<StreamEvent>();
        var result = await client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "silent sim:stall=900" }, events.Add,
            new GumloopStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(300), MaxResumeCount = 10 }, CancellationToken.None);
        Assert.True(result.Completed);
        Assert.True(result.ResumeCount >= 1);
        var after = await client.GetSessionAsync(result.SessionId!, CancellationToken.None);
        Assert.Equal(LastAssistantText(after), Text(events));
        Assert.Single(events, e => e.Type == "interaction-ready");
    }

    [Fact]
    public async Task IdleTimeoutWithoutResumesIsATimeout()
    {
        var client = NewClient();
        var ex = await Assert.ThrowsAsync<GumloopTimeoutException>(() => client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "silent sim:stall=2000" }, _ => { },
            new GumloopStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(200), MaxResumeCount = 0 }, CancellationToken.None));
        Assert.Contains("no data for 0.2 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStopsTheStreamPromptly()
    {
        var client = NewClient();
        using var cts = new CancellationTokenSource();
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = client.StreamCreateSessionAsync(
            RenewalAgent, new CreateSessionRequest { Input = "long sim:stall=5000" }, e => first.TrySetResult(true), null, cts.Token);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopwatch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"took {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task StreamingNeedsAnInput()
    {
        var client = NewClient();
        await Assert.ThrowsAsync<ArgumentException>(() => client.StreamCreateSessionAsync(RenewalAgent, new CreateSessionRequest(), _ => { }, null, CancellationToken.None));
    }
}
