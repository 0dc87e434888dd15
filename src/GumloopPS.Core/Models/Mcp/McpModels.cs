using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>An MCP server the caller can use (API.md 11.5).</summary>
public sealed class McpServer : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "server_id", "name", "type", "status", "icon_url", "description", "gumloop_auth_url", "mcp_url", "tool_count", "allowed_tool_call_ids");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ServerId { get; set; }
    public string? Name { get; set; }

    /// <summary><c>gumcp_server</c>, <c>gumstack_server</c> or <c>mcp_server</c>; unknown values are kept.</summary>
    public string? Type { get; set; }

    /// <summary><c>connected</c> means ready; anything else (<c>unauthenticated</c>, <c>blocked</c>) needs the user.</summary>
    public string? Status { get; set; }
    public bool IsConnected => string.Equals(Status, "connected", StringComparison.OrdinalIgnoreCase);
    public string? Description { get; set; }
    public string? IconUrl { get; set; }

    /// <summary>Where the user connects (or reconnects) the server in a browser.</summary>
    public string? GumloopAuthUrl { get; set; }
    public string? McpUrl { get; set; }
    public int? ToolCount { get; set; }

    /// <summary>Only on a single server's answer; null in lists.</summary>
    public JsonList? AllowedToolCallIds { get; set; }

    public static McpServer FromJson(JsonElement element)
    {
        var server = new McpServer();
        server.SetRaw(element);
        JsonElement e = server.Raw;
        server.ServerId = JsonRead.String(e, "server_id");
        server.Name = JsonRead.String(e, "name");
        server.Type = JsonRead.String(e, "type");
        server.Status = JsonRead.String(e, "status");
        server.Description = JsonRead.String(e, "description");
        server.IconUrl = JsonRead.String(e, "icon_url");
        server.GumloopAuthUrl = JsonRead.String(e, "gumloop_auth_url");
        server.McpUrl = JsonRead.String(e, "mcp_url");
        server.ToolCount = JsonRead.Int32(e, "tool_count");
        server.AllowedToolCallIds = JsonRead.List(e, "allowed_tool_call_ids");
        return server;
    }

    public override string ToString() => Name ?? ServerId ?? string.Empty;
}

/// <summary>A tool of an MCP server.</summary>
public sealed class McpTool : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("tool_call_id", "name", "description", "input_schema", "server_id", "server_type", "server");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary><c>{server_id}__{tool_name}</c>.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>The tool name; Invoke-GumloopMcpTool binds it to -ToolName (alias Name).</summary>
    public string? Name { get; set; }
    public string? Description { get; set; }
    public JsonMap InputSchema { get; set; } = new JsonMap();
    public string? ServerId { get; set; }
    public string? ServerType { get; set; }
    public JsonMap Server { get; set; } = new JsonMap();

    /// <summary>The argument names the input schema lists, required ones first and marked with '*'.</summary>
    public string Parameters
    {
        get
        {
            var required = InputSchema.TryGetValue("required", out object? r) && r is JsonList list
                ? list.OfType<string>().ToList() : new List<string>();
            var names = InputSchema.TryGetValue("properties", out object? p) && p is JsonMap properties
                ? properties.Keys.ToList() : new List<string>();
            return string.Join(", ", names.OrderBy(n => required.Contains(n) ? 0 : 1).Select(n => required.Contains(n) ? n + "*" : n));
        }
    }

    public static McpTool FromJson(JsonElement element)
    {
        var tool = new McpTool();
        tool.SetRaw(element);
        JsonElement e = tool.Raw;
        tool.ToolCallId = JsonRead.String(e, "tool_call_id");
        tool.Name = JsonRead.String(e, "name");
        tool.Description = JsonRead.String(e, "description");
        tool.InputSchema = JsonRead.Map(e, "input_schema") ?? new JsonMap();
        tool.ServerId = JsonRead.String(e, "server_id");
        tool.ServerType = JsonRead.String(e, "server_type");
        tool.Server = JsonRead.Map(e, "server") ?? new JsonMap();
        return tool;
    }

    public override string ToString() => Name ?? ToolCallId ?? string.Empty;
}

/// <summary>One MCP content block (a tool result or prompt message item): text, image, resource, ...</summary>
public sealed class McpContentBlock : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("type", "text", "mimeType", "mime_type");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Type { get; set; }

    /// <summary>The text exactly as sent.</summary>
    public string? Text { get; set; }

    /// <summary>
    /// The text parsed, when it holds a JSON object or array (tools often answer that way): a JsonMap or JsonList,
    /// which PowerShell reads with member access ($block.Data.name). Null for plain text.
    /// </summary>
    public object? Data { get; set; }
    public string? MimeType { get; set; }

    /// <summary>The whole block, for types this version does not model (images, embedded resources).</summary>
    public JsonMap Content { get; set; } = new JsonMap();

    public static McpContentBlock FromJson(JsonElement element)
    {
        var block = new McpContentBlock();
        block.SetRaw(element);
        JsonElement e = block.Raw;
        block.Type = JsonRead.String(e, "type");
        block.Text = JsonRead.String(e, "text");
        block.MimeType = JsonRead.FirstString(e, "mimeType", "mime_type");
        block.Content = JsonMap.FromJson(e);
        block.Data = ParseJsonText(block.Text);
        return block;
    }

    /// <summary>A JSON object or array held in text, converted; null for anything else (plain text, a bare number).</summary>
    internal static object? ParseJsonText(string? text)
    {
        if (text == null)
        {
            return null;
        }

        string trimmed = text.Trim();
        if (trimmed.Length < 2 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 64 });
            return JsonConvertValue.ToObject(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => Text ?? Type ?? string.Empty;
}

