using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>
/// The Brain's documented limits and values (API.md 10.9), checked before anything is sent, so a bad file or a
/// mismatched scope is refused locally with a clear message instead of after an upload.
/// </summary>
public static class BrainRules
{
    /// <summary>Parts one upload request may carry.</summary>
    public const int MaxFilesPerRequest = 25;

    /// <summary>Largest file the Brain takes.</summary>
    public const long MaxFileBytes = 25L * 1024 * 1024;

    /// <summary>
    /// Bytes one request carries at most before the rest go in the next one. The service answers 413 to a batch that
    /// is too large without saying where the limit is; 25 files of 25 MB in one body would be 625 MB.
    /// </summary>
    public const long MaxBatchBytes = 100L * 1024 * 1024;

    public const int MaxNameLength = 200;

    public static IReadOnlyList<string> SourceTypes { get; } = new[]
    {
        "notion", "google_drive", "slack", "github", "confluence", "direct_file_uploads", "gumloop_artifacts",
    };

    public static IReadOnlyList<string> Scopes { get; } = new[] { "personal", "team", "organization" };

    public static IReadOnlyList<string> FileStatuses { get; } = new[] { "uploaded", "indexing", "indexed", "failed" };

    /// <summary>PDF, Word, PowerPoint, Excel, .txt, .md, .html, .csv and .rtf, as the upload route documents them.</summary>
    public static IReadOnlyList<string> FileExtensions { get; } = new[]
    {
        ".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".txt", ".md", ".html", ".htm", ".csv", ".rtf",
    };

    public static bool IsSupportedFileName(string? fileName)
    {
        string extension = Path.GetExtension(fileName ?? string.Empty);
        return extension.Length > 0 && FileExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Checks a new source's name, scope and team id; the service refuses the same with 400.</summary>
    public static void CheckNewSource(string? name, string? scope, string? teamId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new GumloopBrainException("A Brain source needs a name.", BrainProblem.InvalidSource, name);
        }

        if (name!.Length > MaxNameLength)
        {
            throw new GumloopBrainException(
                string.Format(CultureInfo.InvariantCulture, "A Brain source name has at most {0} characters; this one has {1}.", MaxNameLength, name.Length),
                BrainProblem.InvalidSource,
                name);
        }

        string effective = scope ?? "personal";
        if (!Scopes.Contains(effective, StringComparer.Ordinal))
        {
            throw new GumloopBrainException($"'{effective}' is not a Brain scope; use personal, team or organization.", BrainProblem.InvalidSource, name);
        }

        bool hasTeam = !string.IsNullOrWhiteSpace(teamId);
        if (effective == "team" && !hasTeam)
        {
            throw new GumloopBrainException("A team-scoped Brain source needs a team id: add -TeamId.", BrainProblem.InvalidSource, name);
        }

        if (effective != "team" && hasTeam)
        {
            throw new GumloopBrainException(
                $"A team id is allowed only with team scope, and this source's scope is '{effective}': add -Scope team, or leave out -TeamId.",
                BrainProblem.InvalidSource,
                name);
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> is an existing regular file of a type and size the Brain takes, without
    /// reading it. Throws <see cref="GumloopFileException"/> or <see cref="GumloopBrainException"/>.
    /// </summary>
    public static BrainUploadFile CheckUploadable(string path)
    {
        var info = LocalFileKind.RequireRegularFile(path, forUpload: true);
        if (!IsSupportedFileName(info.Name))
        {
            throw new GumloopBrainException(
                $"The Brain does not index '{info.Name}': it takes PDF, Word, PowerPoint, Excel, .txt, .md, .html, .csv and .rtf files. Nothing was uploaded for it.",
                BrainProblem.UnsupportedType,
                info.FullName);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new GumloopBrainException(
                string.Format(CultureInfo.InvariantCulture, "The file '{0}' is {1:0.#} MB; the Brain takes files of at most {2} MB. Nothing was uploaded for it.",
                    info.FullName, info.Length / (1024.0 * 1024.0), MaxFileBytes / (1024 * 1024)),
                BrainProblem.TooLarge,
                info.FullName);
        }

        return new BrainUploadFile(info.FullName, info.Name, info.Length, MediaTypes.FromFileName(info.Name));
    }
}

/// <summary>One local file to upload to a Brain source, checked by <see cref="BrainRules.CheckUploadable"/>.</summary>
public sealed class BrainUploadFile
{
    public BrainUploadFile(string path, string fileName, long length, string mediaType)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        Length = length;
        MediaType = mediaType ?? MediaTypes.Default;
    }

    public string Path { get; }

    /// <summary>The name the part carries; the service stores the file under it.</summary>
    public string FileName { get; }
    public long Length { get; }
    public string MediaType { get; }
}
