using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The chat-completion stream (API.md 9.2) over the client's one stream opener, <see cref="OpenStreamAsync"/>, which
/// keeps auth, retries before the stream starts and the content-type check in one place. Unlike an agent stream a
/// completion cannot be resumed, so a lost stream is reported, never re-sent.
/// </summary>
public sealed partial class GumloopClient
{
    private static readonly JsonDocumentOptions ChunkOptions = new JsonDocumentOptions { MaxDepth = 256 };

    /// <summary>
    /// The per-request timeout of a chat call: the SDK gives stream-host calls an hour, which applies unless the call
    /// (-TimeoutSec) or the connection (Connect-Gumloop -TimeoutSec) chose another.
    /// </summary>
    internal TimeSpan? ChatTimeout() => RequestTimeout == null && !Connection.TimeoutWasSet ? GumloopChatClient.StreamHostTimeout : null;

    internal async Task<ChatCompletion> RunChatStreamAsync(
        GumloopRequest request, IReadOnlyList<ChatMessage> sent, Action<ChatCompletionDelta> onDelta, CancellationToken ct)
    {
        HttpResponseMessage response = await OpenStreamAsync(request, ct).ConfigureAwait(false);
        string url = UrlRedaction.Redact(response.RequestMessage?.RequestUri ?? Connection.StreamBaseUri);
        const string method = "POST";
        TimeSpan idle = request.Timeout ?? EffectiveRequestTimeout;
        if (idle <= TimeSpan.Zero)
        {
            idle = Timeout.InfiniteTimeSpan;
        }

        var state = new ChatStreamState();
        using (response)
        using (var idleCts = new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, idleCts.Token))
        using (linked.Token.Register(() => response.Dispose()))
        {
            try
            {
                Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var parser = new SseParser();
                byte[] buffer = new byte[16 * 1024];
                while (!state.Done)
                {
                    if (idle != Timeout.InfiniteTimeSpan)
                    {
                        idleCts.CancelAfter(idle);
                    }

                    int n = await body.ReadAsync(buffer, 0, buffer.Length, linked.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        parser.Complete();
                        break;
                    }

                    foreach (SseMessage message in parser.Feed(buffer, 0, n))
                    {
                        string data = message.Data.Trim();
                        if (data.Length == 0)
                        {
                            continue;
                        }

                        if (string.Equals(data, "[DONE]", StringComparison.Ordinal))
                        {
                            // The terminator ends the call; nothing after it is read.
                            state.Done = true;
                            break;
                        }

                        ChatCompletionDelta? delta = state.Read(SecretRedaction.Json(data, Connection.SecretForRedaction), sent);
                        if (delta != null)
                        {
                            onDelta(delta);
                        }
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new GumloopResponseException($"The stream of {method} {url} is not a usable event stream: {ex.Message}", ex)
                {
                    StatusCode = (int)response.StatusCode,
                    Method = method,
                    Url = url,
                };
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException || ex is HttpRequestException)
            {
                ct.ThrowIfCancellationRequested();
                if (idleCts.IsCancellationRequested)
                {
                    throw new GumloopTimeoutException(
                        string.Format(CultureInfo.InvariantCulture, "{0} {1}: no data for {2:0.###} s; the completion was not sent again, since the service may have charged for it.", method, url, idle.TotalSeconds),
                        idle,
                        ex)
                    { Method = method, Url = url };
                }

                throw Lost(url, "connection lost: " + Connection.Redact(ex.GetBaseException().Message), ex);
            }
        }

        if (!state.Done && state.Completion.FinishReason == null)
        {
            throw Lost(url, "the server closed the stream before it finished the completion", null);
        }

        return state.Finish(sent);
    }

    private static GumloopNetworkException Lost(string url, string reason, Exception? inner) =>
        new GumloopNetworkException(
            $"The chat completion stream of POST {url} was lost ({reason}). It was not sent again, since the service may have charged for it.", true, inner)
        {
            Method = "POST",
            Url = url,
        };

    /// <summary>What the chunks of one completion have delivered so far.</summary>
    private sealed class ChatStreamState
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly StringBuilder _reasoning = new StringBuilder();
        private readonly List<JsonMap> _toolCalls = new List<JsonMap>();

        public ChatCompletion Completion { get; } = new ChatCompletion { Streamed = true };

        public bool Done { get; set; }

        /// <summary>Reads one chunk; returns its delta, or null for a chunk without one. Chunks that are not JSON are skipped, as the SDK does.</summary>
        public ChatCompletionDelta? Read(string data, IReadOnlyList<ChatMessage> sent)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(data, ChunkOptions);
            }
            catch (JsonException)
            {
                return null;
            }

