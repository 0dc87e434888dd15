using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

public sealed partial class GumloopClient
{
    internal const string NotResumable = "not_resumable";

    /// <summary>
    /// Creates a session with a first message and streams the reply (POST {stream base}/agents/{id}/sessions).
    /// Events arrive through <paramref name="onEvent"/> on a thread-pool thread, in order, each exactly once even
    /// across reconnections. In-band error events are delivered, not thrown.
    /// </summary>
    /// <exception cref="GumloopApiException">The request was refused before streaming began (for example the
    /// 400 of a host that does not stream, whose message names the -StreamBaseUri to use).</exception>
    /// <exception cref="GumloopNetworkException">The stream dropped and could not be resumed.</exception>
    public Task<GumloopStreamResult> StreamCreateSessionAsync(
        string agentId, CreateSessionRequest request, Action<StreamEvent> onEvent, GumloopStreamOptions? options, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.Input == null)
        {
            throw new ArgumentException("Streaming needs an input: a session created without one has no reply to stream.", nameof(request));
        }

        JsonMap body = GumloopSessionClient.BuildCreateBody(request);
        body["stream"] = true;
        var http = new GumloopRequest(HttpMethod.Post, "agents/" + GumloopPath.Segment(agentId) + "/sessions")
        {
            Body = body,
            UseStreamHost = true,

            // As for CreateSessionAsync: only a client-chosen id makes a repeat harmless.
            Kind = request.SessionId != null ? GumloopRequestKind.Idempotent : GumloopRequestKind.MessageCreating,
        };

