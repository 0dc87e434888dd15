using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Skills;

public sealed class SkillPackageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gl-skill-" + Guid.NewGuid().ToString("N"));

    public SkillPackageTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void The_bomb_really_expands_to_a_gigabyte_from_about_a_megabyte()
    {
        // The test archive must be what it claims, or the refusals below prove nothing.
        byte[] bomb = HostileZips.Bomb(expandedMegabytes: 8);
        using var zip = new ZipArchive(new MemoryStream(bomb), ZipArchiveMode.Read);
        using var s = zip.GetEntry("bomb.bin")!.Open();
        long total = 0;
        var buffer = new byte[81920];
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0) { total += n; if (total >= 8L * 1024 * 1024) break; }
        Assert.Equal(8L * 1024 * 1024, total);
        Assert.InRange(HostileZips.Bomb().Length, 100_000, 2 * 1024 * 1024);
    }

    [Fact]
    public void A_folder_is_zipped_with_SKILL_md_at_the_root_and_its_front_matter_read()
    {
        Write("churn/skill.md", Encoding.UTF8.GetBytes(HostileZips.SkillMd));
        Write("churn/reference/signals.csv", Encoding.UTF8.GetBytes("signal,weight\nlogins,3\n"));

        var package = SkillPackage.FromPath(Path.Combine(_dir, "churn"));

        Assert.Equal("churn-signals", package.Name);
        Assert.Equal("Checklist of churn signals to scan for.", package.Description);
        Assert.Equal("churn.zip", package.FileName);
        Assert.Equal(2, package.FileCount);
        using var zip = new ZipArchive(new MemoryStream(package.Content), ZipArchiveMode.Read);
        Assert.Equal(new[] { "SKILL.md", "reference/signals.csv" }, zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("---\ndescription: no name\n---\n", "no name:")]
    [InlineData("---\nname: x\n---\n", "no description:")]
    [InlineData("# Just a heading\n", "must start with front matter")]
    [InlineData("---\nname: x\ndescription: y\n", "no closing")]
    public void Front_matter_without_name_or_description_is_refused(string text, string says)
    {
        string path = Write("SKILL.md", Encoding.UTF8.GetBytes(text));
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path));
        Assert.Equal(SkillPackageProblem.InvalidFrontMatter, ex.Problem);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_scalars_and_quotes_in_front_matter_are_read()
    {
        string path = Write("SKILL.md", Encoding.UTF8.GetBytes("---\nname: \"renewal-brief\"\ndescription: >\n  Structure for a\n  one-page brief.\n---\n"));
        var package = SkillPackage.FromPath(path);
        Assert.Equal("renewal-brief", package.Name);
        Assert.Equal("Structure for a one-page brief.", package.Description);
        Assert.Equal("SKILL.md", package.FileName);
    }

    [Theory]
    [InlineData("../evil.md", "climbs out")]
    [InlineData("docs/../../evil.md", "climbs out")]
    [InlineData("..\\evil.md", "climbs out")]
    [InlineData("/etc/cron.d/evil", "absolute path")]
    [InlineData("C:/Windows/evil.dll", "absolute path")]
    public void Zip_slip_and_absolute_entries_are_refused(string entry, string says)
    {
        string path = Write("hostile.zip", HostileZips.WithEntries(("SKILL.md", HostileZips.SkillMd), (entry, "x")));
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path));
        Assert.Equal(SkillPackageProblem.UnsafeEntry, ex.Problem);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gigabyte_bomb_with_honest_headers_is_refused_without_inflating_it()
    {
        string path = Write("bomb.skill", HostileZips.Bomb());
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path));
        Assert.Equal(SkillPackageProblem.TooLarge, ex.Problem);
        Assert.Contains("expands to 1024 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gigabyte_bomb_whose_headers_lie_is_refused_while_reading()
    {
        string path = Write("liar.zip", HostileZips.Bomb(declaredBytes: 1000));
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path));
        Assert.Equal(SkillPackageProblem.UnsafeEntry, ex.Problem);
        Assert.Contains("zip bomb that lies", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_without_SKILL_md_at_its_root_is_refused()
    {
        string path = Write("nested.zip", HostileZips.WithEntries(("churn/SKILL.md", HostileZips.SkillMd)));
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path));
        Assert.Equal(SkillPackageProblem.MissingSkillFile, ex.Problem);
    }

    [Fact]
    public void More_than_ten_megabytes_is_refused()
    {
        var random = new Random(7);
        var noise = new byte[11 * 1024 * 1024];
        random.NextBytes(noise);
        Write("big/SKILL.md", Encoding.UTF8.GetBytes(HostileZips.SkillMd));
        Write("big/noise.bin", noise);
        var ex = Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(Path.Combine(_dir, "big")));
        Assert.Equal(SkillPackageProblem.TooLarge, ex.Problem);
        Assert.Contains("limited to 10 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_file_types_are_refused()
    {
        string path = Write("notes.txt", Encoding.UTF8.GetBytes("x"));
        Assert.Equal(SkillPackageProblem.UnsupportedFile, Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(path)).Problem);
        Assert.Equal(SkillPackageProblem.NotFound, Assert.Throws<GumloopSkillPackageException>(() => SkillPackage.FromPath(Path.Combine(_dir, "none"))).Problem);
    }

    [Fact]
    public void Expanding_a_downloaded_bomb_writes_nothing_at_all()
    {
        string target = Path.Combine(_dir, "out");
        var ex = Assert.Throws<GumloopArchiveException>(() => ArchiveExtractor.Expand(new MemoryStream(HostileZips.Bomb()), target));
        Assert.Equal(GumloopArchiveProblem.TooLarge, ex.Problem);

        // Refused while planning: not even the folder, let alone SKILL.md, was created.
        Assert.False(Directory.Exists(target));
    }
}
