using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Waiting;

public class WaitDeadlineTests
{
    private sealed class FakeClock
    {
        public TimeSpan Now { get; set; }

        public TimeSpan Elapsed() => Now;
    }

    [Fact]
    public void RemainingCountsDownAndNeverGoesNegative()
    {
        var clock = new FakeClock();
        var deadline = new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(3), deadline.Remaining);
        clock.Now = TimeSpan.FromSeconds(2.5);
        Assert.Equal(TimeSpan.FromSeconds(0.5), deadline.Remaining);
        Assert.False(deadline.IsExpired);
        clock.Now = TimeSpan.FromSeconds(40);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        Assert.True(deadline.IsExpired);
    }

    [Fact]
    public void RequestTimeoutIsCutToTheTimeLeft()
    {
        var clock = new FakeClock { Now = TimeSpan.FromSeconds(1) };
        var deadline = new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(2), deadline.BoundRequestTimeout(TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.FromSeconds(2), deadline.BoundRequestTimeout(Timeout.InfiniteTimeSpan));
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.BoundRequestTimeout(TimeSpan.FromSeconds(1)));
        Assert.True(deadline.Cuts(TimeSpan.FromSeconds(90)));
        Assert.False(deadline.Cuts(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void RetrySleepIsCutToTheTimeLeft()
    {
        var clock = new FakeClock { Now = TimeSpan.FromSeconds(2) };
        var deadline = new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(1), deadline.BoundDelay(TimeSpan.FromSeconds(15)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), deadline.BoundDelay(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void NoLimitChangesNothing()
    {
        var deadline = new WaitDeadline(null);
        Assert.Null(deadline.Remaining);
        Assert.False(deadline.IsExpired);
        Assert.Equal(TimeSpan.FromSeconds(90), deadline.BoundRequestTimeout(TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.FromSeconds(15), deadline.BoundDelay(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task A429RetryAfterLongerThanTheTimeLeftSleepsOnlyTheTimeLeftThenGivesUp()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, "{\"error\":\"gummie_rate_limit\"}", configure: r => r.Headers.Add("Retry-After", "15"));
        var clock = new FakeClock { Now = TimeSpan.FromSeconds(1) };
        var client = ctx.Client.WithDeadline(new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed));

        await Assert.ThrowsAsync<GumloopDeadlineException>(() => client.GetSessionAsync("sess_1", CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, ctx.Delays);
    }

    [Fact]
    public async Task AStalledRequestIsCutAtTheDeadlineNotAtTheRequestTimeout()
    {
        // 90 s request timeout, 50 ms left in the wait: the request must end with the deadline, not hang for 90 s.
        using var ctx = new TestContext(o => o.Timeout = TimeSpan.FromSeconds(90));
        ctx.Handler.Hang();
        var clock = new FakeClock { Now = TimeSpan.FromMilliseconds(2950) };
        var client = ctx.Client.WithDeadline(new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed));

        var ex = await Assert.ThrowsAsync<GumloopDeadlineException>(() => client.GetSessionAsync("sess_1", CancellationToken.None));
        var timeout = Assert.IsType<GumloopTimeoutException>(ex.InnerException);
        Assert.Equal(TimeSpan.FromMilliseconds(50), timeout.Timeout);
    }

    [Fact]
    public async Task AnExpiredDeadlineSendsNothing()
    {
        using var ctx = new TestContext();
        var clock = new FakeClock { Now = TimeSpan.FromSeconds(5) };
        var client = ctx.Client.WithDeadline(new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed));

        await Assert.ThrowsAsync<GumloopDeadlineException>(() => client.GetSessionAsync("sess_1", CancellationToken.None));
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task PollerTurnsACutPollIntoTheWaitsTimeoutWithTheLastState()
    {
        var clock = new FakeClock();
        var deadline = new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed);
        var delays = new List<TimeSpan>();
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => Poller.PollAsync(
            "processing",
            s => s == "done",
            (s, ct) =>
            {
                clock.Now = TimeSpan.FromSeconds(3);
                throw new GumloopDeadlineException("cut");
            },
            deadline,
            (last, limit) => new TimeoutException($"{last} after {limit.TotalSeconds}"),
            null,
            CancellationToken.None,
            (d, ct) => { delays.Add(d); clock.Now += d; return Task.CompletedTask; }));
        Assert.Equal("processing after 3", ex.Message);
        Assert.Single(delays);
    }

    [Fact]
    public async Task PollerSleepsNoLongerThanTheTimeLeft()
    {
        var clock = new FakeClock { Now = TimeSpan.FromMilliseconds(2950) };
        var deadline = new WaitDeadline(TimeSpan.FromSeconds(3), clock.Elapsed);
        var delays = new List<TimeSpan>();
        await Assert.ThrowsAsync<TimeoutException>(() => Poller.PollAsync(
            "processing",
            s => s == "done",
            (s, ct) => Task.FromResult("processing"),
            deadline,
            (last, limit) => new TimeoutException(),
            null,
            CancellationToken.None,
            (d, ct) => { delays.Add(d); clock.Now += d; return Task.CompletedTask; }));
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(50) }, delays);
    }

    [Fact]
    public void SessionSettledHasOneDefinition()
    {
        Assert.False(Session.IsTerminalState("processing"));
        Assert.False(Session.IsTerminalState("queued"));
        Assert.True(Session.IsTerminalState("approval_required"));
        Assert.True(Session.IsTerminalState("failed"));
        Assert.True(Session.IsTerminalState("some_future_state"));
    }
}