/// <summary>Content blocks of one result; as text, the text blocks joined by line breaks.</summary>
public sealed class McpContentCollection : List<McpContentBlock>
{
    public override string ToString() => string.Join("\n", this.Where(b => b.Text != null).Select(b => b.Text));
}

/// <summary>The result of one tool call of POST /mcp/tools/call.</summary>
public sealed class McpToolResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("ref", "server_id", "tool_name", "status", "content", "error");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The call's reference, echoed from the request.</summary>
    public string? Ref { get; set; }
    public string? ServerId { get; set; }
    public string? ToolName { get; set; }

    /// <summary><c>success</c>, <c>unauthenticated</c> or <c>error</c>; unknown values are kept.</summary>
    public string? Status { get; set; }
    public bool Succeeded => string.Equals(Status, "success", StringComparison.OrdinalIgnoreCase);
    public McpContentCollection Content { get; set; } = new McpContentCollection();

    /// <summary>The text blocks joined by line breaks.</summary>
    public string? Text => Content.Any(b => b.Text != null) ? Content.ToString() : null;

    /// <summary>The parsed JSON of the first text block that holds JSON; null when none does.</summary>
    public object? Data => Content.Select(b => b.Data).FirstOrDefault(d => d != null);
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorType { get; set; }

    /// <summary>The whole <c>error</c> object (details such as <c>status_code</c> or <c>gumloop_auth_url</c>).</summary>
    public JsonMap? Error { get; set; }

    public static McpToolResult FromJson(JsonElement element)
    {
        var result = new McpToolResult();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.Ref = JsonRead.String(e, "ref");
        result.ServerId = JsonRead.String(e, "server_id");
        result.ToolName = JsonRead.String(e, "tool_name");
        result.Status = JsonRead.String(e, "status");
        if (JsonRead.TryGet(e, "content", out JsonElement content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in content.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    result.Content.Add(McpContentBlock.FromJson(item));
                }
            }
        }

        if (JsonRead.TryGet(e, "error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
        {
            result.Error = JsonMap.FromJson(error);
            result.ErrorCode = JsonRead.String(error, "code");
            result.ErrorMessage = JsonRead.String(error, "message");
            result.ErrorType = JsonRead.String(error, "type");
        }

        return result;
    }

    /// <summary>The auth URL a failed call names (<c>error.details.gumloop_auth_url</c>), if any.</summary>
    public string? AuthUrl =>
        Error != null && Error.TryGetValue("details", out object? d) && d is JsonMap details && details.TryGetValue("gumloop_auth_url", out object? u) ? u as string : null;

    public override string ToString() => (ToolName ?? Ref ?? string.Empty) + ": " + (Succeeded ? Text ?? Status : ErrorCode ?? Status);
}

/// <summary>A resource an MCP server offers.</summary>
public sealed class McpResource : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("uri", "name", "title", "description", "mime_type", "size", "server_id");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Uri { get; set; }
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? MimeType { get; set; }
    public long? Size { get; set; }
    public string? ServerId { get; set; }

    public static McpResource FromJson(JsonElement element)
    {
        var resource = new McpResource();
        resource.SetRaw(element);
        JsonElement e = resource.Raw;
        resource.Uri = JsonRead.String(e, "uri");
        resource.Name = JsonRead.String(e, "name");
        resource.Title = JsonRead.String(e, "title");
        resource.Description = JsonRead.String(e, "description");
        resource.MimeType = JsonRead.String(e, "mime_type");
        resource.Size = JsonRead.Int64(e, "size");
        resource.ServerId = JsonRead.String(e, "server_id");
        return resource;
    }

    public override string ToString() => Uri ?? Name ?? string.Empty;
}

