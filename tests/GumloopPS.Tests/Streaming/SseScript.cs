using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using GumloopPS.Tests.Core;

namespace GumloopPS.Tests.Streaming;

/// <summary>Hand-written session stream frames and the responders that serve them, for the stream tests.</summary>
internal static class SseScript
{
    public const string Ready = "event: interaction-ready\ndata: {\"type\":\"interaction-ready\",\"interaction_id\":\"sess_1\",\"stream_cursor\":\"1-0\"}\n\n";
    public const string TextStart = "event: text-start\ndata: {\"type\":\"text-start\",\"id\":\"msg_1\"}\n\n";
    public const string TextEnd = "event: text-end\ndata: {\"type\":\"text-end\",\"id\":\"msg_1\"}\n\n";
    public const string FinishNotFinal = "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"stop\",\"final\":false}\n\n";
    public const string FinishFinal = "event: finish\ndata: {\"type\":\"finish\",\"finishReason\":\"stop\",\"final\":true,\"stream_cursor\":\"9-0\"}\n\n";

    public static string Delta(int n, string text) =>
        "event: text-delta\ndata: {\"type\":\"text-delta\",\"id\":\"msg_1\",\"delta\":\"" + text + "\",\"stream_cursor\":\"" + n + "-0\"}\n\n";

    /// <summary>A 200 event stream that delivers <paramref name="body"/> and then, if asked, breaks like a reset connection.</summary>
    public static Responder Sse(string body, bool breakAtEnd = false) => Sse(() => new TrickleStream(Encoding.UTF8.GetBytes(body), 7, breakAtEnd));

    /// <summary>A 200 event stream whose body is a fresh stream from <paramref name="body"/>.</summary>
    public static Responder Sse(Func<Stream> body) => (req, ct) =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body()), RequestMessage = req };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return Task.FromResult(response);
    };
}
