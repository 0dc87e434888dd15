using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>One line of a JSON Lines transcript: a message, or why the line could not be read.</summary>
public sealed class TranscriptLine
{
    internal TranscriptLine(long lineNumber, Message? message, string? error)
    {
        LineNumber = lineNumber;
        Message = message;
        Error = error;
    }

    public long LineNumber { get; }

    public Message? Message { get; }

    public string? Error { get; }
}

/// <summary>
/// Reads what <see cref="JsonlTranscriptWriter"/> wrote back into <see cref="Message"/> objects, one line at a time,
/// so a file of any size is read in constant memory. A bad line is reported and the rest are still read.
/// </summary>
public static class JsonlTranscriptReader
{
    /// <summary>Lines longer than this are refused rather than parsed (a file that is not a transcript).</summary>
    public const int MaxLineChars = 64 * 1024 * 1024;

    public static IEnumerable<TranscriptLine> Read(TextReader reader)
    {
        if (reader == null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        long number = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(number, line);
        }
    }

    /// <summary>One line as a message; its session fields fill SessionId, AgentId and AuthorName.</summary>
    public static TranscriptLine Parse(long lineNumber, string line)
    {
        if (line.Length > MaxLineChars)
        {
            return new TranscriptLine(lineNumber, null, "The line is longer than " + MaxLineChars + " characters.");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = TranscriptReader.MaxDepth });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new TranscriptLine(lineNumber, null, "The line is JSON but not an object.");
            }

            Message message = Message.FromJson(WithoutAddedFields(root));
            message.SessionId = JsonRead.String(root, JsonlTranscriptWriter.SessionIdField);
            message.AgentId = JsonRead.String(root, JsonlTranscriptWriter.AgentIdField);
            message.AuthorName = JsonRead.String(root, JsonlTranscriptWriter.AuthorNameField);
            return new TranscriptLine(lineNumber, message, null);
        }
        catch (JsonException ex)
        {
            return new TranscriptLine(lineNumber, null, "The line is not valid JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-16 (a lone surrogate) in the line.
            return new TranscriptLine(lineNumber, null, "The line cannot be read: " + ex.Message);
        }
    }

    /// <summary>The message's own JSON, so GetRawJson and its additional properties are what the API sent.</summary>
    private static JsonElement WithoutAddedFields(JsonElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!JsonlTranscriptWriter.AddedFields.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(stream.ToArray(), new JsonReaderOptions { MaxDepth = TranscriptReader.MaxDepth });
        return JsonElement.ParseValue(ref reader);
    }
}
