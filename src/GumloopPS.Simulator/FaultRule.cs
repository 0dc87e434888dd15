using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace GumloopPS.Simulator
{
    public enum SimulatorFaultKind
    {
        Status,
        ResetBeforeHeaders,
        ResetAfterHeaders,
        Stall,
        TruncatedBody,
        MalformedJson,
        HtmlBody,
        EmptyBody200,
        EchoAuthorization,
        HugeBody,
        DeepJson,
        StallAfterHeaders,
        RawBytes,
        HugeTranscript,
    }

    /// <summary>One injected misbehaviour; build with the static factories.</summary>
    public sealed class SimulatorFault
    {
        private SimulatorFault(SimulatorFaultKind kind) { Kind = kind; }

        public SimulatorFaultKind Kind { get; private set; }
        public int StatusCode { get; private set; }
        public string? Body { get; private set; }
        public string? RetryAfter { get; private set; }
        public int StallMs { get; private set; }
        public long Size { get; private set; }

        /// <summary>The exact bytes of a <see cref="SimulatorFaultKind.RawBytes"/> body.</summary>
        public byte[]? Bytes { get; private set; }

        /// <summary>The content type of a <see cref="SimulatorFaultKind.RawBytes"/> body.</summary>
        public string? ContentType { get; private set; }

        /// <summary>When true the real handler runs (side effects happen) before the fault mangles the response.</summary>
        public bool AfterProcessing { get; private set; }

        /// <summary>Answer <paramref name="statusCode"/>; the body defaults to the canonical envelope (flat <c>gummie_rate_limit</c> for 429). <paramref name="retryAfter"/> is sent verbatim: delta-seconds or an HTTP-date.</summary>
        public static SimulatorFault Status(int statusCode, string? body = null, string? retryAfter = null)
            => new SimulatorFault(SimulatorFaultKind.Status) { StatusCode = statusCode, Body = body, RetryAfter = retryAfter };

        public static SimulatorFault Status(int statusCode, string? body, TimeSpan retryAfter)
            => Status(statusCode, body, ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

        public static SimulatorFault Status(int statusCode, string? body, DateTimeOffset retryAfter)
            => Status(statusCode, body, retryAfter.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>Reset the connection without sending anything. With <paramref name="afterProcessing"/> the request is handled first, which models the ambiguous "did my POST land?" failure.</summary>
        public static SimulatorFault ResetBeforeHeaders(bool afterProcessing = false)
            => new SimulatorFault(SimulatorFaultKind.ResetBeforeHeaders) { AfterProcessing = afterProcessing };

        /// <summary>Handle the request, send the status line and headers, then reset before the body.</summary>
        public static SimulatorFault ResetAfterHeaders()
            => new SimulatorFault(SimulatorFaultKind.ResetAfterHeaders) { AfterProcessing = true };

        /// <summary>Wait before handling the request normally.</summary>
        public static SimulatorFault Stall(int milliseconds)
            => new SimulatorFault(SimulatorFaultKind.Stall) { StallMs = milliseconds };

        /// <summary>Handle the request, send the status line and headers, send no body byte for <paramref name="milliseconds"/>, then the body.</summary>
        public static SimulatorFault StallAfterHeaders(int milliseconds)
            => new SimulatorFault(SimulatorFaultKind.StallAfterHeaders) { StallMs = milliseconds, AfterProcessing = true };

        /// <summary>Announce the real body's length, send half of it, then reset.</summary>
        public static SimulatorFault TruncatedBody()
            => new SimulatorFault(SimulatorFaultKind.TruncatedBody) { AfterProcessing = true };

        /// <summary>Send a 200 whose (correctly framed) body is the first half of the real JSON.</summary>
        public static SimulatorFault MalformedJson()
            => new SimulatorFault(SimulatorFaultKind.MalformedJson) { AfterProcessing = true };

        /// <summary>A gateway-style HTML page with the given status (default 502).</summary>
        public static SimulatorFault HtmlBody(int statusCode = 502)
            => new SimulatorFault(SimulatorFaultKind.HtmlBody) { StatusCode = statusCode };

        /// <summary>200 with Content-Length 0 where JSON was expected.</summary>
        public static SimulatorFault EmptyBody200()
            => new SimulatorFault(SimulatorFaultKind.EmptyBody200);

        /// <summary>A 500 whose body repeats the Authorization header, to prove the client redacts secrets from errors.</summary>
        public static SimulatorFault EchoAuthorization()
            => new SimulatorFault(SimulatorFaultKind.EchoAuthorization) { StatusCode = 500 };

        /// <summary>A valid JSON 200 body of about <paramref name="bytes"/> bytes, streamed.</summary>
        public static SimulatorFault HugeBody(long bytes)
            => new SimulatorFault(SimulatorFaultKind.HugeBody) { Size = bytes };

        /// <summary>
        /// A 200 session envelope with <paramref name="messageCount"/> generated messages (about 190 bytes each), streamed
        /// as it is generated, in the service's order: the messages before agent_name and participants.
        /// </summary>
        public static SimulatorFault HugeTranscript(int messageCount)
            => new SimulatorFault(SimulatorFaultKind.HugeTranscript) { Size = messageCount };

        /// <summary>A valid JSON 200 body nested <paramref name="depth"/> objects deep.</summary>
        public static SimulatorFault DeepJson(int depth)
            => new SimulatorFault(SimulatorFaultKind.DeepJson) { Size = depth };

        /// <summary>Answer <paramref name="statusCode"/> with exactly these bytes, which need not be valid UTF-8 (a hostile or broken server).</summary>
        public static SimulatorFault RawBytes(int statusCode, byte[] body, string contentType = "application/json")
            => new SimulatorFault(SimulatorFaultKind.RawBytes) { StatusCode = statusCode, Bytes = body ?? throw new ArgumentNullException(nameof(body)), ContentType = contentType };

        public override string ToString() => Kind == SimulatorFaultKind.Status ? $"Status({StatusCode})" : Kind.ToString();
    }

    /// <summary>
    /// Matches requests and hands out its faults one per matching request, in order; once they are used up the rule stops matching.
    /// </summary>
    public sealed class FaultRule
    {
        private readonly Queue<SimulatorFault> _pending;
        private Regex? _regex;

        public FaultRule(string? method, string pathPattern, params SimulatorFault[] faults)
        {
            if (pathPattern is null) throw new ArgumentNullException(nameof(pathPattern));
            if (faults is null || faults.Length == 0) throw new ArgumentException("A rule needs at least one fault.", nameof(faults));
            Method = method;
            PathPattern = pathPattern;
            _pending = new Queue<SimulatorFault>(faults);
        }

        /// <summary>HTTP method to match, or null/"*" for any.</summary>
        public string? Method { get; }

        /// <summary>Pattern for the raw (escaped) path, with or without the <c>/api/v1</c> prefix; '*' matches any run of characters, including '/'.</summary>
        public string PathPattern { get; }

        /// <summary><c>api</c>, <c>stream</c>, or null for both hosts.</summary>
        public string? Host { get; set; }

        /// <summary>Faults not yet consumed.</summary>
        public int Remaining { get { lock (_pending) return _pending.Count; } }

        internal bool TryTake(string host, string method, string rawPath, string relativePath, out SimulatorFault? fault)
        {
            fault = null;
            if (Host != null && !string.Equals(Host, host, StringComparison.OrdinalIgnoreCase)) return false;
            if (Method != null && Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
            var regex = _regex ??= new Regex("^" + Regex.Escape(PathPattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!regex.IsMatch(rawPath) && !regex.IsMatch(relativePath)) return false;
            lock (_pending)
            {
                if (_pending.Count == 0) return false;
                fault = _pending.Dequeue();
                return true;
            }
        }
    }
}
