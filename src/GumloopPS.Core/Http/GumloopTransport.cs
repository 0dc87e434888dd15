using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The one way a request reaches Gumloop. Buffered calls and stream opens share one attempt loop, so retries,
/// Retry-After, timeouts and wait deadlines, error bodies, OAuth renewal, logging and redaction exist once; the
/// only difference is what happens to a 2xx: a buffered call reads the body into a <see cref="GumloopResponse"/>,
/// a stream open checks that it is an event stream and hands the open response back for the stream reader.
/// </summary>
internal sealed class GumloopTransport
{
    internal const int MaxErrorBodyBytes = 64 * 1024;
    private const string WrongHostCode = "streaming_not_supported_on_this_host";
    private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 256 };
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

    private readonly GumloopClient _client;

    /// <param name="client">Supplies the settings and test seams (timeouts, retry count, deadline, clock, delay, log).</param>
    internal GumloopTransport(GumloopClient client)
    {
        _client = client;
    }

    private GumloopConnection Connection => _client.Connection;

    private IGumloopLog Log => _client.Log;

    /// <summary>
    /// Sends <paramref name="request"/>, retrying what is safe to retry. With <paramref name="openStream"/> the
    /// 2xx must be an event stream and is returned open in <see cref="GumloopResponse.EventStream"/>; otherwise its
    /// body is read according to <see cref="GumloopRequest.ResponseMode"/>.
    /// </summary>
    internal async Task<GumloopResponse> SendAsync(GumloopRequest request, bool openStream, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Fails fast with ObjectDisposedException rather than being mistaken for a network error.
        HttpClient http = Connection.Http;
        var call = new PreparedRequest(request, BuildUri(request), openStream);
        TimeSpan requestTimeout = NoTimeoutIfZero(request.Timeout ?? _client.EffectiveRequestTimeout);
        int maxRetryCount = _client.MaxRetryCount;
        bool renewed = false;
        for (int attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            TimeSpan timeout = requestTimeout;
            bool cut = false;
            if (_client.Deadline is WaitDeadline deadline)
            {
                if (deadline.IsExpired)
                {
                    throw DeadlineError(call, null);
                }

                cut = deadline.Cuts(requestTimeout);
                timeout = deadline.BoundRequestTimeout(requestTimeout);
            }

            AttemptResult result = await AttemptAsync(http, call, timeout, attempt, ct).ConfigureAwait(false);
            if (result.Response != null)
            {
                return result.Response;
            }

            Exception error = result.Error!;
            if (cut && error is GumloopTimeoutException)
            {
                throw DeadlineError(call, error);
            }

            if (!renewed && await RenewAfterUnauthorizedAsync(error, result.Bearer, call, ct).ConfigureAwait(false))
            {
                // A 401 means nothing was acted on, so the same request goes again with the new token, uncounted.
                renewed = true;
                attempt--;
                continue;
            }

            if (!result.Retryable || attempt > maxRetryCount)
            {
                throw error;
            }

            TimeSpan delay = RetryPolicy.ComputeDelay(attempt - 1, result.RetryAfter, _client.EffectiveMaxRetryDelay, _client.NextRandom());
            if (_client.Deadline is WaitDeadline waitDeadline && waitDeadline.BoundDelay(delay) < delay)
            {
                // Sleeping the full retry wait would overshoot the deadline: sleep what is left, then give up.
                await _client.Delay(waitDeadline.BoundDelay(delay), ct).ConfigureAwait(false);
                throw DeadlineError(call, error);
            }

            Log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} -> {2}; retry {3}/{4} in {5:0.###} s{6}",
                call.Method,
                call.Url,
                result.RetryReason,
                attempt,
                maxRetryCount,
                delay.TotalSeconds,
                result.RetryAfter.HasValue ? " (Retry-After)" : string.Empty));
            await _client.Delay(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Zero means "no timeout", like <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    internal static TimeSpan NoTimeoutIfZero(TimeSpan timeout) => timeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;

    private async Task<AttemptResult> AttemptAsync(HttpClient http, PreparedRequest call, TimeSpan timeout, int attempt, CancellationToken ct)
    {
        GumloopRequest request = call.Request;

        // One source for the caller's token and the timeout (one timer, no second source): when it fires, the
        // caller's own token says which of the two it was.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            cts.CancelAfter(timeout);
        }

        CancellationToken token = cts.Token;
        using var message = new HttpRequestMessage(request.Method, call.Uri);
        string? bearer = await AuthorizeAsync(message, ct).ConfigureAwait(false);

        // A streamed body (a file upload) is built afresh for each attempt and reports Started like TrackingContent.
        HttpContent? content = request.ContentFactory?.Invoke() ?? (call.Body != null ? new TrackingContent(call.Body) : null);
        message.Content = content;
        if (call.OpenStream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            message.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        }

        // Log lines (and the redacted URL they carry) and the header dump are only built when someone listens.
        bool verbose = _client.VerboseEnabled;
        if (verbose)
        {
            Log.Verbose(call.Method + " " + call.Url + call.LogSuffix);
        }

        if (_client.DebugEnabled)
        {
            Log.Debug(DescribeHeaders(message));
        }

        long started = verbose ? Stopwatch.GetTimestamp() : 0;
        HttpResponseMessage? response = null;
        try
        {
            try
            {
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException
                                       || (ex is OperationCanceledException && !token.IsCancellationRequested))
            {
                ct.ThrowIfCancellationRequested();
                if (cts.IsCancellationRequested)
                {
                    return AttemptResult.Fail(TimeoutError(call, timeout, ex), false, null, "timeout");
                }

                // Without a body nothing the server could act on was sent; with one, only if writing never began.
                bool sent = (content as ITrackedContent)?.Started ?? false;
                string reason = "connection failed (" + ex.GetBaseException().Message + ")";
                if (verbose)
                {
                    Log.Verbose($"{call.Method} {call.Url} -> {reason} ({ElapsedMilliseconds(started)} ms){call.LogSuffix}");
                }

                return AttemptResult.Fail(NetworkError(call, sent, ex), RetryPolicy.ShouldRetryConnectionFailure(request.Kind, sent), null, reason);
            }

            int status = (int)response.StatusCode;
            if (verbose)
            {
                Log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} ({3} ms){4}", call.Method, call.Url, status, ElapsedMilliseconds(started), call.LogSuffix));
            }

            string? requestId = HeaderValue(response, "x-request-id");
            bool succeeded = status >= 200 && status <= 299;
            if (succeeded && call.OpenStream)
            {
                // Handed over before any body is read: from here the stream reader's idle timeout watches it.
                GumloopResponse open = OpenEventStream(call, response, status, requestId);
                response = null;
                return AttemptResult.Ok(open);
            }

            // On older frameworks a stalled body read ignores the token; disposing the response unblocks it.
            using (token.Register(DisposeState, response))
            {
                if (succeeded)
                {
                    GumloopResponse success = await ReadSuccessAsync(call, response, status, requestId, token).ConfigureAwait(false);
                    return AttemptResult.Ok(success);
                }

                string errorBody = await ReadCappedTextAsync(response, MaxErrorBodyBytes, token).ConfigureAwait(false);
                GumloopApiException apiError = ApiErrors.Create(status, Connection.RedactJson(errorBody), requestId, call.Method, call.Url, request.Kind);
                apiError.Attempt = attempt;
                TimeSpan? retryAfter = null;
                string? retryAfterText = HeaderValue(response, "Retry-After");
                if (retryAfterText != null)
                {
                    retryAfter = RetryPolicy.ParseRetryAfter(retryAfterText, _client.UtcNow());
                    apiError.RetryAfter = retryAfter;
                }

                Exception error = call.OpenStream ? WithStreamHostAdvice(apiError) : apiError;
                AttemptResult failed = AttemptResult.Fail(error, RetryPolicy.ShouldRetryStatus(request.Kind, status), retryAfter, "HTTP " + status.ToString(CultureInfo.InvariantCulture));
                failed.Bearer = bearer;
                return failed;
            }
        }
        catch (GumloopException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException || ex is HttpRequestException || ex is JsonException)
        {
            ct.ThrowIfCancellationRequested();
            if (cts.IsCancellationRequested)
            {
                return AttemptResult.Fail(TimeoutError(call, timeout, ex), false, null, "timeout");
            }

            if (ex is JsonException)
            {
                throw;
            }

            // The response had started, so the server saw the whole request.
            string reason = "connection lost while reading the response (" + ex.GetBaseException().Message + ")";
            return AttemptResult.Fail(NetworkError(call, true, ex), RetryPolicy.ShouldRetryConnectionFailure(request.Kind, true), null, reason);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static readonly Action<object?> DisposeState = state => ((IDisposable)state!).Dispose();

    private static long ElapsedMilliseconds(long startedTimestamp) =>
        (Stopwatch.GetTimestamp() - startedTimestamp) * 1000 / Stopwatch.Frequency;

    /// <summary>A header's values joined with ", ", from the response or its content; null when absent.</summary>
    private static string? HeaderValue(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out IEnumerable<string>? values)
            || (response.Content != null && response.Content.Headers.TryGetValues(name, out values)))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    /// <summary>A stream open's 2xx, checked to be an event stream and handed over open.</summary>
    private GumloopResponse OpenEventStream(PreparedRequest call, HttpResponseMessage response, int status, string? requestId)
    {
        string? mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (response.Content == null || (mediaType != null && !string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase)))
        {
            throw ResponseError(
                $"Gumloop answered {call.Method} {call.Url} with HTTP {status} and content type '{mediaType ?? "(none)"}' instead of an event stream. Check -StreamBaseUri; a proxy or the REST host may have answered.",
                status, requestId, mediaType, call, null);
        }

        return new GumloopResponse(status, response, requestId, null, null, call.Method, call.Uri) { EventStream = response };
    }

    private async Task<GumloopResponse> ReadSuccessAsync(PreparedRequest call, HttpResponseMessage response, int status, string? requestId, CancellationToken token)
    {
        GumloopRequest request = call.Request;
        string method = call.Method;
        string? mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (response.Content == null)
        {
            if (request.ResponseMode == GumloopResponseMode.Json)
            {
                throw ResponseError($"Gumloop returned HTTP {status} with an empty body where JSON was expected ({method} {call.Url}).", status, requestId, mediaType, call, null);
            }

            return new GumloopResponse(status, response, requestId, null, request.ResponseMode == GumloopResponseMode.Text ? string.Empty : null, method, call.Uri)
            {
                Bytes = request.ResponseMode == GumloopResponseMode.Bytes ? new byte[0] : null,
            };
        }

        long limit = Connection.MaxResponseBytes;
        Stream raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var limited = new LimitedReadStream(raw, limit, max => SizeLimited(ResponseError(
            $"The response to {method} {call.Url} is larger than the {max:N0}-byte limit; nothing beyond it was read. Raise the connection's response-size limit if the response is expected.", status, requestId, mediaType, call, null), max));

        if (request.RawBodyReader != null)
        {
            object? read = await request.RawBodyReader(mediaType, limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, response, requestId, null, null, method, call.Uri) { Value = read };
        }

        if (request.ResponseMode == GumloopResponseMode.Text)
        {
            string text = await ReadAllTextAsync(limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, response, requestId, null, text, method, call.Uri);
        }

        if (request.ResponseMode == GumloopResponseMode.Bytes)
        {
            byte[] bytes = await ReadAllBytesAsync(limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, response, requestId, null, null, method, call.Uri) { Bytes = bytes };
        }

        if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
        {
            // A 200 with HTML usually means a proxy or captive portal answered instead of Gumloop.
            string snippet = await ReadCappedAsync(limited, 512, token).ConfigureAwait(false);
            if (request.ResponseMode == GumloopResponseMode.JsonOrEmpty && snippet.Trim().Length == 0)
            {
                return new GumloopResponse(status, response, requestId, null, null, method, call.Uri);
            }

            throw ResponseError(
                $"Gumloop returned HTTP {status} with content type '{mediaType}' instead of JSON ({method} {call.Url}). A proxy or gateway may have answered instead of the API.",
                status, requestId, mediaType, call, null);
        }

        try
        {
            if (request.BodyReader != null)
            {
                object? value = await request.BodyReader(limited, token).ConfigureAwait(false);
                return new GumloopResponse(status, response, requestId, null, null, method, call.Uri) { Value = value };
            }

            // Read whole, then checked as UTF-8 before parsing: JsonDocument accepts invalid UTF-8 inside strings and
            // only fails when a model reads the string, with an InvalidOperationException far from here.
            using var collected = new MemoryStream(InitialBodyCapacity(response.Content.Headers.ContentLength, limit));
            await limited.CopyToAsync(collected, 16 * 1024, token).ConfigureAwait(false);
            byte[] buffer = collected.GetBuffer();
            int length = (int)collected.Length;
            int offset = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            try
            {
                _ = StrictUtf8.GetCharCount(buffer, offset, length - offset);
            }
            catch (DecoderFallbackException ex)
            {
                throw ResponseError(
                    $"Gumloop returned HTTP {status} with a body that is not valid UTF-8 ({method} {call.Url}).",
                    status, requestId, mediaType, call, ex);
            }

            JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, offset, length - offset), DocumentOptions);
            return new GumloopResponse(status, response, requestId, doc, null, method, call.Uri);
        }
        catch (InvalidOperationException ex) when (request.BodyReader != null && !token.IsCancellationRequested && ex is not ObjectDisposedException)
        {
            // A streaming reader met a string that is not valid UTF-8.
            throw ResponseError(
                $"Gumloop returned HTTP {status} with a body that is not valid UTF-8 JSON ({method} {call.Url}).",
                status, requestId, mediaType, call, ex);
        }
        catch (JsonException) when (!limited.SawContent)
        {
            if (request.ResponseMode == GumloopResponseMode.JsonOrEmpty)
            {
                return new GumloopResponse(status, response, requestId, null, null, method, call.Uri);
            }

            throw ResponseError($"Gumloop returned HTTP {status} with an empty body where JSON was expected ({method} {call.Url}).", status, requestId, mediaType, call, null);
        }
        catch (JsonException ex) when (!token.IsCancellationRequested)
        {
            string where = ex.LineNumber.HasValue ? $" (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw ResponseError(
                $"Gumloop returned HTTP {status} with a body that is not valid JSON{where} ({method} {call.Url}).",
                status, requestId, mediaType, call, ex);
        }
    }

    /// <summary>
    /// Room for the body as announced, so a typical answer is copied once instead of through a chain of doubling
    /// buffers. Bounded: a hostile Content-Length must not make us allocate what never arrives.
    /// </summary>
    internal static int InitialBodyCapacity(long? contentLength, long limit) =>
        contentLength is long announced && announced > 0 ? (int)Math.Min(Math.Min(announced, limit), MaxPresizedBody) : 0;

    private const int MaxPresizedBody = 1024 * 1024;

    /// <summary>
    /// The REST host refuses stream:true with a 400 that names the streaming host; the useful message is the
    /// -StreamBaseUri to connect with, not "resend this request there".
    /// </summary>
    private GumloopApiException WithStreamHostAdvice(GumloopApiException error)
    {
        if (error.StatusCode != 400 || !string.Equals(error.ErrorCode, WrongHostCode, StringComparison.Ordinal))
        {
            return error;
        }

        string? named = null;
        if (error.Details != null && error.Details.TryGetValue("stream_base_url", out object? value) && value is string text && text.Trim().Length > 0)
        {
            named = text.Trim();
        }

        string used = Connection.StreamBaseUri.AbsoluteUri.TrimEnd('/');
        string message = named != null
            ? $"{used} does not serve streams ({WrongHostCode}); the streaming host is {named}. Connect with -StreamBaseUri '{named}'."
            : $"{used} does not serve streams ({WrongHostCode}). Connect with -StreamBaseUri set to the streaming host (https://ws.gumloop.com/api/v1 for api.gumloop.com).";

        return new GumloopApiException(message, error.StatusCode)
        {
            ErrorCode = error.ErrorCode,
            ErrorType = error.ErrorType,
            ApiMessage = error.ApiMessage,
            Param = error.Param,
            RequestId = error.RequestId,
            ResponseBody = error.ResponseBody,
            Details = error.Details,
            RetryAfter = error.RetryAfter,
            Attempt = error.Attempt,
            Method = error.Method,
            Url = error.Url,
        };
    }

    private GumloopResponseException ResponseError(string message, int status, string? requestId, string? mediaType, PreparedRequest call, Exception? inner) =>
        new GumloopResponseException(Connection.Redact(message), inner)
        {
            StatusCode = status,
            RequestId = requestId,
            ContentType = mediaType,
            Method = call.Method,
            Url = call.Url,
        };

    private static GumloopResponseException SizeLimited(GumloopResponseException error, long limit)
    {
        error.SizeLimitBytes = limit;
        return error;
    }

    private static GumloopDeadlineException DeadlineError(PreparedRequest call, Exception? inner) =>
        new GumloopDeadlineException(
            string.Format(CultureInfo.InvariantCulture, "{0} {1} was cut short: the wait it belongs to reached its time limit.", call.Method, call.Url),
            inner)
        { Method = call.Method, Url = call.Url };

    private static GumloopTimeoutException TimeoutError(PreparedRequest call, TimeSpan timeout, Exception inner)
    {
        string message = string.Format(CultureInfo.InvariantCulture, "{0} {1} did not complete within {2:0.###} seconds.", call.Method, call.Url, timeout.TotalSeconds);
        if (call.Request.Kind == GumloopRequestKind.MessageCreating)
        {
            message += ApiErrors.CheckSessionAdvice;
        }

        return new GumloopTimeoutException(message, timeout, inner)
        {
            Method = call.Method, Url = call.Url, MayHaveBeenAccepted = call.Request.Kind == GumloopRequestKind.MessageCreating,
        };
    }

    private GumloopNetworkException NetworkError(PreparedRequest call, bool sent, Exception inner)
    {
        string detail = Connection.Redact(inner.GetBaseException().Message);
        string message = $"Could not complete {call.Method} {call.Url}: {detail}";
        if (sent && call.Request.Kind == GumloopRequestKind.MessageCreating)
        {
            message += ApiErrors.CheckSessionAdvice;
        }

        return new GumloopNetworkException(message, sent, inner)
        {
            Method = call.Method, Url = call.Url, MayHaveBeenAccepted = sent && call.Request.Kind == GumloopRequestKind.MessageCreating,
        };
    }

    /// <summary>Puts the OAuth access token on the request, renewing it first when it is about to expire.</summary>
    private async Task<string?> AuthorizeAsync(HttpRequestMessage message, CancellationToken ct)
    {
        GumloopOAuthSession? session = Connection.OAuthSession;
        if (session == null)
        {
            return null;
        }

        string token = await session.GetAccessTokenAsync(ct).ConfigureAwait(false);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>
    /// After a 401 on an OAuth connection, renews the token that request carried (or picks up the one a parallel
    /// caller already renewed) and says whether the request should go again. A refused renewal throws
    /// <see cref="GumloopOAuthException"/> (RefreshFailed).
    /// </summary>
    private async Task<bool> RenewAfterUnauthorizedAsync(Exception error, string? bearer, PreparedRequest call, CancellationToken ct)
    {
        GumloopOAuthSession? session = Connection.OAuthSession;
        if (session == null || bearer == null || error is not GumloopApiException { StatusCode: 401 })
        {
            return false;
        }

        Log.Verbose($"{call.Method} {call.Url} -> 401; renewing the OAuth access token and sending again");
        await session.RenewAsync(bearer, ct).ConfigureAwait(false);
        return true;
    }

    internal static async Task<string> ReadCappedTextAsync(HttpResponseMessage response, int maxBytes, CancellationToken token)
    {
        if (response.Content == null)
        {
            return string.Empty;
        }

        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        return await ReadCappedAsync(stream, maxBytes, token).ConfigureAwait(false);
    }

    private static async Task<string> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken token)
    {
        byte[] buffer = new byte[Math.Min(maxBytes, 16 * 1024)];
        using var collected = new MemoryStream();
        while (collected.Length < maxBytes)
        {
            int want = (int)Math.Min(buffer.Length, maxBytes - collected.Length);
            int n = await stream.ReadAsync(buffer, 0, want, token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            collected.Write(buffer, 0, n);
        }

        return DecodeUtf8(collected.GetBuffer(), (int)collected.Length);
    }

    private static async Task<byte[]> ReadAllBytesAsync(Stream stream, CancellationToken token)
    {
        using var collected = new MemoryStream();
        await stream.CopyToAsync(collected, 16 * 1024, token).ConfigureAwait(false);
        return collected.ToArray();
    }

    private static async Task<string> ReadAllTextAsync(Stream stream, CancellationToken token)
    {
        using var collected = new MemoryStream();
        await stream.CopyToAsync(collected, 16 * 1024, token).ConfigureAwait(false);
        return DecodeUtf8(collected.GetBuffer(), (int)collected.Length);
    }

    private static string DecodeUtf8(byte[] bytes, int count)
    {
        int offset = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, count - offset);
    }

    /// <summary>The absolute URI of <paramref name="request"/>, refusing any path that could leave the API's base path.</summary>
    internal Uri BuildUri(GumloopRequest request)
    {
        string path = request.Path ?? string.Empty;
        if (path.IndexOf('?') >= 0 || path.IndexOf('#') >= 0 || path.IndexOf("://", StringComparison.Ordinal) >= 0 || path.StartsWith("//", StringComparison.Ordinal) || path.IndexOf('\\') >= 0)
        {
            throw new ArgumentException("The request path must be relative to the base URI and must not contain '?', '#' or '\\'; put query values in Query and ids through GumloopPath.Segment.", nameof(request));
        }

        // Only a path with a dot or an escape can hold a dot segment; the common path skips the split.
        bool mayHoldDots = path.IndexOf('.') >= 0 || path.IndexOf('%') >= 0;
        foreach (string segment in mayHoldDots ? path.Split('/') : Array.Empty<string>())
        {
            // Checked after unescaping too: System.Uri reads %2e%2e as "..", and the server may as well.
            string unescaped = Uri.UnescapeDataString(segment);
            if (segment == "." || segment == ".." || unescaped == "." || unescaped == "..")
            {
                throw new ArgumentException("The request path must not contain '.' or '..' segments, escaped or not.", nameof(request));
            }
        }

        Uri baseUri = request.UseStreamHost ? Connection.StreamBaseUri : Connection.BaseUri;
        var sb = new StringBuilder(baseUri.AbsoluteUri.TrimEnd('/'));
        string trimmed = path.TrimStart('/');
        if (trimmed.Length > 0)
        {
            sb.Append('/').Append(trimmed);
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string?> pair in request.Query)
        {
            if (pair.Value != null)
            {
                query.Add(new KeyValuePair<string, string>(pair.Key, pair.Value));
            }
        }

        // team_id rides on every non-streaming request so team keys validate; an explicit value wins.
        if (!request.UseStreamHost && Connection.TeamId != null
            && !(request.Query.TryGetValue("team_id", out string? explicitTeam) && explicitTeam != null))
        {
            query.Add(new KeyValuePair<string, string>("team_id", Connection.TeamId));
        }

        for (int i = 0; i < query.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(query[i].Value));
        }

        var built = new Uri(sb.ToString(), UriKind.Absolute);

        // Whatever the path held, the request must stay below the base path (/api/v1): the connection's key is
        // meant for that API only.
        string basePath = baseUri.AbsolutePath.TrimEnd('/');
        string builtPath = built.AbsolutePath;
        if (!string.Equals(built.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) || built.Port != baseUri.Port
            || (basePath.Length > 0 && !builtPath.Equals(basePath, StringComparison.Ordinal)
                && !(builtPath.Length > basePath.Length && builtPath[basePath.Length] == '/' && builtPath.StartsWith(basePath, StringComparison.Ordinal))))
        {
            throw new ArgumentException($"The request path resolves to {builtPath}, outside the connection's base path {basePath}/.", nameof(request));
        }

        return built;
    }

    private string DescribeHeaders(HttpRequestMessage message)
    {
        var sb = new StringBuilder("Request headers:");
        IEnumerable<KeyValuePair<string, string>> perRequest = message.Headers
            .Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)));

        // An OAuth token is set per request; it is already listed, masked, with the default headers.
        perRequest = perRequest.Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase));
        foreach (KeyValuePair<string, string> header in Connection.DebugDefaultHeaders.Concat(perRequest))
        {
            string value = string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)
                ? "Bearer " + Connection.MaskedKey
                : Connection.Redact(header.Value);
            sb.Append("\n  ").Append(header.Key).Append(": ").Append(value);
        }

        return sb.ToString();
    }

    /// <summary>What every attempt of one call shares: the built URI, the body bytes, and the URL as it may be shown.</summary>
    private sealed class PreparedRequest
    {
        private string? _url;

        public PreparedRequest(GumloopRequest request, Uri uri, bool openStream)
        {
            Request = request;
            Uri = uri;
            OpenStream = openStream;
            Method = request.Method.Method;
            Body = request.ContentFactory == null ? request.GetBodyBytes() : null;
        }

        public GumloopRequest Request { get; }
        public Uri Uri { get; }
        public bool OpenStream { get; }
        public string Method { get; }
        public byte[]? Body { get; }

        /// <summary>The URL with query credentials masked; built on first use, so a quiet successful call never builds it.</summary>
        public string Url => _url ??= UrlRedaction.Redact(Uri);

        public string LogSuffix => OpenStream ? " (stream)" : string.Empty;
    }

    // A class, not a struct: Task<T> over a reference type reuses the runtime's precompiled shared code, while a
    // struct made the first call JIT a dozen async-builder methods of its own.
    private sealed class AttemptResult
    {
        private AttemptResult(GumloopResponse? response, Exception? error, bool retryable, TimeSpan? retryAfter, string? retryReason)
        {
            Response = response;
            Error = error;
            Retryable = retryable;
            RetryAfter = retryAfter;
            RetryReason = retryReason;
        }

        public GumloopResponse? Response { get; }
        public Exception? Error { get; }
        public bool Retryable { get; }
        public TimeSpan? RetryAfter { get; }
        public string? RetryReason { get; }

        /// <summary>The OAuth access token the attempt carried, so a 401 renews exactly that one.</summary>
        public string? Bearer { get; set; }

        public static AttemptResult Ok(GumloopResponse response) => new AttemptResult(response, null, false, null, null);

        public static AttemptResult Fail(Exception error, bool retryable, TimeSpan? retryAfter, string reason) =>
            new AttemptResult(null, error, retryable, retryAfter, reason);
    }
}
