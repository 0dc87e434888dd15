using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GumloopPS.Core;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Transcripts;

/// <summary>Every format, written from the demo's sessions on the simulator, gives back what went in.</summary>
public sealed class TranscriptRoundTripTests : IAsyncLifetime
{
    private readonly SimClient _sim = new SimClient();
    private List<Session> _sessions = new List<Session>();

    public async Task InitializeAsync() => _sessions = await TranscriptTestSupport.DemoSessionsAsync(_sim);

    public Task DisposeAsync()
    {
        _sim.Dispose();
        return Task.CompletedTask;
    }

    private IEnumerable<Message> AllMessages => _sessions.SelectMany(s => s.Messages);

    [Fact]
    public void TheDemoSessionsHaveToolCallsApprovalsAndSeveralTurns()
    {
        Assert.Equal(4, _sessions.Count);
        Assert.Equal(6, _sessions[3].Messages.Count);
        Assert.Contains(AllMessages.SelectMany(m => m.Parts), p => p.Type == "tool_invocation");
        Assert.Contains(_sessions, s => s.PendingApprovals.Count > 0);
        Assert.Contains(_sessions, s => s.Messages.Count == 0);
    }

    [Fact]
    public void JsonlGivesBackEqualMessages()
    {
        string jsonl = TranscriptTestSupport.Render(TranscriptFormat.Jsonl, _sessions);
        Assert.Equal(AllMessages.Count(), jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var lines = JsonlTranscriptReader.Read(new StringReader(jsonl)).ToList();
        Assert.All(lines, l => Assert.Null(l.Error));
        var back = lines.Select(l => l.Message!).ToList();
        var original = AllMessages.ToList();
        Assert.Equal(original.Count, back.Count);
        for (int i = 0; i < original.Count; i++)
        {
            AssertEqualMessage(original[i], back[i]);
        }
    }

    [Fact]
    public void JsonlLinesCarryTheSessionFieldsAndWholeParts()
    {
        string jsonl = TranscriptTestSupport.Render(TranscriptFormat.Jsonl, _sessions[0]);
        JsonObject line = JsonNode.Parse(jsonl.Split('\n')[1])!.AsObject();
        Assert.Equal("sess_Vk3nQ8wT2p", (string?)line["session_id"]);
        Assert.Equal("r4Ts9Kq2MwX7bLn", (string?)line["agent_id"]);
        Assert.Equal("Renewal desk assistant", (string?)line["agent_name"]);
        Assert.Equal("Northwind renewal brief", (string?)line["session_name"]);
        Assert.Equal("completed", (string?)line["session_state"]);
        JsonNode part = line["parts"]![1]!;
        Assert.Equal("hubspot_get_company", (string?)part["toolName"]);
        Assert.Equal("northwindtraders.example", (string?)part["result"]!["args"]!["domain"]);
    }

    [Fact]
    public void HtmlShowsEveryTurnOfEverySession()
    {
        IDocument doc = new HtmlParser().ParseDocument(TranscriptTestSupport.Render(TranscriptFormat.Html, _sessions));
        var sections = doc.QuerySelectorAll("section.session").ToList();
        Assert.Equal(_sessions.Count, sections.Count);
        for (int s = 0; s < _sessions.Count; s++)
        {
            Session session = _sessions[s];
            Assert.Equal(session.Name ?? "Untitled session", sections[s].QuerySelector("h1")!.TextContent);
            var articles = sections[s].QuerySelectorAll("article").ToList();
            Assert.Equal(session.Messages.Count, articles.Count);
            for (int i = 0; i < articles.Count; i++)
            {
                Message m = session.Messages[i];
                Assert.Equal(m.AuthorName, articles[i].QuerySelector(".author")!.TextContent);
                Assert.Equal(m.CreatedAt, DateTimeOffset.Parse(articles[i].QuerySelector("time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture));
                Assert.Equal(m.Text, string.Join("\n", articles[i].QuerySelectorAll(".text").Select(e => e.TextContent)));
                Assert.Equal(
                    m.Parts.Where(p => p.Type == "tool_invocation").Select(p => p.ToolName),
                    articles[i].QuerySelectorAll("details.tool-call .tool-name").Select(e => e.TextContent));
            }

            Assert.Equal(session.PendingApprovals.Count, sections[s].QuerySelectorAll("aside.approval").Length);
        }
    }

    [Fact]
    public void MarkdownQuotesEveryTurn()
    {
        string markdown = TranscriptTestSupport.Render(TranscriptFormat.Markdown, _sessions);
        var headings = markdown.Split('\n').Where(l => l.StartsWith("# ", StringComparison.Ordinal)).ToList();
        Assert.Equal(_sessions.Count, headings.Count);

        var turns = ReadMarkdownTurns(markdown);
        var original = AllMessages.ToList();
        Assert.Equal(original.Count, turns.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal($"**{Unescape(turns[i].Header.Split("**")[1])}**", $"**{original[i].AuthorName}**");
            Assert.Contains(TranscriptText.Timestamp(original[i].CreatedAt!.Value), turns[i].Header, StringComparison.Ordinal);
            Assert.Equal(original[i].Text, Unescape(turns[i].Body));
        }

        int toolCalls = AllMessages.SelectMany(m => m.Parts).Count(p => p.Type == "tool_invocation");
        var fenced = markdown.Split("```json\n").Skip(1).Select(b => b.Substring(0, b.IndexOf("\n```", StringComparison.Ordinal))).ToList();
        Assert.Equal(toolCalls, fenced.Count);
        Assert.All(fenced, json => Assert.NotNull(JsonNode.Parse(json)!["tool"]));
    }

    [Fact]
    public void CsvHasARowPerMessageWithTheMessageColumns()
    {
        var options = new TranscriptWriterOptions { Culture = CultureInfo.InvariantCulture, NewLine = "\n" };
        var rows = TranscriptTestSupport.ReadCsv(TranscriptTestSupport.Render(TranscriptFormat.Csv, _sessions, options));
        Assert.Equal(CsvTranscriptWriter.MessageColumns, rows[0].Select(c => c!));
        var original = AllMessages.ToList();
        Assert.Equal(original.Count, rows.Count - 1);
        for (int i = 0; i < original.Count; i++)
        {
            Message m = original[i];
            Assert.Equal(
                new[] { m.Id, m.SessionId, m.AgentId, m.Role, m.Content, m.Text, m.AuthorName, m.CreatedAt?.ToString(CultureInfo.InvariantCulture), m.CreatorId, m.Parts.ToString() },
                rows[i + 1]);
        }
    }

    [Fact]
    public void CsvToolDetailSummarisesEachToolCall()
    {
        var options = new TranscriptWriterOptions { IncludeToolDetail = true, NewLine = "\n" };
        var rows = TranscriptTestSupport.ReadCsv(TranscriptTestSupport.Render(TranscriptFormat.Csv, _sessions[0], options));
        Assert.Equal(CsvTranscriptWriter.MessageColumns.Concat(CsvTranscriptWriter.ToolColumns), rows[0].Select(c => c!));
        var row = rows[2].Skip(CsvTranscriptWriter.MessageColumns.Count).ToList();
        Assert.Equal(new[] { "1", "hubspot_get_company", "hubspot_get_company=completed", "hubspot_get_company: {\"domain\":\"northwindtraders.example\"}" }, row.Take(4));
        Assert.StartsWith("hubspot_get_company: {\"name\": \"Northwind Traders\"", row[4], StringComparison.Ordinal);
        Assert.Equal("0", rows[1][CsvTranscriptWriter.MessageColumns.Count]);
    }

    internal static void AssertEqualMessage(Message expected, Message actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.SessionId, actual.SessionId);
        Assert.Equal(expected.AgentId, actual.AgentId);
        Assert.Equal(expected.Role, actual.Role);
        Assert.Equal(expected.Content, actual.Content);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.AuthorName, actual.AuthorName);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.CreatorId, actual.CreatorId);
        Assert.Equal(expected.Parts.ToString(), actual.Parts.ToString());
        Assert.Equal(expected.Parts.Count, actual.Parts.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawJson()!), JsonNode.Parse(actual.GetRawJson()!)), actual.GetRawJson());
        Assert.Equal(expected.GetAdditionalPropertyNames(), actual.GetAdditionalPropertyNames());
    }

    private static List<(string Header, string Body)> ReadMarkdownTurns(string markdown)
    {
        var turns = new List<(string, string)>();
        string[] lines = markdown.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("> **", StringComparison.Ordinal))
            {
                continue;
            }

            string header = lines[i];
            Assert.Equal(">", lines[i + 1]);
            var body = new List<string>();
            int j = i + 2;
            for (; j < lines.Length && lines[j].StartsWith(">", StringComparison.Ordinal); j++)
            {
                body.Add(lines[j] == ">" ? string.Empty : lines[j].Substring(2));
            }

            turns.Add((header, string.Join("\n", body)));
            i = j;
        }

        return turns;
    }

    private static string Unescape(string markdown)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && char.IsPunctuation(markdown[i + 1]) | char.IsSymbol(markdown[i + 1]))
            {
                i++;
            }

            sb.Append(markdown[i]);
        }

        return sb.ToString();
    }
}
