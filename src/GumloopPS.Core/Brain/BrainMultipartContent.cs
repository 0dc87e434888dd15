using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The <c>multipart/form-data</c> body of a Brain upload: one part named <c>files</c> per file, written straight from
/// disk in chunks, so 25 files of 25 MB never sit in memory. Files are opened only while their part is written.
/// </summary>
internal sealed class BrainMultipartContent : HttpContent, ITrackedContent
{
    private const int ChunkBytes = 64 * 1024;
    private readonly IReadOnlyList<BrainUploadFile> _files;
    private readonly string _boundary;
    private int _started;

    public BrainMultipartContent(IReadOnlyList<BrainUploadFile> files, string? boundary = null)
    {
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _boundary = boundary ?? "gumloopps-" + Guid.NewGuid().ToString("N");
        var type = new MediaTypeHeaderValue("multipart/form-data");
        type.Parameters.Add(new NameValueHeaderValue("boundary", _boundary));
        Headers.ContentType = type;
    }

    public bool Started => Volatile.Read(ref _started) != 0;

    internal string Boundary => _boundary;

    /// <summary>The name as a quoted-string value: quotes and line breaks percent-encoded, as browsers send them.</summary>
    internal static string QuoteFileName(string name) =>
        name.Replace("%", "%25").Replace("\"", "%22").Replace("\r", "%0D").Replace("\n", "%0A");

    private byte[] PartHeader(BrainUploadFile file, bool first)
    {
        var text = new StringBuilder();
        if (!first)
        {
            text.Append("\r\n");
        }

        text.Append("--").Append(_boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"files\"; filename=\"").Append(QuoteFileName(file.FileName)).Append("\"\r\n")
            .Append("Content-Type: ").Append(file.MediaType).Append("\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] Trailer() => Encoding.ASCII.GetBytes("\r\n--" + _boundary + "--\r\n");

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref _started, 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (int i = 0; i < _files.Count; i++)
            {
                BrainUploadFile file = _files[i];
                byte[] header = PartHeader(file, i == 0);
                await stream.WriteAsync(header, 0, header.Length).ConfigureAwait(false);
                using var source = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
                long remaining = file.Length;
                while (remaining > 0)
                {
                    int read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining)).ConfigureAwait(false);
                    if (read == 0)
                    {
                        // The length went into Content-Length; a shorter file would corrupt every part after it.
                        throw new IOException($"The file '{file.Path}' became shorter while it was being uploaded.");
                    }

                    await stream.WriteAsync(buffer, 0, read).ConfigureAwait(false);
                    remaining -= read;
                }
            }

            byte[] trailer = Trailer();
            await stream.WriteAsync(trailer, 0, trailer.Length).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        long total = 0;
        for (int i = 0; i < _files.Count; i++)
        {
            total += PartHeader(_files[i], i == 0).Length + _files[i].Length;
        }

        length = total + Trailer().Length;
        return true;
    }
}
