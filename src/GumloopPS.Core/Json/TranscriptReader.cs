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
/// enumerated. Used for transcripts small enough to hold whole; bigger ones are streamed message by message.
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
            yield return TranscriptReader.Materialize(raw, Header);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Receives one complete message object of a transcript body; false asks the reader to pause after it.</summary>
internal delegate bool TranscriptMessageHandler(ReadOnlySpan<byte> json);

/// <summary>
/// Reads a <c>{"session": {...}}</c> envelope from a stream without building a document of the whole body: each
/// message object is handed to a handler as soon as its JSON is complete, and every other session property is
/// collected into a small header object. The body is read once and memory holds one message at a time, so a
/// transcript of any length is limited only by <see cref="MaxValueBytes"/> per message, not by its total size.
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

    private readonly MemoryStream _header = new MemoryStream();
    private readonly TranscriptMessageHandler _onMessage;
    private Stage _stage;
    private bool _sawSession;
    private bool _paused;

    /// <param name="onMessage">Called on the reading thread for each message object, in body order.</param>
    internal TranscriptReader(TranscriptMessageHandler onMessage)
    {
        _onMessage = onMessage ?? throw new ArgumentNullException(nameof(onMessage));
    }

    /// <summary>The largest single message (or header value) the reader will hold; larger ones fail the read.</summary>
    internal long MaxValueBytes { get; set; } = long.MaxValue;

    /// <summary>Turns a larger-than-<see cref="MaxValueBytes"/> value into the caller's exception.</summary>
    internal Func<long, Exception>? OnValueTooLarge { get; set; }

    /// <summary>Runs when the handler asked for a pause, before the next message is handed over.</summary>
    internal Func<CancellationToken, Task>? OnPause { get; set; }

    /// <summary>Each read waits at most this long for data; the stream is then treated as broken.</summary>
    internal TimeSpan IdleTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How many message objects the body held (non-object items are not messages).</summary>
    internal long MessageCount { get; private set; }

    /// <summary>Reads a whole body holding every message: the simple path for tests and small transcripts.</summary>
    public static async Task<SessionTranscript?> ReadWholeAsync(Stream stream, CancellationToken ct)
    {
        var messages = new List<byte[]>();
        var reader = new TranscriptReader(json =>
        {
            messages.Add(json.ToArray());
            return true;
        });
        Session? header = await reader.ReadAsync(stream, ct).ConfigureAwait(false);
        return header == null ? null : new SessionTranscript(header, messages);
    }

    /// <summary>Builds one message and fills in what the session knows (SessionId, AgentId, AuthorName).</summary>
    internal static Message Materialize(ReadOnlySpan<byte> json, Session header)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });

        // ParseValue gives an element of a non-disposable document, so the model's clone of it is free.
        Message message = Message.FromJson(JsonElement.ParseValue(ref reader));
        header.Attach(message);
        return message;
    }

    /// <summary>
    /// Reads the body to its end, handing messages to the handler. Returns the session without its messages, or null
    /// when the body is JSON but has no <c>session</c> object; throws <see cref="JsonException"/> on malformed JSON.
    /// </summary>
    public async Task<Session?> ReadAsync(Stream stream, CancellationToken ct)
    {
        byte[] buffer = new byte[InitialBufferSize];
        int filled = 0;
        bool final = false;
        bool needData = true;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth });
        while (_stage != Stage.Done)
        {
            if (needData && !final)
            {
                if (filled == buffer.Length)
                {
                    // One message (or header value) is larger than the buffer: grow it, up to the per-value cap.
                    if (buffer.Length - InitialBufferSize >= MaxValueBytes)
                    {
                        throw OnValueTooLarge?.Invoke(MaxValueBytes) ?? new JsonException($"A value in the transcript is larger than the {MaxValueBytes:N0}-byte limit.");
                    }

                    long cap = MaxValueBytes > int.MaxValue ? int.MaxValue - 64 : MaxValueBytes + InitialBufferSize;
                    Array.Resize(ref buffer, (int)Math.Min(Math.Min((long)buffer.Length * 2, cap), int.MaxValue - 64));
                }

                int n = await ReadSomeAsync(stream, buffer, filled, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    final = true;
                }

                filled += n;
            }

            needData = true;
            int consumed = Consume(buffer.AsSpan(0, filled), final, ref state);
            if (consumed > 0)
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }

            if (_paused)
            {
                _paused = false;
                if (OnPause != null)
                {
                    await OnPause(ct).ConfigureAwait(false);
                }

                // What is left in the buffer may hold complete messages: consume it before reading more.
                needData = false;
                continue;
            }

            if (final && _stage != Stage.Done)
            {
                // Consume throws on truncated JSON when the block is final; this covers an empty body.
                throw new JsonException("The JSON body ended before the session object was complete.");
            }
        }

        return _sawSession ? Finish() : null;
    }

    private async Task<int> ReadSomeAsync(Stream stream, byte[] buffer, int offset, CancellationToken ct)
    {
        if (IdleTimeout == Timeout.InfiniteTimeSpan)
        {
            return await stream.ReadAsync(buffer, offset, buffer.Length - offset, ct).ConfigureAwait(false);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(IdleTimeout);
        try
        {
            return await stream.ReadAsync(buffer, offset, buffer.Length - offset, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A stalled body is a broken connection: the transport retries it (resuming after the messages handed over).
            throw new IOException($"No data arrived for {IdleTimeout.TotalSeconds:0.#} s while reading the transcript.");
        }
    }

    private Session Finish()
    {
        _header.WriteByte((byte)'}');
        var reader = new Utf8JsonReader(_header.ToArray(), new JsonReaderOptions { MaxDepth = MaxDepth });
        return Session.FromJson(JsonElement.ParseValue(ref reader));
    }

    /// <summary>Consumes whole tokens and values only, and returns how many bytes of <paramref name="data"/> it used.</summary>
    private int Consume(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (_stage != Stage.Done && !_paused)
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

                MessageCount++;
                _paused = !_onMessage(data.Slice(start, (int)reader.BytesConsumed - start));
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
        if (_header.Length > MaxValueBytes)
        {
            throw OnValueTooLarge?.Invoke(MaxValueBytes) ?? new JsonException($"The session's fields are larger than the {MaxValueBytes:N0}-byte limit.");
        }

        return true;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        _header.Write(copy, 0, copy.Length);
    }

    private static bool SkipValue(ref Utf8JsonReader reader) =>
        (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray) || reader.TrySkip();

    private bool Done()
    {
        _stage = Stage.Done;
        return true;
    }
}
