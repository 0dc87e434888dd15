using System;
using System.Globalization;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One event of an agent session stream (API.md 9.1), read leniently: unknown event types and fields pass
/// through, and data that is not a JSON object is kept as text instead of failing the stream.
/// </summary>
/// <remarks>
/// Not sealed only so that the cmdlet layer can hide <see cref="RawJson"/> from PowerShell's formatting and
/// export with its HiddenAttribute, which this assembly cannot reference.
/// </remarks>
public class StreamEvent
{
    private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 256 };
    private string? _rawJson;

    private StreamEvent(string type, string? rawJson)
    {
        Type = type;
        _rawJson = rawJson;
        ReceivedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Copies another event; for the cmdlet layer's subclass.</summary>
    /// <summary>A copy that names the tool when the event itself does not (tool-output-available carries only its call id).</summary>
    protected StreamEvent(StreamEvent source, string? toolName)
        : this(source)
    {
        ToolName ??= toolName;
    }

    protected StreamEvent(StreamEvent source)
    {
        if (source == null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        Type = source.Type;
        _rawJson = source._rawJson;
        SessionId = source.SessionId;
        MessageId = source.MessageId;
        Delta = source.Delta;
        StreamCursor = source.StreamCursor;
        Final = source.Final;
        FinishReason = source.FinishReason;
        Error = source.Error;
        ErrorCode = source.ErrorCode;
        ToolCallId = source.ToolCallId;
        ToolName = source.ToolName;
        Data = source.Data;
        ReceivedAt = source.ReceivedAt;
    }

    /// <summary>
    /// The event kind as sent: the JSON <c>type</c>, else the SSE event name, else "message" (the SSE default).
    /// </summary>
    public string Type { get; }

    /// <summary>The session being streamed: <c>interaction_id</c> on interaction-ready, else filled in by the client.</summary>
    public string? SessionId { get; internal set; }

    /// <summary>The <c>id</c> of text-* and reasoning-* events (the message or block id).</summary>
    public string? MessageId { get; private set; }

    public string? Delta { get; private set; }

    /// <summary>The resume position; opaque.</summary>
    public string? StreamCursor { get; private set; }

    /// <summary>On finish: true marks the real end of the turn, false an intermediate finish.</summary>
    public bool? Final { get; private set; }

    public string? FinishReason { get; private set; }

    /// <summary>The error text: <c>errorMessage</c> if sent, else <c>error</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>The machine-readable <c>error</c> when <c>errorMessage</c> carries the text.</summary>
    public string? ErrorCode { get; private set; }

    public string? ToolCallId { get; private set; }
    public string? ToolName { get; private set; }

    /// <summary>The data when it is not a JSON object; else the JSON <c>data</c> field (compact JSON unless a string).</summary>
    public string? Data { get; private set; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The event's JSON object exactly as received; null when the data was not a JSON object.</summary>
    public virtual string? RawJson => _rawJson;

    internal bool IsFinish => string.Equals(Type, "finish", StringComparison.Ordinal);

    internal bool IsError => string.Equals(Type, "error", StringComparison.Ordinal);

    internal bool IsTextDelta => string.Equals(Type, "text-delta", StringComparison.Ordinal);

    public static StreamEvent FromSse(SseMessage message)
    {
        if (message == null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        return Parse(message.EventName, message.Data);
    }

    /// <param name="eventName">The SSE event name, or null when the event had no <c>event:</c> line.</param>
    public static StreamEvent Parse(string? eventName, string data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        string fallbackType = string.IsNullOrEmpty(eventName) ? "message" : eventName!;
        string trimmed = data.Trim();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(trimmed, DocumentOptions);
                JsonElement root = doc.RootElement;
                string? type = JsonRead.String(root, "type");
                var e = new StreamEvent(string.IsNullOrEmpty(type) ? fallbackType : type!, trimmed);
                e.Read(root);
                return e;
            }
            catch (JsonException)
            {
            }
        }

        return new StreamEvent(fallbackType, null) { Data = data };
    }

    /// <summary>
    /// A field of the event's JSON as string/long/double/bool/JsonMap/JsonList, or null when absent or when the
    /// data was not JSON. A method, not a property, so exports never carry it.
    /// </summary>
    public object? GetField(string name)
    {
        if (name == null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (_rawJson == null)
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(_rawJson, DocumentOptions);
        return doc.RootElement.TryGetProperty(name, out JsonElement value) ? JsonConvertValue.ToObject(value) : null;
    }

    public override string ToString()
    {
        if (Delta != null)
        {
            return Type + ": " + Delta;
        }

        if (Error != null)
        {
            return Type + ": " + Error;
        }

        if (IsFinish)
        {
            return Type + " (" + (FinishReason ?? "?") + (Final.HasValue ? ", final=" + (Final.Value ? "true" : "false") : string.Empty) + ")";
        }

        return Type;
    }

    /// <summary>Masks <paramref name="secret"/> in every decoded field and in the raw JSON (where it may be escaped).</summary>
    internal void RedactSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        if (_rawJson != null)
        {
            _rawJson = SecretRedaction.Json(_rawJson, secret);
        }

        SessionId = Masked(SessionId, secret!);
        MessageId = Masked(MessageId, secret!);
        Delta = Masked(Delta, secret!);
        StreamCursor = Masked(StreamCursor, secret!);
        FinishReason = Masked(FinishReason, secret!);
        Error = Masked(Error, secret!);
        ErrorCode = Masked(ErrorCode, secret!);
        ToolCallId = Masked(ToolCallId, secret!);
        ToolName = Masked(ToolName, secret!);
        Data = Data == null ? null : SecretRedaction.Json(Data, secret);
    }

    private static string? Masked(string? value, string secret) => value == null ? null : SecretRedaction.Text(value, secret);

    private void Read(JsonElement root)
    {
        SessionId = JsonRead.String(root, "interaction_id");
        MessageId = JsonRead.String(root, "id");
        Delta = JsonRead.String(root, "delta");
        StreamCursor = ScalarText(root, "stream_cursor");
        Final = JsonRead.Bool(root, "final");
        FinishReason = JsonRead.FirstString(root, "finishReason", "finish_reason");
        ToolCallId = JsonRead.FirstString(root, "toolCallId", "tool_call_id");
        ToolName = JsonRead.FirstString(root, "toolName", "tool_name");

        string? message = JsonRead.FirstString(root, "errorMessage", "error_message");
        string? code = null;
        if (JsonRead.TryGet(root, "error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                code = error.GetString();
            }
            else if (error.ValueKind == JsonValueKind.Object)
            {
                // The chat-completions shape: {"code": ..., "message": ...}.
                message ??= JsonRead.String(error, "message");
                code = ScalarText(error, "code");
            }
        }

        if (message != null)
        {
            Error = message;
            ErrorCode = code;
        }
        else
        {
            Error = code;
        }

        if (JsonRead.TryGet(root, "data", out JsonElement data) && data.ValueKind != JsonValueKind.Null)
        {
            Data = data.ValueKind == JsonValueKind.String ? data.GetString() : data.GetRawText();
        }
    }

    private static string? ScalarText(JsonElement obj, string name)
    {
        if (!JsonRead.TryGet(obj, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
