using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// JSON Lines: one object per message, the session's fields first (session_id, agent_id, agent_name,
/// session_name, session_state), then author_name, then every field of the message exactly as the API sent it,
/// parts whole. <see cref="JsonlTranscriptReader"/> turns each line back into an equal <see cref="Message"/>.
/// </summary>
public sealed class JsonlTranscriptWriter : TranscriptWriter
{
    internal const string SessionIdField = "session_id";
    internal const string AgentIdField = "agent_id";
    internal const string AgentNameField = "agent_name";
    internal const string SessionNameField = "session_name";
    internal const string SessionStateField = "session_state";
    internal const string AuthorNameField = "author_name";

    /// <summary>The fields this writer adds; a message field of the same name would be ambiguous, so it is left out.</summary>
    internal static readonly HashSet<string> AddedFields = new HashSet<string>(StringComparer.Ordinal)
    {
        SessionIdField, AgentIdField, AgentNameField, SessionNameField, SessionStateField, AuthorNameField,
    };

    private static readonly JsonWriterOptions Options = new JsonWriterOptions
    {
        // A data file, never embedded in HTML: keep non-ASCII text readable. Control characters are still escaped,
        // so every object stays on one line.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly MemoryStream _line = new MemoryStream();

    public JsonlTranscriptWriter(Stream stream)
        : base(stream)
    {
    }

    protected override int WriteSessionCore(TranscriptSession session, CancellationToken cancellationToken)
    {
        Session s = session.Header;
        int count = 0;
        foreach (Message message in session.Messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _line.SetLength(0);
            using (var writer = new Utf8JsonWriter(_line, Options))
            {
                writer.WriteStartObject();
                Write(writer, SessionIdField, message.SessionId ?? s.Id);
                Write(writer, AgentIdField, message.AgentId ?? s.AgentId);
                Write(writer, AgentNameField, s.AgentName);
                Write(writer, SessionNameField, s.Name);
                Write(writer, SessionStateField, s.State);
                Write(writer, AuthorNameField, message.AuthorName);
                if (message.TryGetRaw(out JsonElement raw) && raw.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty property in raw.EnumerateObject())
                    {
                        if (!AddedFields.Contains(property.Name))
                        {
                            property.WriteTo(writer);
                        }
                    }
                }
                else
                {
                    WriteBuilt(writer, message);
                }

                writer.WriteEndObject();
            }

            _line.WriteByte((byte)'\n');
            Stream.Write(_line.GetBuffer(), 0, (int)_line.Length);
            count++;
        }

        return count;
    }

    protected override void CompleteCore() => Stream.Flush();

    private static void Write(Utf8JsonWriter writer, string name, string? value)
    {
        if (value == null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>A message made in code has no JSON of its own: write the API's fields from its properties.</summary>
    private static void WriteBuilt(Utf8JsonWriter writer, Message message)
    {
        Write(writer, "id", message.Id);
        Write(writer, "role", message.Role);
        Write(writer, "content", message.Content);
        Write(writer, "created_at", message.CreatedAt?.ToString("o", CultureInfo.InvariantCulture));
        Write(writer, "creator_id", message.CreatorId);
        writer.WriteStartArray("parts");
        foreach (MessagePart part in message.Parts)
        {
            if (part.TryGetRaw(out JsonElement raw))
            {
                raw.WriteTo(writer);
                continue;
            }

            writer.WriteStartObject();
            Write(writer, "type", part.Type);
            Write(writer, "id", part.Id);
            Write(writer, "text", part.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
