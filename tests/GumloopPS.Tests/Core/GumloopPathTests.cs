using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class GumloopPathTests
{
    public static TheoryData<string> HostileIds => new TheoryData<string>
    {
        "../x",
        "a/b",
        "a?b",
        "a#b",
        "%2F",
        "..%2F..%2Fagents",
        "sess_\U0001F600_emoji",
        "a b+c&d=e",
        "...",
        new string('x', 10_000),
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task SessionIdAlwaysBecomesExactlyOnePathSegment(string id)
    {
        using var ctx = new TestContext();
        ctx.Handler.RespondSession(id: "s");

        await ctx.Client.GetSessionAsync(id, CancellationToken.None);

        Uri uri = ctx.Single().Uri;
        string[] segments = uri.AbsolutePath.Split('/');
        Assert.Equal(new[] { string.Empty, "api", "v1", "sessions" }, segments.Take(4).ToArray());
        Assert.Equal(5, segments.Length);
        Assert.Equal(id, Uri.UnescapeDataString(segments[4]));
        Assert.Equal(string.Empty, uri.Query);
        Assert.Equal(string.Empty, uri.Fragment);
        Assert.Equal("api.gumloop.com", uri.Host);
    }

    [Fact]
    public async Task AgentIdInNestedRouteStaysOneSegment()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"sessions\":[],\"next_cursor\":null}");

        await ctx.Client.ListSessionsAsync("../../sessions/x", new SessionListQuery(), CancellationToken.None);

        string[] segments = ctx.Single().Uri.AbsolutePath.Split('/');
        Assert.Equal(6, segments.Length);
        Assert.Equal("agents", segments[3]);
        Assert.Equal("../../sessions/x", Uri.UnescapeDataString(segments[4]));
        Assert.Equal("sessions", segments[5]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u001Fb")]
    public void RejectsUnusableIds(string? id)
    {
        var ex = Assert.Throws<ArgumentException>(() => GumloopPath.Segment(id!));
        Assert.Equal("id", ex.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void RejectsLoneSurrogates()
    {
        // Built in code: attribute data would replace the lone surrogate with U+FFFD.
        foreach (string id in new[] { "bad" + '\uD800', '\uDC00' + "bad", "a" + '\uD83D' + "b" })
        {
            var ex = Assert.Throws<ArgumentException>(() => GumloopPath.Segment(id));
            Assert.Equal("id", ex.ParamName);
        }
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("%2F", "%252F")]
    [InlineData("sess_Vk3nQ8wT2p", "sess_Vk3nQ8wT2p")]
    public void EscapesReservedCharacters(string id, string expected)
    {
        Assert.Equal(expected, GumloopPath.Segment(id));
    }

    [Fact]
    public async Task InvalidIdFailsBeforeAnyRequest()
    {
        using var ctx = new TestContext();
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.GetSessionAsync("..", CancellationToken.None));
        Assert.Empty(ctx.Handler.Requests);
    }

    [Theory]
    [InlineData("sessions/../agents")]
    [InlineData("sessions?x=1")]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    public async Task GenericSendRejectsPathsThatEscapeTheBase(string path)
    {
        using var ctx = new TestContext();
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.SendAsync(new GumloopRequest(System.Net.Http.HttpMethod.Get, path), CancellationToken.None));
        Assert.Empty(ctx.Handler.Requests);
    }
}
