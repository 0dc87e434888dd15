using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace GumloopPS.Core;

/// <summary>One dispatched server-sent event, before any JSON interpretation.</summary>
public sealed class SseMessage
{
    public SseMessage(string? eventName, string data, string? lastEventId)
    {
        EventName = eventName;
        Data = data ?? throw new ArgumentNullException(nameof(data));
        LastEventId = lastEventId;
    }

    /// <summary>The <c>event:</c> value, or null when the event had no <c>event:</c> line (SSE then calls it "message").</summary>
    public string? EventName { get; }

    /// <summary>The <c>data:</c> lines joined with "\n".</summary>
    public string Data { get; }

    /// <summary>The last <c>id:</c> value seen on the stream when this event was dispatched.</summary>
    public string? LastEventId { get; }

    public override string ToString() => (EventName ?? "message") + ": " + Data;
}

/// <summary>
/// Incremental parser for text/event-stream as the HTML standard defines it: feed it the bytes as they arrive,
/// in chunks of any size, and it returns each event once its terminating blank line has arrived.
/// </summary>
/// <remarks>
/// Lines are split on bytes before decoding. CR and LF never occur inside a multi-byte UTF-8 sequence, so a
/// character split across two chunks is decoded whole, with no decoder state to carry.
/// </remarks>
public sealed class SseParser
{
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;
    private static readonly IReadOnlyList<SseMessage> None = Array.Empty<SseMessage>();
    private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, false);

    private readonly int _maxEventBytes;
    private readonly StringBuilder _data = new StringBuilder();
    private byte[] _line = new byte[512];
    private int _lineLength;
    private bool _skipLineFeed;
    private bool _firstLine = true;
    private string? _eventName;
    private bool _eventStarted;
    private long _eventBytes;

    public SseParser()
        : this(DefaultMaxEventBytes)
    {
    }

    /// <param name="maxEventBytes">Largest event accepted; bounds memory when a server never ends a line or event.</param>
    public SseParser(int maxEventBytes)
    {
        if (maxEventBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEventBytes), "The limit must be positive.");
        }

        _maxEventBytes = maxEventBytes;
    }

    /// <summary>The last <c>id:</c> value; persists across events as the standard requires.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The last valid <c>retry:</c> value in milliseconds.</summary>
    public int? RetryMilliseconds { get; private set; }

    /// <summary>Comment lines seen (servers send them as keep-alives).</summary>
    public long CommentCount { get; private set; }

    public long BytesFed { get; private set; }

    /// <summary>True once <see cref="Complete"/> has thrown away an event that the stream cut off.</summary>
    public bool DiscardedIncompleteEvent { get; private set; }

    /// <summary>True while part of an event (or of a line) has arrived but not its end.</summary>
    public bool HasPartialEvent => _lineLength > 0 || _eventStarted;

    public IReadOnlyList<SseMessage> Feed(byte[] buffer) => Feed(buffer ?? throw new ArgumentNullException(nameof(buffer)), 0, buffer.Length);

    /// <returns>The events completed by this chunk, in order; an empty list when none.</returns>
    /// <exception cref="InvalidDataException">An event grew beyond the size limit.</exception>
    public IReadOnlyList<SseMessage> Feed(byte[] buffer, int offset, int count)
    {
        if (buffer == null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || count < 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        BytesFed += count;
        List<SseMessage>? events = null;
        int end = offset + count;
        int i = offset;
        while (i < end)
        {
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (buffer[i] == (byte)'\n')
                {
                    i++;
                    continue;
                }
            }

            int start = i;
            while (i < end && buffer[i] != (byte)'\n' && buffer[i] != (byte)'\r')
            {
                i++;
            }

            Append(buffer, start, i - start);
            if (i == end)
            {
                break;
            }

            // A CR may be the first half of a CRLF whose LF is in the next chunk.
            _skipLineFeed = buffer[i] == (byte)'\r';
            i++;
            SseMessage? message = ProcessLine();
            if (message != null)
            {
                (events ??= new List<SseMessage>()).Add(message);
            }
        }

        return events ?? None;
    }

    /// <summary>
    /// Marks the end of the stream. An event without its terminating blank line is discarded, never
    /// half-parsed: the standard says so, and a resumed stream will send it again whole.
    /// </summary>
    public void Complete()
    {
        if (HasPartialEvent)
        {
            DiscardedIncompleteEvent = true;
        }

        _lineLength = 0;
        ResetEvent();
        _skipLineFeed = false;
    }

    private void Append(byte[] buffer, int start, int length)
    {
        if (length == 0)
        {
            return;
        }

        if ((long)_lineLength + length > _maxEventBytes)
        {
            throw TooLarge();
        }

        if (_lineLength + length > _line.Length)
        {
            int size = _line.Length;
            while (size < _lineLength + length)
            {
                size *= 2;
            }

            Array.Resize(ref _line, size);
        }

        Buffer.BlockCopy(buffer, start, _line, _lineLength, length);
        _lineLength += length;
    }

    private SseMessage? ProcessLine()
    {
        int start = 0;
        int length = _lineLength;
        _lineLength = 0;
        if (_firstLine)
        {
            _firstLine = false;
            if (length >= 3 && _line[0] == 0xEF && _line[1] == 0xBB && _line[2] == 0xBF)
            {
                start = 3;
                length -= 3;
            }
        }

        if (length == 0)
        {
            return Dispatch();
        }

        if (_line[start] == (byte)':')
        {
            CommentCount++;
            return null;
        }

        _eventStarted = true;
        _eventBytes += length;
        if (_eventBytes > _maxEventBytes)
        {
            throw TooLarge();
        }

        int colon = Array.IndexOf(_line, (byte)':', start, length);
        string field;
        string value;
        if (colon < 0)
        {
            field = Utf8.GetString(_line, start, length);
            value = string.Empty;
        }
        else
        {
            field = Utf8.GetString(_line, start, colon - start);
            int valueStart = colon + 1;
            if (valueStart < start + length && _line[valueStart] == (byte)' ')
            {
                valueStart++;
            }

            value = Utf8.GetString(_line, valueStart, start + length - valueStart);
        }

        switch (field)
        {
            case "event":
                _eventName = value;
                break;
            case "data":
                _data.Append(value).Append('\n');
                break;
            case "id":
                if (value.IndexOf('\0') < 0)
                {
                    LastEventId = value;
                }

                break;
            case "retry":
                if (value.Length > 0 && IsAsciiDigits(value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int retry))
                {
                    RetryMilliseconds = retry;
                }

                break;
        }

        return null;
    }

    private SseMessage? Dispatch()
    {
        // No data lines means nothing to dispatch, even if an event: line came (HTML standard, "dispatch the event").
        if (_data.Length == 0)
        {
            ResetEvent();
            return null;
        }

        string data = _data.ToString(0, _data.Length - 1);
        var message = new SseMessage(string.IsNullOrEmpty(_eventName) ? null : _eventName, data, LastEventId);
        ResetEvent();
        return message;
    }

    private void ResetEvent()
    {
        _data.Clear();
        _eventName = null;
        _eventStarted = false;
        _eventBytes = 0;
    }

    private InvalidDataException TooLarge() =>
        new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "A server-sent event is larger than {0:N0} bytes.", _maxEventBytes));

    private static bool IsAsciiDigits(string value)
    {
        foreach (char c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
