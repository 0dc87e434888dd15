using System;

namespace GumloopPS.Core;

public static class GumloopPath
{
    /// <summary>
    /// Turns an opaque id into exactly one URL path segment. Ids come from users and pipelines, so an id
    /// like "../agents" or "a/b" must never address a different resource than the one named.
    /// </summary>
    public static string Segment(string id)
    {
        if (id == null)
        {
            throw new ArgumentException("The id is missing (null).", nameof(id));
        }

        if (id.Length == 0 || string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("The id is empty or whitespace.", nameof(id));
        }

        if (id == "." || id == "..")
        {
            throw new ArgumentException($"The id '{id}' is not allowed because it would be read as a relative path.", nameof(id));
        }

        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The id contains a control character (U+{(int)c:X4}) at position {i}.", nameof(id));
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
                {
                    i++;
                    continue;
                }

                throw new ArgumentException($"The id contains an incomplete Unicode surrogate pair at position {i}.", nameof(id));
            }

            if (char.IsLowSurrogate(c))
            {
                throw new ArgumentException($"The id contains an incomplete Unicode surrogate pair at position {i}.", nameof(id));
            }
        }

        return EscapeLong(id);
    }

    // .NET Framework limits Uri.EscapeDataString to about 32k characters, so escape in slices,
    // never splitting a surrogate pair.
    private static string EscapeLong(string value)
    {
        const int Chunk = 8192;
        if (value.Length <= Chunk)
        {
            return Uri.EscapeDataString(value);
        }

        var sb = new System.Text.StringBuilder(value.Length * 2);
        int start = 0;
        while (start < value.Length)
        {
            int len = Math.Min(Chunk, value.Length - start);
            if (start + len < value.Length && char.IsHighSurrogate(value[start + len - 1]))
            {
                len--;
            }

            sb.Append(Uri.EscapeDataString(value.Substring(start, len)));
            start += len;
        }

        return sb.ToString();
    }
}
