using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Streaming;

public class SseParserTests
{
    private static List<SseMessage> ParseWhole(string text) => ParseChunks(Encoding.UTF8.GetBytes(text), int.MaxValue, out _);

    /// <summary>Feeds the bytes in chunks of <paramref name="chunkSize"/>, then ends the stream.</summary>
    private static List<SseMessage> ParseChunks(byte[] bytes, int chunkSize, out SseParser parser)
    {
        parser = new SseParser();
        var events = new List<SseMessage>();
        for (int i = 0; i < bytes.Length; i += chunkSize)
        {
            events.AddRange(parser.Feed(bytes, i, Math.Min(chunkSize, bytes.Length - i)));
        }

        parser.Complete();
        return events;
    }

    private static List<SseMessage> ParseSplitAt(byte[] bytes, int split)
    {
        var parser = new SseParser();
        var events = new List<SseMessage>();
        events.AddRange(parser.Feed(bytes, 0, split));
        events.AddRange(parser.Feed(bytes, split, bytes.Length - split));
        parser.Complete();
        return events;
    }

    private static string Describe(IEnumerable<SseMessage> events) =>
        string.Join(" | ", events.Select(e => (e.EventName ?? "(none)") + "=" + e.Data + "#" + e.LastEventId));

    [Fact]
    public void EventAndDataLines()
    {
        var e = Assert.Single(ParseWhole("event: text-delta\ndata: {\"delta\":\"Hi\"}\n\n"));
        Assert.Equal("text-delta", e.EventName);
        Assert.Equal("{\"delta\":\"Hi\"}", e.Data);
    }

    [Fact]
    public void MultiLineDataIsJoinedWithLineFeeds()
    {
        var e = Assert.Single(ParseWhole("event: x\ndata: {\"a\":\ndata: 1,\ndata:\ndata: \"b\":2}\n\n"));
        Assert.Equal("{\"a\":\n1,\n\n\"b\":2}", e.Data);
        var parsed = StreamEvent.FromSse(e);
        Assert.Equal("x", parsed.Type);
        Assert.Equal(2L, parsed.GetField("b"));
    }

    [Fact]
    public void OnlyOneLeadingSpaceIsRemovedFromAValue()
    {
        var e = Assert.Single(ParseWhole("data:no-space\ndata:  two-spaces\n\n"));
        Assert.Equal("no-space\n two-spaces", e.Data);
    }

