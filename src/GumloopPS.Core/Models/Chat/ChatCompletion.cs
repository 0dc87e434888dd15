using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// A chat completion (API.md 10.6): the reply, its usage and cost, and the whole conversation including the reply,
/// so that piping it to the next call continues the conversation.
/// </summary>
public sealed class ChatCompletion : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "object", "created", "model", "choices", "usage");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }

    /// <summary>The model that answered, as the service names it.</summary>
    public string? Model { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public string? Role { get; set; }

    /// <summary>The reply text; for a streamed completion, exactly the concatenated deltas.</summary>
    public string? Text { get; set; }

    /// <summary><c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, <c>error</c>; others pass through.</summary>
    public string? FinishReason { get; set; }

    /// <summary>The model's reasoning trace, where the provider returns one.</summary>
    public string? Reasoning { get; set; }

    /// <summary>Tool calls of the reply (finish reason <c>tool_calls</c>).</summary>
    public JsonList? ToolCalls { get; set; }

    /// <summary>Images an image model produced, as data URLs. ToString names only their number.</summary>
    public ChatImageList Images { get; set; } = new ChatImageList();

    public long? PromptTokens { get; set; }
    public long? CompletionTokens { get; set; }
    public long? TotalTokens { get; set; }

    /// <summary>The cost the service reports (USD, OpenRouter routes); null for native providers.</summary>
    public double? Cost { get; set; }

    /// <summary>True when the caller's own provider key was used (billed at a discount).</summary>
    public bool? IsByok { get; set; }

    /// <summary>True when the completion was streamed.</summary>
    public bool Streamed { get; set; }

    /// <summary>The conversation sent plus this reply, oldest first: what the next turn sends.</summary>
    public ChatMessageCollection Messages { get; set; } = new ChatMessageCollection();

    /// <summary>Reads a unary <c>chat.completion</c> body; <paramref name="sent"/> is the conversation that was sent.</summary>
    public static ChatCompletion FromJson(JsonElement element, IEnumerable<ChatMessage>? sent = null)
    {
        var completion = new ChatCompletion();
        completion.SetRaw(element);
        JsonElement e = completion.Raw;
        completion.ReadHeader(e);
        if (JsonRead.TryGet(e, "choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement choice in choices.EnumerateArray())
            {
                if (choice.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                completion.FinishReason = JsonRead.String(choice, "finish_reason");
                if (JsonRead.TryGet(choice, "message", out JsonElement message) && message.ValueKind == JsonValueKind.Object)
                {
                    completion.Role = JsonRead.String(message, "role");
                    completion.Text = ContentText(message);
                    completion.Reasoning = JsonRead.String(message, "reasoning");
                    completion.ToolCalls = JsonRead.List(message, "tool_calls");
                    completion.Images.AddRange(ImageUrls(message));
                }

                // The first choice is the reply; n > 1 is not part of this API.
                break;
            }
        }

        completion.ReadUsage(e);
        completion.Complete(sent);
        return completion;
    }

    internal void ReadHeader(JsonElement e)
    {
        Id ??= JsonRead.String(e, "id");
        Model ??= JsonRead.String(e, "model");
        if (CreatedAt == null && JsonRead.Int64(e, "created") is long created && created > 0 && created < 253402300800)
        {
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(created);
        }
    }

    internal void ReadUsage(JsonElement e)
    {
        if (!JsonRead.TryGet(e, "usage", out JsonElement usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        PromptTokens = JsonRead.Int64(usage, "prompt_tokens");
        CompletionTokens = JsonRead.Int64(usage, "completion_tokens");
        TotalTokens = JsonRead.Int64(usage, "total_tokens");
        Cost = JsonRead.Double(usage, "cost");
        IsByok = JsonRead.Bool(usage, "is_byok");
    }

    /// <summary>Appends the reply to the conversation that was sent.</summary>
    internal void Complete(IEnumerable<ChatMessage>? sent)
    {
        Messages = new ChatMessageCollection(sent ?? Array.Empty<ChatMessage>());
        Messages.Add(new ChatMessage(string.IsNullOrEmpty(Role) ? "assistant" : Role!, Text)
        {
            ToolCalls = ToolCalls is { Count: > 0 } ? ToolCalls : null,
        });
    }

    /// <summary>A message's text: <c>content</c> as a string, or the text parts of a content array joined.</summary>
    internal static string? ContentText(JsonElement message)
    {
        if (!JsonRead.TryGet(message, "content", out JsonElement content))
        {
            return null;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (string.Equals(JsonRead.String(part, "type"), "text", StringComparison.Ordinal))
            {
                sb.Append(JsonRead.String(part, "text"));
            }
        }

        return sb.ToString();
    }

    internal static IEnumerable<string> ImageUrls(JsonElement holder)
    {
        if (!JsonRead.TryGet(holder, "images", out JsonElement images) || images.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (JsonElement image in images.EnumerateArray())
        {
            if (JsonRead.TryGet(image, "image_url", out JsonElement url) && JsonRead.String(url, "url") is string text)
            {
                yield return text;
            }
        }
    }

    public override string ToString() => Text ?? string.Empty;

    internal string Describe() =>
        string.Format(CultureInfo.InvariantCulture, "{0} ({1}, {2} tokens)", Id ?? "completion", FinishReason ?? "?", TotalTokens?.ToString(CultureInfo.InvariantCulture) ?? "?");
}

/// <summary>One piece of a streamed completion (a <c>chat.completion.chunk</c>'s first choice).</summary>
public sealed class ChatCompletionDelta
{
    internal ChatCompletionDelta(string? content, string? reasoning, string? finishReason)
    {
        Content = content;
        Reasoning = reasoning;
        FinishReason = finishReason;
    }

    /// <summary>Text added to the reply; null when the chunk carried none.</summary>
    public string? Content { get; }

    public string? Reasoning { get; }

    public string? FinishReason { get; }

    public override string ToString() => Content ?? string.Empty;
}

/// <summary>What a chat completion call sends (API.md 10.6).</summary>
public sealed class ChatCompletionRequest
{
    public ChatCompletionRequest(string model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
    }

    public string Model { get; }

    /// <summary>The conversation, oldest first; the last message is normally the user's new one.</summary>
    public List<ChatMessage> Messages { get; } = new List<ChatMessage>();

    public double? Temperature { get; set; }

    /// <summary>Sent as <c>max_completion_tokens</c> (the replacement of the deprecated <c>max_tokens</c>).</summary>
    public int? MaxTokens { get; set; }

    /// <summary><c>{type: json_object}</c> or <c>{type: json_schema, json_schema: {...}}</c>.</summary>
    public JsonMap? ResponseFormat { get; set; }

    internal JsonMap ToBody(bool stream)
    {
        var messages = new JsonList();
        foreach (ChatMessage message in Messages)
        {
            messages.Add(message.ToJsonMap());
        }

        var body = new JsonMap { ["model"] = Model, ["messages"] = messages };
        if (stream)
        {
            body["stream"] = true;
        }

        if (Temperature.HasValue)
        {
            body["temperature"] = Temperature.Value;
        }

        if (MaxTokens.HasValue)
        {
            body["max_completion_tokens"] = MaxTokens.Value;
        }

        if (ResponseFormat != null)
        {
            body["response_format"] = ResponseFormat;
        }

        return body;
    }
}
