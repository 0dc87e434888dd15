using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

// Approvals, the message queue and session files (API.md 10.7). Every call that can make the agent act
// (answering asks, queueing, uploading, sending) is MessageCreating, so it is never repeated blindly.
public sealed partial class GumloopClient
{
    /// <summary>The API accepts 1 to 20 answers per request.</summary>
    public const int MaxApprovalResponses = 20;

    private static readonly HttpMethod PatchMethod = new HttpMethod("PATCH");

    public async Task<ApprovalResult> ResolveApprovalsAsync(string sessionId, IReadOnlyList<ApprovalResponse> responses, CancellationToken ct)
    {
        if (responses == null)
        {
            throw new ArgumentNullException(nameof(responses));
        }

        if (responses.Count < 1 || responses.Count > MaxApprovalResponses)
        {
            throw new ArgumentException($"Between 1 and {MaxApprovalResponses} approval responses can be sent at once; got {responses.Count}.", nameof(responses));
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
        using GumloopResponse reply = await SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(reply, "session");
        if (!JsonRead.TryGet(root, "session", out JsonElement session) || session.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(reply, "a 'session' object");
        }

        return ApprovalResult.FromJson(root);
    }

    public async Task<IReadOnlyList<QueuedMessage>> GetQueueAsync(string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, SessionPath(sessionId, "queue"));
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireQueue(response);
        return QueueChange.ReadQueue(root, sessionId);
    }

    public async Task<QueueChange> QueueMessageAsync(string sessionId, string input, CancellationToken ct)
    {
        RequireInput(input);
        var request = new GumloopRequest(HttpMethod.Post, SessionPath(sessionId, "queue"))
        {
            Body = new JsonMap { ["input"] = input },
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.FromJson(RequireQueue(response), sessionId);
    }

    public async Task<QueueChange> UpdateQueuedMessageAsync(string sessionId, string queuedMessageId, string input, CancellationToken ct)
    {
        RequireInput(input);
        var request = new GumloopRequest(PatchMethod, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId))
        {
            Body = new JsonMap { ["input"] = input },
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.FromJson(RequireQueue(response), sessionId);
    }

    /// <summary>Deletes a queued message and returns the queue that remains.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> DeleteQueuedMessageAsync(string sessionId, string queuedMessageId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId))
        {
            // A repeat after success answers 404, which would turn a done delete into a reported failure.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return QueueChange.ReadQueue(RequireQueue(response), sessionId);
    }

    /// <summary>Sends a queued message now; this aborts the run in progress.</summary>
    public async Task<Session> SendQueuedMessageAsync(string sessionId, string queuedMessageId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, SessionPath(sessionId, "queue") + "/" + GumloopPath.Segment(queuedMessageId) + "/send")
        {
            JsonBody = "{}",
            Kind = GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return ReadSession(response);
    }

    /// <summary>
    /// Uploads a local file to the session's input namespace. The size limit is checked from the file system
    /// before anything is read, and the file is streamed through base64 in chunks, never held in memory whole.
    /// </summary>
    /// <param name="fileName">The name to store it under; the local file name when null.</param>
    /// <param name="mediaType">Inferred from the extension when null.</param>
    /// <exception cref="GumloopFileException">The path is missing, a directory, unreadable or over <see cref="SessionFiles.MaxFileBytes"/>.</exception>
    public async Task<SessionFile> UploadSessionFileAsync(string sessionId, string path, string? fileName, string? mediaType, CancellationToken ct)
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
        SessionFile file = await UploadSessionFileAsync(sessionId, stream, info.Length, name, mediaType ?? MediaTypes.FromFileName(name), ct).ConfigureAwait(false);
        file.SourcePath = info.FullName;
        return file;
    }

    /// <summary>Uploads <paramref name="length"/> bytes of <paramref name="content"/> from its current position.</summary>
    public async Task<SessionFile> UploadSessionFileAsync(string sessionId, Stream content, long length, string fileName, string? mediaType, CancellationToken ct)
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
        TimeSpan perRequest = EffectiveRequestTimeout;
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

        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "file_name");
        if (JsonRead.String(root, "file_name") == null)
        {
            throw Unexpected(response, "a 'file_name'");
        }

        return SessionFile.FromJson(root, sessionId);
    }

    /// <summary>Checks that <paramref name="path"/> is an existing file within the API's size limit, without reading it.</summary>
    public static FileInfo CheckUploadable(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        if (Directory.Exists(path))
        {
            throw new GumloopFileException($"'{path}' is a directory, not a file. Upload the files in it, for example with Get-ChildItem -File | Add-GumloopSessionFile.", path, GumloopFileProblem.IsDirectory);
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new GumloopFileException($"The file '{path}' does not exist.", path, GumloopFileProblem.NotFound);
        }

        // Checked before anything opens it: opening a FIFO with no writer blocks beyond the reach of Ctrl+C.
        string? kind = LocalFileKind.NotRegular(info.FullName);
        if (kind != null)
        {
            throw new GumloopFileException(
                $"'{path}' is {kind}, not a regular file; only regular files can be uploaded. Nothing was uploaded for it.", path, GumloopFileProblem.NotRegularFile);
        }

        if (info.Length > SessionFiles.MaxFileBytes)
        {
            throw GumloopFileException.TooLarge(info.FullName, info.Length);
        }

        return info;
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
        JsonElement root = RequireObject(response, "queue");
        if (!JsonRead.TryGet(root, "queue", out JsonElement queue) || queue.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected(response, "a 'queue' list");
        }

        return root;
    }
}