            using (doc)
            {
                JsonElement root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                ChatCompletion c = Completion;
                c.ReadHeader(root);
                string? content = null;
                string? reasoning = null;
                string? finish = null;
                if (JsonRead.TryGet(root, "choices", out JsonElement choices) && choices.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement choice in choices.EnumerateArray())
                    {
                        finish = JsonRead.String(choice, "finish_reason");
                        if (JsonRead.TryGet(choice, "delta", out JsonElement delta) && delta.ValueKind == JsonValueKind.Object)
                        {
                            c.Role ??= JsonRead.String(delta, "role");
                            content = JsonRead.String(delta, "content");
                            reasoning = JsonRead.String(delta, "reasoning");
                            MergeToolCalls(delta);
                            c.Images.AddRange(ChatCompletion.ImageUrls(delta));
                        }

                        break;
                    }
                }

                if (content != null)
                {
                    _text.Append(content);
                }

                if (reasoning != null)
                {
                    _reasoning.Append(reasoning);
                }

                if (finish != null)
                {
                    c.FinishReason = finish;
                }

                c.ReadUsage(root);
                if (JsonRead.TryGet(root, "error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
                {
                    c.FinishReason = "error";
                    ChatCompletion partial = Finish(sent);
                    string? code = error.ValueKind == JsonValueKind.Object ? ScalarText(error, "code") : null;
                    string text = error.ValueKind == JsonValueKind.Object ? JsonRead.String(error, "message") ?? "The completion failed." : error.ValueKind == JsonValueKind.String ? error.GetString()! : "The completion failed.";
                    string where = c.Model != null ? " (model " + c.Model + ")" : string.Empty;
                    throw new GumloopChatStreamException(
                        "The chat completion stopped mid-stream" + where + ": " + text + (code != null ? " [" + code + "]" : string.Empty),
                        code,
                        partial);
                }

                return content != null || reasoning != null || finish != null ? new ChatCompletionDelta(content, reasoning, finish) : null;
            }
        }

        public ChatCompletion Finish(IReadOnlyList<ChatMessage> sent)
        {
            ChatCompletion c = Completion;
            c.Text = _text.ToString();
            c.Reasoning = _reasoning.Length > 0 ? _reasoning.ToString() : null;
            c.ToolCalls = _toolCalls.Count > 0 ? new JsonList(_toolCalls) : null;
            c.Complete(sent);
            return c;
        }

        /// <summary>Tool calls arrive in pieces keyed by index: the first names the call, later ones add argument text.</summary>
        private void MergeToolCalls(JsonElement delta)
        {
            if (!JsonRead.TryGet(delta, "tool_calls", out JsonElement calls) || calls.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (JsonElement call in calls.EnumerateArray())
            {
                int index = JsonRead.Int32(call, "index") ?? _toolCalls.Count;
                if (index < 0 || index > _toolCalls.Count + 100)
                {
                    continue;
                }

                while (_toolCalls.Count <= index)
                {
                    _toolCalls.Add(new JsonMap { ["type"] = "function", ["function"] = new JsonMap { ["arguments"] = string.Empty } });
                }

                JsonMap target = _toolCalls[index];
                if (JsonRead.String(call, "id") is string id)
                {
                    target["id"] = id;
                }

                if (JsonRead.String(call, "type") is string type)
                {
                    target["type"] = type;
                }

                if (JsonRead.TryGet(call, "function", out JsonElement function) && target["function"] is JsonMap fn)
                {
                    if (JsonRead.String(function, "name") is string name)
                    {
                        fn["name"] = name;
                    }

                    if (JsonRead.String(function, "arguments") is string arguments)
                    {
                        fn["arguments"] = (fn.TryGetValue("arguments", out object? sofar) ? sofar as string : null) + arguments;
                    }
                }
            }
        }

        private static string? ScalarText(JsonElement obj, string name)
        {
            if (!JsonRead.TryGet(obj, name, out JsonElement value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
    }
}
