using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// A session whose messages are held as their raw UTF-8 JSON and become <see cref="Message"/> objects only while
/// enumerated. A 100,000-message transcript then costs about its payload size in memory instead of a parsed
/// document, a clone of it and every message object at once; each object can be collected as soon as the
/// pipeline has passed it on.
/// </summary>
internal sealed class SessionTranscript : IEnumerable<Message>
{
    private readonly List<byte[]> _messages;

    internal SessionTranscript(Session header, List<byte[]> messages)
    {
        Header = header;
        _messages = messages;
    }

    /// <summary>The session without its messages; used to fill SessionId, AgentId and AuthorName.</summary>
    public Session Header { get; }

    public int Count => _messages.Count;

    public IEnumerator<Message> GetEnumerator()
    {
        foreach (byte[] raw in _messages)
        {
            yield return Materialize(raw);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Message Materialize(byte[] raw)
    {
        var reader = new Utf8JsonReader(raw, new JsonReaderOptions { MaxDepth = TranscriptReader.MaxDepth });

        // ParseValue gives an element of a non-disposable document, so the model's clone of it is free.
        Message message = Message.FromJson(JsonElement.ParseValue(ref reader));
        Header.Attach(message);
        return message;
    }
}

/// <summary>
/// Reads a <c>{"session": {...}}</c> envelope from a stream without building a document of the whole body: the
/// messages array is cut into one byte array per message, and every other session property is collected into a
/// small header object. Memory stays near the payload size, and the body is read once.
/// </summary>
internal sealed class TranscriptReader
{
    internal const int MaxDepth = 256;
    private const int InitialBufferSize = 64 * 1024;

    private enum Stage
    {
        Start,
        Root,
        Session,
        Messages,
        Done,
    }

    private readonly List<byte[]> _messages = new List<byte[]>();
    private readonly MemoryStream _header = new MemoryStream();
    private Stage _stage;
    private bool _sawSession;

    /// <summary>Null when the body is JSON but has no <c>session</c> object; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static async Task<SessionTranscript?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var transcript = new TranscriptReader();
        byte[] buffer = new byte[InitialBufferSize];
        int filled = 0;
        bool final = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth });
        while (transcript._stage != Stage.Done)
        {
            if (!final)
            {
                if (filled == buffer.Length)
                {
                    // One message (or header value) is larger than the buffer: grow it rather than fail.
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                int n = await stream.ReadAsync(buffer, filled, buffer.Length - filled, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    final = true;
                }

                filled += n;
            }

            int consumed = transcript.Consume(buffer.AsSpan(0, filled), final, ref state);
            if (final && transcript._stage != Stage.Done)
            {
                // Consume throws on truncated JSON when the block is final; this covers an empty body.
                throw new JsonException("The JSON body ended before the session object was complete.");
            }

            if (consumed > 0)
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }

        return transcript._sawSession ? transcript.Finish() : null;
    }

    private SessionTranscript Finish()
    {
        _header.WriteByte((byte)'}');
        var reader = new Utf8JsonReader(_header.ToArray(), new JsonReaderOptions { MaxDepth = MaxDepth });
        Session header = Session.FromJson(JsonElement.ParseValue(ref reader));
        return new SessionTranscript(header, _messages);
    }

    /// <summary>Consumes whole tokens and values only, and returns how many bytes of <paramref name="data"/> it used.</summary>
    private int Consume(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (_stage != Stage.Done)
        {
            // Everything is retried from this point when the data ends mid-value.
            JsonReaderState checkpoint = reader.CurrentState;
            int consumed = (int)reader.BytesConsumed;
            if (!Step(ref reader, data))
            {
                state = checkpoint;
                return consumed;
            }
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>Advances by one token or one complete property; false when more data is needed.</summary>
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_stage)
        {
            case Stage.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    // Not an envelope; the caller reports the missing session object.
                    return SkipValue(ref reader) && Done();
                }

                _stage = Stage.Root;
                return true;

            case Stage.Root:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return Done();
                }

                bool isSession = reader.ValueTextEquals("session");
                if (!reader.Read())
                {
                    return false;
                }

                if (isSession && reader.TokenType == JsonTokenType.StartObject)
                {
                    _sawSession = true;
                    _header.WriteByte((byte)'{');
                    _stage = Stage.Session;
                    return true;
                }

                return SkipValue(ref reader);

            case Stage.Session:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // The envelope's remaining properties (queue_position) do not matter to a transcript.
                    _stage = Stage.Root;
                    return true;
                }

                return SessionProperty(ref reader, data);

            case Stage.Messages:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _stage = Stage.Session;
                    return true;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    // Non-object items are ignored, as Session.FromJson ignores them.
                    return SkipValue(ref reader);
                }

                int start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return false;
                }

                _messages.Add(data.Slice(start, (int)reader.BytesConsumed - start).ToArray());
                return true;

            default:
                return true;
        }
    }

    private bool SessionProperty(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        // The raw name keeps its quotes and escapes, so it can be copied into the header as it is.
        int nameStart = (int)reader.TokenStartIndex;
        int nameEnd = nameStart + reader.ValueSpan.Length + 2;
        bool isMessages = reader.ValueTextEquals("messages");
        if (!reader.Read())
        {
            return false;
        }

        if (isMessages && reader.TokenType == JsonTokenType.StartArray)
        {
            _stage = Stage.Messages;
            return true;
        }

        int valueStart = (int)reader.TokenStartIndex;
        if (!SkipValue(ref reader))
        {
            return false;
        }

        if (_header.Length > 1)
        {
            _header.WriteByte((byte)',');
        }

        Write(data.Slice(nameStart, nameEnd - nameStart));
        _header.WriteByte((byte)':');
        Write(data.Slice(valueStart, (int)reader.BytesConsumed - valueStart));
        return true;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            _header.WriteByte(b);
        }
    }

    private static bool SkipValue(ref Utf8JsonReader reader) =>
        (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray) || reader.TrySkip();

    private bool Done()
    {
        _stage = Stage.Done;
        return true;
    }
}
