using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using GumloopPS.Core.Catalog;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

public sealed partial class GumloopClient
{
    internal const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly HttpMethod Patch = new HttpMethod("PATCH");
    private static readonly JsonDocumentOptions DocumentOptions = new JsonDocumentOptions { MaxDepth = 256 };
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

    private static readonly object RandomLock = new object();
    private static readonly Random SharedRandom = new Random();

    private readonly IGumloopLog _log;
    private readonly int _maxRetryCount;
    private readonly bool _verbose;
    private readonly bool _debug;

    public GumloopClient(GumloopConnection connection, IGumloopLog? log = null, int? maxRetryCount = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _log = log ?? NullGumloopLog.Instance;
        _verbose = _log is not IGumloopLogLevels levels || levels.VerboseEnabled;
        _debug = _log is not IGumloopLogLevels quiet || quiet.DebugEnabled;
        if (maxRetryCount.HasValue && (maxRetryCount.Value < 0 || maxRetryCount.Value > 100))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryCount), "The retry count must be between 0 and 100.");
        }

        _maxRetryCount = maxRetryCount ?? connection.MaxRetryCount;
    }

    public GumloopConnection Connection { get; }

    public int MaxRetryCount => _maxRetryCount;

    private TimeSpan? _requestTimeout;
    private TimeSpan? _maxRetryDelay;

    /// <summary>Per-request timeout for this client only (a cmdlet's -TimeoutSec); null uses the connection's.
    /// Zero or <see cref="Timeout.InfiniteTimeSpan"/> means no timeout.</summary>
    public TimeSpan? RequestTimeout
    {
        get => _requestTimeout;
        set
        {
            if (value is TimeSpan t && t != Timeout.InfiniteTimeSpan && (t < TimeSpan.Zero || t.TotalMilliseconds > int.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The timeout must be positive, zero for none, and at most int.MaxValue milliseconds.");
            }

            _requestTimeout = value;
        }
    }

    /// <summary>Cap on any single retry wait for this client only (a cmdlet's -MaxRetryDelaySec); null uses the connection's.</summary>
    public TimeSpan? MaxRetryDelay
    {
        get => _maxRetryDelay;
        set
        {
            if (value is TimeSpan t && (t < TimeSpan.Zero || t > TimeSpan.FromHours(1)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The retry delay cap must be between 0 and 1 hour.");
            }

            _maxRetryDelay = value;
        }
    }

    internal TimeSpan EffectiveRequestTimeout =>
        _requestTimeout is TimeSpan t ? (t == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : t) : Connection.RequestTimeout;

    internal TimeSpan EffectiveMaxRetryDelay => _maxRetryDelay ?? Connection.MaxRetryDelay;

    // Seams for tests: deterministic jitter, a recorded (instant) delay and a fixed clock.
    internal Func<double> NextRandom { get; set; } = () =>
    {
        lock (RandomLock)
        {
            return SharedRandom.NextDouble();
        }
    };

    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, ct) => Task.Delay(delay, ct);

    internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

    private WaitDeadline? _deadline;

    /// <summary>The deadline this client's requests and retry sleeps are cut to; null when it has none.</summary>
    public WaitDeadline? Deadline => _deadline;

    /// <summary>
    /// A client like this one whose every request timeout and retry sleep ends by <paramref name="deadline"/>;
    /// a cut request or sleep throws <see cref="GumloopDeadlineException"/>.
    /// </summary>
    public GumloopClient WithDeadline(WaitDeadline deadline)
    {
        var copy = new GumloopClient(Connection, _log, _maxRetryCount)
        {
            _requestTimeout = _requestTimeout,
            _maxRetryDelay = _maxRetryDelay,
            NextRandom = NextRandom,
            Delay = Delay,
            UtcNow = UtcNow,
            _deadline = deadline ?? throw new ArgumentNullException(nameof(deadline)),
        };
        return copy;
    }

    public async Task ValidateAsync(CancellationToken ct)
    {
        using GumloopResponse response = await SendAsync(new GumloopRequest(HttpMethod.Get, "models"), ct).ConfigureAwait(false);
        _ = response.RootElement;
    }

    public async Task<SessionPage> ListSessionsAsync(string agentId, SessionListQuery query, CancellationToken ct)
    {
        query ??= new SessionListQuery();
        var request = new GumloopRequest(HttpMethod.Get, "agents/" + GumloopPath.Segment(agentId) + "/sessions");
        if (query.PageSize.HasValue)
        {
            request.Query["page_size"] = query.PageSize.Value.ToString(CultureInfo.InvariantCulture);
        }

        request.Query["cursor"] = query.Cursor;
        request.Query["search"] = query.Search;
        request.Query["type"] = query.Type;
        request.Query["state"] = query.State;

        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "sessions");
        if (!JsonRead.TryGet(root, "sessions", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(response, "a 'sessions' list");
        }

        CheckItemCount(response, items, "sessions", 0);
        return SessionPage.FromJson(root);
    }

    /// <summary>Reads an agent's sessions page by page, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public Task<PageResult> ReadSessionsAsync(string agentId, SessionListQuery query, PageRequest page, Action<Session> onItem, CancellationToken ct)
    {
        query ??= new SessionListQuery();
        string path = "agents/" + GumloopPath.Segment(agentId) + "/sessions";
        page.ListProperty ??= "sessions";
        return GumloopPager.ReadAsync(this, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, path);
            request.Query["search"] = query.Search;
            request.Query["type"] = query.Type;
            request.Query["state"] = query.State;
            return request;
        }, page, Session.FromListJson, onItem, ct);
    }

    public async Task<Session> CreateSessionAsync(string agentId, CreateSessionRequest request, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        string path = "agents/" + GumloopPath.Segment(agentId) + "/sessions";
        var body = BuildCreateBody(request);

        var http = new GumloopRequest(HttpMethod.Post, path)
        {
            Body = body,

            // With a client-chosen id a repeat cannot create a second session (it gets 409 and we fetch the
            // first), so it may be retried like a GET. Without one, an input starts a run that must not repeat.
            Kind = request.SessionId != null ? GumloopRequestKind.Idempotent
                : request.Input != null ? GumloopRequestKind.MessageCreating
                : GumloopRequestKind.Other,
        };

        try
        {
            using GumloopResponse response = await SendAsync(http, ct).ConfigureAwait(false);
            return ReadSession(response);
        }
        catch (GumloopApiException ex) when (ex.StatusCode == 409 && ex.Attempt > 1 && request.SessionId != null
                                             && string.Equals(ex.ErrorCode, "session_already_exists", StringComparison.Ordinal))
        {
            _log.Verbose($"Session '{request.SessionId}' already exists after a retried create; an earlier attempt created it, fetching it.");
            return await GetSessionAsync(request.SessionId, ct).ConfigureAwait(false);
        }
    }

    public async Task<Session> GetSessionAsync(string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId));
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public async Task<Session> RenameSessionAsync(string sessionId, string name, CancellationToken ct)
    {
        if (name == null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var request = new GumloopRequest(Patch, "sessions/" + GumloopPath.Segment(sessionId))
        {
            Body = new JsonMap { ["name"] = name },
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public async Task<Session> SendMessageAsync(string sessionId, SendMessageRequest request, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.Input == null)
        {
            throw new ArgumentException("A message input is required.", nameof(request));
        }

        var http = new GumloopRequest(HttpMethod.Post, "sessions/" + GumloopPath.Segment(sessionId) + "/messages")
        {
            Body = BuildSendMessageBody(request),
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await SendAsync(http, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public async Task<Session> CancelSessionAsync(string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, "sessions/" + GumloopPath.Segment(sessionId) + "/cancel")
        {
            JsonBody = "{}",

            // Cancelling twice has the same effect as cancelling once.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        Session session = ReadSession(response);

        // Only id, agent_id and state are meaningful in a cancel response.
        session.HasMessages = false;
        return session;
    }

    public async Task<GumloopResponse> SendAsync(GumloopRequest request, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        // Fails fast with ObjectDisposedException rather than being mistaken for a network error.
        HttpClient http = Connection.Http;
        Uri uri = BuildUri(request);
        string method = request.Method.Method;
        string logUrl = UrlRedaction.Redact(uri);
        byte[]? body = request.GetBodyBytes();
        TimeSpan requestTimeout = request.Timeout ?? EffectiveRequestTimeout;
        if (requestTimeout == TimeSpan.Zero)
        {
            requestTimeout = Timeout.InfiniteTimeSpan;
        }

        int maxAttempts = _maxRetryCount + 1;
        bool renewed = false;
        for (int attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            TimeSpan timeout = requestTimeout;
            bool cut = false;
            if (_deadline is WaitDeadline deadline)
            {
                if (deadline.IsExpired)
                {
                    throw DeadlineError(method, logUrl, null);
                }

                cut = deadline.Cuts(requestTimeout);
                timeout = deadline.BoundRequestTimeout(requestTimeout);
            }

            AttemptResult result = await AttemptAsync(http, request, uri, method, logUrl, body, timeout, attempt, ct).ConfigureAwait(false);
            if (result.Response != null)
            {
                return result.Response;
            }

            Exception error = result.Error!;
            if (cut && error is GumloopTimeoutException)
            {
                throw DeadlineError(method, logUrl, error);
            }

            if (!renewed && await RenewAfterUnauthorizedAsync(error, result.Bearer, method, logUrl, ct).ConfigureAwait(false))
            {
                // A 401 means nothing was acted on, so the same request goes again with the new token, uncounted.
                renewed = true;
                attempt--;
                continue;
            }
            if (!result.Retryable || attempt >= maxAttempts)
            {
                throw error;
            }

            TimeSpan delay = RetryPolicy.ComputeDelay(attempt - 1, result.RetryAfter, EffectiveMaxRetryDelay, NextRandom());
            if (_deadline is WaitDeadline waitDeadline && waitDeadline.BoundDelay(delay) < delay)
            {
                // Sleeping the full retry wait would overshoot the deadline: sleep what is left, then give up.
                await Delay(waitDeadline.BoundDelay(delay), ct).ConfigureAwait(false);
                throw DeadlineError(method, logUrl, error);
            }

            _log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} -> {2}; retry {3}/{4} in {5:0.###} s{6}",
                method,
                logUrl,
                result.RetryReason,
                attempt,
                _maxRetryCount,
                delay.TotalSeconds,
                result.RetryAfter.HasValue ? " (Retry-After)" : string.Empty));
            await Delay(delay, ct).ConfigureAwait(false);
        }
    }

    private async Task<AttemptResult> AttemptAsync(
        HttpClient http, GumloopRequest request, Uri uri, string method, string logUrl, byte[]? body, TimeSpan timeout, int attempt, CancellationToken ct)
    {
        using var timeoutCts = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timeoutCts.CancelAfter(timeout);
        }

        using var message = new HttpRequestMessage(request.Method, uri);
        string? bearer = await AuthorizeAsync(message, ct).ConfigureAwait(false);
        // A streamed body (a file upload) is built afresh for each attempt and reports Started like TrackingContent.
        HttpContent? content = request.ContentFactory?.Invoke() ?? (body != null ? new TrackingContent(body) : null);
        message.Content = content;

        // The header dump costs more than the request's own bookkeeping, so it is skipped when nobody listens.
        if (_verbose)
        {
            _log.Verbose(method + " " + logUrl);
        }

        if (_debug)
        {
            _log.Debug(DescribeHeaders(message));
        }

        var stopwatch = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            try
            {
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException || (ex is OperationCanceledException && !linked.IsCancellationRequested))
            {
                ct.ThrowIfCancellationRequested();
                if (timeoutCts.IsCancellationRequested)
                {
                    return AttemptResult.Fail(TimeoutError(request, method, logUrl, timeout, ex), false, null, "timeout");
                }

                // Without a body nothing the server could act on was sent; with one, only if writing never began.
                bool sent = (content as ITrackedContent)?.Started ?? false;
                string reason = "connection failed (" + ex.GetBaseException().Message + ")";
                _log.Verbose($"{method} {logUrl} -> {reason} ({stopwatch.ElapsedMilliseconds} ms)");
                return AttemptResult.Fail(
                    NetworkError(request, method, logUrl, sent, ex),
                    RetryPolicy.ShouldRetryConnectionFailure(request.Kind, sent),
                    null,
                    reason);
            }

            int status = (int)response.StatusCode;
            if (_verbose)
            {
                _log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} ({3} ms)", method, logUrl, status, stopwatch.ElapsedMilliseconds));
            }

            IReadOnlyDictionary<string, string> headers = CollectHeaders(response);
            headers.TryGetValue("x-request-id", out string? requestId);

            // On older frameworks a stalled body read ignores the token; disposing the response unblocks it.
            HttpResponseMessage captured = response;
            using (linked.Token.Register(() => captured.Dispose()))
            {
                if (status >= 200 && status <= 299)
                {
                    GumloopResponse success = await ReadSuccessAsync(request, response, status, headers, requestId, method, logUrl, linked.Token).ConfigureAwait(false);
                    return AttemptResult.Ok(success);
                }

                string errorBody = await ReadCappedTextAsync(response, MaxErrorBodyBytes, linked.Token).ConfigureAwait(false);
                GumloopApiException apiError = ApiErrors.Create(status, Connection.RedactJson(errorBody), requestId, method, logUrl, request.Kind);
                apiError.Attempt = attempt;
                TimeSpan? retryAfter = null;
                if (headers.TryGetValue("Retry-After", out string? retryAfterText))
                {
                    retryAfter = RetryPolicy.ParseRetryAfter(retryAfterText, UtcNow());
                    apiError.RetryAfter = retryAfter;
                }

                AttemptResult failed = AttemptResult.Fail(apiError, RetryPolicy.ShouldRetryStatus(request.Kind, status), retryAfter, "HTTP " + status.ToString(CultureInfo.InvariantCulture));
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
            if (timeoutCts.IsCancellationRequested)
            {
                return AttemptResult.Fail(TimeoutError(request, method, logUrl, timeout, ex), false, null, "timeout");
            }

            if (ex is JsonException)
            {
                throw;
            }

            // The response had started, so the server saw the whole request.
            string reason = "connection lost while reading the response (" + ex.GetBaseException().Message + ")";
            return AttemptResult.Fail(
                NetworkError(request, method, logUrl, true, ex),
                RetryPolicy.ShouldRetryConnectionFailure(request.Kind, true),
                null,
                reason);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<GumloopResponse> ReadSuccessAsync(
        GumloopRequest request, HttpResponseMessage response, int status, IReadOnlyDictionary<string, string> headers, string? requestId,
        string method, string logUrl, CancellationToken token)
    {
        string? mediaType = response.Content?.Headers.ContentType?.MediaType;
        if (response.Content == null)
        {
            if (request.ResponseMode == GumloopResponseMode.Json)
            {
                throw ResponseError($"Gumloop returned HTTP {status} with an empty body where JSON was expected ({method} {logUrl}).", status, requestId, mediaType, method, logUrl, null);
            }

            return new GumloopResponse(status, headers, null, request.ResponseMode == GumloopResponseMode.Text ? string.Empty : null, method, logUrl)
            {
                Bytes = request.ResponseMode == GumloopResponseMode.Bytes ? new byte[0] : null,
            };
        }

        long limit = Connection.MaxResponseBytes;
        Stream raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var limited = new LimitedReadStream(raw, limit, max => ResponseError(
            $"The response to {method} {logUrl} is larger than the {max:N0}-byte limit; nothing beyond it was read. Raise the limit with Connect-Gumloop -MaxResponseSizeMB if the response is expected.", status, requestId, mediaType, method, logUrl, null));

        if (request.RawBodyReader != null)
        {
            object? read = await request.RawBodyReader(mediaType, limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, headers, null, null, method, logUrl) { Value = read };
        }

        if (request.ResponseMode == GumloopResponseMode.Text)
        {
            string text = await ReadAllTextAsync(limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, headers, null, text, method, logUrl);
        }

        if (request.ResponseMode == GumloopResponseMode.Bytes)
        {
            byte[] bytes = await ReadAllBytesAsync(limited, token).ConfigureAwait(false);
            return new GumloopResponse(status, headers, null, null, method, logUrl) { Bytes = bytes };
        }

        if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
        {
            // A 200 with HTML usually means a proxy or captive portal answered instead of Gumloop.
            string snippet = await ReadCappedAsync(limited, 512, token).ConfigureAwait(false);
            if (request.ResponseMode == GumloopResponseMode.JsonOrEmpty && snippet.Trim().Length == 0)
            {
                return new GumloopResponse(status, headers, null, null, method, logUrl);
            }

            throw ResponseError(
                $"Gumloop returned HTTP {status} with content type '{mediaType}' instead of JSON ({method} {logUrl}). A proxy or gateway may have answered instead of the API.",
                status, requestId, mediaType, method, logUrl, null);
        }

        try
        {
            if (request.BodyReader != null)
            {
                object? value = await request.BodyReader(limited, token).ConfigureAwait(false);
                return new GumloopResponse(status, headers, null, null, method, logUrl) { Value = value };
            }

            // Read whole, then checked as UTF-8 before parsing: JsonDocument accepts invalid UTF-8 inside strings and
            // only fails when a model reads the string, with an InvalidOperationException far from here.
            using var collected = new MemoryStream();
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
                    $"Gumloop returned HTTP {status} with a body that is not valid UTF-8 ({method} {logUrl}).",
                    status, requestId, mediaType, method, logUrl, ex);
            }

            JsonDocument doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(buffer, offset, length - offset), DocumentOptions);
            return new GumloopResponse(status, headers, doc, null, method, logUrl);
        }
        catch (InvalidOperationException ex) when (request.BodyReader != null && !token.IsCancellationRequested && ex is not ObjectDisposedException)
        {
            // A streaming reader met a string that is not valid UTF-8.
            throw ResponseError(
                $"Gumloop returned HTTP {status} with a body that is not valid UTF-8 JSON ({method} {logUrl}).",
                status, requestId, mediaType, method, logUrl, ex);
        }
        catch (JsonException) when (!limited.SawContent)
        {
            if (request.ResponseMode == GumloopResponseMode.JsonOrEmpty)
            {
                return new GumloopResponse(status, headers, null, null, method, logUrl);
            }

            throw ResponseError($"Gumloop returned HTTP {status} with an empty body where JSON was expected ({method} {logUrl}).", status, requestId, mediaType, method, logUrl, null);
        }
        catch (JsonException ex) when (!token.IsCancellationRequested)
        {
            string where = ex.LineNumber.HasValue ? $" (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw ResponseError(
                $"Gumloop returned HTTP {status} with a body that is not valid JSON{where} ({method} {logUrl}).",
                status, requestId, mediaType, method, logUrl, ex);
        }
    }

    private GumloopResponseException ResponseError(string message, int status, string? requestId, string? mediaType, string method, string url, Exception? inner) =>
        new GumloopResponseException(Connection.Redact(message), inner)
        {
            StatusCode = status,
            RequestId = requestId,
            ContentType = mediaType,
            Method = method,
            Url = url,
        };

    private static GumloopDeadlineException DeadlineError(string method, string url, Exception? inner) =>
        new GumloopDeadlineException(
            string.Format(CultureInfo.InvariantCulture, "{0} {1} was cut short: the wait it belongs to reached its time limit.", method, url),
            inner)
        { Method = method, Url = url };

    private static GumloopTimeoutException TimeoutError(GumloopRequest request, string method, string url, TimeSpan timeout, Exception inner)
    {
        string message = string.Format(CultureInfo.InvariantCulture, "{0} {1} did not complete within {2:0.###} seconds.", method, url, timeout.TotalSeconds);
        if (request.Kind == GumloopRequestKind.MessageCreating)
        {
            message += ApiErrors.CheckSessionAdvice;
        }

        return new GumloopTimeoutException(message, timeout, inner) { Method = method, Url = url };
    }

    private GumloopNetworkException NetworkError(GumloopRequest request, string method, string url, bool sent, Exception inner)
    {
        string detail = Connection.Redact(inner.GetBaseException().Message);
        string message = $"Could not complete {method} {url}: {detail}";
        if (sent && request.Kind == GumloopRequestKind.MessageCreating)
        {
            message += ApiErrors.CheckSessionAdvice;
        }

        return new GumloopNetworkException(message, sent, inner) { Method = method, Url = url };
    }

    private static async Task<string> ReadCappedTextAsync(HttpResponseMessage response, int maxBytes, CancellationToken token)
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
        byte[] buffer = new byte[16 * 1024];
        using var collected = new MemoryStream();
        int n;
        while ((n = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
        {
            collected.Write(buffer, 0, n);
        }

        return collected.ToArray();
    }

    private static async Task<string> ReadAllTextAsync(Stream stream, CancellationToken token)
    {
        byte[] buffer = new byte[16 * 1024];
        using var collected = new MemoryStream();
        int n;
        while ((n = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
        {
            collected.Write(buffer, 0, n);
        }

        return DecodeUtf8(collected.GetBuffer(), (int)collected.Length);
    }

    private static string DecodeUtf8(byte[] bytes, int count)
    {
        int offset = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, count - offset);
    }

    internal Uri BuildUri(GumloopRequest request)
    {
        string path = request.Path ?? string.Empty;
        if (path.IndexOf('?') >= 0 || path.IndexOf('#') >= 0 || path.IndexOf("://", StringComparison.Ordinal) >= 0 || path.StartsWith("//", StringComparison.Ordinal) || path.IndexOf('\\') >= 0)
        {
            throw new ArgumentException("The request path must be relative to the base URI and must not contain '?', '#' or '\\'; put query values in Query and ids through GumloopPath.Segment.", nameof(request));
        }

        foreach (string segment in path.Split('/'))
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
        if (!string.Equals(built.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase) || built.Port != baseUri.Port
            || (basePath.Length > 0 && !built.AbsolutePath.Equals(basePath, StringComparison.Ordinal) && !built.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The request path resolves to {built.AbsolutePath}, outside the connection's base path {basePath}/.", nameof(request));
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

    private static IReadOnlyDictionary<string, string> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
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

    private static JsonElement RequireObject(GumloopResponse response, string what)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(response, "a JSON object with '" + what + "'");
        }

        return root;
    }

    private static Session ReadSession(GumloopResponse response)
    {
        JsonElement root = RequireObject(response, "session");
        if (JsonRead.TryGet(root, "session", out JsonElement session) && session.ValueKind == JsonValueKind.Object)
        {
            return Session.FromEnvelope(root);
        }

        throw Unexpected(response, "a 'session' object");
    }

    /// <summary>Most items one page may hold. Each item becomes an object of a kilobyte or more, so a body of
    /// millions of empty objects would otherwise take gigabytes from a few megabytes on the wire.</summary>
    internal const int MaxItemsPerPage = 10_000;

    /// <summary>Most items a list gathered over several pages may hold before it is refused.</summary>
    internal const int MaxItemsPerList = 100_000;

    internal static void CheckItemCount(GumloopResponse response, JsonElement items, string what, int alreadyRead)
    {
        int count = items.GetArrayLength();
        if (count > MaxItemsPerPage || alreadyRead + count > MaxItemsPerList)
        {
            throw new GumloopResponseException(string.Format(
                CultureInfo.InvariantCulture,
                "Gumloop returned {0:N0} {1} for {2} {3}{4}, more than the {5:N0} per page ({6:N0} per list) this module accepts; nothing of it was used. Narrow the request (a filter or page size) or check the service.",
                count,
                what,
                response.Method,
                response.Url,
                alreadyRead > 0 ? string.Format(CultureInfo.InvariantCulture, " after {0:N0} already read", alreadyRead) : string.Empty,
                MaxItemsPerPage,
                MaxItemsPerList))
            {
                StatusCode = response.StatusCode,
                RequestId = response.RequestId,
                Method = response.Method,
                Url = response.Url,
            };
        }
    }

    internal static GumloopResponseException Unexpected(GumloopResponse response, string expected) =>
        new GumloopResponseException($"Gumloop returned HTTP {response.StatusCode} for {response.Method} {response.Url} without {expected}.")
        {
            StatusCode = response.StatusCode,
            RequestId = response.RequestId,
            Method = response.Method,
            Url = response.Url,
        };

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
