using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace GumloopPS.Core;

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket. Those look like files to FileInfo (they exist and are
/// not directories), but reading a FIFO with no writer blocks in open() where no cancellation reaches, and
/// /dev/zero reports a length of 0 while never ending; neither is anything a person means to upload.
/// </summary>
internal static class LocalFileKind
{
    // The runtime's own native shim has a stat with a fixed, platform-independent layout (FileStatus in
    // pal_io.h: Flags, then Mode), unlike libc's struct stat, whose layout differs by platform.
    private const int ModeOffset = 4;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat(byte[] path, byte[] status);

    /// <summary>
    /// An existing regular file (not a directory, FIFO or device), checked before anything opens it. With
    /// <paramref name="forUpload"/> the refusals speak of uploading, and a directory is pointed at the files in it.
    /// </summary>
    public static FileInfo RequireRegularFile(string path, bool forUpload = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        if (Directory.Exists(path))
        {
            string advice = forUpload ? " Upload the files in it instead." : string.Empty;
            throw new GumloopFileException($"'{path}' is a directory, not a file.{advice}", path, GumloopFileProblem.IsDirectory);
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new GumloopFileException($"The file '{path}' does not exist.", path, GumloopFileProblem.NotFound);
        }

        // Opening a FIFO with no writer blocks beyond the reach of Ctrl+C, so the kind is checked first.
        string? kind = NotRegular(info.FullName);
        if (kind != null)
        {
            string outcome = forUpload ? "; only regular files can be uploaded. Nothing was uploaded for it." : ". Nothing was sent for it.";
            throw new GumloopFileException($"'{path}' is {kind}, not a regular file{outcome}", path, GumloopFileProblem.NotRegularFile);
        }

        return info;
    }

    /// <summary>Null for a regular file (or when the kind cannot be told); else what the path is, in words.</summary>
    public static string? NotRegular(string fullPath)
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            // Windows paths name devices only through \\.\ or reserved names, which FileInfo already refuses.
            return fullPath.StartsWith(@"\\.\", StringComparison.Ordinal) ? "a device" : null;
        }

        int mode;
        try
        {
            var status = new byte[512];
            byte[] path = Encoding.UTF8.GetBytes(fullPath + "\0");
            if (Stat(path, status) != 0)
            {
                return null; // gone or unreadable: opening it reports that properly
            }

            mode = BitConverter.ToInt32(status, ModeOffset);
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
        {
            return fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal)
                ? "a device or kernel file" : null;
        }

        switch (mode & TypeMask)
        {
            case RegularFile:
                return null;
            case 0x1000:
                return "a named pipe (FIFO)";
            case 0x2000:
                return "a character device";
            case 0x6000:
                return "a block device";
            case 0xC000:
                return "a socket";
            case 0x4000:
                return "a directory";
            default:
                return "not a regular file";
        }
    }
}
