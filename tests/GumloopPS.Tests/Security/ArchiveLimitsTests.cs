using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Security;

/// <summary>Expanding a server's zip: size and ratio caps, no overwrite unless allowed, no links followed, nothing partial left.</summary>
public sealed class ArchiveLimitsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gumloop-archive-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using Stream entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content, 0, content.Length);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    private string[] Left() => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories) : Array.Empty<string>();

    [Fact]
    public void AZipBombStopsAtTheRatioCapAndLeavesNothing()
    {
        // 64 MB of zeros compresses to about 64 KB: a ratio near 1000.
        using var zip = Zip(("ok.txt", Random(1000)), ("bomb.bin", new byte[64 * 1024 * 1024]));

        var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder));

        Assert.Equal(GumloopArchiveProblem.TooLarge, ex.Problem);
        Assert.Contains("200 times", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Left());
    }

    [Fact]
    public void TheTotalExpandedSizeIsCappedAndTheCapCanBeRaised()
    {
        byte[] incompressible = Random(3 * 1024 * 1024);
        var limits = new ArchiveLimits { MaxExpandedBytes = 4 * 1024 * 1024 };

        using (var zip = Zip(("a.bin", incompressible), ("b.bin", incompressible)))
        {
            var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder, limits));
            Assert.Contains("in all", ex.Message, StringComparison.Ordinal);
            Assert.Contains("-MaxExpandedSizeMB", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Left());

        limits.MaxExpandedBytes = 8 * 1024 * 1024;
        using (var zip = Zip(("a.bin", incompressible), ("b.bin", incompressible)))
        {
            Assert.Equal(2, ArchiveExtractor.Expand(zip, _folder, limits).Count);
        }
    }

    [Fact]
    public void OneEntryIsCappedOnItsOwn()
    {
        using var zip = Zip(("big.bin", Random(2 * 1024 * 1024)));

        var ex = Assert.Throws<GumloopArchiveException>(() =>
            ArchiveExtractor.Expand(zip, _folder, new ArchiveLimits { MaxEntryBytes = 1024 * 1024 }));

        Assert.Contains("'big.bin' expands to more than 1 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Left());
    }

    [Fact]
    public void AnExistingFileIsNotOverwrittenWithoutPermission()
    {
        Directory.CreateDirectory(_folder);
        string existing = Path.Combine(_folder, "report.csv");
        File.WriteAllText(existing, "mine");
        using (var zip = Zip(("new.txt", Random(10)), ("report.csv", Random(10))))
        {
            var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder));
            Assert.Equal(GumloopArchiveProblem.Exists, ex.Problem);
        }

        Assert.Equal("mine", File.ReadAllText(existing));
        Assert.False(File.Exists(Path.Combine(_folder, "new.txt")));

        using (var zip = Zip(("report.csv", new byte[] { (byte)'x' })))
        {
            ArchiveExtractor.Expand(zip, _folder, new ArchiveLimits { Overwrite = true });
        }

        Assert.Equal("x", File.ReadAllText(existing));
    }

    [Fact]
    public void ASymbolicLinkInsideTheFolderIsNotFollowed()
    {
        string outside = Path.Combine(_folder + "-outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(_folder);
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_folder, "sub"), outside);
            File.CreateSymbolicLink(Path.Combine(_folder, "link.txt"), Path.Combine(outside, "target.txt"));

            using (var zip = Zip(("sub/escaped.txt", Random(10))))
            {
                var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder, new ArchiveLimits { Overwrite = true }));
                Assert.Equal(GumloopArchiveProblem.ReparsePoint, ex.Problem);
            }

            using (var zip = Zip(("link.txt", Random(10))))
            {
                var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder, new ArchiveLimits { Overwrite = true }));
                Assert.Equal(GumloopArchiveProblem.ReparsePoint, ex.Problem);
            }

            Assert.Empty(Directory.GetFiles(outside));
        }
        finally
        {
            Directory.Delete(outside, true);
        }
    }

    [Fact]
    public void AnEntryClimbingOutOfTheFolderIsRefusedBeforeAnythingIsWritten()
    {
        using var zip = Zip(("fine.txt", Random(10)), ("../escape.txt", Random(10)));

        var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(zip, _folder));

        Assert.Equal(GumloopArchiveProblem.Escapes, ex.Problem);
        Assert.Empty(Left());
    }

    [Fact]
    public void AnOrdinaryArchiveExpandsFully()
    {
        using var zip = Zip(("a.txt", Random(100)), ("dir/b.csv", new byte[200_000]));

        var files = ArchiveExtractor.Expand(zip, _folder);

        Assert.Equal(new[] { "a.txt", "b.csv" }, files.Select(f => f.Name).ToArray());
        Assert.Equal(200_000, new FileInfo(Path.Combine(_folder, "dir", "b.csv")).Length);
        Assert.DoesNotContain(Left(), f => f.Contains(".partial-", StringComparison.Ordinal));
    }
}
