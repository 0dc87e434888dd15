using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using GumloopPS.Core.Catalog;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The facade every operation goes through: the connection, the per-client settings (retry count, timeout,
/// retry-delay cap, wait deadline) and <see cref="SendAsync"/>. The attempt loop itself is
/// <see cref="GumloopTransport"/>; the operations live in one client per API area (sessions, flows, ...).
/// </summary>
public sealed partial class GumloopClient
{
    private static readonly object RandomLock = new object();
    private static readonly Random SharedRandom = new Random();

    private readonly IGumloopLog _log;
    private readonly int _maxRetryCount;
    private readonly bool _verbose;
    private readonly bool _debug;
    private readonly GumloopTransport _transport;

    public GumloopClient(GumloopConnection connection, IGumloopLog? log = null, int? maxRetryCount = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _log = log ?? NullGumloopLog.Instance;
        _verbose = _log is not IGumloopLogLevels levels || levels.VerboseEnabled;
        _debug = _log is not IGumloopLogLevels quiet || quiet.DebugEnabled;
        if (maxRetryCount.HasValue && (maxRetryCount.Value < 0 || maxRetryCount.Value > 100))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryCount), "The retry count must be between 0 and 100.");
        }

        _maxRetryCount = maxRetryCount ?? connection.MaxRetryCount;
        _transport = new GumloopTransport(this);
    }

    public GumloopConnection Connection { get; }

    public int MaxRetryCount => _maxRetryCount;

    internal IGumloopLog Log => _log;

    /// <summary>False when the log says it drops verbose lines, so nobody formats them.</summary>
    internal bool VerboseEnabled => _verbose;

    /// <summary>False when the log says it drops debug lines, so nobody builds the header dump.</summary>
    internal bool DebugEnabled => _debug;

    private TimeSpan? _requestTimeout;
    private TimeSpan? _maxRetryDelay;

    /// <summary>Per-request timeout for this client only (a cmdlet's -TimeoutSec); null uses the connection's.
    /// Zero or <see cref="Timeout.InfiniteTimeSpan"/> means no timeout.</summary>
    public TimeSpan? RequestTimeout
    {
        get => _requestTimeout;
        set
        {
            if (value is TimeSpan t && t != Timeout.InfiniteTimeSpan && (t < TimeSpan.Zero || t.TotalMilliseconds > int.MaxValue))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The timeout must be positive, zero for none, and at most int.MaxValue milliseconds.");
            }

            _requestTimeout = value;
        }
    }

    /// <summary>Cap on any single retry wait for this client only (a cmdlet's -MaxRetryDelaySec); null uses the connection's.</summary>
    public TimeSpan? MaxRetryDelay
    {
        get => _maxRetryDelay;
        set
        {
            if (value is TimeSpan t && (t < TimeSpan.Zero || t > TimeSpan.FromHours(1)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The retry delay cap must be between 0 and 1 hour.");
            }

            _maxRetryDelay = value;
        }
    }

    internal TimeSpan EffectiveRequestTimeout =>
        _requestTimeout is TimeSpan t ? GumloopTransport.NoTimeoutIfZero(t) : Connection.RequestTimeout;

    internal TimeSpan EffectiveMaxRetryDelay => _maxRetryDelay ?? Connection.MaxRetryDelay;

    // Seams for tests: deterministic jitter, a recorded (instant) delay and a fixed clock.
    internal Func<double> NextRandom { get; set; } = () =>
    {
        lock (RandomLock)
        {
            return SharedRandom.NextDouble();
        }
    };

    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, ct) => Task.Delay(delay, ct);

    internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

    private WaitDeadline? _deadline;

    /// <summary>The deadline this client's requests and retry sleeps are cut to; null when it has none.</summary>
    public WaitDeadline? Deadline => _deadline;

    /// <summary>
    /// A client like this one whose every request timeout and retry sleep ends by <paramref name="deadline"/>;
    /// a cut request or sleep throws <see cref="GumloopDeadlineException"/>.
    /// </summary>
    public GumloopClient WithDeadline(WaitDeadline deadline)
    {
        var copy = new GumloopClient(Connection, _log, _maxRetryCount)
        {
            _requestTimeout = _requestTimeout,
            _maxRetryDelay = _maxRetryDelay,
            NextRandom = NextRandom,
            Delay = Delay,
            UtcNow = UtcNow,
            _deadline = deadline ?? throw new ArgumentNullException(nameof(deadline)),
        };
        return copy;
    }

    public async Task ValidateAsync(CancellationToken ct)
    {
        using GumloopResponse response = await SendAsync(new GumloopRequest(HttpMethod.Get, "models"), ct).ConfigureAwait(false);
        _ = response.RootElement;
    }

    /// <summary>Sends <paramref name="request"/> through the one transport and reads its body (see <see cref="GumloopRequest.ResponseMode"/>).</summary>
    public Task<GumloopResponse> SendAsync(GumloopRequest request, CancellationToken ct) => _transport.SendAsync(request, openStream: false, ct);

    /// <summary>
    /// Sends a stream request through the same transport and returns the open 2xx event-stream response, retried
    /// exactly like <see cref="SendAsync"/>; the caller disposes it.
    /// </summary>
    internal async Task<HttpResponseMessage> OpenStreamAsync(GumloopRequest request, CancellationToken ct)
    {
        GumloopResponse response = await _transport.SendAsync(request, openStream: true, ct).ConfigureAwait(false);
        return response.EventStream!;
    }

    internal Uri BuildUri(GumloopRequest request) => _transport.BuildUri(request);

    /// <summary>The API accepts 1 to 20 approval answers per request.</summary>
    public const int MaxApprovalResponses = 20;

    /// <summary>Checks that <paramref name="path"/> is an existing regular file within the API's upload limit, without reading it.</summary>
    public static FileInfo CheckUploadable(string path) => GumloopSessionClient.CheckUploadable(path);

    internal static JsonElement RequireObject(GumloopResponse response, string what)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected(response, "a JSON object with '" + what + "'");
        }

        return root;
    }

    /// <summary>Most items one page may hold. Each item becomes an object of a kilobyte or more, so a body of
    /// millions of empty objects would otherwise take gigabytes from a few megabytes on the wire.</summary>
    internal const int MaxItemsPerPage = 10_000;

    /// <summary>Most items a list gathered over several pages may hold before it is refused.</summary>
    internal const int MaxItemsPerList = 100_000;

    internal static void CheckItemCount(GumloopResponse response, JsonElement items, string what, int alreadyRead)
    {
        int count = items.GetArrayLength();
        if (count > MaxItemsPerPage || alreadyRead + count > MaxItemsPerList)
        {
            throw new GumloopResponseException(string.Format(
                CultureInfo.InvariantCulture,
                "Gumloop returned {0:N0} {1} for {2} {3}{4}, more than the {5:N0} per page ({6:N0} per list) this module accepts; nothing of it was used. Narrow the request (a filter or page size) or check the service.",
                count,
                what,
                response.Method,
                response.Url,
                alreadyRead > 0 ? string.Format(CultureInfo.InvariantCulture, " after {0:N0} already read", alreadyRead) : string.Empty,
                MaxItemsPerPage,
                MaxItemsPerList))
            {
                StatusCode = response.StatusCode,
                RequestId = response.RequestId,
                Method = response.Method,
                Url = response.Url,
            };
        }
    }

    internal static GumloopResponseException Unexpected(GumloopResponse response, string expected) =>
        new GumloopResponseException($"Gumloop returned HTTP {response.StatusCode} for {response.Method} {response.Url} without {expected}.")
        {
            StatusCode = response.StatusCode,
            RequestId = response.RequestId,
            Method = response.Method,
            Url = response.Url,
        };
}