    [Fact]
    public void CommentAndKeepAliveLinesAreIgnored()
    {
        var events = ParseChunks(Encoding.UTF8.GetBytes(": keep-alive\n\n:\nevent: a\n: inside an event\ndata: 1\n\n: keep-alive\n\nevent: b\ndata: 2\n\n"), 7, out SseParser parser);
        Assert.Equal("a=1# | b=2#", Describe(events));
        Assert.Equal(4, parser.CommentCount);
        Assert.False(parser.DiscardedIncompleteEvent);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void LineEndings(string eol)
    {
        string text = "event: a" + eol + "data: 1" + eol + eol + ": c" + eol + "data: 2" + eol + "data: 3" + eol + eol;
        var events = ParseWhole(text);
        Assert.Equal("a=1# | (none)=2\n3#", Describe(events));

        // Same result whichever byte a chunk ends on, including between the CR and LF of a CRLF.
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        for (int split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal(Describe(events), Describe(ParseSplitAt(bytes, split)));
        }

        Assert.Equal(Describe(events), Describe(ParseChunks(bytes, 1, out _)));
    }

    [Fact]
    public void MixedLineEndingsInOneStream()
    {
        var events = ParseWhole("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\r\n");
        Assert.Equal("a=1# | b=2# | c=3#", Describe(events));
    }

    [Fact]
    public void CrAtTheEndOfAChunkFollowedByLfIsOneLineEnd()
    {
        var parser = new SseParser();
        Assert.Empty(parser.Feed(Encoding.UTF8.GetBytes("data: 1\r")));

        // Were this LF a line end of its own, it would be the blank line that dispatches the event.
        Assert.Empty(parser.Feed(Encoding.UTF8.GetBytes("\n")));
        var e = Assert.Single(parser.Feed(Encoding.UTF8.GetBytes("\r\n")));
        Assert.Equal("1", e.Data);
    }

    [Fact]
    public void EventWithoutEventLineHasNoNameAndTakesItsTypeFromJson()
    {
        var e = Assert.Single(ParseWhole("data: {\"type\":\"text-delta\",\"delta\":\"x\"}\n\n"));
        Assert.Null(e.EventName);
        var parsed = StreamEvent.FromSse(e);
        Assert.Equal("text-delta", parsed.Type);
        Assert.Equal("x", parsed.Delta);
    }

    [Fact]
    public void EventWithoutEventLineOrJsonTypeIsAMessage()
    {
        var parsed = StreamEvent.FromSse(Assert.Single(ParseWhole("data: {\"stream_cursor\":\"sid:1\"}\n\n")));
        Assert.Equal("message", parsed.Type);
        Assert.Equal("sid:1", parsed.StreamCursor);
    }

    [Fact]
    public void JsonWithoutTypeTakesTheEventName()
    {
        var parsed = StreamEvent.FromSse(Assert.Single(ParseWhole("event: text-delta\ndata: {\"delta\":\"Hello\",\"stream_cursor\":\"5-0\"}\n\n")));
        Assert.Equal("text-delta", parsed.Type);
        Assert.Equal("Hello", parsed.Delta);
        Assert.Equal("5-0", parsed.StreamCursor);
        Assert.Equal("{\"delta\":\"Hello\",\"stream_cursor\":\"5-0\"}", parsed.RawJson);
    }

    [Theory]
    [InlineData("[DONE]")]
    [InlineData("plain text, not JSON")]
    [InlineData("{not json")]
    [InlineData("42")]
    public void NonJsonDataIsKeptAsText(string data)
    {
        var parsed = StreamEvent.FromSse(Assert.Single(ParseWhole("event: note\ndata: " + data + "\n\n")));
        Assert.Equal("note", parsed.Type);
        Assert.Equal(data, parsed.Data);
        Assert.Null(parsed.RawJson);
        Assert.Null(parsed.GetField("anything"));
    }

    [Fact]
    public void FinishFinalFalseAndFinalTrue()
    {
        var events = ParseWhole(
            "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"stop\",\"final\":false,\"queuedContinuation\":false}\n\n" +
            "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"stop\",\"final\":true,\"stream_cursor\":\"9-0\"}\n\n")
            .Select(StreamEvent.FromSse).ToList();
        Assert.Equal(false, events[0].Final);
        Assert.Equal("stop", events[0].FinishReason);
        Assert.Equal(false, events[0].GetField("queuedContinuation"));
        Assert.Equal(true, events[1].Final);
        Assert.Equal("9-0", events[1].StreamCursor);
    }

    [Fact]
    public void InBandErrorEventCarriesMessageAndCode()
    {
        var parsed = StreamEvent.FromSse(Assert.Single(ParseWhole(
            "event: error\ndata: {\"type\":\"error\",\"error\":\"model_provider_error\",\"errorMessage\":\"The model provider timed out.\"}\n\n")));
        Assert.Equal("error", parsed.Type);
        Assert.Equal("The model provider timed out.", parsed.Error);
        Assert.Equal("model_provider_error", parsed.ErrorCode);

        var onlyError = StreamEvent.Parse("error", "{\"error\":\"boom\"}");
        Assert.Equal("boom", onlyError.Error);
        Assert.Null(onlyError.ErrorCode);

        var chatShape = StreamEvent.Parse(null, "{\"error\":{\"code\":402,\"message\":\"Credit limit reached.\"}}");
        Assert.Equal("Credit limit reached.", chatShape.Error);
        Assert.Equal("402", chatShape.ErrorCode);
    }

    [Fact]
    public void ToolEventsExposeToolNameAndCallId()
    {
        var parsed = StreamEvent.Parse("tool-input-start", "{\"type\":\"tool-input-start\",\"toolCallId\":\"tc_1\",\"toolName\":\"hubspot\"}");
        Assert.Equal("tc_1", parsed.ToolCallId);
        Assert.Equal("hubspot", parsed.ToolName);
    }

    [Fact]
    public void IncompleteTrailingEventIsDiscarded()
    {
        var events = ParseChunks(Encoding.UTF8.GetBytes("event: a\ndata: 1\n\nevent: b\ndata: {\"type\":\"text-delta\",\"del"), 5, out SseParser parser);
        Assert.Equal("a=1#", Describe(events));
        Assert.True(parser.DiscardedIncompleteEvent);
    }

    [Fact]
    public void EventMissingOnlyItsBlankLineIsDiscarded()
    {
        var events = ParseChunks(Encoding.UTF8.GetBytes("data: 1\n\ndata: 2\n"), 100, out SseParser parser);
        Assert.Equal("(none)=1#", Describe(events));
        Assert.True(parser.DiscardedIncompleteEvent);
    }

    [Fact]
    public void CleanEndIsNotReportedAsDiscarded()
    {
        ParseChunks(Encoding.UTF8.GetBytes("data: 1\n\n: bye\n"), 3, out SseParser parser);
        Assert.False(parser.DiscardedIncompleteEvent);
    }

    [Fact]
    public void EventLineWithoutDataIsNotDispatched()
    {
        Assert.Equal("b=2#", Describe(ParseWhole("event: a\n\nevent: b\ndata: 2\n\n")));
    }

    [Fact]
    public void EmptyDataLineDispatchesAnEmptyEvent()
    {
        var e = Assert.Single(ParseWhole("event: ping\ndata\n\n"));
        Assert.Equal(string.Empty, e.Data);
        Assert.Equal("ping", StreamEvent.FromSse(e).Type);
    }

    [Fact]
    public void IdAndRetryFields()
    {
        var parser = new SseParser();
        var events = parser.Feed(Encoding.UTF8.GetBytes("id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nid\nretry: soon\ndata: c\n\n"));
        Assert.Equal("(none)=a#7 | (none)=b#7 | (none)=c#", Describe(events));
        Assert.Equal(1500, parser.RetryMilliseconds);
    }

    [Fact]
    public void UnknownFieldsAreIgnored()
    {
        Assert.Equal("x=1#", Describe(ParseWhole("event: x\nfoo: bar\ndata: 1\n\n")));
    }

    [Fact]
    public void LeadingByteOrderMarkIsSkipped()
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("event: a\ndata: 1\n\n")).ToArray();
        for (int split = 0; split <= bytes.Length; split++)
        {
            Assert.Equal("a=1#", Describe(ParseSplitAt(bytes, split)));
        }
    }

    [Fact]
    public void Utf8CharacterSplitAcrossChunksDecodesWhole()
    {
        const string delta = "Résumé: 5 € — naïve 日本語 😀 done";
        string text = "event: text-delta\ndata: {\"type\":\"text-delta\",\"delta\":\"" + delta + "\"}\n\n";
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        // Every split point, which includes every byte inside each 2-, 3- and 4-byte character.
        for (int split = 0; split <= bytes.Length; split++)
        {
            var e = StreamEvent.FromSse(Assert.Single(ParseSplitAt(bytes, split)));
            Assert.Equal(delta, e.Delta);
        }

        foreach (int size in new[] { 1, 2, 3, 5, 7 })
        {
            Assert.Equal(delta, StreamEvent.FromSse(Assert.Single(ParseChunks(bytes, size, out _))).Delta);
        }
    }

    [Fact]
    public void InvalidUtf8BecomesReplacementCharacterInsteadOfFailing()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("data: a").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("b\n\n")).ToArray();
        Assert.Equal("a\uFFFDb", Assert.Single(new SseParser().Feed(bytes)).Data);
    }

    [Fact]
    public void OversizedEventIsRefused()
    {
        var parser = new SseParser(64);
        Assert.Throws<InvalidDataException>(() => parser.Feed(Encoding.UTF8.GetBytes("data: " + new string('x', 100) + "\n\n")));

        var multiLine = new SseParser(64);
        Assert.Throws<InvalidDataException>(() => multiLine.Feed(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("data: 0123456789\n", 10)))));
    }

    [Fact]
    public void EndlessCommentsBetweenEventsDoNotCountTowardsTheSizeLimit()
    {
        var parser = new SseParser(64);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Empty(parser.Feed(Encoding.UTF8.GetBytes(": keep-alive\n")));
        }

        Assert.Single(parser.Feed(Encoding.UTF8.GetBytes("data: 1\n\n")));
    }

    public static IEnumerable<object[]> StreamExamples() =>
        Directory.GetFiles(TestPaths.Examples, "*.stream*.txt").Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(StreamExamples))]
    public void EveryStreamExampleParsesTheSameInAnyChunking(string file)
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.Example(file));
        string text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n");

        // Expected events, from a naive reading of the file: blocks separated by blank lines, comments removed.
        var expected = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n').Where(l => l.Length > 0 && !l.StartsWith(":", StringComparison.Ordinal)).ToList())
            .Where(lines => lines.Any(l => l.StartsWith("data", StringComparison.Ordinal)))
            .ToList();

        var whole = ParseChunks(bytes, int.MaxValue, out SseParser parser);
        Assert.False(parser.DiscardedIncompleteEvent);
        Assert.True(parser.CommentCount > 0 || !text.StartsWith(":", StringComparison.Ordinal));
        Assert.Equal(expected.Count, whole.Count);
        for (int i = 0; i < whole.Count; i++)
        {
            string? name = expected[i].Where(l => l.StartsWith("event:", StringComparison.Ordinal)).Select(l => l.Substring(6).Trim()).LastOrDefault();
            Assert.Equal(name, whole[i].EventName);
            StreamEvent e = StreamEvent.FromSse(whole[i]);
            if (e.RawJson != null)
            {
                string? jsonType = e.GetField("type") as string;
                Assert.Equal(jsonType ?? name ?? "message", e.Type);
                if (name != null && jsonType != null)
                {
                    Assert.Equal(name, e.Type);
                }
            }
            else
            {
                Assert.Equal("[DONE]", e.Data);
            }
        }

        for (int split = 0; split <= bytes.Length; split += 3)
        {
            Assert.Equal(Describe(whole), Describe(ParseSplitAt(bytes, split)));
        }

        Assert.Equal(Describe(whole), Describe(ParseChunks(bytes, 1, out _)));

        // Cut anywhere: the complete events before the cut come out unchanged, the cut one never half-parsed.
        for (int cut = 0; cut < bytes.Length; cut += 11)
        {
            var partial = ParseChunks(bytes.Take(cut).ToArray(), 13, out _);
            Assert.True(partial.Count <= whole.Count);
            Assert.Equal(Describe(whole.Take(partial.Count)), Describe(partial));
        }
    }

    [Fact]
    public void CreateStreamExampleGivesTextCursorsAndFinals()
    {
        var events = ParseChunks(File.ReadAllBytes(TestPaths.Example("sessions.create.stream.txt")), 17, out _).Select(StreamEvent.FromSse).ToList();
        Assert.Equal(
            new[] { "interaction-ready", "step-start", "text-start", "text-delta", "text-delta", "text-delta", "text-end", "finish", "finish" },
            events.Select(e => e.Type));
        Assert.Equal("sess_Vk3nQ8wT2p", events[0].SessionId);
        Assert.Equal("Northwind Traders renews on 30 November. Seat usage sits at 82%.", string.Concat(events.Select(e => e.Delta)));
        Assert.Equal(new bool?[] { false, true }, events.Where(e => e.Type == "finish").Select(e => e.Final));
        Assert.Equal("msg_p9d3w5", events[3].MessageId);
        Assert.Equal("1757867100005-0", events[^1].StreamCursor);
    }

    [Fact]
    public void ErrorAndResumeExamples()
    {
        var error = ParseWhole(TestPaths.ReadExample("sessions.stream.error.txt")).Select(StreamEvent.FromSse).ToList();
        var inBand = Assert.Single(error, e => e.Type == "error");
        Assert.Equal("The model provider timed out.", inBand.Error);
        Assert.Equal("error", error[^1].FinishReason);

        var resume = StreamEvent.FromSse(Assert.Single(ParseWhole(TestPaths.ReadExample("sessions.resume.stream.txt"))));
        Assert.Equal("not_resumable", resume.FinishReason);
        Assert.Equal(true, resume.Final);
    }
}
