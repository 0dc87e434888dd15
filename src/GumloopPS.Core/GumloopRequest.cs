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

    /// <summary>Overrides the connection's per-request timeout (streams need far longer).</summary>
    public TimeSpan? Timeout { get; set; }

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
    internal GumloopResponse(int statusCode, IReadOnlyDictionary<string, string> headers, JsonDocument? json, string? text, string method, string url)
    {
        StatusCode = statusCode;
        Headers = headers;
        Json = json;
        Text = text;
        Method = method;
        Url = url;
    }

    public int StatusCode { get; }

    /// <summary>Response and content headers, multiple values joined with ", "; case-insensitive keys.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }
    public string? RequestId => Headers.TryGetValue("x-request-id", out string? id) ? id : null;
    public JsonDocument? Json { get; }
    public string? Text { get; }

    /// <summary>The body as received, for <see cref="GumloopResponseMode.Bytes"/>; null otherwise.</summary>
    public byte[]? Bytes { get; internal set; }

    /// <summary>What <see cref="GumloopRequest.BodyReader"/> made of the body.</summary>
    internal object? Value { get; set; }

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
    public string Url { get; }

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
}
