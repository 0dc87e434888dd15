using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Simulator
{
    /// <summary>A request after the simulator has split, unescaped and read it.</summary>
    internal sealed class SimRequestContext
    {
        public HttpListenerContext Http = null!;
        public string Host = "api";
        public string Method = "GET";
        public string RawPath = "/";
        public string RelativeRawPath = "/";
        public string RawQuery = "";

        /// <summary>Null when the path is not below /api/v1.</summary>
        public string[]? Segments;

        /// <summary>The segments as the client sent them, before an agent alias is resolved; what the request log shows.</summary>
        public string[]? SentSegments;
        public Dictionary<string, string> Query = new Dictionary<string, string>(StringComparer.Ordinal);
        public byte[] Body = Array.Empty<byte>();
        public bool BodyTooLarge;
        public string? Authorization;
        public string? Bearer;
        public string? AuthKey;
        public string RequestId = "";
        public SimCredential? Credential;
        public SimUser? Caller;

        /// <summary>Stopwatch timestamp of the moment the listener handed the request over: the zero of the simulator's own stream clock.</summary>
        public readonly long ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp();

        public bool IsStreamHost => Host == "stream";

        public string? Q(string name) => Query.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>What a handler wants sent; the dispatcher decides how (and whether a fault mangles it).</summary>
    internal sealed class SimResponse
    {
        public int Status = 200;
        public string ContentType = "application/json; charset=utf-8";
        public byte[]? Body;

        /// <summary>Streams a large body with chunked encoding instead of buffering it.</summary>
        public Func<Stream, CancellationToken, Task>? Writer;

        public SseSubscription? Sse;
        public readonly List<KeyValuePair<string, string>> Headers = new List<KeyValuePair<string, string>>();

        public static SimResponse Json(int status, Action<Utf8JsonWriter> write)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms))
            {
                write(w);
            }
            return new SimResponse { Status = status, Body = ms.ToArray() };
        }

        public static SimResponse Raw(int status, string contentType, string body)
            => new SimResponse { Status = status, ContentType = contentType, Body = Encoding.UTF8.GetBytes(body) };

        public static SimResponse Error(int status, string code, string message, string? param = null, Action<Utf8JsonWriter>? details = null)
            => Json(status, w => WriteError(w, status, code, message, param, details));

        public static void WriteError(Utf8JsonWriter w, int status, string code, string message, string? param, Action<Utf8JsonWriter>? details)
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteString("type", ErrorType(status));
            if (param is null) w.WriteNull("param"); else w.WriteString("param", param);
            w.WriteStartObject("details");
            details?.Invoke(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        /// <summary>Mirrors the backend's status-to-type table (API.md section 4.1).</summary>
        public static string ErrorType(int status)
        {
            switch (status)
            {
                case 401: return "authentication_error";
                case 403: return "permission_error";
                case 404: return "not_found_error";
                case 429: return "rate_limit_error";
                default: return status >= 500 ? "api_error" : "invalid_request_error";
            }
        }

        public static SimResponse RateLimited()
        {
            var r = Raw(429, "application/json; charset=utf-8", "{\"error\":\"gummie_rate_limit\"}");
            r.Headers.Add(new KeyValuePair<string, string>("Retry-After", "1"));
            return r;
        }
    }

    internal sealed class SseSubscription
    {
        public SseSubscription(SimTurn? turn, int startIndex, bool firstConnection)
        {
            Turn = turn; StartIndex = startIndex; FirstConnection = firstConnection;
        }

        /// <summary>Null means "answer not_resumable".</summary>
        public SimTurn? Turn { get; }
        public int StartIndex { get; }
        public bool FirstConnection { get; }
    }

    internal static class SimText
    {
        // Whole seconds, as every documented example of the session endpoints shows them.
        public static string Timestamp(DateTimeOffset t)
            => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        public static DateTimeOffset ParseTs(string s)
            => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

        /// <summary>Query values: '+' means space, as browsers and HttpClient's form encoders produce it.</summary>
        public static string UnescapeQuery(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

        public static Dictionary<string, string> ParseQuery(string raw)
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            if (raw.Length == 0) return d;
            foreach (var pair in raw.Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                string k = eq < 0 ? pair : pair.Substring(0, eq);
                string v = eq < 0 ? "" : pair.Substring(eq + 1);
                try
                {
                    k = UnescapeQuery(k);
                    v = UnescapeQuery(v);
                }
                catch (UriFormatException)
                {
                    continue;
                }
                if (!d.ContainsKey(k)) d[k] = v;
            }
            return d;
        }

        /// <summary>The raw query with every value of <paramref name="name"/> replaced by <c>****</c>.</summary>
        public static string MaskQueryValue(string raw, string name)
        {
            var pairs = raw.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                int eq = pairs[i].IndexOf('=');
                string k = eq < 0 ? pairs[i] : pairs[i].Substring(0, eq);
                string key;
                try
                {
                    key = UnescapeQuery(k);
                }
                catch (UriFormatException)
                {
                    continue;
                }
                if (string.Equals(key, name, StringComparison.Ordinal)) pairs[i] = k + "=****";
            }
            return string.Join("&", pairs);
        }

        public static string ToBase64Json(Action<Utf8JsonWriter> write)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) { write(w); }
            return Convert.ToBase64String(ms.ToArray());
        }

        public static bool TryFromBase64Json(string? cursor, out JsonDocument? doc)
        {
            doc = null;
            if (string.IsNullOrEmpty(cursor)) return false;
            try
            {
                var bytes = Convert.FromBase64String(cursor);
                doc = JsonDocument.Parse(bytes);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { doc.Dispose(); doc = null; return false; }
                return true;
            }
            catch (FormatException) { return false; }
            catch (JsonException) { return false; }
        }
    }
}
