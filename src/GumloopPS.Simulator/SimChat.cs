using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// POST /chat/completions on the stream host (API.md 10.6, 9.2). The reply is deterministic, like the session
    /// agent's: <c>Reply n to "text"</c>, where n counts the user turns sent, so a continued conversation shows that
    /// its earlier turns travelled. Directives in the last user message: <c>sim:no-credits</c> answers 402 before
    /// anything; <c>sim:stream-error</c> and <c>sim:credit-limit</c> fail after the first piece of text (a mid-stream
    /// error chunk when streaming; 502 and 402 when unary).
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private static readonly string[] ChatModels = { "auto", "claude-sonnet-4-5", "gpt-4o-mini", "gpt-image-1" };
        private static readonly string[] ImageModels = { "gpt-image-1" };
        private static readonly string[] ChatRoles = { "system", "developer", "user", "assistant", "tool" };
        private static readonly Regex ImageDataUrl = new Regex(@"^data:image/(jpeg|png|gif|webp);base64,(?<data>[A-Za-z0-9+/=\s]*)$", RegexOptions.CultureInvariant);
        private const long MaxChatImageBytes = 20L * 1024 * 1024;

        // A 1x1 transparent PNG: what the image model "draws".
        private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

        private static IEnumerable<SimRoute> ChatRoutes() => new[]
        {
            Route("POST", "/chat/completions", (sim, req, a) => sim.ChatCompletion(req)),
        };

        private sealed class ChatPlan
        {
            public string Model = "";
            public string Reply = "";
            public string FinishReason = "stop";
            public bool Stream;
            public bool Image;
            public string? FailCode;
            public int FailStatus;
            public string FailMessage = "";
            public long PromptTokens;
            public long CompletionTokens;
        }

        private SimResponse ChatCompletion(SimRequestContext req)
        {
            if (!req.IsStreamHost)
                return SimResponse.Error(404, "not_found", $"Chat completions are served by the streaming host {StreamBaseUri}; this host has no handler for them.");
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            ChatPlan plan;
            using (doc)
            {
                if (doc == null) return SimResponse.Error(400, "invalid_request", "model and messages are required.", "model");
                var problem = PlanChat(doc.RootElement, out plan);
                if (problem != null) return problem;
            }

            if (plan.FailCode == "no-credits")
                return SimResponse.Error(402, "insufficient_credits", "Not enough credits to run this request.");
            if (!plan.Stream)
            {
                if (plan.FailCode != null)
                    return plan.FailStatus == 402
                        ? SimResponse.Error(402, "insufficient_credits", plan.FailMessage)
                        : SimResponse.Error(502, "provider_error", plan.FailMessage);
                return SimResponse.Json(200, w => WriteChatCompletion(w, plan));
            }

            var response = new SimResponse { Status = 200, ContentType = "text/event-stream; charset=utf-8" };
            response.Headers.Add(new KeyValuePair<string, string>("Cache-Control", "no-cache"));
            response.Writer = (stream, ct) => WriteChatStreamAsync(stream, plan, ct);
            return response;
        }

        /// <summary>Validates a request the way the service does and works out the reply; null when it is acceptable.</summary>
        private SimResponse? PlanChat(JsonElement body, out ChatPlan plan)
        {
            plan = new ChatPlan();
            if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(model.GetString()))
                return SimResponse.Error(400, "invalid_request", "model is required.", "model");
            plan.Model = model.GetString()!;
            if (Array.IndexOf(ChatModels, plan.Model) < 0)
                return SimResponse.Error(400, "invalid_request", $"Model '{plan.Model}' is not a registered model slug. GET /models lists them.", "model");
            if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
                return SimResponse.Error(400, "invalid_request", "messages must be a non-empty array.", "messages");
            if (body.TryGetProperty("stream", out var stream))
            {
                if (stream.ValueKind != JsonValueKind.True && stream.ValueKind != JsonValueKind.False)
                    return SimResponse.Error(400, "invalid_request", "stream must be a boolean.", "stream");
                plan.Stream = stream.ValueKind == JsonValueKind.True;
            }
            if (body.TryGetProperty("temperature", out var temperature) && (temperature.ValueKind != JsonValueKind.Number || temperature.GetDouble() < 0 || temperature.GetDouble() > 2))
                return SimResponse.Error(400, "invalid_request", "temperature must be a number between 0 and 2.", "temperature");
            int? maxTokens = null;
            foreach (var name in new[] { "max_completion_tokens", "max_tokens" })
            {
                if (!body.TryGetProperty(name, out var max)) continue;
                if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var value) || value < 1)
                    return SimResponse.Error(400, "invalid_request", name + " must be a positive integer.", name);
                maxTokens ??= value;
            }
            if (body.TryGetProperty("modalities", out var modalities))
            {
                if (modalities.ValueKind != JsonValueKind.Array) return SimResponse.Error(400, "invalid_request", "modalities must be an array.", "modalities");
                plan.Image = modalities.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "image");
                if (plan.Image && Array.IndexOf(ImageModels, plan.Model) < 0)
                    return SimResponse.Error(400, "model_image_unsupported", $"Model '{plan.Model}' does not support image generation.", "modalities");
            }
            string? format = null;
            if (body.TryGetProperty("response_format", out var responseFormat))
            {
                format = responseFormat.ValueKind == JsonValueKind.Object && responseFormat.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (format != "text" && format != "json_object" && format != "json_schema")
                    return SimResponse.Error(400, "invalid_request", "response_format.type must be text, json_object or json_schema.", "response_format.type");
                if (format == "json_schema" && (!responseFormat.TryGetProperty("json_schema", out var schema) || schema.ValueKind != JsonValueKind.Object))
                    return SimResponse.Error(400, "invalid_request", "response_format.json_schema is required for type json_schema.", "response_format.json_schema");
            }

            var toolCallIds = new HashSet<string>(StringComparer.Ordinal);
            int users = 0, index = 0, lastImages = 0;
            long promptChars = 0;
            string lastUser = "";
            foreach (var m in messages.EnumerateArray())
            {
                string at = $"messages[{index}]";
                if (m.ValueKind != JsonValueKind.Object) return SimResponse.Error(400, "invalid_request", "Each message must be an object.", at);
                string? role = m.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                if (role == null || Array.IndexOf(ChatRoles, role) < 0)
                    return SimResponse.Error(400, "invalid_request", "role must be system, developer, user, assistant or tool.", at + ".role");
                int images = 0;
                var text = new StringBuilder();
                if (m.TryGetProperty("content", out var content))
                {
                    if (content.ValueKind == JsonValueKind.String) text.Append(content.GetString());
                    else if (content.ValueKind == JsonValueKind.Array)
                    {
                        if (role != "user" && role != "system" && role != "developer")
                            return SimResponse.Error(400, "invalid_request", "Only user messages take content parts.", at + ".content");
                        int p = 0;
                        foreach (var part in content.EnumerateArray())
                        {
                            string partAt = $"{at}.content[{p}]";
                            string? type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var pt) && pt.ValueKind == JsonValueKind.String ? pt.GetString() : null;
                            if (type == "text" && part.TryGetProperty("text", out var pText) && pText.ValueKind == JsonValueKind.String) text.Append(pText.GetString());
                            else if (type == "image_url")
                            {
                                var problem = CheckChatImage(part, partAt);
                                if (problem != null) return problem;
                                images++;
                            }
                            else return SimResponse.Error(400, "invalid_request", "Content parts are text or image_url.", partAt + ".type");
                            p++;
                        }
                    }
                    else if (content.ValueKind != JsonValueKind.Null)
                        return SimResponse.Error(400, "invalid_request", "content must be a string, an array of parts or null.", at + ".content");
                }
                if (role == "assistant" && m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in calls.EnumerateArray())
                        if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) toolCallIds.Add(id.GetString()!);
                }
                if (role == "tool")
                {
                    string? answered = m.TryGetProperty("tool_call_id", out var tc) && tc.ValueKind == JsonValueKind.String ? tc.GetString() : null;
                    if (answered == null || !toolCallIds.Remove(answered))
                        return SimResponse.Error(400, "invalid_request", "Tool message references an unknown tool_call_id.", at + ".tool_call_id");
                }
                if (role == "user")
                {
                    users++;
                    lastUser = text.ToString();
                    lastImages = images;
                }
                promptChars += text.Length;
                index++;
            }

            var d = ParseDirectives(lastUser);
            foreach (Match match in DirectiveRegex.Matches(lastUser))
            {
                switch (match.Groups["name"].Value)
                {
                    case "no-credits": plan.FailCode = "no-credits"; break;
                    case "credit-limit": plan.FailCode = "credit-limit"; plan.FailStatus = 402; plan.FailMessage = "Credit limit reached for this billing cycle."; break;
                    case "stream-error": plan.FailCode = "stream-error"; plan.FailStatus = 502; plan.FailMessage = "The model provider timed out."; break;
                }
            }

            string reply = plan.Image ? "" : $"Reply {users} to \"{d.CleanText}\"" + (lastImages > 0 ? string.Format(CultureInfo.InvariantCulture, " ({0} image{1})", lastImages, lastImages == 1 ? "" : "s") : "");
            if (maxTokens is int cap)
            {
                var words = reply.Split(' ');
                if (words.Length > cap)
                {
                    reply = string.Join(" ", words.Take(cap));
                    plan.FinishReason = "length";
                }
            }
            if (format == "json_object" || format == "json_schema")
            {
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms)) { w.WriteStartObject(); w.WriteString("reply", reply); w.WriteEndObject(); }
                reply = Encoding.UTF8.GetString(ms.ToArray());
            }
            plan.Reply = reply;
            plan.PromptTokens = promptChars / 4 + 4L * index;
            plan.CompletionTokens = plan.Image ? 0 : reply.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Length;
            if (plan.Model == "auto") plan.Model = "claude-sonnet-4-5";
            return null;
        }

        private static SimResponse? CheckChatImage(JsonElement part, string at)
        {
            string? url = part.TryGetProperty("image_url", out var iu) && iu.ValueKind == JsonValueKind.Object && iu.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            if (url == null) return SimResponse.Error(400, "invalid_request", "image_url.url is required.", at + ".image_url.url");
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) return null;
            var match = ImageDataUrl.Match(url);
            if (!match.Success)
                return SimResponse.Error(400, "invalid_request", "Images must be JPEG, PNG, GIF or WebP, as an http(s) URL or a base64 data URL.", at + ".image_url.url");
            var data = match.Groups["data"].Value;
            long decoded = data.Length / 4 * 3 - (data.EndsWith("==", StringComparison.Ordinal) ? 2 : data.EndsWith("=", StringComparison.Ordinal) ? 1 : 0);
            if (decoded > MaxChatImageBytes)
                return SimResponse.Error(400, "invalid_request", "Images must be at most 20 MB.", at + ".image_url.url");
            return null;
        }

        private string ChatId() => "chatcmpl-" + RandomToken(14).ToLowerInvariant();

        private static void WriteChatUsage(Utf8JsonWriter w, ChatPlan plan)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", plan.PromptTokens);
            w.WriteNumber("completion_tokens", plan.CompletionTokens);
            w.WriteNumber("total_tokens", plan.PromptTokens + plan.CompletionTokens);
            // A fixed per-token price, so tests can rely on the cost of a given conversation.
            w.WriteNumber("cost", Math.Round(plan.PromptTokens * 0.000001 + plan.CompletionTokens * 0.000003 + (plan.Image ? 0.03 : 0), 9));
            w.WriteBoolean("is_byok", false);
            w.WriteEndObject();
        }

        private void WriteChatCompletion(Utf8JsonWriter w, ChatPlan plan)
        {
            w.WriteStartObject();
            w.WriteString("id", ChatId());
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteString("model", plan.Model);
            w.WriteNull("system_fingerprint");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteString("finish_reason", plan.FinishReason);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", plan.Reply);
            if (plan.Image) WriteChatImages(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            WriteChatUsage(w, plan);
            w.WriteEndObject();
        }

        private static void WriteChatImages(Utf8JsonWriter w)
        {
            w.WriteStartArray("images");
            w.WriteStartObject();
            w.WriteStartObject("image_url");
            w.WriteString("url", "data:image/png;base64," + TinyPng);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        private async Task WriteChatStreamAsync(Stream output, ChatPlan plan, CancellationToken ct)
        {
            string id = ChatId();
            long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var pieces = plan.Reply.Length == 0 ? Array.Empty<string>() : SplitReply(plan.Reply, 4);
            bool failing = plan.FailCode != null;
            int count = failing ? Math.Min(1, pieces.Length) : pieces.Length;

            string Chunk(Action<Utf8JsonWriter> delta, string? finish, bool usage, Action<Utf8JsonWriter>? extra = null) => JsonString(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "chat.completion.chunk");
                w.WriteNumber("created", created);
                w.WriteString("model", plan.Model);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                delta(w);
                w.WriteEndObject();
                if (finish == null) w.WriteNull("finish_reason"); else w.WriteString("finish_reason", finish);
                w.WriteEndObject();
                w.WriteEndArray();
                if (usage) WriteChatUsage(w, plan);
                extra?.Invoke(w);
                w.WriteEndObject();
            });

            var delay = Options.ChunkDelay;
            for (int i = 0; i < count; i++)
            {
                string piece = pieces[i];
                bool first = i == 0;
                await WriteChatDataAsync(output, Chunk(w => { if (first) w.WriteString("role", "assistant"); w.WriteString("content", piece); }, null, false), ct).ConfigureAwait(false);
                if (delay > TimeSpan.Zero) await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            if (plan.Image)
                await WriteChatDataAsync(output, Chunk(w => { w.WriteString("role", "assistant"); WriteChatImages(w); }, null, false), ct).ConfigureAwait(false);

            if (failing)
            {
                int code = plan.FailStatus;
                await WriteChatDataAsync(output, Chunk(w => { }, "error", false, w =>
                {
                    w.WriteStartObject("error");
                    w.WriteNumber("code", code);
                    w.WriteString("message", plan.FailMessage);
                    w.WriteEndObject();
                }), ct).ConfigureAwait(false);
            }
            else
            {
                await WriteChatDataAsync(output, Chunk(w => { }, plan.FinishReason, true), ct).ConfigureAwait(false);
            }
            await WriteChatDataAsync(output, "[DONE]", ct).ConfigureAwait(false);
        }

        private static async Task WriteChatDataAsync(Stream output, string data, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes("data: " + data + "\n\n");
            await output.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
