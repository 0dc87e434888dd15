using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

public sealed partial class GumloopClient
{
    /// <summary>
    /// GET /sessions/{id} for its messages only: the body is cut into per-message JSON as it arrives, and
    /// <see cref="Message"/> objects are built while the transcript is enumerated, so a huge transcript is never
    /// held as a document plus a clone plus every object at once.
    /// </summary>
    internal async Task<SessionTranscript> GetTranscriptAsync(string sessionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "sessions/" + GumloopPath.Segment(sessionId))
        {
            BodyReader = async (stream, token) => await TranscriptReader.ReadAsync(stream, token).ConfigureAwait(false),
        };
        using GumloopResponse response = await SendAsync(request, ct).ConfigureAwait(false);
        return response.Value as SessionTranscript ?? throw Unexpected(response, "a 'session' object");
    }
}
