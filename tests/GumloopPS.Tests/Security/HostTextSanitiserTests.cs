using System;
using System.Linq;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Security;

/// <summary>The one neutraliser every server string goes through on its way to a terminal.</summary>
public class HostTextSanitiserTests
{
    private const char Esc = '\u001b';

    private static void AssertInert(string shown)
    {
        // Nothing a terminal would act on: no C0 or C1 control, no DEL, no bidi override.
        Assert.DoesNotContain(shown, c => c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || c == '\u2028');
    }

    [Fact]
    public void AForgedRecipientLineStaysVisibleOnOneLine()
    {
        string value = "attacker@evil.example" + Esc + "[2K\r  To:      boss@corp.example";

        string shown = HostText.Line(value);

        AssertInert(shown);
        Assert.StartsWith("attacker@evil.example", shown, StringComparison.Ordinal);
        Assert.Contains("\u241b[2K\u240d", shown, StringComparison.Ordinal);
        Assert.Contains("boss@corp.example", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u001b]0;owned\u0007", "\u241b]0;owned\u2407")]                 // OSC 0: window title
    [InlineData("\u001b[2J", "\u241b[2J")]                                        // clear screen
    [InlineData("\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\", "\u241b]8;;https://evil.example\u241b\\click\u241b]8;;\u241b\\")] // OSC 8
    [InlineData("\u001b[8mhidden\u001b[0m", "\u241b[8mhidden\u241b[0m")]           // SGR 8
    [InlineData("\u001b]52;c;ZXZpbA==\u0007", "\u241b]52;c;ZXZpbA==\u2407")]       // OSC 52: clipboard write
    [InlineData("\u009b2J", "\\u009b2J")]                                          // C1 CSI
    [InlineData("a\u007fb", "a\u2421b")]                                           // DEL
    [InlineData("moc.live\u202e", "moc.live\\u202e")]                              // bidi override
    public void EscapeSequencesAreShownNotExecuted(string input, string expected)
    {
        Assert.Equal(expected, HostText.Line(input));
        Assert.Equal(expected, HostText.Block(input));
    }

    [Fact]
    public void ALineHasNoLineBreaksOrTabs()
    {
        string shown = HostText.Line("Send mail\nTool: calendar_read\r\n\tx");

        AssertInert(shown);
        Assert.Equal("Send mail\u240aTool: calendar_read\u240d\u240a\u2409x", shown);
    }

    [Fact]
    public void ABlockKeepsNewlinesAndTabsButNotALoneCarriageReturn()
    {
        Assert.Equal("line one\nline two\r\n\tindented", HostText.Block("line one\nline two\r\n\tindented"));
        Assert.Equal("progress 10%\u240dprogress 99%", HostText.Block("progress 10%\rprogress 99%"));
    }

    [Fact]
    public void LongValuesAreCutWithAnEllipsis()
    {
        string shown = HostText.Line(new string('x', 5000), 200);

        Assert.Equal(201, shown.Length);
        Assert.EndsWith("\u2026", shown, StringComparison.Ordinal);
        Assert.Equal(HostText.DefaultMaxLength + 1, HostText.Line(new string('y', 5000)).Length);
    }

    [Fact]
    public void TheCutNeverSplitsASurrogatePair()
    {
        string shown = HostText.Line("ab" + string.Concat(Enumerable.Repeat("\U0001F600", 10)), 3);

        Assert.Equal("ab\u2026", shown);
    }

    [Fact]
    public void CleanTextIsReturnedAsItIs()
    {
        string clean = "Send email with Gmail: To=x@example.com; Subject=Renewal";

        Assert.Same(clean, HostText.Line(clean));
        Assert.Same(clean, HostText.Block(clean));
        Assert.Equal(string.Empty, HostText.Line(null));
    }
}
