using System;
using System.Collections.Generic;
using System.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Transcripts;

/// <summary>The exported page, read back with a real HTML5 parser: its structure, and that no API text can become markup.</summary>
public class HtmlTranscriptTests
{
    private const string Northwind = """
        {"session":{"id":"sess_Vk3nQ8wT2p","agent_id":"r4Ts9Kq2MwX7bLn","agent_name":"Renewal desk assistant","name":"Northwind renewal brief",
         "type":"api","state":"completed","created_at":"2026-09-14T16:30:00Z",
         "participants":{"u1":{"first_name":"Priya","last_name":"Raman"}},
         "usage":{"credit_cost":7.25,"tool_credit_cost":2.0,"flow_credit_cost":0.0,"input_tokens":9314,"output_tokens":611},
         "messages":[
          {"id":"m1","role":"user","content":"Draft a renewal brief for Northwind Traders.","created_at":"2026-09-14T16:30:00Z","creator_id":"u1","parts":null},
          {"id":"m2","role":"assistant","content":null,"created_at":"2026-09-14T16:30:24Z","creator_id":null,"parts":[
            {"id":"p1","type":"text","text":"Northwind Traders renews on 30 November."},
            {"id":"p2","type":"tool_invocation","toolCallId":"tc_h6","toolName":"hubspot_get_company","toolCallState":"completed","result":{"args":{"domain":"northwindtraders.example"},"result":{"renewal_date":"2026-11-30"}}},
            {"id":"p3","type":"tool_invocation","toolCallId":"tc_g1","toolName":"gmail_send","toolCallState":"output-denied","approval":{"id":"ap1","approved":false,"reason":"wrong recipient"}}]},
          {"id":"m3","role":"user","content":"Thanks.","created_at":"2026-09-14T16:31:00Z","creator_id":"u1","parts":[]}],
         "pending_approvals":[{"action_request_id":"areq_1","type":"tool_approval","title":"Send email with Gmail","tool_name":"gmail_send_email",
           "display_fields":[["To","ops@contosofreight.example"]]}]}}
        """;

    private static IDocument ParseHtml(string html)
    {
        var parser = new HtmlParser();
        return parser.ParseDocument(html);
    }

