using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>One answer in <c>POST /sessions/{id}/approvals</c>.</summary>
public sealed class ApprovalResponse
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public ApprovalResponse()
    {
    }

    public ApprovalResponse(string actionRequestId, string action)
    {
        ActionRequestId = actionRequestId;
        Action = action;
    }

    public string ActionRequestId { get; set; } = string.Empty;

    /// <summary><c>accept</c> or <c>reject</c>.</summary>
    public string Action { get; set; } = Accept;

    /// <summary>At most 1000 characters; omitted when null.</summary>
    public string? Reason { get; set; }

    /// <summary>Answers to a <c>human_input</c> ask, keyed by question name; sent as <c>response.values</c>.</summary>
    public IDictionary<string, object?>? Values { get; set; }

    internal JsonMap ToJson()
    {
        var item = new JsonMap
        {
            ["action_request_id"] = ActionRequestId,
            ["action"] = Action,
        };
        if (Reason != null)
        {
            item["reason"] = Reason;
        }

        if (Values != null)
        {
            item["response"] = new JsonMap { ["values"] = Values };
        }

        return item;
    }
}

/// <summary>What happened to one ask: <c>accepted</c>, <c>rejected</c>, <c>already_accepted</c> or <c>already_rejected</c>.</summary>
public sealed class ApprovalOutcome : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("action_request_id", "action", "outcome");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? SessionId { get; set; }
    public string? ActionRequestId { get; set; }
    public string? Action { get; set; }
    public string? Outcome { get; set; }

    // Not in the response: copied from the ask when the caller knew it, so the output says what was decided.
    public string? Type { get; set; }
    public string? ToolName { get; set; }
    public string? Title { get; set; }

    public static ApprovalOutcome FromJson(JsonElement element, string? sessionId = null)
    {
        var outcome = new ApprovalOutcome { SessionId = sessionId };
        outcome.SetRaw(element);
        JsonElement e = outcome.Raw;
        outcome.ActionRequestId = JsonRead.String(e, "action_request_id");
        outcome.Action = JsonRead.String(e, "action");
        outcome.Outcome = JsonRead.String(e, "outcome");
        return outcome;
    }

    public override string ToString() => (ActionRequestId ?? string.Empty) + "=" + (Outcome ?? Action ?? string.Empty);
}

public sealed class ApprovalOutcomeCollection : List<ApprovalOutcome>
{
    public override string ToString() => string.Join("; ", this.Select(o => o.ToString()));
}

/// <summary>The answer to <c>POST /sessions/{id}/approvals</c>.</summary>
public sealed class ApprovalResult
{
    public Session Session { get; set; } = new Session();
    public ApprovalOutcomeCollection Results { get; set; } = new ApprovalOutcomeCollection();

    /// <summary>Where to resume the event stream when the agent restarted; null when it did not.</summary>
    public string? StreamCursor { get; set; }

    public static ApprovalResult FromJson(JsonElement root)
    {
        var result = new ApprovalResult { Session = Session.FromEnvelope(root) };
        if (JsonRead.TryGet(root, "results", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    result.Results.Add(ApprovalOutcome.FromJson(item, result.Session.Id));
                }
            }
        }

        string? cursor = JsonRead.String(root, "stream_cursor");
        result.StreamCursor = string.IsNullOrEmpty(cursor) ? null : cursor;
        return result;
    }

    public override string ToString() => Session + ": " + Results;
}
