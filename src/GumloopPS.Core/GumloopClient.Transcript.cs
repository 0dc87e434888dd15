using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

public sealed partial class GumloopClient
{
    /// <summary>
    /// Message bytes a transcript holds while it waits for the session's fields (the author names come after the
    /// messages in the body). A transcript that ends within it is read with one request; a longer one asks for the
    /// session's fields with a second request, so memory stays flat however long the transcript is.
    /// </summary>
    internal long TranscriptHoldBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// GET /sessions/{id} for its messages, streamed: <paramref name="onStart"/> gets the session's fields and its
    /// message count once, then <paramref name="onMessage"/> gets each message, on the reading thread, as soon as its
    /// JSON is complete and its author is known. A retried attempt resumes after the messages already handed over.
    /// The connection's response-size limit applies to each message, not to the whole body.
    /// </summary>
    /// <returns>The number of messages handed over.</returns>
    internal async Task<long> StreamTranscriptAsync(string sessionId, Action<Session, long> onStart, Action<Message> onMessage, CancellationToken ct)
    {
        var stream = new TranscriptStream(this, sessionId, onStart, onMessage);
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId))
        {
            // The pipeline paces the read, so the whole body has no time limit; each read waits at most the timeout.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            BodyReader = async (body, token) => await stream.ReadAttemptAsync(body, token).ConfigureAwait(false),
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        if (!(response.Value is bool found) || !found)
        {
            throw Unexpected(response, "a 'session' object");
        }

        return stream.Emitted;
    }

    /// <summary>Every message of a session, held in memory: for callers that need the list (and for tests).</summary>
    internal async Task<SessionTranscript> GetTranscriptAsync(string sessionId, CancellationToken ct)
    {
        Session? header = null;
        var messages = new List<Message>();
        await StreamTranscriptAsync(sessionId, (h, _) => header = h, messages.Add, ct).ConfigureAwait(false);
        var raw = new List<byte[]>(messages.Count);
        foreach (Message m in messages)
        {
            raw.Add(System.Text.Encoding.UTF8.GetBytes(m.GetRawJson()));
        }

        return new SessionTranscript(header!, raw);
    }

    /// <summary>Reads the session's fields and counts its messages without keeping any of them.</summary>
    internal async Task<(Session Header, long Count)> GetTranscriptHeaderAsync(string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId))
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            BodyReader = async (body, token) =>
            {
                var reader = NewTranscriptReader(body, sessionId, _ => true);
                Session? header = await reader.ReadAsync(body, token).ConfigureAwait(false);
                return header == null ? null : (object)(header, reader.MessageCount);
            },
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return response.Value is ValueTuple<Session, long> result ? result : throw Unexpected(response, "a 'session' object");
    }

    private TranscriptReader NewTranscriptReader(System.IO.Stream body, string sessionId, TranscriptMessageHandler onMessage)
    {
        // The response-size limit protects buffered bodies; a streamed transcript holds one message at a time, so the
        // limit applies to each message instead of the whole body.
        (body as LimitedReadStream)?.RemoveLimit();
        long limit = Connection.MaxResponseBytes;
        return new TranscriptReader(onMessage)
        {
            MaxValueBytes = limit,
            IdleTimeout = EffectiveRequestTimeout,
            OnValueTooLarge = max => new GumloopResponseException(
                $"A message in the transcript of session {sessionId} is larger than the {max:N0}-byte limit; nothing beyond it was read. " +
                "Raise the connection's response-size limit if the message is expected.")
            {
                StatusCode = 200,
                SizeLimitBytes = max,
            },
        };
    }

    /// <summary>The state of one streamed transcript across the attempts of its request.</summary>
    private sealed class TranscriptStream
    {
        private readonly GumloopClient _client;
        private readonly string _sessionId;
        private readonly Action<Session, long> _onStart;
        private readonly Action<Message> _onMessage;
        private readonly List<byte[]> _held = new List<byte[]>();
        private long _heldBytes;
        private long _index;
        private Session? _header;
        private bool _started;

        public TranscriptStream(GumloopClient client, string sessionId, Action<Session, long> onStart, Action<Message> onMessage)
        {
            _client = client;
            _sessionId = sessionId;
            _onStart = onStart;
            _onMessage = onMessage;
        }

        /// <summary>Messages handed over so far, in all attempts.</summary>
        public long Emitted { get; private set; }

        /// <summary>One attempt's body; true once the whole transcript was handed over, null when it is not a session.</summary>
        public async Task<object?> ReadAttemptAsync(System.IO.Stream body, CancellationToken ct)
        {
            _index = 0;
            _held.Clear();
            _heldBytes = 0;
            TranscriptReader reader = _client.NewTranscriptReader(body, _sessionId, OnMessage);
            reader.OnPause = FetchHeaderAsync;
            Session? bodyHeader = await reader.ReadAsync(body, ct).ConfigureAwait(false);
            if (bodyHeader == null)
            {
                return null;
            }

            if (_header == null)
            {
                Start(bodyHeader, reader.MessageCount);
            }

            return true;
        }

        private bool OnMessage(ReadOnlySpan<byte> json)
        {
            long index = _index++;
            if (index < Emitted)
            {
                // A retried attempt: this message was handed over before the connection broke.
                return true;
            }

            if (_header != null)
            {
                Hand(TranscriptReader.Materialize(json, _header));
                return true;
            }

            _held.Add(json.ToArray());
            _heldBytes += json.Length;

            // Past the hold limit the reader pauses while the session's fields are fetched.
            return _heldBytes <= _client.TranscriptHoldBytes;
        }

        private async Task FetchHeaderAsync(CancellationToken ct)
        {
            (Session header, long count) = await _client.GetTranscriptHeaderAsync(_sessionId, ct).ConfigureAwait(false);
            Start(header, count);
        }

        private void Start(Session header, long count)
        {
            _header = header;
            if (!_started)
            {
                _started = true;
                _onStart(header, count);
            }

            foreach (byte[] raw in _held)
            {
                Hand(TranscriptReader.Materialize(raw, header));
            }

            _held.Clear();
            _heldBytes = 0;
        }

        private void Hand(Message message)
        {
            _onMessage(message);
            Emitted++;
        }
    }
}