/// <summary>One content item of a read resource: text, or a blob (base64 on the wire).</summary>
public sealed class McpResourceContent : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("uri", "mime_type", "text", "blob");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ServerId { get; set; }
    public string? Uri { get; set; }
    public string? MimeType { get; set; }

    /// <summary>Text content; null for a blob.</summary>
    public string? Text { get; set; }

    /// <summary>Blob content as bytes; null for text. Export-Csv writes it as its length, see <see cref="ByteArray"/>.</summary>
    public ByteArray? Bytes { get; set; }
    public bool IsBlob => Bytes != null;

    /// <summary>Bytes of the content: the blob, or the text as UTF-8.</summary>
    public long Length => Bytes?.Length ?? (Text == null ? 0 : Encoding.UTF8.GetByteCount(Text));

    public static McpResourceContent FromJson(JsonElement element, string? serverId)
    {
        var content = new McpResourceContent { ServerId = serverId };
        content.SetRaw(element);
        JsonElement e = content.Raw;
        content.Uri = JsonRead.String(e, "uri");
        content.MimeType = JsonRead.String(e, "mime_type");
        content.Text = JsonRead.String(e, "text");
        string? blob = JsonRead.String(e, "blob");
        if (blob != null)
        {
            try
            {
                content.Bytes = new ByteArray(Convert.FromBase64String(blob));
            }
            catch (FormatException ex)
            {
                throw new GumloopResponseException($"The blob of resource '{content.Uri}' is not valid base64.", ex);
            }
        }

        return content;
    }

    /// <summary>The bytes to save: the blob, or the text as UTF-8.</summary>
    public byte[] GetBytes() => Bytes?.ToArray() ?? Encoding.UTF8.GetBytes(Text ?? string.Empty);

    public override string ToString() => Text ?? (Bytes != null ? Bytes.ToString() : Uri ?? string.Empty);
}

/// <summary>Bytes that read as "N bytes" in text (Export-Csv, tables) instead of a type name; index or ToArray() for the data.</summary>
public sealed class ByteArray : List<byte>
{
    public ByteArray(byte[] bytes)
        : base(bytes ?? throw new ArgumentNullException(nameof(bytes)))
    {
    }

    public int Length => Count;

    public override string ToString() => Count == 1 ? "1 byte" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";
}

/// <summary>A prompt template an MCP server offers.</summary>
public sealed class McpPrompt : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("name", "description", "arguments", "server_id");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Name { get; set; }
    public string? Description { get; set; }
    public McpPromptArgumentCollection Arguments { get; set; } = new McpPromptArgumentCollection();
    public string? ServerId { get; set; }

    public static McpPrompt FromJson(JsonElement element)
    {
        var prompt = new McpPrompt();
        prompt.SetRaw(element);
        JsonElement e = prompt.Raw;
        prompt.Name = JsonRead.String(e, "name");
        prompt.Description = JsonRead.String(e, "description");
        prompt.ServerId = JsonRead.String(e, "server_id");
        if (JsonRead.TryGet(e, "arguments", out JsonElement args) && args.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement arg in args.EnumerateArray())
            {
                if (arg.ValueKind == JsonValueKind.Object)
                {
                    prompt.Arguments.Add(new McpPromptArgument
                    {
                        Name = JsonRead.String(arg, "name"),
                        Description = JsonRead.String(arg, "description"),
                        Required = JsonRead.Bool(arg, "required"),
                    });
                }
            }
        }

        return prompt;
    }

    public override string ToString() => Name ?? string.Empty;
}

public sealed class McpPromptArgument
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? Required { get; set; }

    public override string ToString() => (Name ?? string.Empty) + (Required == true ? "*" : string.Empty);
}

/// <summary>Prompt arguments; as text their names, required ones marked with '*'.</summary>
public sealed class McpPromptArgumentCollection : List<McpPromptArgument>
{
    public override string ToString() => string.Join(", ", this.Select(a => a.ToString()));
}

/// <summary>A prompt rendered with arguments (POST /mcp/servers/{id}/prompts/get).</summary>
public sealed class McpPromptResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("server_id", "name", "description", "messages");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ServerId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public McpPromptMessageCollection Messages { get; set; } = new McpPromptMessageCollection();

    /// <summary>The text of every message, joined by line breaks.</summary>
    public string Text => string.Join("\n", Messages.Where(m => m.Text != null).Select(m => m.Text));

    public static McpPromptResult FromJson(JsonElement element)
    {
        var result = new McpPromptResult();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        result.ServerId = JsonRead.String(e, "server_id");
        result.Name = JsonRead.String(e, "name");
        result.Description = JsonRead.String(e, "description");
        if (JsonRead.TryGet(e, "messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Object)
                {
                    McpContentBlock? block = JsonRead.TryGet(message, "content", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? McpContentBlock.FromJson(c) : null;
                    result.Messages.Add(new McpPromptMessage { Role = JsonRead.String(message, "role"), Content = block });
                }
            }
        }

        return result;
    }

    public override string ToString() => Text;
}

public sealed class McpPromptMessage
{
    public string? Role { get; set; }
    public McpContentBlock? Content { get; set; }
    public string? Text => Content?.Text;

    public override string ToString() => (Role ?? string.Empty) + ": " + (Text ?? Content?.Type ?? string.Empty);
}

public sealed class McpPromptMessageCollection : List<McpPromptMessage>
{
    public override string ToString() => string.Join("\n", this.Select(m => m.ToString()));
}
