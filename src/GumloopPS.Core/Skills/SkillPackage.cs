using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace GumloopPS.Core;

/// <summary>Limits a skill upload is checked against before anything is sent.</summary>
public sealed class SkillPackageLimits
{
    /// <summary>The service refuses uploads over 10 MB with 413 (API.md 10.10).</summary>
    public const long DefaultMaxUploadBytes = 10L * 1024 * 1024;

    /// <summary>What the files may expand to in all: the official CLI's <c>total_uncompressed_bytes</c> for one sync bundle.</summary>
    public const long DefaultMaxExpandedBytes = 200L * 1024 * 1024;

    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;
    public long MaxExpandedBytes { get; set; } = DefaultMaxExpandedBytes;

    /// <summary>The official CLI's <c>files_per_skill</c>.</summary>
    public int MaxFiles { get; set; } = 1000;

    /// <summary>Highest expanded-to-compressed ratio of one entry above <see cref="RatioFloorBytes"/>, as <see cref="ArchiveLimits"/>.</summary>
    public int MaxCompressionRatio { get; set; } = ArchiveLimits.DefaultMaxCompressionRatio;
    public long RatioFloorBytes { get; set; } = 1024 * 1024;
}

public enum SkillPackageProblem
{
    /// <summary>The path does not exist.</summary>
    NotFound,

    /// <summary>Not a folder, .md, .zip or .skill.</summary>
    UnsupportedFile,

    /// <summary>No SKILL.md at the root of the folder or archive.</summary>
    MissingSkillFile,

    /// <summary>SKILL.md lacks front matter with a name and a description.</summary>
    InvalidFrontMatter,

    /// <summary>Over the upload size, the expanded size, the file count, or a zip bomb's compression ratio.</summary>
    TooLarge,

    /// <summary>An entry that would land outside the skill (../, an absolute path, a drive, a link).</summary>
    UnsafeEntry,

    /// <summary>The file is not a readable zip archive.</summary>
    InvalidArchive,
}

/// <summary>
/// One skill ready to upload as the <c>files</c> part of POST /skills or PATCH /skills/{id}: a folder zipped in memory
/// with SKILL.md at its root, a single SKILL.md, or a .zip/.skill archive. Everything the service would refuse, and
/// every archive that could harm whoever expands it later, is refused here first, so nothing is sent.
/// </summary>
public sealed class SkillPackage
{
    private const string SkillFile = "SKILL.md";

    private SkillPackage(string fileName, byte[] content, string mediaType, string name, string description, int fileCount, long expandedBytes)
    {
        FileName = fileName;
        Content = content;
        MediaType = mediaType;
        Name = name;
        Description = description;
        FileCount = fileCount;
        ExpandedBytes = expandedBytes;
    }

    /// <summary>The part's file name: SKILL.md, or an archive name ending in .zip or .skill.</summary>
    public string FileName { get; }

    internal byte[] Content { get; }
    public long Length => Content.LongLength;
    public string MediaType { get; }

    /// <summary>The front matter's <c>name</c>.</summary>
    public string Name { get; }
    public string Description { get; }
    public int FileCount { get; }
    public long ExpandedBytes { get; }

    /// <summary>Reads and checks a folder, a .md file, or a .zip/.skill archive.</summary>
    public static SkillPackage FromPath(string path, SkillPackageLimits? limits = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A path is required.", nameof(path));
        }

        limits ??= new SkillPackageLimits();
        if (Directory.Exists(path))
        {
            return FromFolder(path, limits);
        }

        if (!File.Exists(path))
        {
            throw new GumloopSkillPackageException($"'{path}' does not exist.", path, SkillPackageProblem.NotFound);
        }

