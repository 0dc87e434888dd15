using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Tests.Core;

internal static class TestPaths
{
    private static string? _examples;

    public static string Examples => _examples ??= FindExamples();

    public static string Example(string name) => Path.Combine(Examples, name);

    public static string ReadExample(string name) => File.ReadAllText(Example(name));

    private static string FindExamples([CallerFilePath] string sourceFile = "")
    {
        // Tests normally run from an artifacts folder outside the repo, so fall back to this source file's location.
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty, Directory.GetCurrentDirectory() })
        {
            string? root = FindRepoRoot(start);
            if (root != null)
            {
                string examples = Path.GetFullPath(Path.Combine(root, "tests", "fixtures", "gumloop-api", "examples"));
                if (Directory.Exists(examples))
                {
                    return examples;
                }
            }
        }

        throw new DirectoryNotFoundException("Could not find tests/fixtures/gumloop-api/examples under the repo root (the folder holding GumloopPS.psd1).");
    }

    private static string? FindRepoRoot(string start)
    {
        if (string.IsNullOrEmpty(start))
        {
            return null;
        }

        var dir = new DirectoryInfo(start);
        while (dir != null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GumloopPS.psd1")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }
}

internal sealed class RecordedRequest
{
    public RecordedRequest(HttpRequestMessage message, string? body)
    {
        Method = message.Method.Method;
        Uri = message.RequestUri!;
        Body = body;
        // NonValidated shows values as they go on the wire (User-Agent products are space-separated, not comma-joined).
        foreach (var header in message.Headers.NonValidated)
        {
            Headers[header.Key] = header.Key == "User-Agent" ? string.Join(" ", header.Value) : string.Join(", ", header.Value);
        }

        if (message.Content != null)
        {
            foreach (var header in message.Content.Headers.NonValidated)
            {
                Headers[header.Key] = string.Join(", ", header.Value);
            }
        }
    }

    public string Method { get; }
    public Uri Uri { get; }
    public string? Body { get; }
    public Dictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? QueryValue(string name)
    {
        string query = Uri.Query.TrimStart('?');
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = Uri.UnescapeDataString(eq < 0 ? pair : pair.Substring(0, eq));
            if (key == name)
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1));
            }
        }

        return null;
    }
}

internal delegate Task<HttpResponseMessage> Responder(HttpRequestMessage request, CancellationToken ct);

