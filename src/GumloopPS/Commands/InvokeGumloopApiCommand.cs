using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Any API operation, with the connection's auth, team_id, retries, timeouts and error mapping: the escape
/// hatch for the operations that have no typed cmdlet yet, in the manner of Invoke-MgGraphRequest.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "GumloopApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(string), typeof(StreamEvent))]
public sealed class InvokeGumloopApiCommand : GumloopApiCmdlet
{
    private static readonly TimeSpan StreamHostTimeout = TimeSpan.FromHours(1);

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string? Method { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Uri")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateNotNull]
    public IDictionary? Query { get; set; }

    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    [Parameter]
    public SwitchParameter Stream { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        var method = Method!.ToUpperInvariant();
        if (All && (Stream || OutFile is not null))
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(new ArgumentException("-All cannot be combined with -Stream or -OutFile: it writes the items of every page."), Path));
        }

        if (Stream && (OutFile is not null || Raw))
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(new ArgumentException("-Stream writes StreamEvent objects; it cannot be combined with -OutFile or -Raw."), Path));
        }

        if (All && method != "GET")
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(new ArgumentException("-All follows next_cursor through the pages of a GET list; it cannot be used with " + method + "."), Path));
        }

        ResolvedApiPath resolved;
        string? jsonBody;
        try
        {
            resolved = ApiPathResolver.Resolve(Path!, Query, Client.Connection);
            jsonBody = SerializeBody(Body);
        }
        catch (Exception ex) when (IsReportable(ex))
        {
            WriteError(ErrorMap.ToErrorRecord(ex, UrlRedaction.RedactText(Path!)));
            return;
        }

        // Built from the URL as it will be sent, with credentials in the query (?api_key=, which the legacy routes
        // accept) masked: the same text serves the -WhatIf/-Confirm line, the verbose line and every error target.
        string display;
        try
        {
            display = Describe(method, resolved, jsonBody);
        }
        catch (Exception ex) when (IsReportable(ex))
        {
            WriteError(ErrorMap.ToErrorRecord(ex, UrlRedaction.RedactText(Path!)));
            return;
        }

        if (method != "GET" && !ShouldProcessText(display, method))
        {
            return;
        }

        if (Stream)
        {
            RunStream(method, resolved, jsonBody);
            return;
        }

        var outFile = OutFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        Run(async ct =>
        {
            try
            {
                if (All)
                {
                    await SendAllPagesAsync(resolved, ct).ConfigureAwait(false);
                }
                else
                {
                    using var response = await Client.SendAsync(BuildRequest(method, resolved, jsonBody), ct).ConfigureAwait(false);
                    WriteResponse(response, outFile);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, outFile));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, display);
            }
        });
    }

    /// <summary>The request's URL relative to its base, with credentials in the query masked.</summary>
    private string Describe(string method, ResolvedApiPath resolved, string? jsonBody)
    {
        var request = BuildRequest(method, resolved, jsonBody);
        var full = UrlRedaction.Redact(Client.BuildUri(request));
        var baseText = (resolved.UseStreamHost ? Client.Connection.StreamBaseUri : Client.Connection.BaseUri).AbsoluteUri.TrimEnd('/');
        return full.StartsWith(baseText, StringComparison.Ordinal) ? full.Substring(baseText.Length) : full;
    }

    /// <summary>A string is sent as JSON text (and must be JSON); anything else is serialised.</summary>
    private static string? SerializeBody(object? body)
    {
        var value = body is PSObject pso && pso.BaseObject is not PSCustomObject ? pso.BaseObject : body;
        switch (value)
        {
            case null:
                return null;
            case string text:
                try
                {
                    using var doc = JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException("-Body is a string but not valid JSON: " + ex.Message + " Pass a hashtable or object to have it serialised.", ex);
                }

                return text;
            default:
                return JsonWriting.Serialize(PSJson.ToPlain(value, "-Body"));
        }
    }

    private GumloopRequest BuildRequest(string method, ResolvedApiPath resolved, string? jsonBody) =>
        BuildRequest(method, resolved, jsonBody, TimeoutSec, Client.Connection.TimeoutWasSet);

    private static GumloopRequest BuildRequest(string method, ResolvedApiPath resolved, string? jsonBody, int? timeoutSec, bool connectionTimeoutChosen)
    {
        var request = new GumloopRequest(new HttpMethod(method), resolved.Path)
        {
            JsonBody = jsonBody,
            UseStreamHost = resolved.UseStreamHost,
            ResponseMode = GumloopResponseMode.Bytes,

            // PUT and DELETE set or remove a state, so repeating them is harmless; POST and PATCH may not be.
            Kind = method is "GET" or "PUT" or "DELETE" ? GumloopRequestKind.Idempotent : GumloopRequestKind.Other,
        };
        if (resolved.UseStreamHost && timeoutSec is null && !connectionTimeoutChosen)
        {
            // The SDK gives every stream-host call an hour: chat completions can take minutes. Only a default:
            // a -TimeoutSec on this call, or one chosen with Connect-Gumloop, wins.
            request.Timeout = StreamHostTimeout;
        }

        foreach (var pair in resolved.Query)
        {
            request.Query[pair.Key] = pair.Value;
        }

        return request;
    }

    private async Task SendAllPagesAsync(ResolvedApiPath resolved, CancellationToken ct)
    {
        // The catalogue knows how a documented list pages; an undocumented one is taken to use cursors, which a
        // list that does not page simply never returns.
        var style = GumloopOperationCatalog.FindByPath("/" + resolved.Path.TrimStart('/'))
            .FirstOrDefault(o => o.Method == "GET" && o.Paging != PagingStyle.None)?.Paging ?? PagingStyle.Cursor;
        var page = new PageRequest(style, "GET " + resolved.Path);
        await GumloopPager.ReadPagesAsync(Client, () => BuildRequest("GET", resolved, null), page, (response, root, room) =>
        {
            var text = Decode(response.Bytes ?? Array.Empty<byte>());
            if (root.ValueKind != JsonValueKind.Object)
            {
                WriteJson(root, text);
                return PageItems.End;
            }

            if (Raw)
            {
                Emit(text);
                return new PageItems(0, 1);
            }

            // The page's list is its array property (agents, versions, skills...); a page without one is written whole.
            var list = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array);
            if (list.Value.ValueKind != JsonValueKind.Array)
            {
                Emit(PSJson.ToPSObject(root));
                return PageItems.End;
            }

            foreach (var item in list.Value.EnumerateArray())
            {
                Emit(PSJson.ToPSObject(item));
            }

            return new PageItems(0, list.Value.GetArrayLength());
        }, ct).ConfigureAwait(false);
    }

    private void WriteResponse(GumloopResponse response, string? outFile)
    {
        var bytes = response.Bytes ?? Array.Empty<byte>();
        if (outFile is not null)
        {
            var folder = System.IO.Path.GetDirectoryName(outFile);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllBytes(outFile, bytes);
            EmitVerbose($"Wrote {bytes.Length:N0} bytes ({response.ContentType ?? "no content type"}) to {outFile}.");
            return;
        }

        if (bytes.Length == 0)
        {
            return;
        }

        var type = response.ContentType;
        if (IsJson(type, bytes))
        {
            var text = Decode(bytes);
            if (Raw)
            {
                Emit(text);
                return;
            }

            using var doc = ParseJson(text, response);
            WriteJson(doc.RootElement, text);
            return;
        }

        if (IsText(type))
        {
            Emit(Decode(bytes));
            return;
        }

        throw new GumloopBinaryResponseException(
            $"{response.Method} {response.Url} returned {bytes.Length:N0} bytes of {type ?? "unknown content type"}, which is not text. Use -OutFile to save it.");
    }

    /// <summary>Arrays are unrolled, like ConvertFrom-Json does, so each item goes down the pipeline.</summary>
    private void WriteJson(JsonElement root, string text)
    {
        if (Raw)
        {
            Emit(text);
            return;
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                Emit(PSJson.ToPSObject(item));
            }

            return;
        }

        Emit(PSJson.ToPSObject(root));
    }

    private static bool IsJson(string? contentType, byte[] bytes)
    {
        if (contentType is not null)
        {
            return contentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        var first = bytes.Select(b => (char)b).FirstOrDefault(c => !char.IsWhiteSpace(c));
        return first is '{' or '[';
    }

    private static bool IsText(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || contentType.IndexOf("xml", StringComparison.OrdinalIgnoreCase) >= 0
            || contentType.IndexOf("javascript", StringComparison.OrdinalIgnoreCase) >= 0
            || contentType.IndexOf("csv", StringComparison.OrdinalIgnoreCase) >= 0);

    private static string Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset);
    }

    private static JsonDocument ParseJson(string text, GumloopResponse response)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new GumloopResponseException($"Gumloop returned HTTP {response.StatusCode} with a body that is not valid JSON ({response.Method} {response.Url}). Use -Raw to see it.", ex)
            {
                StatusCode = response.StatusCode,
                RequestId = response.RequestId,
                Method = response.Method,
                Url = response.Url,
            };
        }
    }

    /// <summary>
    /// -Stream maps onto the Core streaming client, which owns reconnection and cursor handling. It covers the
    /// agent-session streams; other routes are refused with a clear error rather than half-supported.
    /// </summary>
    private void RunStream(string method, ResolvedApiPath resolved, string? jsonBody)
    {
        var segments = resolved.Path.Split('/').Select(Uri.UnescapeDataString).ToArray();
        JsonMap body;
        try
        {
            using var doc = JsonDocument.Parse(jsonBody ?? "{}");
            body = JsonMap.FromJson(doc.RootElement);
        }
        catch (JsonException ex)
        {
            WriteError(ErrorMap.ToErrorRecord(new ArgumentException("-Body must be a JSON object for -Stream.", ex), UrlRedaction.RedactText(Path!)));
            return;
        }

        string? Text(string key) => body.TryGetValue(key, out var v) && v is string s ? s : null;
        string? input = Text("input") ?? Text("message");

        Func<Action<StreamEvent>, CancellationToken, Task<GumloopStreamResult>>? start = null;
        if (method == "POST" && segments.Length == 3 && segments[0] == "agents" && segments[2] == "sessions")
        {
            var request = new CreateSessionRequest
            {
                Input = input,
                Name = Text("name"),
                SessionId = Text("session_id"),
                Metadata = body.TryGetValue("metadata", out var meta) && meta is JsonMap m ? m : null,
            };
            start = (onEvent, ct) => Client.StreamCreateSessionAsync(segments[1], request, onEvent, null, ct);
        }
        else if (method == "POST" && segments.Length == 3 && segments[0] == "sessions" && segments[2] == "messages")
        {
            start = (onEvent, ct) => Client.StreamMessageAsync(segments[1], new SendMessageRequest(input ?? string.Empty), onEvent, null, ct);
        }
        else if (method == "GET" && segments.Length == 2 && segments[0] == "sessions")
        {
            resolved.Query.TryGetValue("last_cursor", out var cursor);
            start = (onEvent, ct) => Client.ResumeStreamAsync(segments[1], cursor, onEvent, null, ct);
        }

        if (start is null)
        {
            WriteError(ErrorMap.ToErrorRecord(new GumloopStreamingUnavailableException(
                $"-Stream supports the agent-session streams: POST /agents/{{agent_id}}/sessions, POST /sessions/{{session_id}}/messages and GET /sessions/{{session_id}}; '{method} /{resolved.Path}' is not one of them. For a session, Send-GumloopMessage -Stream and New-GumloopSession -Stream show the reply as it arrives."), Path));
            return;
        }

        Run(async ct =>
        {
            try
            {
                await start(e => Emit(new StreamEventRecord(e)), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, UrlRedaction.RedactText(Path!));
            }
        });
    }
}
