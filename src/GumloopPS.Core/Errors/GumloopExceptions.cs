using System;
using System.Net.Http;

namespace GumloopPS.Core;

public class GumloopException : Exception
{
    public GumloopException(string message)
        : base(message)
    {
    }

    public GumloopException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP method of the failed request, when there was one.</summary>
    public string? Method { get; set; }

    /// <summary>Request URL with secret-looking query values redacted.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// Set when a session stream ended early while the agent may still be running: the session to re-attach to,
    /// with <see cref="ResumeCursor"/> the last event read (null to replay from the start).
    /// </summary>
    public string? ResumeSessionId { get; set; }

    /// <summary>The cursor of the last event read before the stream ended; see <see cref="ResumeSessionId"/>.</summary>
    public string? ResumeCursor { get; set; }

    /// <summary>
    /// True when a message-creating request failed after the server may have acted on it: the message may already
    /// have been accepted, so the session should be checked before the message is sent again.
    /// </summary>
    public bool MayHaveBeenAccepted { get; set; }
}

public sealed class GumloopApiException : GumloopException
{
    public GumloopApiException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; set; }

    /// <summary>Canonical <c>error.code</c>, or the string of a flat <c>{"error":"..."}</c> envelope.</summary>
    public string? ErrorCode { get; set; }
    public string? ErrorType { get; set; }
    public string? ApiMessage { get; set; }
    public string? Param { get; set; }
    public string? RequestId { get; set; }

    /// <summary>Trimmed to 2 KB and secret-redacted.</summary>
    public string? ResponseBody { get; set; }

    /// <summary><c>error.details</c> of a canonical envelope, or the extra top-level keys of a flat one.</summary>
    public JsonMap? Details { get; set; }

    /// <summary>Server-requested wait, if a Retry-After header came with the final response.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>1-based attempt that produced this response; greater than 1 means earlier attempts were retried.</summary>
    public int Attempt { get; set; } = 1;
}

public sealed class GumloopNetworkException : GumloopException
{
    public GumloopNetworkException(string message, bool requestSent, Exception? innerException)
        : base(message, innerException)
    {
        RequestSent = requestSent;
    }

    /// <summary>True when any part of the request may have reached the server, so it may have been acted on.</summary>
    public bool RequestSent { get; }
}

public sealed class GumloopTimeoutException : GumloopException
{
    public GumloopTimeoutException(string message, TimeSpan timeout, Exception? innerException)
        : base(message, innerException)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}

public sealed class GumloopResponseException : GumloopException
{
    public GumloopResponseException(string message)
        : base(message)
    {
    }

    public GumloopResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; set; }
    public string? RequestId { get; set; }
    public string? ContentType { get; set; }

    /// <summary>The connection's response-size limit in bytes, when the read stopped because the body passed it; else 0.</summary>
    public long SizeLimitBytes { get; set; }
}
