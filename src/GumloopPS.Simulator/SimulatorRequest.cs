using System;
using System.Collections.Generic;

namespace GumloopPS.Simulator
{
    /// <summary>One request as the simulator saw it; immutable.</summary>
    public sealed class SimulatorRequest
    {
        internal SimulatorRequest(DateTimeOffset timestamp, string host, string method, string rawPath, IReadOnlyList<string> segments,
            string query, int statusCode, string? credential, string? authKey, string? userAgent, string? remoteEndPoint, long bodyLength,
            string requestId, string? body = null)
        {
            Body = body;
            Timestamp = timestamp; Host = host; Method = method; RawPath = rawPath; PathSegments = segments; Query = query;
            StatusCode = statusCode; Credential = credential; AuthKey = authKey; UserAgent = userAgent; RemoteEndPoint = remoteEndPoint;
            BodyLength = bodyLength; RequestId = requestId;
        }

        public DateTimeOffset Timestamp { get; }

        /// <summary><c>api</c> (plays api.gumloop.com) or <c>stream</c> (plays ws.gumloop.com).</summary>
        public string Host { get; }

        public string Method { get; }

        /// <summary>The path exactly as received, still percent-escaped (e.g. <c>/api/v1/sessions/a%2Fb</c>).</summary>
        public string RawPath { get; }

        /// <summary>Same as <see cref="RawPath"/>; the name the architecture contract uses.</summary>
        public string Path => RawPath;

        /// <summary>The path below <c>/api/v1</c>, split on '/' first and then unescaped segment by segment.</summary>
        public IReadOnlyList<string> PathSegments { get; }

        /// <summary>The raw query string without the leading '?', still escaped; empty when none.</summary>
        public string Query { get; }

        /// <summary>The status sent; 0 when the connection was aborted before any response.</summary>
        public int StatusCode { get; }

        /// <summary>The bearer value exactly as sent, so tests can prove which key each request carried.</summary>
        public string? Credential { get; }

        /// <summary>The <c>x-auth-key</c> header value.</summary>
        public string? AuthKey { get; }

        public string? UserAgent { get; }
        public string? RemoteEndPoint { get; }
        public long BodyLength { get; }

        /// <summary>The request body as UTF-8 text when it was at most <see cref="MaxLoggedBodyBytes"/> bytes (enough to count approval answers); null otherwise.</summary>
        public string? Body { get; }

        public const int MaxLoggedBodyBytes = 64 * 1024;
        public string RequestId { get; }

        public override string ToString() => $"{Method} {Host} {RawPath}{(Query.Length > 0 ? "?" + Query : "")} -> {StatusCode}";
    }

    /// <summary>Aggregate time spent in request handlers (streams count until they close).</summary>
    public sealed class SimulatorServiceTime
    {
        internal SimulatorServiceTime(long count, double totalMs, double maxMs)
        {
            RequestCount = count; TotalMilliseconds = totalMs; MaxMilliseconds = maxMs;
        }

        public long RequestCount { get; }
        public double TotalMilliseconds { get; }
        public double MaxMilliseconds { get; }
        public double AverageMilliseconds => RequestCount == 0 ? 0 : TotalMilliseconds / RequestCount;

        public override string ToString() => $"requests={RequestCount}; total={TotalMilliseconds:F1} ms; avg={AverageMilliseconds:F2} ms; max={MaxMilliseconds:F1} ms";
    }
}
