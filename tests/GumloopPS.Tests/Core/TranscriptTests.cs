using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

/// <summary>
/// The streamed transcript reader behind Get-GumloopMessage must yield exactly what parsing the whole session
/// yields, however the body is split into network reads.
/// </summary>
public class TranscriptTests
{
    public static IEnumerable<object[]> SessionExamples() =>
        Directory.GetFiles(TestPaths.Examples, "sessions.*.json")
            .Where(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement is { ValueKind: JsonValueKind.Object } root
                        && root.TryGetProperty("session", out JsonElement s) && s.ValueKind == JsonValueKind.Object)
            .Select(f => new object[] { Path.GetFileName(f) })
            .OrderBy(a => (string)a[0], StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SessionExamples))]
    public async Task ExamplesReadTheSameAsTheWholeSession(string file)
    {
        string json = TestPaths.ReadExample(file);
        foreach (int chunk in new[] { 1, 7, 4096 })
        {
            AssertSame(ParseWhole(json), await ReadAsync(json, chunk));
        }
    }

    [Fact]
    public async Task LargeTranscriptSplitAcrossManyReadsMatches()
    {
        string json = BuildSession(3000, i => i % 3 == 0 ? "naïve \"quoted\" \\ text ✓ " + i : "Question " + i);
        foreach (int chunk in new[] { 1000, 65536, 70001 })
        {
            AssertSame(ParseWhole(json), await ReadAsync(json, chunk));
        }
    }

    [Fact]
    public async Task MessageLargerThanTheReadBufferIsKeptWhole()
    {
        string big = new string('x', 300_000);
        string json = BuildSession(3, i => i == 1 ? big : "small " + i);
        SessionTranscript transcript = await ReadAsync(json, 8192);
        Assert.Equal(big, transcript.ElementAt(1).Text);
        AssertSame(ParseWhole(json), transcript);
    }

    [Fact]
    public async Task AuthorNamesComeFromParticipantsSentAfterTheMessages()
    {
        string json = "{\"session\":{\"id\":\"s1\",\"agent_id\":\"a1\",\"messages\":[" +
                      "{\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\",\"creator_id\":\"u1\"}," +
                      "{\"id\":\"m2\",\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"text\":\"hello\"}]}]," +
                      "\"agent_name\":\"Desk\",\"participants\":{\"u1\":{\"first_name\":\"Priya\",\"last_name\":\"Raman\"}}},\"queue_position\":null}";
        List<Message> messages = (await ReadAsync(json, 5)).ToList();
        Assert.Equal(new[] { "Priya Raman", "Desk" }, messages.Select(m => m.AuthorName));
        Assert.All(messages, m => Assert.Equal("s1", m.SessionId));
        Assert.All(messages, m => Assert.Equal("a1", m.AgentId));
        Assert.Equal("hello", messages[1].Text);
    }

    [Fact]
    public async Task EscapedPropertyNamesAndNonObjectItemsAreHandledLikeTheDocumentPath()
    {
        string json = "{\"queue_position\":null,\"session\":{\"id\":\"s\\u0031\",\"agent\\u005fname\":\"Desk\",\"messages\":[1,null,{\"id\":\"m1\",\"role\":\"assistant\",\"content\":\"c\"}]}}";
        SessionTranscript transcript = await ReadAsync(json, 3);
        Assert.Equal("s1", transcript.Header.Id);
        Assert.Equal("Desk", Assert.Single(transcript).AuthorName);
        AssertSame(ParseWhole(json), transcript);
    }

    [Theory]
    [InlineData("{\"sessions\":[]}")]
    [InlineData("{\"session\":null}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    public async Task BodiesWithoutASessionObjectGiveNull(string json)
    {
        Assert.Null(await TranscriptReader.ReadWholeAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 2), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"session\":{\"id\":\"s1\",\"messages\":[{\"id\":\"m1\"")]
    [InlineData("{\"session\":{\"id\":\"s1\"}")]
    [InlineData("{\"session\":{\"id\":s1}}")]
    public async Task MalformedOrTruncatedBodiesThrowJsonException(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => TranscriptReader.ReadWholeAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 3), CancellationToken.None));
    }

    [Fact]
    public async Task ClientReturnsTheTranscriptOfTheSession()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.retrieve.200.completed.json"));

        SessionTranscript transcript = await ctx.Client.GetTranscriptAsync("sess_1", CancellationToken.None);

        Assert.Equal("/api/v1/sessions/sess_1", ctx.Single().Uri.AbsolutePath);
        AssertSame(ParseWhole(TestPaths.ReadExample("sessions.retrieve.200.completed.json")), transcript);
    }

    [Theory]
    [InlineData("{\"agents\":[]}")]
    [InlineData("{\"session\":{\"id\":\"s1\",\"messages\":[")]
    [InlineData("")]
    public async Task ClientReportsBodiesThatAreNotASession(string body)
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, body);

        await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetTranscriptAsync("sess_1", CancellationToken.None));
    }

    [Theory]
    [InlineData("2026-03-05T10:30:00.123456789Z")]
    [InlineData("2026-03-05T10:30:00.1234567Z")]
    [InlineData("2026-03-05T10:30:00.12345678+02:00")]
    [InlineData("1.123456789 and 2.12345678901 and 3.1")]
    [InlineData("no fraction")]
    [InlineData("ends with a dot.")]
    [InlineData(".123456789")]
    [InlineData("..12345678")]
    public void LongFractionsAreTrimmedLikeTheRegexDid(string text)
    {
        Assert.Equal(Regex.Replace(text, @"(\.\d{7})\d+", "$1"), Timestamps.TrimLongFractions(text));
    }

    private static Session ParseWhole(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return Session.FromEnvelope(doc.RootElement);
    }

    private static async Task<SessionTranscript> ReadAsync(string json, int chunk)
    {
        SessionTranscript? transcript = await TranscriptReader.ReadWholeAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk), CancellationToken.None);
        return Assert.IsType<SessionTranscript>(transcript);
    }

    private static void AssertSame(Session expected, SessionTranscript actual)
    {
        List<Message> messages = actual.ToList();
        Assert.Equal(expected.Messages.Count, actual.Count);
        Assert.Equal(expected.Messages.Count, messages.Count);
        Assert.Equal(expected.Id, actual.Header.Id);
        for (int i = 0; i < messages.Count; i++)
        {
            Message e = expected.Messages[i];
            Message a = messages[i];
            Assert.Equal(e.GetRawJson(), a.GetRawJson());
            Assert.Equal(
                (e.Id, e.SessionId, e.AgentId, e.Role, e.Content, e.Text, e.AuthorName, e.CreatedAt, e.CreatorId, e.Parts.ToString()),
                (a.Id, a.SessionId, a.AgentId, a.Role, a.Content, a.Text, a.AuthorName, a.CreatedAt, a.CreatorId, a.Parts.ToString()));
        }
    }

    private static string BuildSession(int count, Func<int, string> text)
    {
        var sb = new StringBuilder("{\"session\":{\"id\":\"sess_big\",\"agent_id\":\"ag_1\",\"name\":\"Big\",\"messages\":[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            string body = JsonSerializer.Serialize(text(i));
            sb.Append(i % 2 == 0
                ? $"{{\"id\":\"msg_{i:x6}\",\"role\":\"user\",\"content\":{body},\"created_at\":\"2026-09-14T16:30:00.123456789Z\",\"creator_id\":\"u1\",\"parts\":[]}}"
                : $"{{\"id\":\"msg_{i:x6}\",\"role\":\"assistant\",\"content\":null,\"created_at\":\"2026-09-14T16:30:01Z\",\"parts\":[{{\"type\":\"text\",\"id\":\"p{i}\",\"text\":{body}}}]}}");
        }

        sb.Append("],\"created_at\":\"2026-09-14T16:30:00Z\",\"state\":\"completed\",\"agent_name\":\"Desk\",");
        sb.Append("\"participants\":{\"u1\":{\"first_name\":\"Priya\",\"last_name\":\"Raman\"}},\"creator\":null},\"queue_position\":null}");
        return sb.ToString();
    }
}
