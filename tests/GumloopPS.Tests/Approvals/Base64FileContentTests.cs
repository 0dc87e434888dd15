using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Approvals;

/// <summary>The streamed upload body: exact JSON and length, read once in bounded chunks, rewound for a retry.</summary>
public class Base64FileContentTests
{
    private const int Chunk = Base64FileContent.ChunkBytes;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData(3 * Chunk + 2)]
    public async Task BodyIsExactJsonWithTheDeclaredLength(int size)
    {
        byte[] data = Enumerable.Range(0, size).Select(i => (byte)(i * 31 + 7)).ToArray();
        using var source = new MemoryStream(data);
        using var content = new Base64FileContent(source, data.Length, "usage.csv", "text/csv");

        byte[] body = await content.ReadAsByteArrayAsync();

        Assert.Equal(content.Headers.ContentLength, body.Length);
        using JsonDocument doc = JsonDocument.Parse(body);
        Assert.Equal("usage.csv", doc.RootElement.GetProperty("file_name").GetString());
        Assert.Equal("text/csv", doc.RootElement.GetProperty("media_type").GetString());
        Assert.Equal(data, Convert.FromBase64String(doc.RootElement.GetProperty("file_content").GetString()!));
        Assert.Equal(Convert.ToBase64String(data), doc.RootElement.GetProperty("file_content").GetString());
        Assert.Equal(size, content.BytesRead);
        Assert.True(content.LargestRead <= Chunk);
    }

    [Fact]
    public async Task MediaTypeIsOmittedWhenNull()
    {
        using var source = new MemoryStream(new byte[] { 1 });
        using var content = new Base64FileContent(source, 1, "a", null);

        Assert.Equal("{\"file_name\":\"a\",\"file_content\":\"AQ==\"}", await content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EachAttemptRewindsToWhereTheUploadStarted()
    {
        using var source = new MemoryStream(Encoding.ASCII.GetBytes("skipHELLO"));
        source.Position = 4;
        var first = new Base64FileContent(source, 5, "h.txt", null);
        string once = await first.ReadAsStringAsync();
        Assert.Equal(once, await first.ReadAsStringAsync());
        Assert.Equal(source.Length, source.Position);
        var second = new Base64FileContent(source, 5, "h.txt", null, start: 4);

        Assert.Equal(once, await second.ReadAsStringAsync());
        Assert.Contains(Convert.ToBase64String(Encoding.ASCII.GetBytes("HELLO")), once, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatShrinksWhileUploadingFailsInsteadOfSendingShortData()
    {
        using var source = new MemoryStream(new byte[10]);
        using var content = new Base64FileContent(source, 20, "x", null);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => content.CopyToAsync(Stream.Null));

        Assert.IsType<IOException>(ex.GetBaseException());
        Assert.Contains("shorter", ex.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsNotStartedUntilWritten()
    {
        using var source = new MemoryStream(new byte[3]);
        using var content = new Base64FileContent(source, 3, "x", null);

        Assert.False(content.Started);
        await content.CopyToAsync(Stream.Null);
        Assert.True(content.Started);
    }

    internal sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}

[Collection(AllocationMeasuredCollection.Name)]
public class UploadMemoryTests
{
    [Fact]
    public async Task AFileOfOneHundredFiftyMegabytesIsStreamedWithoutBeingHeldInMemory()
    {
        string path = Path.Combine(Path.GetTempPath(), "gumloopps-big-" + Guid.NewGuid().ToString("N") + ".bin");
        const long size = 150L * 1024 * 1024;
        try
        {
            using (var create = new FileStream(path, FileMode.Create))
            {
                create.SetLength(size);
            }

            using var ctx = new TestContext();
            long sent = 0;
            ctx.Handler.Enqueue(async (req, ct) =>
            {
                // Counts the body as it arrives instead of keeping it, as a socket would.
                var counter = new Base64FileContentTests.CountingStream();
                await req.Content!.CopyToAsync(counter);
                sent = counter.Length;
                return new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = new StringContent("{\"file_name\":\"custom_agent_interactions/s1/input/big.bin\",\"media_type\":null,\"size\":" + size + "}", Encoding.UTF8, "application/json"),
                };
            });

            long before = GC.GetTotalAllocatedBytes(true);
            SessionFile file = await ctx.Client.UploadSessionFileAsync("s1", path, "big.bin", null, CancellationToken.None);
            long allocated = GC.GetTotalAllocatedBytes(true) - before;

            Assert.Equal(size, file.Size);
            Assert.True(sent > size * 4 / 3, "the whole base64 body went out");
            Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated:N0} bytes to upload {size:N0}; the file must be streamed, not loaded");
        }
        finally
        {
            File.Delete(path);
        }
    }

}