    [Fact]
    public void HasOneArticlePerTurnWithAuthorAndTimestamp()
    {
        Session session = TranscriptTestSupport.Parse(Northwind);
        IDocument doc = ParseHtml(TranscriptTestSupport.Render(TranscriptFormat.Html, session));

        var articles = doc.QuerySelectorAll("article").ToList();
        Assert.Equal(3, articles.Count);
        Assert.Equal(new[] { "Priya Raman", "Renewal desk assistant", "Priya Raman" }, articles.Select(a => a.QuerySelector(".author")!.TextContent));
        Assert.Equal(new[] { "turn-user", "turn-assistant", "turn-user" }, articles.Select(a => a.ClassList.First(c => c.StartsWith("turn-", StringComparison.Ordinal))));

        var times = articles.Select(a => a.QuerySelector("time")!).ToList();
        Assert.Equal(
            session.Messages.Select(m => m.CreatedAt!.Value),
            times.Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("2026-09-14 16:30:24 UTC", times[1].TextContent);
        Assert.Equal("Draft a renewal brief for Northwind Traders.", articles[0].QuerySelector(".text")!.TextContent);
    }

    [Fact]
    public void HeaderShowsAgentStateCreatedParticipantsUsageAndCreditCost()
    {
        IDocument doc = ParseHtml(TranscriptTestSupport.Render(TranscriptFormat.Html, TranscriptTestSupport.Parse(Northwind)));
        IElement header = doc.QuerySelector("section.session > header.session-header")!;
        Assert.Equal("Northwind renewal brief", header.QuerySelector("h1")!.TextContent);
        var facts = header.QuerySelectorAll("dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent);
        Assert.Equal("Renewal desk assistant r4Ts9Kq2MwX7bLn", facts["Agent"]);
        Assert.Equal("completed", facts["State"]);
        Assert.Equal("2026-09-14 16:30:00 UTC", facts["Created"]);
        Assert.Equal("Priya Raman", facts["Participants"]);
        Assert.Equal("9,314 input tokens, 611 output tokens", facts["Usage"]);
        Assert.Equal("7.25 credits (tools 2, flows 0)", facts["Credit cost"]);
        Assert.Equal("3", facts["Messages"]);
    }

    [Fact]
    public void ToolCallsFoldIntoDetailsAndApprovalsShowTheirOutcome()
    {
        IDocument doc = ParseHtml(TranscriptTestSupport.Render(TranscriptFormat.Html, TranscriptTestSupport.Parse(Northwind)));
        var details = doc.QuerySelectorAll("article details.tool-call").ToList();
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.False(d.HasAttribute("open")));
        Assert.Equal("hubspot_get_company", details[0].QuerySelector("summary .tool-name")!.TextContent);
        Assert.Contains("\"domain\": \"northwindtraders.example\"", details[0].QuerySelector("pre.tool-arguments")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("\"renewal_date\": \"2026-11-30\"", details[0].QuerySelector("pre.tool-result")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("completed", details[0].QuerySelector(".outcome")!.TextContent);

        // A tool call whose approval was answered "no" says so.
        Assert.Equal("rejected", details[1].QuerySelector(".outcome")!.TextContent);

        // The ask the session is waiting on is shown with its outcome and what it would do.
        IElement approval = doc.QuerySelector("aside.approval")!;
        Assert.Contains("Send email with Gmail", approval.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("awaiting approval", approval.QuerySelector(".outcome")!.TextContent);
        Assert.Equal("ops@contosofreight.example", approval.QuerySelector(".display-field")!.TextContent);
    }

    [Fact]
    public void PageIsSelfContainedWithoutScriptOrRemoteResources()
    {
        string html = TranscriptTestSupport.Render(TranscriptFormat.Html, TranscriptTestSupport.Parse(Northwind));
        IDocument doc = ParseHtml(html);
        Assert.Empty(doc.QuerySelectorAll("script, link, img, iframe, object, embed, a, form, base"));
        IElement csp = doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!;
        Assert.Contains("default-src 'none'", csp.GetAttribute("content"), StringComparison.Ordinal);
        IElement style = Assert.Single(doc.QuerySelectorAll("style"));
        Assert.Contains("prefers-color-scheme:dark", style.TextContent, StringComparison.Ordinal);
        Assert.Contains("@media print", style.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", style.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", style.TextContent, StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> Hostile() => TranscriptTestSupport.HostileStrings.Select(s => new object[] { s }).Append(new object[] { TranscriptTestSupport.AllHostile });

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileTextMakesNoElementOrAttribute(string hostile)
    {
        // The same session with harmless text in every slot gives the reference tree: the hostile one must parse
        // to exactly the same elements with exactly the same attributes, so nothing in the text became markup.
        IDocument benign = ParseHtml(TranscriptTestSupport.Render(TranscriptFormat.Html, TranscriptTestSupport.SessionWithText("harmless text")));
        string html = TranscriptTestSupport.Render(TranscriptFormat.Html, TranscriptTestSupport.SessionWithText(hostile));
        IDocument doc = ParseHtml(html);
        Assert.Equal(Skeleton(benign), Skeleton(doc));

        Assert.Empty(doc.QuerySelectorAll("script, img, a, iframe, svg, meta[http-equiv='refresh'], base"));
        Assert.Single(doc.QuerySelectorAll("style"));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(doc.All.SelectMany(e => e.Attributes), a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));

        // No terminal sequence survives anywhere in the file, and the text reads as the agent wrote it.
        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u009b', html);
        Assert.DoesNotContain('\u0007', html);
        string expected = TranscriptText.RemoveControls(hostile);
        Assert.Equal(expected, doc.QuerySelector("article.turn-user .text")!.TextContent);
        Assert.Equal(expected, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(expected, doc.QuerySelector("article.turn-assistant pre.tool-result")!.TextContent);
        Assert.Equal(expected, doc.QuerySelector("aside.approval .display-field")!.TextContent);
    }

    [Fact]
    public void TerminalSequencesAreRemovedAndTheirVisibleTextKept()
    {
        Assert.Equal("red  hidden link concealed c1nuldel", TranscriptText.RemoveControls(TranscriptTestSupport.HostileStrings[7]));
        Assert.Equal("a\nb\nc\td", TranscriptText.RemoveControls("a\r\nb\rc\td"));

        // An OSC without its terminator would swallow the rest in a terminal; here the text stays visible.
        Assert.Equal("0;title and the rest", TranscriptText.RemoveControls("\u001b]0;title and the rest"));
        Assert.Equal("plain", TranscriptText.RemoveControls("plain"));
    }

    [Fact]
    public void AnEmptyExportIsStillAValidPage()
    {
        IDocument doc = ParseHtml(TranscriptTestSupport.Render(TranscriptFormat.Html, Array.Empty<Session>()));
        Assert.Empty(doc.QuerySelectorAll("article"));
        Assert.Equal("No sessions were exported.", doc.QuerySelector("p.empty")!.TextContent);
    }

    private static List<string> Skeleton(IDocument doc) =>
        doc.All.Select(e => e.LocalName + "[" + string.Join(" ", e.Attributes.Select(a => a.Name + "=" + a.Value)) + "]").ToList();
}
