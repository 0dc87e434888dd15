using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// Text from the API made safe for a document a person reads: terminal escape sequences and control characters
/// removed, then escaped for the markup it lands in. Agent text can be steered by prompt injection, so nothing
/// it contains may become markup, a link or an instruction to a terminal that later displays the file.
/// </summary>
public static class TranscriptText
{
    private const char Esc = '\u001b';
    private const char Bel = '\u0007';
    private const char C1StringTerminator = '\u009c';

    /// <summary>
    /// Removes ANSI/VT escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-character escapes, in their 7-bit and
    /// C1 forms) and every other control character except tab and newline; CR and CRLF become a newline. A string
    /// sequence with no terminator loses only its introducer, so text after it stays visible rather than hidden.
    /// </summary>
    public static string RemoveControls(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        string s = text!;
        if (!NeedsCleaning(s))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == Esc)
            {
                i = SkipEscape(s, i);
                continue;
            }

            if (c >= '\u0080' && c <= '\u009f')
            {
                i = SkipC1(s, i);
                continue;
            }

            if (c == '\r')
            {
                sb.Append('\n');
                i += i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                continue;
            }

            if (c == '\n' || c == '\t' || (c >= ' ' && c != '\u007f'))
            {
                sb.Append(c);
            }

            i++;
        }

        return sb.ToString();
    }

    /// <summary>For element content and attribute values: escapes the five characters that can end either.</summary>
    public static void WriteHtml(TextWriter writer, string? text)
    {
        string clean = RemoveControls(text);
        int start = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            string? entity = clean[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity != null)
            {
                writer.Write(clean.Substring(start, i - start));
                writer.Write(entity);
                start = i + 1;
            }
        }

        writer.Write(start == 0 ? clean : clean.Substring(start));
    }

    public static string Html(string? text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteHtml(writer, text);
        return writer.ToString();
    }

    /// <summary>
    /// Escapes a message body for Markdown: the agent's emphasis, lists and code survive, but raw HTML, autolinks,
    /// entities, links and images cannot form, because <c>&lt;</c>, <c>&amp;</c>, <c>[</c>, <c>]</c> and the
    /// backslash itself are escaped.
    /// </summary>
    public static string MarkdownBody(string? text) => EscapeMarkdown(RemoveControls(text), "\\<>&[]");

    /// <summary>Escapes a one-line value (a name, an id, a title) so that no Markdown forms in it at all.</summary>
    public static string MarkdownInline(string? text) =>
        EscapeMarkdown(OneLine(text), "\\`*_[]<>&|");

    /// <summary>A code span for ids and other literal values; its fence is longer than any backtick run inside.</summary>
    public static string MarkdownCode(string? text)
    {
        string value = OneLine(text);
        string fence = new string('`', LongestRun(value, '`') + 1);
        string pad = value.StartsWith("`", StringComparison.Ordinal) || value.EndsWith("`", StringComparison.Ordinal) ? " " : string.Empty;
        return fence + pad + value + pad + fence;
    }

    /// <summary>The fence for a fenced code block: at least three backticks, and more than any run in the content.</summary>
    public static string MarkdownFence(string content) => new string('`', Math.Max(3, LongestRun(content, '`') + 1));

    private static string OneLine(string? text) => RemoveControls(text).Replace('\n', ' ').Replace('\t', ' ');

    private static int LongestRun(string text, char c)
    {
        int longest = 0;
        int run = 0;
        foreach (char x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>The display form of a timestamp: UTC, to the second, unambiguous in any locale.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The machine form of a timestamp, for the datetime attribute and JSON.</summary>
    public static string IsoTimestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string EscapeMarkdown(string text, string special)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (special.IndexOf(c) >= 0)
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool NeedsCleaning(string s)
    {
        foreach (char c in s)
        {
            if ((c < ' ' && c != '\n' && c != '\t') || (c >= '\u007f' && c <= '\u009f'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the index after the escape sequence that starts with ESC at <paramref name="i"/>.</summary>
    private static int SkipEscape(string s, int i)
    {
        if (i + 1 >= s.Length)
        {
            return i + 1;
        }

        char next = s[i + 1];
        switch (next)
        {
            case '[':
                return SkipCsi(s, i + 2);
            case ']':
            case 'P':
            case 'X':
            case '^':
            case '_':
                return SkipString(s, i + 2);
        }

        if (next >= ' ' && next <= '/')
        {
            // nF escapes: intermediate bytes, then one final byte (for example ESC ( B selects a character set).
            int j = i + 1;
            while (j < s.Length && s[j] >= ' ' && s[j] <= '/')
            {
                j++;
            }

            return j < s.Length && s[j] >= '0' && s[j] <= '~' ? j + 1 : j;
        }

        // Two-character escapes (ESC 7, ESC c, ESC M, ...); anything else loses only the ESC.
        return next >= '0' && next <= '~' ? i + 2 : i + 1;
    }

    private static int SkipC1(string s, int i) => s[i] switch
    {
        '\u009b' => SkipCsi(s, i + 1),
        '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f' => SkipString(s, i + 1),
        _ => i + 1,
    };

    /// <summary>Parameter bytes, intermediate bytes, then one final byte.</summary>
    private static int SkipCsi(string s, int j)
    {
        while (j < s.Length && s[j] >= '0' && s[j] <= '?')
        {
            j++;
        }

        while (j < s.Length && s[j] >= ' ' && s[j] <= '/')
        {
            j++;
        }

        return j < s.Length && s[j] >= '@' && s[j] <= '~' ? j + 1 : j;
    }

    /// <summary>An OSC/DCS/SOS/PM/APC payload up to BEL or ST; <paramref name="j"/> is the first payload index.</summary>
    private static int SkipString(string s, int j)
    {
        for (int k = j; k < s.Length; k++)
        {
            char c = s[k];
            if (c == Bel || c == C1StringTerminator)
            {
                return k + 1;
            }

            if (c == Esc)
            {
                return k + 1 < s.Length && s[k + 1] == '\\' ? k + 2 : k;
            }
        }

        // Unterminated: keep the payload as visible text rather than hide the rest of the message.
        return j;
    }
}
