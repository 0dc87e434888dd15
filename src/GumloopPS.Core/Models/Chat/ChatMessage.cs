using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One message of a chat-completion conversation (API.md 10.6). Settable with a parameterless constructor, so
/// PowerShell turns <c>@{ Role = 'user'; Content = 'hi' }</c> into one.
/// </summary>
public sealed class ChatMessage
{
    public ChatMessage()
    {
    }

    public ChatMessage(string role, string? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary><c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>; others pass through.</summary>
    public string Role { get; set; } = "user";

    public string? Content { get; set; }

    /// <summary>Images sent with a user message, as <c>data:</c> or http(s) URLs. ToString names only their number.</summary>
    public ChatImageList Images { get; set; } = new ChatImageList();

    /// <summary>On a <c>tool</c> message: the id of the call it answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>On an assistant message: the tool calls it made, as sent by the service.</summary>
    public JsonList? ToolCalls { get; set; }

    /// <summary>The message as the request body carries it.</summary>
    public JsonMap ToJsonMap()
    {
        var map = new JsonMap { ["role"] = string.IsNullOrEmpty(Role) ? "user" : Role };
        if (Images != null && Images.Count > 0)
        {
            var parts = new JsonList();
            if (!string.IsNullOrEmpty(Content))
            {
                parts.Add(new JsonMap { ["type"] = "text", ["text"] = Content });
            }

            foreach (string url in Images)
            {
                parts.Add(new JsonMap { ["type"] = "image_url", ["image_url"] = new JsonMap { ["url"] = url } });
            }

            map["content"] = parts;
        }
        else
        {
            map["content"] = Content;
        }

        if (ToolCallId != null)
        {
            map["tool_call_id"] = ToolCallId;
        }

        if (ToolCalls != null && ToolCalls.Count > 0)
        {
            map["tool_calls"] = ToolCalls;
        }

        return map;
    }

    public override string ToString()
    {
        string text = Content ?? string.Empty;
        if (Images != null && Images.Count > 0)
        {
            text = (text + " " + Images).Trim();
        }

        return Role + ": " + text;
    }
}

/// <summary>Image URLs of a message. ToString gives their number, not megabytes of base64, so Export-Csv stays readable.</summary>
public sealed class ChatImageList : List<string>
{
    public ChatImageList()
    {
    }

    public ChatImageList(IEnumerable<string> urls)
        : base(urls)
    {
    }

    public override string ToString() =>
        Count == 0 ? string.Empty : string.Format(CultureInfo.InvariantCulture, "({0} image{1})", Count, Count == 1 ? string.Empty : "s");
}

/// <summary>A conversation, oldest first. ToString is one "role: text" line per message, for Export-Csv.</summary>
public sealed class ChatMessageCollection : List<ChatMessage>
{
    public ChatMessageCollection()
    {
    }

    public ChatMessageCollection(IEnumerable<ChatMessage> messages)
        : base(messages)
    {
    }

    public override string ToString() => string.Join("\n", this.Select(m => m?.ToString() ?? string.Empty));
}
