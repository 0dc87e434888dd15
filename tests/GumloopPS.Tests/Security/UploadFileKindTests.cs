using System;
using System.Diagnostics;
using System.IO;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Security;

/// <summary>Only regular files are uploaded: a FIFO would block in open(), a device never ends or reads as empty.</summary>
public class UploadFileKindTests
{
    [Fact]
    public void ADeviceIsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no /dev on Windows; the FIFO test below covers the rule where it applies
        }

        var ex = Assert.Throws<GumloopFileException>(() => GumloopClient.CheckUploadable("/dev/zero"));

        Assert.Equal(GumloopFileProblem.NotRegularFile, ex.Problem);
        Assert.Contains("character device", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFifoWithNoWriterIsRefusedWithoutOpeningIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = Path.Combine(Path.GetTempPath(), "gumloop-fifo-" + Guid.NewGuid().ToString("N"));
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", fifo) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        try
        {
            var ex = Assert.Throws<GumloopFileException>(() => GumloopClient.CheckUploadable(fifo));

            Assert.Equal(GumloopFileProblem.NotRegularFile, ex.Problem);
            Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Fact]
    public void ARegularFileAndALinkToOnePass()
    {
        string file = Path.GetTempFileName();
        string link = file + ".link";
        try
        {
            File.WriteAllText(file, "hello");
            File.CreateSymbolicLink(link, file);

            Assert.Equal(5, GumloopClient.CheckUploadable(file).Length);
            Assert.NotNull(GumloopClient.CheckUploadable(link));
        }
        finally
        {
            File.Delete(link);
            File.Delete(file);
        }
    }
}
