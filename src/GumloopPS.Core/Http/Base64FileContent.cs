using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The JSON body of a session file upload, <c>{"file_name":…,"media_type":…,"file_content":"&lt;base64&gt;"}</c>,
/// written straight from the source stream in chunks. A 200 MB file would otherwise sit in memory three times
/// (bytes, base64 string, UTF-8 body); here only two small buffers do.
/// </summary>
internal sealed class Base64FileContent : HttpContent, ITrackedContent
{
    // A multiple of 3, so every chunk but the last encodes without padding.
    internal const int ChunkBytes = 3 * 64 * 1024;
    private static readonly byte[] Suffix = Encoding.UTF8.GetBytes("\"}");

    private readonly Stream _source;
    private readonly long _start;
    private readonly long _length;
    private readonly byte[] _prefix;
    private int _started;

    /// <param name="source">Read for <paramref name="length"/> bytes from <paramref name="start"/> (its current position when null).</param>
    /// <param name="start">Where the upload begins; each attempt seeks back there, so a retry resends the same bytes.</param>
    public Base64FileContent(Stream source, long length, string fileName, string? mediaType, long? start = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        _length = length;
        _start = start ?? (source.CanSeek ? source.Position : 0);
        var prefix = new StringBuilder("{\"file_name\":").Append(JsonWriting.Serialize(fileName));
        if (mediaType != null)
        {
            prefix.Append(",\"media_type\":").Append(JsonWriting.Serialize(mediaType));
        }

        prefix.Append(",\"file_content\":\"");
        _prefix = Encoding.UTF8.GetBytes(prefix.ToString());
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>Bytes read from the source so far (for tests: proves the file is read once per attempt, in chunks).</summary>
    internal long BytesRead { get; private set; }

    internal int LargestRead { get; private set; }

    internal static long EncodedLength(long length) => checked(4 * ((length + 2) / 3));

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref _started, 1);
        if (_source.CanSeek)
        {
            _source.Position = _start;
        }

        await stream.WriteAsync(_prefix, 0, _prefix.Length).ConfigureAwait(false);
        byte[] input = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        byte[] output = ArrayPool<byte>.Shared.Rent(ChunkBytes / 3 * 4);
        try
        {
            long remaining = _length;
            while (remaining > 0)
            {
                int want = (int)Math.Min(ChunkBytes, remaining);
                int filled = 0;
                while (filled < want)
                {
                    int n = await _source.ReadAsync(input, filled, want - filled).ConfigureAwait(false);
                    if (n == 0)
                    {
                        // Content-Length is already on the wire, so a shorter body cannot be sent.
                        throw new IOException("The file became shorter while it was being uploaded.");
                    }

                    filled += n;
                    BytesRead += n;
                    LargestRead = Math.Max(LargestRead, n);
                }

                remaining -= filled;
                OperationStatus status = Base64.EncodeToUtf8(new ReadOnlySpan<byte>(input, 0, filled), output, out _, out int written, isFinalBlock: remaining == 0);
                if (status != OperationStatus.Done)
                {
                    throw new InvalidOperationException("Base64 encoding stopped early: " + status);
                }

                await stream.WriteAsync(output, 0, written).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }

        await stream.WriteAsync(Suffix, 0, Suffix.Length).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _prefix.Length + EncodedLength(_length) + Suffix.Length;
        return true;
    }
}
