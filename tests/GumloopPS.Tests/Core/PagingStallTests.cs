using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

/// <summary>A server that hands out a cursor it handed out before ends a paged read with an error, not a loop.</summary>
public class PagingStallTests
{
    [Fact]
    public void A_cursor_seen_before_is_refused_and_new_ones_are_followed()
    {
        var tracker = new PageCursorTracker("GET /skills");
        tracker.Follow("a");
        tracker.Follow("b");
        var ex = Assert.Throws<GumloopPagingStalledException>(() => tracker.Follow("a"));
        Assert.Contains("GET /skills", ex.Message);
        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void A_long_cursor_is_cut_in_the_message()
    {
        var tracker = new PageCursorTracker("x");
        string cursor = new string('c', 500);
        tracker.Follow(cursor);
        var ex = Assert.Throws<GumloopPagingStalledException>(() => tracker.Follow(cursor));
        Assert.True(ex.Message.Length < 300, ex.Message);
    }

    [Fact]
    public async Task Listing_agents_stops_with_an_error_after_at_most_two_requests_for_a_repeated_cursor()
    {
        using var ctx = new TestContext();
        const string page = "{\"agents\":[{\"id\":\"r4Ts9Kq2MwX7bLn\",\"name\":\"A\"}],\"next_cursor\":\"c1\"}";
        for (int i = 0; i < 10; i++) ctx.Handler.Respond(200, page);

        await Assert.ThrowsAsync<GumloopPagingStalledException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));
        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.Equal(1, ctx.Handler.Requests.Count(r => r.QueryValue("cursor") == "c1"));
    }
}
