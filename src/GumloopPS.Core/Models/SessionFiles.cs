using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>The record <c>POST /sessions/{id}/files</c> returns for a stored file.</summary>
public sealed class SessionFile : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("file_name", "media_type", "size");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? SessionId { get; set; }

    /// <summary>The stored path inside the session's input namespace, e.g. <c>custom_agent_interactions/&lt;id&gt;/input/a.csv</c>.</summary>
    public string? FileName { get; set; }
    public string? MediaType { get; set; }

    /// <summary>Decoded bytes stored.</summary>
    public long? Size { get; set; }

    /// <summary>The local file that was uploaded, when the upload came from a path.</summary>
    public string? SourcePath { get; set; }

    public static SessionFile FromJson(JsonElement element, string? sessionId = null)
    {
        var file = new SessionFile { SessionId = sessionId };
        file.SetRaw(element);
        JsonElement e = file.Raw;
        file.FileName = JsonRead.String(e, "file_name");
        file.MediaType = JsonRead.String(e, "media_type");
        file.Size = JsonRead.Int64(e, "size");
        return file;
    }

    /// <summary>The reference that attaches this file to a message of the same session.</summary>
    public SessionAttachment ToAttachment() => new SessionAttachment(FileName ?? string.Empty, MediaType);

    public override string ToString() => FileName ?? string.Empty;
}

/// <summary>One entry of <c>attachments</c> on send-message: a file already stored in the session.</summary>
public sealed class SessionAttachment
{
    public SessionAttachment(string fileName, string? mediaType)
    {
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        MediaType = mediaType;
    }

    public string FileName { get; }
    public string? MediaType { get; }

    /// <summary>
    /// The stored path for <paramref name="name"/>: a bare file name is placed in the session's input namespace,
    /// anything with a '/' is taken as a stored path already (the API rejects paths of other sessions).
    /// </summary>
    public static SessionAttachment ForStoredName(string sessionId, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An attachment name must not be empty.", nameof(name));
        }

        string path = name.IndexOf('/') >= 0 ? name : SessionFiles.InputPrefix(sessionId) + name;
        return new SessionAttachment(path, MediaTypes.FromFileName(name));
    }

    internal JsonMap ToJson()
    {
        var item = new JsonMap { ["file_name"] = FileName };
        if (MediaType != null)
        {
            item["media_type"] = MediaType;
        }

        return item;
    }

    public override string ToString() => FileName;
}

public static class SessionFiles
{
    /// <summary>The API's limit on one decoded file (200 MB).</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    /// <summary>The API's limit on attachments per message.</summary>
    public const int MaxAttachments = 10;

    public static string InputPrefix(string sessionId) => "custom_agent_interactions/" + sessionId + "/input/";
}

/// <summary>The queue after an add or update, with the message that changed.</summary>
public sealed class QueueChange
{
    public QueuedMessage? QueuedMessage { get; set; }
    public IReadOnlyList<QueuedMessage> Queue { get; set; } = Array.Empty<QueuedMessage>();

    public static QueueChange FromJson(JsonElement root, string? sessionId)
    {
        var change = new QueueChange { Queue = ReadQueue(root, sessionId) };
        if (JsonRead.TryGet(root, "queued_message", out JsonElement item) && item.ValueKind == JsonValueKind.Object)
        {
            change.QueuedMessage = QueuedMessage.FromJson(item, sessionId);
        }

        return change;
    }

    internal static IReadOnlyList<QueuedMessage> ReadQueue(JsonElement root, string? sessionId)
    {
        var queue = new List<QueuedMessage>();
        if (JsonRead.TryGet(root, "queue", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    queue.Add(QueuedMessage.FromJson(item, sessionId));
                }
            }
        }

        return queue;
    }
}
