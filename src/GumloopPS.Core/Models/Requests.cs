using System.Collections.Generic;

namespace GumloopPS.Core;

public sealed class SessionListQuery
{
    public string? State { get; set; }
    public string? Search { get; set; }
    public string? Type { get; set; }
    public string? Cursor { get; set; }
    public int? PageSize { get; set; }
}

public sealed class CreateSessionRequest
{
    /// <summary>Omit to create an idle session without starting a run.</summary>
    public string? Input { get; set; }
    public string? Name { get; set; }

    /// <summary>Client-chosen id; it makes the create safe to retry (a duplicate answers 409 and is fetched instead).</summary>
    public string? SessionId { get; set; }
    public IDictionary<string, object?>? Metadata { get; set; }
}

public sealed class SendMessageRequest
{
    public SendMessageRequest()
    {
    }

    public SendMessageRequest(string input)
    {
        Input = input;
    }

    public string Input { get; set; } = string.Empty;

    /// <summary>Files already stored in this session (Upload session file); at most 10. Omitted when null or empty.</summary>
    public IList<SessionAttachment>? Attachments { get; set; }
}
