using System;
using System.Globalization;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// Makes text from a server safe to show on a terminal. Agent titles, tool arguments, replies and error
/// messages can be steered by prompt injection; written raw, an escape sequence can clear the screen, hide
/// text, set the window title, write the clipboard (OSC 52) or, with a carriage return, overwrite the line a
/// person is reading in an approval prompt. Every control character is therefore shown as a visible symbol
/// (ESC as ␛, CR as ␍, LF as ␊), never executed. Objects keep the raw text; only what reaches the host,
/// a prompt or a format view goes through here.
/// </summary>
public static class HostText
{
    /// <summary>Longest value <see cref="Line(object?)"/> shows before cutting it with an ellipsis.</summary>
    public const int DefaultMaxLength = 1000;

    private const char Ellipsis = '\u2026';

    /// <summary>One line: every control character (newlines and tabs included) shown visibly, cut at <see cref="DefaultMaxLength"/>.</summary>
    public static string Line(object? value) => Line(value, DefaultMaxLength);

    /// <summary>One line: every control character (newlines and tabs included) shown visibly, cut at <paramref name="maxLength"/> characters.</summary>
    public static string Line(object? value, int maxLength) => Neutralise(value?.ToString(), false, maxLength);

    /// <summary>
    /// Text that may span lines (a reply, a log, an error message): LF, CR LF and TAB stay as they are, every other
    /// control character (a lone CR included, which would return to the start of the line) is shown visibly.
    /// Never cut.
    /// </summary>
    public static string Block(object? value) => Neutralise(value?.ToString(), true, int.MaxValue);

    private static string Neutralise(string? text, bool keepLines, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (maxLength < 1)
        {
            maxLength = 1;
        }

        if (text!.Length <= maxLength && IsClean(text, keepLines))
        {
            return text;
        }

        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
        for (int i = 0; i < text.Length; i++)
        {
            if (sb.Length >= maxLength)
            {
                // Cut, never splitting a surrogate pair.
                if (sb.Length > 0 && char.IsHighSurrogate(sb[sb.Length - 1]))
                {
                    sb.Length--;
                }

                sb.Append(Ellipsis);
                break;
            }

            char c = text[i];
            if (!IsDangerous(c))
            {
                sb.Append(c);
                continue;
            }

            if (keepLines)
            {
                if (c == '\n' || c == '\t')
                {
                    sb.Append(c);
                    continue;
                }

                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    sb.Append("\r\n");
                    i++;
                    continue;
                }
            }

            sb.Append(Visible(c));
        }

        return sb.ToString();
    }

    private static bool IsClean(string text, bool keepLines)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsDangerous(c))
            {
                continue;
            }

            if (keepLines && (c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')))
            {
                if (c == '\r')
                {
                    i++;
                }

                continue;
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// C0 and C1 controls, DEL, the line and paragraph separators (some terminals break lines on them) and the
    /// bidirectional overrides and isolates, which reorder what is shown ("moc.live" read as "evil.com").
    /// </summary>
    private static bool IsDangerous(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    private static string Visible(char c)
    {
        if (c < 0x20)
        {
            // The Unicode "control pictures" block: U+2400 + code, so ESC is ␛, CR ␍, LF ␊, TAB ␉.
            return ((char)(0x2400 + c)).ToString();
        }

        if (c == 0x7F)
        {
            return "\u2421"; // ␡
        }

        return "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
    }
}
