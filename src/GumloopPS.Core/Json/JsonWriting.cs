using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GumloopPS.Core;

internal static class JsonWriting
{
    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions CompactOptions = new JsonWriterOptions
    {
        Indented = false,
        // Output is shown to people and sent to our own API, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string Serialize(object? value) => Encoding.UTF8.GetString(SerializeToUtf8(value));

    public static byte[] SerializeToUtf8(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactOptions))
        {
            WriteValue(writer, value, 0);
        }

        return stream.ToArray();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException("The value is nested too deeply (or refers to itself) to be sent as JSON.");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case short sh:
                writer.WriteNumberValue(sh);
                return;
            case byte by:
                writer.WriteNumberValue(by);
                return;
            case sbyte sb:
                writer.WriteNumberValue(sb);
                return;
            case ushort us:
                writer.WriteNumberValue(us);
                return;
            case uint ui:
                writer.WriteNumberValue(ui);
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case float f:
                WriteDouble(writer, f);
                return;
            case double d:
                WriteDouble(writer, d);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                return;
            case DateTime dt:
                writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                return;
            case Guid g:
                writer.WriteStringValue(g.ToString());
                return;
            case Uri u:
                writer.WriteStringValue(u.OriginalString);
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
            case JsonElement je:
                je.WriteTo(writer);
                return;
            case JsonDocument jd:
                jd.RootElement.WriteTo(writer);
                return;
            case IDictionary<string, object?> generic:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> pair in generic)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (object? item in enumerable)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentException("NaN and infinity cannot be sent as JSON numbers.");
        }

        writer.WriteNumberValue(d);
    }
}
