using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>One call of a batch failed (its result's status is not success); the other calls are unaffected.</summary>
public sealed class GumloopMcpToolException : GumloopException
{
    public GumloopMcpToolException(McpToolResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    public McpToolResult Result { get; }
    public string? Ref => Result.Ref;
    public string? ErrorCode => Result.ErrorCode;

    /// <summary>Where to connect the server, for an <c>unauthenticated</c> result.</summary>
    public string? AuthUrl => Result.AuthUrl;

    private static string Describe(McpToolResult r)
    {
        string text = $"Tool call '{r.Ref}' ({r.ToolName} on {r.ServerId}) failed with {r.ErrorCode ?? r.Status ?? "an unknown error"}";
        text += string.IsNullOrWhiteSpace(r.ErrorMessage) ? "." : ": " + r.ErrorMessage!.Trim();
        if (r.AuthUrl != null)
        {
            text += " Open " + r.AuthUrl + " in a browser to connect the server, then call the tool again.";
        }

        return text;
    }
}
