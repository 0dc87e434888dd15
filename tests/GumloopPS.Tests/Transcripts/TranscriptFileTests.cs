using System;
using System.IO;
using System.Linq;
using System.Text;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Transcripts;

public sealed class TranscriptFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gumloopps-transcript-" + Guid.NewGuid().ToString("n"));

    public TranscriptFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Q3 renewal / pricing", "sess_1", "Q3-renewal-_-pricing_sess_1.html")]
    [InlineData("..\\..\\Windows\\System32\\evil", "s", "Windows_System32_evil_s.html")]
    [InlineData("../../etc/passwd", "s", "etc_passwd_s.html")]
    [InlineData("CON", null, "_CON.html")]
    [InlineData("nul.txt", null, "_nul.txt.html")]
    [InlineData("com1", "", "_com1.html")]
    [InlineData("a<b>c:d\"e|f?g*h%i", "s", "a_b_c_d_e_f_g_h_i_s.html")]
    [InlineData("name. ", "s", "name_s.html")]
    [InlineData("...", "...", "session.html")]
    [InlineData(null, "sess_9", "session_sess_9.html")]
    [InlineData("tab\there\nnewline\u0001bell\u001b[31m", "s", "tab-here-newline_bell_[31m_s.html")]
    [InlineData("invoice\u202Etxt.exe", "s", "invoice_txt.exe_s.html")]
    public void NamesFromSessionsAreSafe(string? name, string? id, string expected)
    {
        var names = new TranscriptFileNames();
        string actual = names.ForSession(name, id, ".html");
        Assert.Equal(expected, actual);
        Assert.Equal(Path.GetFileName(actual), actual);
        Assert.DoesNotContain(actual, c => c < ' ' || "<>:\"/\\|?*".IndexOf(c) >= 0);
    }

    [Fact]
    public void NamesAreUniqueWithoutRegardToCaseAndFitInAFileSystemName()
    {
        var names = new TranscriptFileNames();
        names.Reserve("index.html");
        Assert.Equal("index-2.html", names.ForSession("index", null, ".html"));
        Assert.Equal("Same_s1.md", names.ForSession("Same", "s1", ".md"));
        Assert.Equal("same_S1-2.md", names.ForSession("same", "S1", ".md"));

        string longName = names.ForSession(new string('名', 500), new string('x', 500), ".html");
        Assert.True(Encoding.UTF8.GetByteCount(longName) <= 255, longName);

        // Writing one proves the name is accepted by this file system.
        File.WriteAllText(Path.Combine(_dir, longName), "x");
    }

    [Fact]
    public void ExistingFilesAreNotOverwrittenWithoutPermission()
    {
        string path = Path.Combine(_dir, "t.html");
        File.WriteAllText(path, "keep me");
        var ex = Assert.Throws<GumloopTranscriptException>(() => TranscriptFileTarget.Create(path, overwrite: false));
        Assert.Equal(TranscriptProblem.FileExists, ex.Problem);
        Assert.Equal("keep me", File.ReadAllText(path));

        using (var target = TranscriptFileTarget.Create(path, overwrite: true))
        {
            target.Stream.Write(new byte[] { (byte)'n', (byte)'e', (byte)'w' });
            target.Commit();
        }

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void AnUncommittedFileLeavesNothingBehind()
    {
        string path = Path.Combine(_dir, "sub", "t.jsonl");
        using (var target = TranscriptFileTarget.Create(path, overwrite: false))
        {
            target.Stream.Write(new byte[100]);
            Assert.True(File.Exists(target.TempPath));
            Assert.False(File.Exists(path));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "sub")));
    }

    [Fact]
    public void AFileThatAppearsWhileWritingIsNotReplaced()
    {
        string path = Path.Combine(_dir, "race.csv");
        using var target = TranscriptFileTarget.Create(path, overwrite: false);
        File.WriteAllText(path, "someone else's");
        var ex = Assert.Throws<GumloopTranscriptException>(() => target.Commit());
        Assert.Equal(TranscriptProblem.FileExists, ex.Problem);
        Assert.Equal("someone else's", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_dir));
    }

    [Fact]
    public void JsonlReaderReportsBadLinesAndReadsTheRest()
    {
        string text = "{\"session_id\":\"s\",\"id\":\"m1\",\"role\":\"user\",\"content\":\"hi\"}\n\nnot json\n[1,2]\n{\"session_id\":\"s\",\"id\":\"m2\",\"role\":\"assistant\",\"content\":\"yo\"}\n";
        var lines = JsonlTranscriptReader.Read(new StringReader(text)).ToList();
        Assert.Equal(new long[] { 1, 3, 4, 5 }, lines.Select(l => l.LineNumber));
        Assert.Equal(new[] { "m1", null, null, "m2" }, lines.Select(l => l.Message?.Id));
        Assert.NotNull(lines[1].Error);
        Assert.NotNull(lines[2].Error);
        Assert.Equal("s", lines[3].Message!.SessionId);
        Assert.Empty(lines[3].Message!.GetAdditionalPropertyNames());
    }
}
