using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Brain;

/// <summary>
/// The wait behind Add-GumloopBrainFile -Wait, on an injected clock and sleep: the simulator advances indexing one step
/// per read of the file list, so the number of polls is exact and no test waits for real time.
/// </summary>
public sealed class BrainIndexWaiterTests : IDisposable
{
    private readonly SimClient _sim = new SimClient();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gumloopps-wait-" + Guid.NewGuid().ToString("N"));
    private readonly List<TimeSpan> _sleeps = new List<TimeSpan>();
    private TimeSpan _now = TimeSpan.Zero;

    public BrainIndexWaiterTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _sim.Dispose();
        Directory.Delete(_folder, true);
    }

    /// <summary>A sleep that only moves the injected clock.</summary>
    private Task Sleep(TimeSpan delay, CancellationToken ct)
    {
        _sleeps.Add(delay);
        _now += delay;
        return Task.CompletedTask;
    }

    private async Task<(string SourceId, BrainUploadResult Upload)> UploadAsync(params (string Name, string Content)[] files)
    {
        var source = await _sim.Client.CreateBrainSourceAsync("Docs", null, null, false, CancellationToken.None);
        var checkedFiles = files.Select(f =>
        {
            string path = Path.Combine(_folder, f.Name);
            File.WriteAllText(path, f.Content);
            return BrainRules.CheckUploadable(path);
        }).ToList();
        return (source.SourceId!, await _sim.Client.UploadBrainFilesAsync(source.SourceId!, checkedFiles, CancellationToken.None));
    }

    private int FileListReads(string sourceId) =>
        _sim.Sim.RequestLog.Count(r => r.Method == "GET" && r.Path.EndsWith($"/brain/sources/{sourceId}/files", StringComparison.Ordinal));

    [Fact]
    public async Task Waits_until_every_file_is_indexed_or_failed_and_reports_each_state_seen()
    {
        _sim.Sim.BrainIndexingReads = 3;
        var (sourceId, upload) = await UploadAsync(("a.md", "alpha"), ("b.md", "beta"), ("broken.txt", "sim:fail"));
        var seen = new List<string>();

        var final = await BrainIndexWaiter.WaitAsync(_sim.Client, sourceId, upload.Files, new WaitDeadline(TimeSpan.FromMinutes(1), () => _now),
            (p, elapsed) => seen.Add(string.Join(",", p.Files.Select(f => f.Status))), CancellationToken.None, Sleep);

        Assert.True(final.IsDone);
        Assert.Equal(new[] { "indexed", "indexed", "failed" }, final.Files.Select(f => f.Status).ToArray());
        Assert.Equal("The file could not be parsed.", final.Files[2].Error);
        Assert.All(final.Files.Take(2), f => Assert.StartsWith("direct_file_uploads:", f.DocumentId, StringComparison.Ordinal));
        Assert.Equal(upload.Files.Select(f => f.SourcePath), final.Files.Select(f => f.SourcePath));
        Assert.Equal(3, FileListReads(sourceId));
        Assert.Equal(3, _sleeps.Count);
        Assert.Contains("indexing,indexing,indexing", seen);
        Assert.Equal("indexed,indexed,failed", seen.Last());
        Assert.Equal("2 of 3 indexed, 1 failed", final.ToString());
    }

    [Fact]
    public async Task Reaching_the_deadline_is_an_index_timeout_naming_the_source()
    {
        _sim.Sim.BrainIndexingReads = 1000;
        var (sourceId, upload) = await UploadAsync(("slow.md", "slow"));

        var ex = await Assert.ThrowsAsync<GumloopBrainException>(() => BrainIndexWaiter.WaitAsync(_sim.Client, sourceId, upload.Files,
            new WaitDeadline(TimeSpan.FromSeconds(5), () => _now), null, CancellationToken.None, Sleep));

        Assert.Equal(BrainProblem.IndexTimeout, ex.Problem);
        Assert.Equal(sourceId, ex.Target);
        Assert.Contains("1 of 1 files", ex.Message, StringComparison.Ordinal);
        Assert.True(_now >= TimeSpan.FromSeconds(5));
        Assert.True(FileListReads(sourceId) < 20, "the growing interval keeps the polls few");
    }

    [Fact]
    public async Task A_file_deleted_while_waiting_is_not_waited_for()
    {
        _sim.Sim.BrainIndexingReads = 2;
        var (sourceId, upload) = await UploadAsync(("keep.md", "keep"), ("drop.md", "drop"));
        Assert.True(await _sim.Client.DeleteBrainFileAsync(sourceId, upload.Files[1].FileId!, CancellationToken.None));

        var final = await BrainIndexWaiter.WaitAsync(_sim.Client, sourceId, upload.Files, new WaitDeadline(null, () => _now), null, CancellationToken.None, Sleep);

        Assert.Equal("indexed", final.Files[0].Status);
        Assert.Equal(upload.Files[1].FileId, Assert.Single(final.Missing));
    }

    [Fact]
    public async Task Files_already_settled_need_no_request()
    {
        var settled = BrainFile.FromJson(System.Text.Json.JsonDocument.Parse("{\"id\":\"bfile_1\",\"file_name\":\"a.md\",\"status\":\"indexed\"}").RootElement, "bsrc_x");
        _sim.Sim.ClearRequestLog();

        var final = await BrainIndexWaiter.WaitAsync(_sim.Client, "bsrc_x", new[] { settled }, WaitDeadline.None, null, CancellationToken.None, Sleep);

        Assert.True(final.IsDone);
        Assert.Empty(_sim.Sim.RequestLog);
        Assert.Empty(_sleeps);
    }
}