        string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".md":
                byte[] text = ReadCapped(path, limits.MaxUploadBytes);
                FrontMatter matter = FrontMatter.Parse(Decode(text), path);
                return new SkillPackage(SkillFile, text, "text/markdown", matter.Name, matter.Description, 1, text.LongLength);
            case ".zip":
            case ".skill":
                byte[] zip = ReadCapped(path, limits.MaxUploadBytes);
                return FromArchive(zip, System.IO.Path.GetFileName(path), path, limits);
            default:
                throw new GumloopSkillPackageException(
                    $"'{path}' is not a skill: give a folder holding SKILL.md, a SKILL.md file, or a .zip or .skill archive.", path, SkillPackageProblem.UnsupportedFile);
        }
    }

    /// <summary>Checks an archive: entry names, size, file count, compression ratio (read, never trusting the header), SKILL.md.</summary>
    public static SkillPackage FromArchive(byte[] zip, string fileName, string path, SkillPackageLimits? limits = null)
    {
        if (zip == null)
        {
            throw new ArgumentNullException(nameof(zip));
        }

        limits ??= new SkillPackageLimits();
        if (zip.LongLength > limits.MaxUploadBytes)
        {
            throw TooLarge(path, $"'{path}' is {Megabytes(zip.LongLength)}; skills are limited to {Megabytes(limits.MaxUploadBytes)}");
        }

        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            var entries = archive.Entries.Where(e => !IsFolderEntry(e)).ToList();
            if (entries.Count > limits.MaxFiles)
            {
                throw TooLarge(path, $"'{path}' holds {entries.Count} files; a skill may hold {limits.MaxFiles}");
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long declared = 0;
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                CheckEntryName(entry.FullName, path);
                if (IsLink(entry))
                {
                    throw Unsafe(path, $"the archive entry '{entry.FullName}' is a symbolic link");
                }

                if (!IsFolderEntry(entry) && !names.Add(entry.FullName.Replace('\\', '/')))
                {
                    throw Unsafe(path, $"the archive holds '{entry.FullName}' more than once");
                }

                // Deflate never grows data by more than a few bytes per 16 KB block, so far more compressed data than the
                // declared size means a header that lies about what the entry expands to: readers that trust it stop early,
                // others (the service's, whoever expands the skill later) may inflate all of it.
                if (entry.CompressedLength > entry.Length + (entry.Length / 1000) + 1024)
                {
                    throw Unsafe(path, $"the archive entry '{entry.FullName}' holds far more compressed data than the {entry.Length} bytes its header declares, as a zip bomb that lies about its size does");
                }

                declared += Math.Max(0, entry.Length);
            }

            // The declared sizes refuse an honest bomb without inflating a byte; the counted read below catches one that lies.
            if (declared > limits.MaxExpandedBytes)
            {
                throw TooLarge(path, $"'{path}' expands to {Megabytes(declared)}; a skill may expand to {Megabytes(limits.MaxExpandedBytes)}");
            }

            ZipArchiveEntry? skillEntry = entries.FirstOrDefault(e => string.Equals(e.FullName, SkillFile, StringComparison.Ordinal))
                ?? entries.FirstOrDefault(e => string.Equals(e.FullName, SkillFile, StringComparison.OrdinalIgnoreCase));
            if (skillEntry == null)
            {
                throw new GumloopSkillPackageException(
                    $"'{path}' has no SKILL.md at its root; put SKILL.md at the top of the archive, not in a subfolder.", path, SkillPackageProblem.MissingSkillFile);
            }

            long total = 0;
            byte[]? skillText = null;
            byte[] buffer = new byte[81920];
            foreach (ZipArchiveEntry entry in entries)
            {
                bool keep = ReferenceEquals(entry, skillEntry);
                using var kept = keep ? new MemoryStream() : null;
                long entryBytes = 0;
                using (Stream input = entry.Open())
                {
                    int n;
                    while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        entryBytes += n;
                        total += n;
                        if (total > limits.MaxExpandedBytes)
                        {
                            throw TooLarge(path, $"'{path}' expands to more than {Megabytes(limits.MaxExpandedBytes)}, more than its headers declare, as a zip bomb does");
                        }

                        if (entryBytes > limits.RatioFloorBytes && entryBytes > (long)limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                        {
                            throw TooLarge(path, $"the archive entry '{entry.FullName}' expands more than {limits.MaxCompressionRatio.ToString(CultureInfo.InvariantCulture)} times its compressed size, as a zip bomb does");
                        }

                        kept?.Write(buffer, 0, n);
                    }
                }

                if (kept != null)
                {
                    skillText = kept.ToArray();
                }
            }

            FrontMatter matter = FrontMatter.Parse(Decode(skillText!), path + "!" + skillEntry.FullName);
            string uploadName = fileName.EndsWith(".skill", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? fileName : fileName + ".zip";
            return new SkillPackage(uploadName, zip, "application/zip", matter.Name, matter.Description, entries.Count, total);
        }
        catch (InvalidDataException ex)
        {
            throw new GumloopSkillPackageException($"'{path}' is not a readable zip archive: {ex.Message}", path, SkillPackageProblem.InvalidArchive, ex);
        }
    }

    private static SkillPackage FromFolder(string folder, SkillPackageLimits limits)
    {
        string root = System.IO.Path.GetFullPath(folder);
        var files = new List<KeyValuePair<string, FileInfo>>();
        long total = 0;
        Walk(new DirectoryInfo(root), string.Empty, files, ref total, limits, folder);
        var skill = files.FirstOrDefault(f => string.Equals(f.Key, SkillFile, StringComparison.Ordinal));
        if (skill.Value == null)
        {
            skill = files.FirstOrDefault(f => string.Equals(f.Key, SkillFile, StringComparison.OrdinalIgnoreCase));
        }

        if (skill.Value == null)
        {
            throw new GumloopSkillPackageException(
                $"The folder '{folder}' has no SKILL.md at its top; a skill folder holds SKILL.md and any files it refers to.", folder, SkillPackageProblem.MissingSkillFile);
        }

        FrontMatter matter = FrontMatter.Parse(Decode(File.ReadAllBytes(skill.Value.FullName)), skill.Value.FullName);
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (KeyValuePair<string, FileInfo> file in files)
            {
                // SKILL.md keeps the one spelling the service looks for, whatever case the folder uses.
                string entryName = ReferenceEquals(file.Value, skill.Value) ? SkillFile : file.Key;
                ZipArchiveEntry entry = archive.CreateEntry(entryName, CompressionLevel.Optimal);
                entry.LastWriteTime = file.Value.LastWriteTime;
                using Stream output = entry.Open();
                using FileStream input = file.Value.OpenRead();
                input.CopyTo(output);
            }
        }

        byte[] zip = memory.ToArray();
        if (zip.LongLength > limits.MaxUploadBytes)
        {
            throw TooLarge(folder, $"The folder '{folder}' zips to {Megabytes(zip.LongLength)}; skills are limited to {Megabytes(limits.MaxUploadBytes)}");
        }

        string name = System.IO.Path.GetFileName(root.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
        return new SkillPackage((string.IsNullOrEmpty(name) ? "skill" : name) + ".zip", zip, "application/zip", matter.Name, matter.Description, files.Count, total);
    }

    private static void Walk(DirectoryInfo folder, string prefix, List<KeyValuePair<string, FileInfo>> files, ref long total, SkillPackageLimits limits, string origin)
    {
        foreach (FileSystemInfo item in folder.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            // A link could carry a file from anywhere on the machine into the upload.
            if ((item.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw Unsafe(origin, $"'{item.FullName}' is a symbolic link or other reparse point; copy the file it points to into the folder instead");
            }

            string relative = prefix + item.Name;
            if (item is DirectoryInfo sub)
            {
                Walk(sub, relative + "/", files, ref total, limits, origin);
            }
            else if (item is FileInfo file)
            {
                total += file.Length;
                files.Add(new KeyValuePair<string, FileInfo>(relative, file));
                if (files.Count > limits.MaxFiles)
                {
                    throw TooLarge(origin, $"The folder '{origin}' holds more than {limits.MaxFiles} files");
                }

                if (total > limits.MaxExpandedBytes)
                {
                    throw TooLarge(origin, $"The folder '{origin}' holds more than {Megabytes(limits.MaxExpandedBytes)}");
                }
            }
        }
    }

    /// <summary>Refuses names that would land outside the skill's folder wherever it is expanded.</summary>
    internal static void CheckEntryName(string name, string path)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => c < ' ' || c == 0x7F))
        {
            throw Unsafe(path, "an archive entry has an empty name or control characters in its name");
        }

        string normal = name.Replace('\\', '/');
        if (normal.StartsWith("/", StringComparison.Ordinal) || (normal.Length >= 2 && normal[1] == ':' && char.IsLetter(normal[0])))
        {
            throw Unsafe(path, $"the archive entry '{name}' has an absolute path");
        }

        if (normal.Split('/').Any(part => part == ".."))
        {
            throw Unsafe(path, $"the archive entry '{name}' climbs out of the skill with '..'");
        }
    }

    private static bool IsFolderEntry(ZipArchiveEntry entry) => entry.FullName.EndsWith("/", StringComparison.Ordinal) || entry.FullName.EndsWith("\\", StringComparison.Ordinal);

    // netstandard2.0 lacks ZipArchiveEntry.ExternalAttributes; every runtime the module loads on (.NET 8+) has it.
    private static readonly System.Reflection.PropertyInfo? ExternalAttributes = typeof(ZipArchiveEntry).GetProperty("ExternalAttributes");

    /// <summary>Unix archivers keep the file mode in the high half of the external attributes; 0xA000 is a symbolic link.</summary>
    private static bool IsLink(ZipArchiveEntry entry) =>
        ExternalAttributes?.GetValue(entry) is int attributes && ((attributes >> 16) & 0xF000) == 0xA000;

    private static byte[] ReadCapped(string path, long max)
    {
        var info = new FileInfo(path);
        if (info.Length > max)
        {
            throw TooLarge(path, $"'{path}' is {Megabytes(info.Length)}; skills are limited to {Megabytes(max)}");
        }

        return File.ReadAllBytes(path);
    }

    private static string Decode(byte[] bytes)
    {
        int offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Encoding.UTF8.GetString(bytes, offset, bytes.Length - offset);
    }

    private static GumloopSkillPackageException TooLarge(string path, string what) =>
        new GumloopSkillPackageException(what + "; nothing was sent.", path, SkillPackageProblem.TooLarge);

    private static GumloopSkillPackageException Unsafe(string path, string what) =>
        new GumloopSkillPackageException($"'{path}' is not safe to upload: {what}; nothing was sent.", path, SkillPackageProblem.UnsafeEntry);

    internal static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The YAML front matter of SKILL.md, read as far as the service needs: the name and description.</summary>
    internal readonly struct FrontMatter
    {
        private FrontMatter(string name, string description)
        {
            Name = name;
            Description = description;
        }

        public string Name { get; }
        public string Description { get; }

        public static FrontMatter Parse(string text, string path)
        {
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            if (lines.Length == 0 || lines[0].Trim() != "---")
            {
                throw Invalid(path, "SKILL.md must start with front matter between '---' lines, holding name: and description:");
            }

            int end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
            if (end < 0)
            {
                throw Invalid(path, "the front matter of SKILL.md has no closing '---' line");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 1; i < end; i++)
            {
                string line = lines[i];
                if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                string key = line.Substring(0, colon).Trim();
                string value = line.Substring(colon + 1).Trim();
                if (value == "|" || value == ">" || value == "|-" || value == ">-")
                {
                    // A block scalar: the indented lines that follow.
                    var block = new List<string>();
                    while (i + 1 < end && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0])))
                    {
                        block.Add(lines[++i].Trim());
                    }

                    value = string.Join(value.StartsWith("|", StringComparison.Ordinal) ? "\n" : " ", block).Trim();
                }
                else if (value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\'')))
                {
                    value = value.Substring(1, value.Length - 2);
                }

                values[key] = value;
            }

            values.TryGetValue("name", out string? name);
            values.TryGetValue("description", out string? description);
            if (string.IsNullOrWhiteSpace(name))
            {
                throw Invalid(path, "the front matter of SKILL.md has no name:");
            }

            if (string.IsNullOrWhiteSpace(description))
            {
                throw Invalid(path, "the front matter of SKILL.md has no description:");
            }

            return new FrontMatter(name!.Trim(), description!.Trim());
        }

        private static GumloopSkillPackageException Invalid(string path, string what) =>
            new GumloopSkillPackageException($"'{path}': {what}. Nothing was sent.", path, SkillPackageProblem.InvalidFrontMatter);
    }
}
