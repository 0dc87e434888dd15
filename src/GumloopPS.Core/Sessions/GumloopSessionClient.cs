using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The session operations (API.md 10): list, create, read, rename, send, cancel, and what happens inside a session:
/// approvals, the message queue and session files. Every call that can make the agent act (sending, answering
/// asks, queueing, uploading) is MessageCreating, so it is never repeated blindly. Extension methods over the one
/// transport of <see cref="GumloopClient"/>; the streaming variants are in GumloopClient.Streaming.cs.
/// </summary>
public static class GumloopSessionClient
{
    private static readonly HttpMethod Patch = new HttpMethod("PATCH");

    public static async Task<SessionPage> ListSessionsAsync(this GumloopClient client, string agentId, SessionListQuery query, CancellationToken ct)
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

        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = GumloopClient.RequireObject(response, "sessions");
        if (!JsonRead.TryGet(root, "sessions", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a 'sessions' list");
        }

        GumloopClient.CheckItemCount(response, items, "sessions", 0);
        return SessionPage.FromJson(root);
    }

    /// <summary>Reads an agent's sessions page by page, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public static Task<PageResult> ReadSessionsAsync(this GumloopClient client, string agentId, SessionListQuery query, PageRequest page, Action<Session> onItem, CancellationToken ct)
    {
        query ??= new SessionListQuery();
        string path = "agents/" + GumloopPath.Segment(agentId) + "/sessions";
        page.ListProperty ??= "sessions";
        return GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, path);
            request.Query["search"] = query.Search;
            request.Query["type"] = query.Type;
            request.Query["state"] = query.State;
            return request;
        }, page, Session.FromListItem, onItem, ct);
    }

    public static async Task<Session> CreateSessionAsync(this GumloopClient client, string agentId, CreateSessionRequest request, CancellationToken ct)
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
            using GumloopResponse response = await client.SendAsync(http, ct).ConfigureAwait(false);
            return ReadSession(response);
        }
        catch (GumloopApiException ex) when (ex.StatusCode == 409 && ex.Attempt > 1 && request.SessionId != null
                                             && string.Equals(ex.ErrorCode, "session_already_exists", StringComparison.Ordinal))
        {
            client.Log.Verbose($"Session '{request.SessionId}' already exists after a retried create; an earlier attempt created it, fetching it.");
            return await client.GetSessionAsync(request.SessionId, ct).ConfigureAwait(false);
        }
    }

    public static async Task<Session> GetSessionAsync(this GumloopClient client, string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public static async Task<Session> RenameSessionAsync(this GumloopClient client, string sessionId, string name, CancellationToken ct)
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
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public static async Task<Session> SendMessageAsync(this GumloopClient client, string sessionId, SendMessageRequest request, CancellationToken ct)
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
        using GumloopResponse response = await client.SendAsync(http, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    public static async Task<Session> CancelSessionAsync(this GumloopClient client, string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, "sessions/" + GumloopPath.Segment(sessionId) + "/cancel")
        {
            JsonBody = "{}",

            // Cancelling twice has the same effect as cancelling once.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        Session session = ReadSession(response);

        // Only id, agent_id and state are meaningful in a cancel response.
        session.HasMessages = false;
        return session;
    }



    public static async Task<ApprovalResult> ResolveApprovalsAsync(this GumloopClient client, string sessionId, IReadOnlyList<ApprovalResponse> responses, CancellationToken ct)
    {
        if (responses == null)
        {
            throw new ArgumentNullException(nameof(responses));
        }

        if (responses.Count < 1 || responses.Count > GumloopClient.MaxApprovalResponses)
        {
            throw new ArgumentException($"Between 1 and {GumloopClient.MaxApprovalResponses} approval responses can be sent at once; got {responses.Count}.", nameof(responses));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<object?>(responses.Count);
        foreach (ApprovalResponse response in responses)
        {
            if (response == null || string.IsNullOrWhiteSpace(response.ActionRequestId))
            {
                throw new ArgumentException("Every approval response needs an action request id.", nameof(responses));
            }

            if (response.Action != ApprovalResponse.Accept && response.Action != ApprovalResponse.Reject)
            {
                throw new ArgumentException($"The action must be '{ApprovalResponse.Accept}' or '{ApprovalResponse.Reject}', not '{response.Action}'.", nameof(responses));
            }

            if (!seen.Add(response.ActionRequestId))
            {
                throw new ArgumentException($"The action request id '{response.ActionRequestId}' appears more than once; the API takes each id at most once per request.", nameof(responses));
            }

            items.Add(response.ToJson());
        }

        var request = new GumloopRequest(HttpMethod.Post, SessionPath(sessionId, "approvals"))
        {
            Body = new JsonMap { ["approval_responses"] = items },
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse reply = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = GumloopClient.RequireObject(reply, "session");
        if (!JsonRead.TryGet(root, "session", out JsonElement session) || session.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(reply, "a 'session' object");
        }

        return ApprovalResult.FromJson(root);
    }

    public static async Task<IReadOnlyList<QueuedMessage>> GetQueueAsync(this GumloopClient client, string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, SessionPath(sessionId, "queue"));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireQueue(response);
        return QueueChange.ReadQueue(root, sessionId);
    }

    public static async Task<QueueChange> QueueMessageAsync(this GumloopClient client, string sessionId, string input, CancellationToken ct)
    {
        RequireInput(input);
        var request = new GumloopRequest(HttpMethod.Post, SessionPath(sessionId, "queue"))
        {
            Body = new JsonMap { ["input"] = input },
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.FromJson(RequireQueue(response), sessionId);
    }

    public static async Task<QueueChange> UpdateQueuedMessageAsync(this GumloopClient client, string sessionId, string queuedMessageId, string input, CancellationToken ct)
    {
        RequireInput(input);
        var request = new GumloopRequest(Patch, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId))
        {
            Body = new JsonMap { ["input"] = input },
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.FromJson(RequireQueue(response), sessionId);
    }

    /// <summary>Deletes a queued message and returns the queue that remains.</summary>
    public static async Task<IReadOnlyList<QueuedMessage>> DeleteQueuedMessageAsync(this GumloopClient client, string sessionId, string queuedMessageId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId))
        {
            // A repeat after success answers 404, which would turn a done delete into a reported failure.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.ReadQueue(RequireQueue(response), sessionId);
    }

    /// <summary>Sends a queued message now; this aborts the run in progress.</summary>
    public static async Task<Session> SendQueuedMessageAsync(this GumloopClient client, string sessionId, string queuedMessageId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId) + "/send")
        {
            JsonBody = "{}",
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    /// <summary>
    /// Uploads a local file to the session's input namespace. The size limit is checked from the file system
    /// before anything is read, and the file is streamed through base64 in chunks, never held in memory whole.
    /// </summary>
    /// <param name="fileName">The name to store it under; the local file name when null.</param>
    /// <param name="mediaType">Inferred from the extension when null.</param>
    /// <exception cref="GumloopFileException">The path is missing, a directory, unreadable or over <see cref="SessionFiles.MaxFileBytes"/>.</exception>
    public static async Task<SessionFile> UploadSessionFileAsync(this GumloopClient client, string sessionId, string path, string? fileName, string? mediaType, CancellationToken ct)
    {
        FileInfo info = CheckUploadable(path);
        string name = string.IsNullOrEmpty(fileName) ? info.Name : fileName!;

        // Opened once, before the request: an unreadable file fails here, before any byte goes out.
        FileStream stream;
        try
        {
            stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
        {
            throw new GumloopFileException($"The file '{path}' cannot be read: {ex.Message}", path, GumloopFileProblem.Unreadable, ex);
        }

        using var owned = stream;
        SessionFile file = await client.UploadSessionFileAsync(sessionId, stream, info.Length, name, mediaType ?? MediaTypes.FromFileName(name), ct).ConfigureAwait(false);
        file.SourcePath = info.FullName;
        return file;
    }

    /// <summary>Uploads <paramref name="length"/> bytes of <paramref name="content"/> from its current position.</summary>
    public static async Task<SessionFile> UploadSessionFileAsync(this GumloopClient client, string sessionId, Stream content, long length, string fileName, string? mediaType, CancellationToken ct)
    {
        if (content == null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new ArgumentException("A file name is required.", nameof(fileName));
        }

        if (length > SessionFiles.MaxFileBytes)
        {
            throw GumloopFileException.TooLarge(fileName, length);
        }

        string path = SessionPath(sessionId, "files");
        TimeSpan? timeout = null;
        TimeSpan perRequest = client.EffectiveRequestTimeout;
        if (perRequest > TimeSpan.Zero && perRequest != Timeout.InfiniteTimeSpan)
        {
            // The timeout guards against a stalled server; pushing 200 MB up a slow link is not a stall,
            // so allow one extra second per MB on top.
            timeout = perRequest + TimeSpan.FromSeconds(length / (1024.0 * 1024.0));
        }

        // Each attempt rewinds a seekable stream to here; a non-seekable one can be sent only once.
        long start = content.CanSeek ? content.Position : 0;
        int attempts = 0;
        var request = new GumloopRequest(HttpMethod.Post, path)
        {
            ContentFactory = () =>
            {
                if (!content.CanSeek && Interlocked.Increment(ref attempts) > 1)
                {
                    throw new IOException("The upload stream cannot be rewound for another attempt.");
                }

                return new Base64FileContent(content, length, fileName, mediaType, start);
            },
            Kind = GumloopRequestKind.MessageCreating,
            Timeout = timeout,
        };

        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = GumloopClient.RequireObject(response, "file_name");
        if (JsonRead.String(root, "file_name") == null)
        {
            throw GumloopClient.Unexpected(response, "a 'file_name'");
        }

        return SessionFile.FromJson(root, sessionId);
    }

    /// <summary>Checks that <paramref name="path"/> is an existing file within the API's size limit, without reading it.</summary>
    public static FileInfo CheckUploadable(string path)
    {
        var info = LocalFileKind.RequireRegularFile(path, forUpload: true);
        if (info.Length > SessionFiles.MaxFileBytes)
        {
            throw GumloopFileException.TooLarge(info.FullName, info.Length);
        }

        return info;
    }

    internal static JsonMap BuildCreateBody(CreateSessionRequest request)
    {
        var body = new JsonMap();
        if (request.Input != null)
        {
            body["input"] = request.Input;
        }

        if (request.SessionId != null)
        {
            body["session_id"] = request.SessionId;
        }

        if (request.Name != null)
        {
            body["name"] = request.Name;
        }

        if (request.Metadata != null)
        {
            body["metadata"] = request.Metadata;
        }

        return body;
    }

    internal static JsonMap BuildSendMessageBody(SendMessageRequest request)
    {
        var body = new JsonMap { ["input"] = request.Input };
        if (request.Attachments != null && request.Attachments.Count > 0)
        {
            if (request.Attachments.Count > SessionFiles.MaxAttachments)
            {
                throw new ArgumentException($"A message can carry at most {SessionFiles.MaxAttachments} attachments; got {request.Attachments.Count}.", nameof(request));
            }

            body["attachments"] = request.Attachments.Select(a => (object?)a.ToJson()).ToList();
        }

        return body;
    }

    private static string SessionPath(string sessionId, string tail) => "sessions/" + GumloopPath.Segment(sessionId) + "/" + tail;

    private static void RequireInput(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new ArgumentException("The message input must not be empty.", nameof(input));
        }
    }

    private static JsonElement RequireQueue(GumloopResponse response)
    {
        JsonElement root = GumloopClient.RequireObject(response, "queue");
        if (!JsonRead.TryGet(root, "queue", out JsonElement queue) || queue.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a 'queue' list");
        }

        return root;
    }

    internal static Session ReadSession(GumloopResponse response)
    {
        JsonElement root = GumloopClient.RequireObject(response, "session");
        if (JsonRead.TryGet(root, "session", out JsonElement session) && session.ValueKind == JsonValueKind.Object)
        {
            return Session.FromEnvelope(root);
        }

        throw GumloopClient.Unexpected(response, "a 'session' object");
    }
}
