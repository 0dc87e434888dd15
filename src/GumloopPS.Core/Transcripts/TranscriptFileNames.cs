using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// File names made from session names and ids, which come from the API and so may hold anything. A name is safe on
/// Windows and Linux: no path separators or characters Windows refuses, no control or invisible formatting
/// characters, no reserved device names (CON, NUL, COM1, ...), no leading or trailing dots or spaces, and at most
/// 255 bytes. Names handed out by one instance are unique, compared without case as Windows does.
/// </summary>
public sealed class TranscriptFileNames
{
    private const int MaxNameBytes = 120;
    private const int MaxIdBytes = 80;

    private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    private readonly HashSet<string> _used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Marks a name (such as index.html) as taken, so no session file gets it.</summary>
    public void Reserve(string fileName) => _used.Add(fileName);

    /// <summary>A unique file name for a session: its cleaned name and id, then the extension.</summary>
    public string ForSession(string? name, string? id, string extension)
    {
        string stem = Stem(name, id);
        string candidate = stem + extension;
        for (int n = 2; !_used.Add(candidate); n++)
        {
            candidate = stem + "-" + n.ToString(CultureInfo.InvariantCulture) + extension;
        }

        return candidate;
    }

    /// <summary>The name without extension and without the uniqueness suffix.</summary>
    public static string Stem(string? name, string? id)
    {
        string cleanName = Clean(name, MaxNameBytes);
        string cleanId = Clean(id, MaxIdBytes);
        string stem = cleanName.Length > 0 && cleanId.Length > 0 ? cleanName + "_" + cleanId
            : cleanName.Length > 0 ? cleanName
            : cleanId.Length > 0 ? "session_" + cleanId
            : "session";

        // Windows reserves device names with any extension after them too ("nul.txt").
        int dot = stem.IndexOf('.');
        string baseName = (dot < 0 ? stem : stem.Substring(0, dot)).TrimEnd(' ');
        return Reserved.Contains(baseName) ? "_" + stem : stem;
    }

    /// <summary>Keeps letters, digits and harmless punctuation; whitespace becomes '-', anything else '_'.</summary>
    public static string Clean(string? text, int maxBytes)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text!.Length);
        int bytes = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string piece;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                piece = text.Substring(i, 2);
                i++;
                UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(piece, 0);
                piece = category == UnicodeCategory.Format || category == UnicodeCategory.PrivateUse ? "_" : piece;
            }
            else if (char.IsWhiteSpace(c))
            {
                piece = "-";
            }
            else
            {
                piece = Allowed(c) ? c.ToString() : "_";
            }

            // Runs of replacements read better as one.
            if ((piece == "-" || piece == "_") && sb.Length > 0 && sb[sb.Length - 1] == piece[0])
            {
                continue;
            }

            int size = Encoding.UTF8.GetByteCount(piece);
            if (bytes + size > maxBytes)
            {
                break;
            }

            sb.Append(piece);
            bytes += size;
        }

        // Windows drops trailing dots and spaces; leading dots hide files on Unix.
        return sb.ToString().Trim('.', ' ', '-', '_');
    }

    private static bool Allowed(char c)
    {
        if (char.IsSurrogate(c) || char.IsControl(c))
        {
            return false;
        }

        switch (c)
        {
            case '<':
            case '>':
            case ':':
            case '"':
            case '/':
            case '\\':
            case '|':
            case '?':
            case '*':
            case '%':
                return false;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);

        // Format characters include the bidirectional overrides that make "txt.exe" display as "exe.txt".
        return category != UnicodeCategory.Format && category != UnicodeCategory.PrivateUse
            && category != UnicodeCategory.LineSeparator && category != UnicodeCategory.ParagraphSeparator;
    }
}