/// <summary>In-memory handler: answers from a queue of responders and records what was sent.</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Queue<Responder> _queue = new Queue<Responder>();

    public List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

    public Responder? Fallback { get; set; }

    public FakeHandler Enqueue(Responder responder)
    {
        _queue.Enqueue(responder);
        return this;
    }

    public FakeHandler Respond(int status, string? body = "{}", string contentType = "application/json", Action<HttpResponseMessage>? configure = null) =>
        Enqueue(async (req, ct) =>
        {
            await ReadBodyAsync(req);
            var response = new HttpResponseMessage((HttpStatusCode)status);
            if (body != null)
            {
                response.Content = new StringContent(body, Encoding.UTF8);
                response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            }

            configure?.Invoke(response);
            return response;
        });

    public FakeHandler RespondSession(int status = 200, string id = "sess_1", string state = "completed") =>
        Respond(status, "{\"session\":{\"id\":\"" + id + "\",\"agent_id\":\"ag_1\",\"state\":\"" + state + "\",\"messages\":[]},\"queue_position\":null}");

    /// <summary>Fails like a refused connection: the request body is never touched.</summary>
    public FakeHandler FailBeforeSending() =>
        Enqueue((req, ct) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused")));

    /// <summary>Fails after the body was written, like a connection reset while waiting for the answer.</summary>
    public FakeHandler FailAfterSending() =>
        Enqueue(async (req, ct) =>
        {
            await ReadBodyAsync(req);
            throw new HttpRequestException("Connection reset by peer", new IOException("reset"));
        });

    public FakeHandler Hang() =>
        Enqueue(async (req, ct) =>
        {
            await ReadBodyAsync(req);
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    private readonly Dictionary<HttpRequestMessage, string?> _bodies = new Dictionary<HttpRequestMessage, string?>();

    private async Task ReadBodyAsync(HttpRequestMessage request)
    {
        if (request.Content != null && !_bodies.ContainsKey(request))
        {
            _bodies[request] = await request.Content.ReadAsStringAsync();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Responder responder = _queue.Count > 0 ? _queue.Dequeue() : Fallback ?? throw new InvalidOperationException("Unexpected request " + request.Method + " " + request.RequestUri);
        try
        {
            return await responder(request, cancellationToken);
        }
        finally
        {
            _bodies.TryGetValue(request, out string? body);
            Requests.Add(new RecordedRequest(request, body));
        }
    }
}

internal sealed class RecordingLog : IGumloopLog
{
    public List<string> VerboseLines { get; } = new List<string>();
    public List<string> DebugLines { get; } = new List<string>();

    public IEnumerable<string> All => VerboseLines.Concat(DebugLines);

    public void Verbose(string message)
    {
        lock (VerboseLines)
        {
            VerboseLines.Add(message);
        }
    }

    public void Debug(string message)
    {
        lock (DebugLines)
        {
            DebugLines.Add(message);
        }
    }
}

/// <summary>The members every fake response body here shares: readable only, no length, no seeking.</summary>
internal abstract class ReadOnlyTestStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A body that yields some bytes and then never completes. It honours cancellation, unless it is deaf: then only
/// closing it ends the read, like a socket that nothing but a close can interrupt.
/// </summary>
internal sealed class StallingStream : ReadOnlyTestStream
{
    private readonly byte[] _prefix;
    private readonly bool _deaf;
    private readonly TaskCompletionSource<int> _closed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public StallingStream(string prefix, bool deaf = false)
    {
        _prefix = Encoding.UTF8.GetBytes(prefix);
        _deaf = deaf;
    }

    public bool Disposed => _closed.Task.IsCompleted;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_position < _prefix.Length)
        {
            int n = Math.Min(count, _prefix.Length - _position);
            Array.Copy(_prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        if (_deaf)
        {
            await _closed.Task.ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte[] temp = new byte[buffer.Length];
        return new ValueTask<int>(ReadAsync(temp, 0, temp.Length, cancellationToken).ContinueWith(t =>
        {
            int n = t.GetAwaiter().GetResult();
            temp.AsSpan(0, n).CopyTo(buffer.Span);
            return n;
        }, TaskScheduler.Default));
    }

    protected override void Dispose(bool disposing)
    {
        _closed.TrySetResult(0);
        base.Dispose(disposing);
    }
}

/// <summary>An endless body that counts how much of it was read.</summary>
internal sealed class EndlessStream : ReadOnlyTestStream
{
    private readonly byte _fill;

    public EndlessStream(byte fill)
    {
        _fill = fill;
    }

    public long BytesServed { get; private set; }

    public override long Position { get => BytesServed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = _fill;
        }

        BytesServed += count;
        return count;
    }
}

/// <summary>
/// Serves its bytes at most <c>chunk</c> at a time, like a slow network, then ends, or with breakAtEnd fails like
/// a reset connection. Reads complete synchronously, so a test's chunking is the only thing that varies.
/// </summary>
internal sealed class TrickleStream : ReadOnlyTestStream
{
    private readonly byte[] _data;
    private readonly int _chunk;
    private readonly bool _breakAtEnd;
    private int _position;

    public TrickleStream(byte[] data, int chunk, bool breakAtEnd = false)
    {
        _data = data;
        _chunk = chunk;
        _breakAtEnd = breakAtEnd;
    }

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= _data.Length)
        {
            if (_breakAtEnd)
            {
                throw new IOException("Connection reset by peer");
            }

            return 0;
        }

        int n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
        Array.Copy(_data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte[] temp = new byte[buffer.Length];
        int n = Read(temp, 0, temp.Length);
        temp.AsSpan(0, n).CopyTo(buffer.Span);
        return new ValueTask<int>(n);
    }
}

internal sealed class TestContext : IDisposable
{
    public const string SecretText = "gk_live_9f8e7d6c5b4a3210abcd";
    public const string UserId = "user_Priya01";

    public TestContext(Action<GumloopConnectionOptions>? configure = null, int? maxRetryCount = null)
    {
        Options = new GumloopConnectionOptions
        {
            AuthKind = GumloopAuthKind.ApiKey,
            Secret = ToSecure(SecretText),
            UserId = UserId,
        };
        configure?.Invoke(Options);
        Connection = new GumloopConnection(Options, Handler);
        Client = new GumloopClient(Connection, Log, maxRetryCount)
        {
            Delay = (delay, ct) =>
            {
                Delays.Add(delay);
                return Task.CompletedTask;
            },
            NextRandom = () => 0.5,
        };
    }

    public FakeHandler Handler { get; } = new FakeHandler();
    public RecordingLog Log { get; } = new RecordingLog();
    public GumloopConnectionOptions Options { get; }
    public GumloopConnection Connection { get; }
    public GumloopClient Client { get; }
    public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

    public RecordedRequest Single() => Xunit.Assert.Single(Handler.Requests);

    public static SecureString ToSecure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose() => Connection.Dispose();
}
