using System;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// Masks the connection's secret in text a server sent, after JSON decoding: a body may spell the key with
/// escapes (<c>\u0067l_...</c>), which a plain text search misses and every decoded field then shows in clear.
/// </summary>
internal static class SecretRedaction
{
    public const string Mask = "****";

    /// <summary>The text with every occurrence of <paramref name="secret"/> masked.</summary>
    public static string Text(string? text, string? secret)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(secret) || text!.IndexOf(secret, StringComparison.Ordinal) < 0)
        {
            return text ?? string.Empty;
        }

        return text.Replace(secret, Mask);
    }

    /// <summary>
    /// A JSON text (or text that may be JSON) with the secret masked both as written and as decoded. When a decoded
    /// string held the secret, the JSON is written again with it masked; when the text does not parse (a body cut
    /// at its cap), it is decoded by hand and, if that reveals the secret, returned decoded and masked.
    /// </summary>
    public static string Json(string? text, string? secret)
    {
        string plain = Text(text, secret);
        if (string.IsNullOrEmpty(secret) || plain.Length == 0 || !MayHideText(plain))
        {
            // Without \u or \/ escapes the decoded strings hold the secret only where the text does, already masked.
            return plain;
        }

        string trimmed = plain.Trim();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 256 });
                if (!Contains(doc.RootElement, secret!))
                {
                    return plain;
                }

                using var stream = new System.IO.MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    Write(writer, doc.RootElement, secret!);
                }

                return Encoding.UTF8.GetString(stream.ToArray());
            }
            catch (JsonException)
            {
            }
        }

        string decoded = Unescape(plain);
        return decoded.IndexOf(secret!, StringComparison.Ordinal) >= 0 ? decoded.Replace(secret!, Mask) : plain;
    }

    private static bool MayHideText(string text) =>
        text.IndexOf("\\u", StringComparison.Ordinal) >= 0 || text.IndexOf("\\U", StringComparison.Ordinal) >= 0 || text.IndexOf("\\/", StringComparison.Ordinal) >= 0;

    private static bool Contains(JsonElement element, string secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!.IndexOf(secret, StringComparison.Ordinal) >= 0;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name.IndexOf(secret, StringComparison.Ordinal) >= 0 || Contains(property.Value, secret))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Contains(item, secret))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Text(element.GetString(), secret));
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Text(property.Name, secret));
                    Write(writer, property.Value, secret);
                }

                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Write(writer, item, secret);
                }

                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }

    /// <summary>Decodes JSON string escapes wherever they occur, leaving anything malformed as it is.</summary>
    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            char next = text[i + 1];
            if ((next == 'u' || next == 'U') && i + 5 < text.Length
                && int.TryParse(text.Substring(i + 2, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code))
            {
                sb.Append((char)code);
                i += 5;
            }
            else if (next == '/')
            {
                sb.Append('/');
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
