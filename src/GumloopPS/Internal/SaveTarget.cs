using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Internal;

/// <summary>
/// Where the Save- cmdlets put a download: a destination folder gets a file named after the download, and an
/// existing file is refused unless the caller asked for it to be replaced.
/// </summary>
internal static class SaveTarget
{
    /// <summary>
    /// Whether a destination names a folder to save into: one that exists, or one typed with a trailing separator,
    /// which is created on the way.
    /// </summary>
    public static bool IsFolder(string resolved, string typed) =>
        Directory.Exists(resolved) || typed.EndsWith("/", StringComparison.Ordinal) || typed.EndsWith("\\", StringComparison.Ordinal);

    /// <summary>
    /// A server-supplied name reduced to one file name, so it can never climb out of the folder it is saved in; null
    /// when nothing usable is left (empty, <c>.</c> or <c>..</c>).
    /// </summary>
    public static string? LocalName(string name)
    {
        var local = Path.GetFileName(name.Replace('\\', '/').TrimEnd('/').Split('/').Last());
        if (string.IsNullOrWhiteSpace(local) || local == "." || local == "..")
        {
            return null;
        }

        foreach (var bad in Path.GetInvalidFileNameChars())
        {
            local = local.Replace(bad, '_');
        }

        return local;
    }

    /// <summary>The error for a file that is already there, written before anything is downloaded over it.</summary>
    public static ErrorRecord Exists(string path) =>
        ErrorMap.Create(new IOException($"The file '{path}' already exists; nothing was downloaded."), ErrorMap.FileExists, ErrorCategory.ResourceExists, path,
            "Add -Force to replace the file, or choose another -Destination.");

    /// <summary>Expands a downloaded zip into <paramref name="folder"/> within -MaxExpandedSizeMB, replacing files only with -Force.</summary>
    public static IReadOnlyList<FileInfo> Expand(byte[] zip, string folder, int maxExpandedSizeMB, bool force) =>
        ArchiveExtractor.Expand(new MemoryStream(zip, writable: false), folder, new ArchiveLimits { MaxExpandedBytes = maxExpandedSizeMB * 1024L * 1024L, Overwrite = force });

    /// <summary>How a refused archive expansion is categorised: too large, in the way of an existing file, or unsafe.</summary>
    public static ErrorCategory CategoryOf(GumloopArchiveProblem problem) => problem switch
    {
        GumloopArchiveProblem.TooLarge => ErrorCategory.LimitsExceeded,
        GumloopArchiveProblem.Exists => ErrorCategory.ResourceExists,
        _ => ErrorCategory.SecurityError,
    };
}
