using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

public enum GumloopResponseMode
{
    /// <summary>A JSON body is required; an empty or non-JSON body is a <see cref="GumloopResponseException"/>.</summary>
    Json,

    /// <summary>JSON if present; an empty body (204, OAuth revoke) is fine.</summary>
    JsonOrEmpty,

    /// <summary>Read the body as text (CSV, plain files).</summary>
    Text,

    /// <summary>Read the body as bytes whatever its content type (file downloads, zip archives, raw API calls).</summary>
    Bytes,
}

public sealed class GumloopRequest
{
    public GumloopRequest(HttpMethod method, string path)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Kind = method == HttpMethod.Get || method == HttpMethod.Head ? GumloopRequestKind.Idempotent : GumloopRequestKind.Other;
    }

    public HttpMethod Method { get; set; }

    /// <summary>Relative to the base URI; build id segments with <see cref="GumloopPath.Segment"/>.</summary>
    public string Path { get; set; }

    /// <summary>Null values are dropped: to the backend "absent" and "empty" differ.</summary>
    public IDictionary<string, string?> Query { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Raw JSON body; takes precedence over <see cref="Body"/>.</summary>
    public string? JsonBody { get; set; }
    public JsonMap? Body { get; set; }
    public bool UseStreamHost { get; set; }
    public GumloopRequestKind Kind { get; set; }
    public GumloopResponseMode ResponseMode { get; set; } = GumloopResponseMode.Json;

    /// <summary>Builds a streamed body for each attempt (file uploads); takes precedence over the JSON bodies.</summary>
    internal Func<System.Net.Http.HttpContent>? ContentFactory { get; set; }

    private TimeSpan? _timeout;

    /// <summary>
    /// Overrides the connection's per-request timeout (streams need far longer). Zero or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> means no timeout, for buffered calls and stream
    /// opens alike; any other negative value is refused rather than read as "none".
    /// </summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set
        {
            if (value is TimeSpan t && t != System.Threading.Timeout.InfiniteTimeSpan && (t < TimeSpan.Zero || t.TotalMilliseconds > int.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The timeout must be positive, zero for none, and at most int.MaxValue milliseconds.");
            }

            _timeout = value;
        }
    }

    /// <summary>
    /// Reads a JSON success body straight from the network instead of into a document (large transcripts);
    /// its result lands in <see cref="GumloopResponse.Value"/>. Runs once per attempt.
    /// </summary>
    internal Func<System.IO.Stream, System.Threading.CancellationToken, System.Threading.Tasks.Task<object?>>? BodyReader { get; set; }

    /// <summary>
    /// Reads a success body of any content type straight from the network, given its media type (a data export
    /// answers JSON while it runs and CSV once done); its result lands in <see cref="GumloopResponse.Value"/>. Runs
    /// once per attempt, so it must start over when called again.
    /// </summary>
    internal Func<string?, System.IO.Stream, System.Threading.CancellationToken, System.Threading.Tasks.Task<object?>>? RawBodyReader { get; set; }

    internal byte[]? GetBodyBytes()
    {
        if (JsonBody != null)
        {
            return Encoding.UTF8.GetBytes(JsonBody);
        }

        return Body != null ? JsonWriting.SerializeToUtf8(Body) : null;
    }
}

public sealed class GumloopResponse : IDisposable
{
    private readonly HttpResponseMessage? _source;
    private readonly Uri? _uri;
    private IReadOnlyDictionary<string, string>? _headers;
    private string? _url;
    private string? _requestId;

    internal GumloopResponse(int statusCode, IReadOnlyDictionary<string, string> headers, JsonDocument? json, string? text, string method, string url)
    {
        StatusCode = statusCode;
        _headers = headers;
        _requestId = headers.TryGetValue("x-request-id", out string? id) ? id : null;
        Json = json;
        Text = text;
        Method = method;
        _url = url;
    }

    /// <summary>
    /// The transport's: most callers read neither the headers nor the URL of a success, so the header dictionary
    /// is built, and the URL redacted, only when first asked for.
    /// </summary>
    internal GumloopResponse(int statusCode, HttpResponseMessage source, string? requestId, JsonDocument? json, string? text, string method, Uri uri)
    {
        StatusCode = statusCode;
        _source = source;
        _requestId = requestId;
        Json = json;
        Text = text;
        Method = method;
        _uri = uri;
    }

    public int StatusCode { get; }

    /// <summary>Response and content headers, multiple values joined with ", "; case-insensitive keys.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ??= CollectHeaders(_source);

    public string? RequestId => _requestId;
    public JsonDocument? Json { get; }
    public string? Text { get; }

    /// <summary>The body as received, for <see cref="GumloopResponseMode.Bytes"/>; null otherwise.</summary>
    public byte[]? Bytes { get; internal set; }

    /// <summary>What <see cref="GumloopRequest.BodyReader"/> made of the body.</summary>
    internal object? Value { get; set; }

    /// <summary>A stream open's 2xx, handed over unread; whoever takes it disposes it.</summary>
    internal HttpResponseMessage? EventStream { get; set; }

    /// <summary>The media type of the body (e.g. <c>application/zip</c>), without parameters; null when none was sent.</summary>
    public string? ContentType
    {
        get
        {
            if (!Headers.TryGetValue("Content-Type", out string? value) || string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            int semicolon = value.IndexOf(';');
            return (semicolon >= 0 ? value.Substring(0, semicolon) : value).Trim();
        }
    }

    public string Method { get; }

    /// <summary>The request URL with query credentials masked.</summary>
    public string Url => _url ??= UrlRedaction.Redact(_uri!);

    /// <summary>The JSON root, or a <see cref="GumloopResponseException"/> if the body was empty.</summary>
    public JsonElement RootElement
    {
        get
        {
            if (Json == null)
            {
                throw new GumloopResponseException($"Gumloop returned HTTP {StatusCode} with no JSON body for {Method} {Url}.")
                {
                    StatusCode = StatusCode,
                    RequestId = RequestId,
                    Method = Method,
                    Url = Url,
                };
            }

            return Json.RootElement;
        }
    }

    public void Dispose() => Json?.Dispose();

    // Header collections stay readable after the response is disposed: disposing drops the body, not the headers.
    private static IReadOnlyDictionary<string, string> CollectHeaders(HttpResponseMessage? response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (response == null)
        {
            return headers;
        }

        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        if (response.Content != null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        return headers;
    }
}
