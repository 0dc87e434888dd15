using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Read-only pass-through that fails once more than a set number of bytes has been read.</summary>
internal sealed class LimitedReadStream : Stream
{
    private readonly Stream _inner;
    private long _limit;
    private readonly Func<long, Exception> _onExceeded;
    private long _read;

    public LimitedReadStream(Stream inner, long limit, Func<long, Exception> onExceeded)
    {
        _inner = inner;
        _limit = limit;
        _onExceeded = onExceeded;
    }

    public long BytesRead => _read;

    /// <summary>Lets a reader that holds one part of the body at a time (a streamed transcript) read all of it.</summary>
    public void RemoveLimit() => _limit = long.MaxValue;

    /// <summary>Whether any non-whitespace byte has been read; tells an empty body from malformed JSON.</summary>
    public bool SawContent { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer, offset, _inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        int n = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        return Count(buffer, offset, n);
    }

    private int Count(byte[] buffer, int offset, int n)
    {
        for (int i = 0; !SawContent && i < n; i++)
        {
            byte b = buffer[offset + i];
            SawContent = b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n';
        }

        _read += n;
        if (_read > _limit)
        {
            throw _onExceeded(_limit);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
