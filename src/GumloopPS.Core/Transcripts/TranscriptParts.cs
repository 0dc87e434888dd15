using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>How a tool call or an approval ended, for the badge a reader scans for.</summary>
public enum TranscriptOutcome
{
    None,
    Succeeded,
    Failed,
    Rejected,
    Approved,
    AwaitingApproval,
}

/// <summary>Reads the pieces of a message part that exports show: tool arguments, results and approval outcomes.</summary>
internal static class TranscriptParts
{
    private static readonly JsonWriterOptions Pretty = new JsonWriterOptions
    {
        Indented = true,
        // Every consumer escapes the text for its own markup, so JSON need not escape HTML characters too.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool IsToolCall(MessagePart part) =>
        string.Equals(part.Type, "tool_invocation", StringComparison.Ordinal)
        || (part.Type != null && part.Type.StartsWith("tool-", StringComparison.Ordinal))
        || part.ToolCallId != null
        || part.ToolName != null;

    public static bool IsApproval(MessagePart part) =>
        part.Type != null && part.Type.IndexOf("approval", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>The call's arguments: <c>result.args</c> as documented, else AI-SDK style <c>args</c> or <c>input</c>.</summary>
    public static bool TryGetArguments(MessagePart part, out JsonElement value)
    {
        value = default;
        if (!part.TryGetRaw(out JsonElement raw) || raw.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (raw.TryGetProperty("result", out JsonElement result) && result.ValueKind == JsonValueKind.Object && result.TryGetProperty("args", out value))
        {
            return true;
        }

        return raw.TryGetProperty("args", out value) || raw.TryGetProperty("input", out value);
    }

    /// <summary>The call's result: <c>result.result</c> as documented, else <c>output</c>, else a <c>result</c> without that shape.</summary>
    public static bool TryGetResult(MessagePart part, out JsonElement value)
    {
        value = default;
        if (!part.TryGetRaw(out JsonElement raw) || raw.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (raw.TryGetProperty("result", out JsonElement result))
        {
            if (result.ValueKind == JsonValueKind.Object && (result.TryGetProperty("result", out value) || result.TryGetProperty("args", out _)))
            {
                return value.ValueKind != JsonValueKind.Undefined;
            }

            value = result;
            return true;
        }

        return raw.TryGetProperty("output", out value);
    }

    /// <summary>Indented JSON for people; a JSON string is shown as its text, since tools often return text.</summary>
    public static string Display(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() ?? string.Empty;
        }

        return Json(value, Pretty);
    }

    public static string Compact(JsonElement value) =>
        Json(value, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>What became of a tool call or an approval part, from its state and any approval it carries.</summary>
    public static TranscriptOutcome Outcome(MessagePart part)
    {
        if (part.TryGetRaw(out JsonElement raw) && raw.ValueKind == JsonValueKind.Object)
        {
            // AI SDK tool parts carry approval: { approved: bool } once answered, and no "approved" while waiting.
            if (raw.TryGetProperty("approval", out JsonElement approval) && approval.ValueKind == JsonValueKind.Object)
            {
                if (approval.TryGetProperty("approved", out JsonElement approved))
                {
                    if (approved.ValueKind == JsonValueKind.True)
                    {
                        return StateOutcome(part.ToolCallState) is TranscriptOutcome.Failed ? TranscriptOutcome.Failed : TranscriptOutcome.Approved;
                    }

                    if (approved.ValueKind == JsonValueKind.False)
                    {
                        return TranscriptOutcome.Rejected;
                    }
                }

                return TranscriptOutcome.AwaitingApproval;
            }

            foreach (string name in new[] { "outcome", "action", "decision" })
            {
                if (raw.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String)
                {
                    TranscriptOutcome fromField = StateOutcome(v.GetString());
                    if (fromField != TranscriptOutcome.None)
                    {
                        return fromField;
                    }
                }
            }
        }

        if (!string.IsNullOrEmpty(part.Error))
        {
            return TranscriptOutcome.Failed;
        }

        return StateOutcome(part.ToolCallState);
    }

    public static string Describe(TranscriptOutcome outcome) => outcome switch
    {
        TranscriptOutcome.Succeeded => "completed",
        TranscriptOutcome.Failed => "failed",
        TranscriptOutcome.Rejected => "rejected",
        TranscriptOutcome.Approved => "approved",
        TranscriptOutcome.AwaitingApproval => "awaiting approval",
        _ => string.Empty,
    };

    private static TranscriptOutcome StateOutcome(string? state)
    {
        if (string.IsNullOrEmpty(state))
        {
            return TranscriptOutcome.None;
        }

        string s = state!.ToLowerInvariant();
        if (s.Contains("denied") || s.Contains("reject"))
        {
            return TranscriptOutcome.Rejected;
        }

        if (s.Contains("approval-requested") || s.Contains("pending") || s.Contains("awaiting"))
        {
            return TranscriptOutcome.AwaitingApproval;
        }

        if (s.Contains("accept") || s.Contains("approved"))
        {
            return TranscriptOutcome.Approved;
        }

        if (s.Contains("error") || s.Contains("fail"))
        {
            return TranscriptOutcome.Failed;
        }

        if (s == "completed" || s == "complete" || s == "done" || s == "result" || s == "output-available" || s == "success" || s == "succeeded")
        {
            return TranscriptOutcome.Succeeded;
        }

        return TranscriptOutcome.None;
    }

    private static string Json(JsonElement value, JsonWriterOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
