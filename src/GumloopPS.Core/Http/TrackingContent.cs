using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// JSON content that records whether the handler started writing it. A connection failure before that
/// point cannot have delivered the request, which is what makes retrying a message-creating POST safe.
/// </summary>
internal sealed class TrackingContent : HttpContent, ITrackedContent
{
    private readonly byte[] _body;
    private int _started;

    public TrackingContent(byte[] body)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public bool Started => Volatile.Read(ref _started) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref _started, 1);
        return stream.WriteAsync(_body, 0, _body.Length);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}

/// <summary>Content that knows whether sending began, which decides whether a failed message-creating POST may be retried.</summary>
internal interface ITrackedContent
{
    bool Started { get; }
}