        return RunStreamAsync(http, null, request.SessionId, null, onEvent, options, ct);
    }

    /// <summary>Sends a message and streams the reply (POST {stream base}/sessions/{id}/messages).</summary>
    public Task<GumloopStreamResult> StreamMessageAsync(
        string sessionId, SendMessageRequest request, Action<StreamEvent> onEvent, GumloopStreamOptions? options, CancellationToken ct)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (request.Input == null)
        {
            throw new ArgumentException("A message input is required.", nameof(request));
        }

        JsonMap body = GumloopSessionClient.BuildSendMessageBody(request);
        body["stream"] = true;
        var http = new GumloopRequest(HttpMethod.Post, "sessions/" + GumloopPath.Segment(sessionId) + "/messages")
        {
            Body = body,
            UseStreamHost = true,
            Kind = GumloopRequestKind.MessageCreating,
        };

        return RunStreamAsync(http, sessionId, null, null, onEvent, options, ct);
    }

    /// <summary>
    /// Attaches to the live stream of a running session (GET {stream base}/sessions/{id}?stream=true&amp;last_cursor=),
    /// receiving the events after <paramref name="cursor"/> (all replayable events when null). A session with no
    /// live run answers a single finish with finishReason not_resumable.
    /// </summary>
    public Task<GumloopStreamResult> ResumeStreamAsync(
        string sessionId, string? cursor, Action<StreamEvent> onEvent, GumloopStreamOptions? options, CancellationToken ct)
    {
        GumloopPath.Segment(sessionId);
        return RunStreamAsync(null, sessionId, null, string.IsNullOrEmpty(cursor) ? null : cursor, onEvent, options, ct);
    }

    private async Task<GumloopStreamResult> RunStreamAsync(
        GumloopRequest? initial, string? sessionId, string? createSessionId, string? startCursor,
        Action<StreamEvent> onEvent, GumloopStreamOptions? options, CancellationToken ct)
    {
        if (onEvent == null)
        {
            throw new ArgumentNullException(nameof(onEvent));
        }

        options ??= new GumloopStreamOptions();
        if (options.MaxResumeCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxResumeCount must not be negative.");
        }

        if (options.MaxDuration is not TimeSpan limit || limit <= TimeSpan.Zero || limit == Timeout.InfiniteTimeSpan)
        {
            return await RunStreamCoreAsync(initial, sessionId, createSessionId, startCursor, onEvent, options, ct).ConfigureAwait(false);
        }

        // The idle timeout only catches silence; a server that sends keep-alives (or any complete line) forever
        // would hold the caller without end, so the whole stream can also be given a deadline.
        using var deadline = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        deadline.CancelAfter(limit);
        var progress = new StreamProgress();
        try
        {
            return await RunStreamCoreAsync(initial, sessionId, createSessionId, startCursor, onEvent, options, linked.Token, progress).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            string? id = progress.SessionId ?? sessionId;
            string attach = id == null ? string.Empty
                : " The agent may still be running: re-attach to its stream " + ResumePoint(progress.LastCursor) + ", or check the session.";
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "The stream{0} did not finish within {1:0.###} s.{2}",
                id == null ? string.Empty : " of session " + id,
                limit.TotalSeconds,
                attach);
            throw new GumloopTimeoutException(Connection.Redact(message), limit, ex) { ResumeSessionId = id, ResumeCursor = progress.LastCursor };
        }
    }

    /// <summary>Where a stream has got to, for the message of a stream that ran out of time.</summary>
    private sealed class StreamProgress
    {
        public string? SessionId;
        public string? LastCursor;
    }

    private async Task<GumloopStreamResult> RunStreamCoreAsync(
        GumloopRequest? initial, string? sessionId, string? createSessionId, string? startCursor,
        Action<StreamEvent> onEvent, GumloopStreamOptions options, CancellationToken ct, StreamProgress? progressOut = null)
    {

        TimeSpan idle = options.IdleTimeout ?? EffectiveRequestTimeout;
        if (idle <= TimeSpan.Zero)
        {
            idle = Timeout.InfiniteTimeSpan;
        }

        var state = new StreamState(sessionId, startCursor);
        var result = new GumloopStreamResult { SessionId = sessionId, LastCursor = startCursor };
        int failuresInRow = 0;
        bool resumeNow = false;
        GumloopRequest? next = initial;

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (progressOut != null)
            {
                progressOut.SessionId = state.SessionId;
                progressOut.LastCursor = state.LastCursor;
            }

            HttpResponseMessage? response = null;
            string reason;
            Exception? failure = null;
            bool isResume = next == null;

            if (!isResume)
            {
                try
                {
                    response = await OpenStreamAsync(next!, ct).ConfigureAwait(false);
                }
                catch (GumloopApiException ex) when (ex.StatusCode == 409 && ex.Attempt > 1 && createSessionId != null
                                                     && string.Equals(ex.ErrorCode, "session_already_exists", StringComparison.Ordinal))
                {
                    // An earlier attempt created the session and started its run: attach to it instead.
                    _log.Verbose($"Session '{createSessionId}' already exists after a retried streaming create; attaching to its stream.");
                    state.SessionId = createSessionId;
                    result.SessionId = createSessionId;
                    resumeNow = true;
                }

                // A message-creating request is never repeated after this point, whatever happens to its stream.
                next = null;
            }
            else
            {
                try
                {
                    response = await OpenStreamAsync(ResumeRequest(state.SessionId!, state.LastCursor), ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is GumloopNetworkException || ex is GumloopTimeoutException
                                           || (ex is GumloopApiException api && (api.StatusCode >= 500 || api.StatusCode == 429 || api.StatusCode == 408)))
                {
                    failure = ex;
                }
            }

            bool progress = false;
            if (response != null)
            {
                StreamOutcome outcome = await ReadStreamAsync(response, state, result, onEvent, idle, ct).ConfigureAwait(false);
                if (outcome.Ended)
                {
                    return result;
                }

                progress = outcome.Progress;
                failure = outcome.Failure;
                reason = outcome.Reason;
            }
            else
            {
                reason = failure != null ? failure.Message : "attaching to the existing run";
            }

            if (progress)
            {
                failuresInRow = 0;
            }

            if (state.SessionId == null)
            {
                // Without interaction-ready there is no session id to resume, and the message must not be re-sent.
                throw new GumloopNetworkException(
                    "The stream closed before it named the session (" + reason + ")." + ApiErrors.CheckSessionAdvice, true, failure)
                {
                    MayHaveBeenAccepted = true,
                };
            }

            if (!resumeNow && failuresInRow >= options.MaxResumeCount)
            {
                throw StreamLost(state, reason, failure, failuresInRow);
            }

            if (!resumeNow)
            {
                TimeSpan delay = RetryPolicy.ComputeDelay(failuresInRow, null, EffectiveMaxRetryDelay, NextRandom());
                failuresInRow++;
                _log.Verbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "Stream of session {0} interrupted ({1}); resuming after cursor {2} in {3:0.###} s ({4}/{5}).",
                    state.SessionId,
                    reason,
                    state.LastCursor ?? "(none)",
                    delay.TotalSeconds,
                    failuresInRow,
                    options.MaxResumeCount));
                await Delay(delay, ct).ConfigureAwait(false);
            }

            resumeNow = false;
            result.ResumeCount++;
            state.BeginResume();
        }
    }

    private GumloopRequest ResumeRequest(string sessionId, string? cursor)
    {
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId)) { UseStreamHost = true };
        request.Query["stream"] = "true";
        request.Query["last_cursor"] = cursor;
        return request;
    }

    private Exception StreamLost(StreamState state, string reason, Exception? failure, int attempts)
    {
        string message = string.Format(
            CultureInfo.InvariantCulture,
            "The stream of session {0} was lost ({1}){2}. The agent may still be running: re-attach to its stream {3}, or check the session.",
            state.SessionId,
            reason,
            attempts > 0 ? " after " + attempts.ToString(CultureInfo.InvariantCulture) + " resume attempt" + (attempts == 1 ? string.Empty : "s") : string.Empty,
            ResumePoint(state.LastCursor));
        message = Connection.Redact(message);
        if (failure is GumloopTimeoutException timeout)
        {
            return new GumloopTimeoutException(message, timeout.Timeout, failure)
            {
                Method = timeout.Method, Url = timeout.Url, ResumeSessionId = state.SessionId, ResumeCursor = state.LastCursor,
            };
        }

        var gumloop = failure as GumloopException;
        return new GumloopNetworkException(message, true, failure)
        {
            Method = gumloop?.Method, Url = gumloop?.Url, ResumeSessionId = state.SessionId, ResumeCursor = state.LastCursor,
        };
    }

    /// <summary>Where a re-attach starts, in words: the caller's own front end names the command that does it.</summary>
    private static string ResumePoint(string? cursor) =>
        cursor != null ? "from cursor " + cursor : "from its first event";

    /// <summary>Reads one connection's events until the final finish, a drop, or cancellation.</summary>
    private async Task<StreamOutcome> ReadStreamAsync(
        HttpResponseMessage response, StreamState state, GumloopStreamResult result, Action<StreamEvent> onEvent, TimeSpan idle, CancellationToken ct)
    {
        string url = UrlRedaction.Redact(response.RequestMessage?.RequestUri ?? Connection.StreamBaseUri);
        string method = response.RequestMessage?.Method.Method ?? "GET";
        using (response)
        using (var idleCts = new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, idleCts.Token))
        using (linked.Token.Register(() => response.Dispose()))
        {
            var parser = new SseParser();
            bool progress = false;
            bool lineEnded = true;

            try
            {
                Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                byte[] buffer = new byte[16 * 1024];
                while (true)
                {
                    if (idle != Timeout.InfiniteTimeSpan && lineEnded)
                    {
                        // Re-armed after every read that completed a line (an event or a keep-alive comment), so a long
                        // stream is never cut off, while a server that trickles bytes without ever finishing a line
                        // still counts as silent.
                        idleCts.CancelAfter(idle);
                    }

                    int n = await body.ReadAsync(buffer, 0, buffer.Length, linked.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    lineEnded = EndsALine(buffer, n);

                    IReadOnlyList<SseMessage> messages = parser.Feed(buffer, 0, n);
                    for (int i = 0; i < messages.Count; i++)
                    {
                        StreamEvent e = StreamEvent.FromSse(messages[i]);

                        // An event can echo the key (an error that quotes a request, say), escaped or not.
                        e.RedactSecret(Connection.SecretForRedaction);
                        if (!state.Accept(e))
                        {
                            continue;
                        }

                        progress = true;
                        result.EventCount++;
                        result.SessionId = state.SessionId;
                        result.LastCursor = state.LastCursor;
                        if (e.IsError)
                        {
                            result.AddError(e);
                        }

                        onEvent(e);

                        if (e.IsFinish)
                        {
                            bool notResumable = string.Equals(e.FinishReason, NotResumable, StringComparison.Ordinal);
                            if (e.Final == true || notResumable)
                            {
                                result.Completed = true;
                                result.FinishReason = e.FinishReason;
                                return StreamOutcome.End();
                            }

                            state.UnflaggedFinish = e.Final == null ? e : null;
                        }
                        else
                        {
                            state.UnflaggedFinish = null;
                        }
                    }
                }

                parser.Complete();
                if (state.UnflaggedFinish != null && !parser.DiscardedIncompleteEvent)
                {
                    // A finish that never said final:false, followed by a clean close, is taken as the end.
                    result.Completed = true;
                    result.FinishReason = state.UnflaggedFinish.FinishReason;
                    return StreamOutcome.End();
                }

                return StreamOutcome.Drop(progress, "the server closed the stream before the final finish event", null);
            }
            catch (InvalidDataException ex)
            {
                throw new GumloopResponseException($"The stream of {method} {url} is not a usable event stream: {ex.Message}", ex)
                {
                    StatusCode = (int)response.StatusCode,
                    Method = method,
                    Url = url,
                };
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException || ex is HttpRequestException)
            {
                ct.ThrowIfCancellationRequested();
                if (idleCts.IsCancellationRequested)
                {
                    string idleText = string.Format(CultureInfo.InvariantCulture, "no data for {0:0.###} s", idle.TotalSeconds);
                    var timeout = new GumloopTimeoutException($"{method} {url}: {idleText}.", idle, ex) { Method = method, Url = url };
                    return StreamOutcome.Drop(progress, idleText, timeout);
                }

                string lost = "connection lost: " + Connection.Redact(ex.GetBaseException().Message);
                var network = new GumloopNetworkException($"{method} {url}: {lost}", true, ex) { Method = method, Url = url };
                return StreamOutcome.Drop(progress, lost, network);
            }
        }
    }

    private static bool EndsALine(byte[] buffer, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (buffer[i] == (byte)'\n' || buffer[i] == (byte)'\r')
            {
                return true;
            }
        }

        return false;
    }

    private readonly struct StreamOutcome
    {
        private StreamOutcome(bool ended, bool progress, string reason, Exception? failure)
        {
            Ended = ended;
            Progress = progress;
            Reason = reason;
            Failure = failure;
        }

        public bool Ended { get; }
        public bool Progress { get; }
        public string Reason { get; }
        public Exception? Failure { get; }

        public static StreamOutcome End() => new StreamOutcome(true, true, string.Empty, null);

        public static StreamOutcome Drop(bool progress, string reason, Exception? failure) => new StreamOutcome(false, progress, reason, failure);
    }

    /// <summary>
    /// What one logical stream has delivered, so a replay after a reconnect is never delivered twice. Events
    /// with a cursor are recognised by it; events without one (text-start, text-end, an intermediate finish) are
    /// recognised by position: a replay starts right after the last cursor, so the first ones after it in the
    /// replay are the ones already delivered. A server may also replay from further back (cursor retention is not
    /// documented): after an already-seen cursor other than the last one, every cursor-less event up to the next
    /// new cursor was delivered before too.
    /// </summary>
    internal sealed class StreamState
    {
        /// <summary>
        /// How many recent cursors are remembered to recognise a replay. Bounded so that a stream of millions of
        /// events holds constant memory; a replay reaching further back than this is not something resume needs.
        /// </summary>
        internal const int RememberedCursors = 10_000;

        private readonly HashSet<string> _cursors = new HashSet<string>(StringComparer.Ordinal);
        private readonly Queue<string> _cursorOrder = new Queue<string>();
        private int _uncursoredSinceCursor;
        private int _skip;
        private bool _replayingOlder;

        public StreamState(string? sessionId, string? cursor)
        {
            SessionId = sessionId;
            LastCursor = cursor;
            if (cursor != null)
            {
                Remember(cursor);
            }
        }

        public string? SessionId { get; set; }
        public string? LastCursor { get; private set; }
        public StreamEvent? UnflaggedFinish { get; set; }

        internal int RememberedCount => _cursors.Count;

        public void BeginResume()
        {
            _skip = _uncursoredSinceCursor;
            _replayingOlder = false;
        }

        public bool Accept(StreamEvent e)
        {
            if (e.StreamCursor != null)
            {
                if (_cursors.Contains(e.StreamCursor))
                {
                    // A duplicate never resets what is still to be skipped from an earlier position: only a new
                    // cursor moves the stream forward.
                    if (string.Equals(e.StreamCursor, LastCursor, StringComparison.Ordinal))
                    {
                        _skip = _uncursoredSinceCursor;
                        _replayingOlder = false;
                    }
                    else
                    {
                        _replayingOlder = true;
                    }

                    return false;
                }

                Remember(e.StreamCursor);
                _skip = 0;
                _replayingOlder = false;
                LastCursor = e.StreamCursor;
                _uncursoredSinceCursor = 0;
            }
            else if (_replayingOlder)
            {
                return false;
            }
            else if (_skip > 0)
            {
                _skip--;
                return false;
            }
            else
            {
                _uncursoredSinceCursor++;
            }

            if (e.SessionId != null && string.Equals(e.Type, "interaction-ready", StringComparison.Ordinal))
            {
                SessionId ??= e.SessionId;
            }

            e.SessionId ??= SessionId;
            return true;
        }

        private void Remember(string cursor)
        {
            if (!_cursors.Add(cursor))
            {
                return;
            }

            _cursorOrder.Enqueue(cursor);
            if (_cursorOrder.Count > RememberedCursors)
            {
                _cursors.Remove(_cursorOrder.Dequeue());
            }
        }
    }
}
