using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace GumloopPS.Core;

/// <summary>Limits on expanding a downloaded archive. Defaults stop a zip bomb; a user can raise them.</summary>
public sealed class ArchiveLimits
{
    public const long DefaultMaxExpandedBytes = 1024L * 1024 * 1024;
    public const int DefaultMaxCompressionRatio = 200;

    /// <summary>Most bytes all entries together may expand to (default 1 GB).</summary>
    public long MaxExpandedBytes { get; set; } = DefaultMaxExpandedBytes;

    /// <summary>Most bytes one entry may expand to; null uses <see cref="MaxExpandedBytes"/>.</summary>
    public long? MaxEntryBytes { get; set; }

    /// <summary>
    /// Highest expanded-to-compressed ratio of one entry (default 200). Deflate reaches about 1000:1 only on
    /// degenerate input, which is what a bomb is; real files stay far below. Entries under
    /// <see cref="RatioFloorBytes"/> are exempt, where a high ratio costs nothing.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = DefaultMaxCompressionRatio;

    public long RatioFloorBytes { get; set; } = 1024 * 1024;

    /// <summary>Replace files that already exist (never a symbolic link or other reparse point).</summary>
    public bool Overwrite { get; set; }
}

public enum GumloopArchiveProblem
{
    /// <summary>An entry would land outside the chosen folder.</summary>
    Escapes,

    /// <summary>The expanded size or the compression ratio passed a limit.</summary>
    TooLarge,

    /// <summary>A file exists and overwriting was not allowed.</summary>
    Exists,

    /// <summary>A symbolic link, junction or other reparse point lies on the way to an entry.</summary>
    ReparsePoint,
}

/// <summary>
/// Expands a zip the server sent into a folder. Every entry is checked before anything is written (no path
/// outside the folder, no existing file unless allowed, no symbolic link on the way), and the bytes are
/// counted as they are written, never trusting the sizes the archive declares; at a limit everything written
/// so far is deleted, so no partial file or half-expanded archive is left behind.
/// </summary>
public static class ArchiveExtractor
{
    public static IReadOnlyList<FileInfo> Expand(Stream zip, string folder, ArchiveLimits? limits = null)
    {
        if (zip == null)
        {
            throw new ArgumentNullException(nameof(zip));
        }

        limits ??= new ArchiveLimits();
        string root = Path.GetFullPath(folder);
        string rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
        long entryLimit = Math.Min(limits.MaxEntryBytes ?? limits.MaxExpandedBytes, limits.MaxExpandedBytes);

        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        var plan = new List<KeyValuePair<ZipArchiveEntry, string>>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        long declared = 0;
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            if (string.IsNullOrEmpty(entry.Name))
            {
                continue; // a folder entry
            }

            // Entries come from the server; one named "../x" must not write outside the folder the user chose.
            string destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!destination.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                throw new GumloopArchiveException(
                    $"The archive entry '{entry.FullName}' points outside '{root}'; nothing was extracted.", destination, GumloopArchiveProblem.Escapes);
            }

            CheckWay(rootWithSeparator, destination);
            if (File.Exists(destination) && !limits.Overwrite)
            {
                throw new GumloopArchiveException(
                    $"'{destination}' already exists; nothing was extracted. Add -Force to replace existing files, or choose an empty folder.", destination, GumloopArchiveProblem.Exists);
            }

            if (!targets.Add(destination))
            {
                throw new GumloopArchiveException(
                    $"The archive holds '{entry.FullName}' more than once; nothing was extracted.", destination, GumloopArchiveProblem.Exists);
            }

            // The declared sizes refuse an honest bomb before a byte is written; the counted copy below catches one that lies.
            declared += Math.Max(0, entry.Length);
            if (entry.Length > entryLimit)
            {
                throw TooLarge($"The archive entry '{entry.FullName}' expands to more than {Megabytes(entryLimit)}", destination);
            }

            if (declared > limits.MaxExpandedBytes)
            {
                throw TooLarge($"The archive expands to more than {Megabytes(limits.MaxExpandedBytes)} in all", destination);
            }

            if (entry.Length > limits.RatioFloorBytes && entry.Length > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw TooLarge(
                    $"The archive entry '{entry.FullName}' expands more than {limits.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)} times its compressed size, as a zip bomb does",
                    destination);
            }

            plan.Add(new KeyValuePair<ZipArchiveEntry, string>(entry, destination));
        }

        Directory.CreateDirectory(root);
        var written = new List<FileInfo>();
        var created = new List<string>();
        long total = 0;
        string? current = null;
        try
        {
            byte[] buffer = new byte[81920];
            foreach (KeyValuePair<ZipArchiveEntry, string> item in plan)
            {
                ZipArchiveEntry entry = item.Key;
                string destination = item.Value;
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

                // Checked again just before writing: a link could have appeared since the plan was made.
                CheckWay(rootWithSeparator, destination);
                string partial = PartialFile.Beside(destination);
                current = partial;
                long entryBytes = 0;
                using (Stream input = entry.Open())
                using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    int n;
                    while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        entryBytes += n;
                        total += n;
                        if (entryBytes > entryLimit)
                        {
                            throw TooLarge($"The archive entry '{entry.FullName}' expands to more than {Megabytes(entryLimit)}", destination);
                        }

                        if (total > limits.MaxExpandedBytes)
                        {
                            throw TooLarge($"The archive expands to more than {Megabytes(limits.MaxExpandedBytes)} in all", destination);
                        }

                        if (entryBytes > limits.RatioFloorBytes && entryBytes > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                        {
                            throw TooLarge(
                                $"The archive entry '{entry.FullName}' expands more than {limits.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)} times its compressed size, as a zip bomb does",
                                destination);
                        }

                        output.Write(buffer, 0, n);
                    }
                }

                PartialFile.MoveIntoPlace(partial, destination, overwrite: true);
                current = null;
                created.Add(destination);
                written.Add(new FileInfo(destination));
            }
        }
        catch
        {
            // Nothing half-expanded stays behind: the entry being written and every file written before it go.
            PartialFile.TryDelete(current);
            foreach (string path in created)
            {
                PartialFile.TryDelete(path);
            }

            throw;
        }

        return written;
    }

    private static GumloopArchiveException TooLarge(string what, string destination) =>
        new GumloopArchiveException(
            what + "; nothing was kept. If the files are expected to be this large, raise the limit with -MaxExpandedSizeMB.",
            destination,
            GumloopArchiveProblem.TooLarge);

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Refuses a symbolic link (or junction) at the destination or in any folder between it and the root.</summary>
    private static void CheckWay(string rootWithSeparator, string destination)
    {
        string path = destination;
        while (path.Length >= rootWithSeparator.Length)
        {
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                attributes = 0;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new GumloopArchiveException(
                    $"'{path}' is a symbolic link or other reparse point; nothing was extracted, so nothing is written where it points.",
                    path,
                    GumloopArchiveProblem.ReparsePoint);
            }

            string? parent = Path.GetDirectoryName(path);
            if (parent == null || parent.Length >= path.Length)
            {
                break;
            }

            path = parent;
        }
    }
}
