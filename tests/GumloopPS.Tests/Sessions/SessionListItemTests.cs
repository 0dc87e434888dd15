using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Sessions;

/// <summary>List endpoints send "messages": [] for every session, so a listed session must never pass for one without a transcript.</summary>
public class SessionListItemTests
{
    private const string Page = "{\"sessions\":[{\"id\":\"sess_1\",\"agent_id\":\"ag_1\",\"state\":\"completed\",\"messages\":[]},"
        + "{\"id\":\"sess_2\",\"agent_id\":\"ag_1\",\"state\":\"idle\",\"messages\":[]}],\"next_cursor\":null}";

    [Fact]
    public async Task SessionsReadPageByPageSayTheyHoldNoTranscript()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, Page);
        var items = new List<Session>();

        await ctx.Client.ReadSessionsAsync("ag_1", new SessionListQuery(), new PageRequest(PagingStyle.Cursor, "sessions"), items.Add, CancellationToken.None);

        Assert.Equal(new[] { "sess_1", "sess_2" }, items.ConvertAll(s => s.Id));
        Assert.All(items, s => Assert.False(s.HasMessages));
    }

    [Fact]
    public async Task SessionsOfOneListedPageSayTheyHoldNoTranscript()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, Page);

        SessionPage page = await ctx.Client.ListSessionsAsync("ag_1", new SessionListQuery(), CancellationToken.None);

        Assert.Equal(2, page.Sessions.Count);
        Assert.All(page.Sessions, s => Assert.False(s.HasMessages));
    }
}
