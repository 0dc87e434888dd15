using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Simulator;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Brain;

/// <summary>What the Brain calls put on the wire, read back from the simulator's request log, and how answers are read.</summary>
public sealed class BrainClientTests : IDisposable
{
    private readonly SimClient _sim = new SimClient();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gumloopps-brain-" + Guid.NewGuid().ToString("N"));

    public BrainClientTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _sim.Dispose();
        Directory.Delete(_folder, true);
    }

    private GumloopClient Client => _sim.Client;

    private SimulatorRequest Last(string method, string pathEnd) =>
        _sim.Sim.RequestLog.Last(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    private static JsonElement BodyOf(SimulatorRequest request) => JsonDocument.Parse(request.Body!).RootElement.Clone();

    private BrainUploadFile File(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return BrainRules.CheckUploadable(path);
    }

    [Fact]
    public async Task Search_sends_query_limit_and_source_types_and_ranks_the_results()
    {
        var results = await Client.SearchBrainAsync("Northwind renewal", 3, new[] { "google_drive", "slack" }, CancellationToken.None);

        var body = BodyOf(Last("POST", "/brain/search"));
        Assert.Equal("Northwind renewal", body.GetProperty("query").GetString());
        Assert.Equal(3, body.GetProperty("limit").GetInt32());
        Assert.Equal(new[] { "google_drive", "slack" }, body.GetProperty("source_type").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.NotEmpty(results);
        Assert.Equal(Enumerable.Range(1, results.Count), results.Select(r => r.Rank));
        Assert.All(results, r => Assert.Contains(r.Source, new[] { "google_drive", "slack" }));
        Assert.All(results, r => Assert.Equal("Northwind renewal", r.Query));
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score), "results are best first");
    }

    [Fact]
    public async Task Search_leaves_out_what_was_not_given_and_is_never_retried()
    {
        await Client.SearchBrainAsync("SLA credits", null, null, CancellationToken.None);
        var body = BodyOf(Last("POST", "/brain/search"));
        Assert.False(body.TryGetProperty("limit", out _));
        Assert.False(body.TryGetProperty("source_type", out _));

        // A search spends credits: a 502 after the server may have acted is reported, not repeated.
        _sim.Sim.AddFault(new FaultRule("POST", "/brain/search", SimulatorFault.Status(502)));
        _sim.Sim.ClearRequestLog();
        await Assert.ThrowsAsync<GumloopApiException>(() => Client.SearchBrainAsync("SLA credits", null, null, CancellationToken.None));
        Assert.Single(_sim.Sim.RequestLog, r => r.Path.EndsWith("/brain/search", StringComparison.Ordinal));
        Assert.Equal(GumloopRequestKind.MessageCreating, GumloopOperationCatalog.All.Single(o => o.OperationId == "searchBrain").RetryKind);
    }

    [Fact]
    public async Task Search_refuses_a_blank_query_and_a_limit_out_of_range_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.SearchBrainAsync(" ", null, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.SearchBrainAsync("x", 51, null, CancellationToken.None));
        Assert.DoesNotContain(_sim.Sim.RequestLog, r => r.Path.Contains("/brain/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sources_list_sends_filters_and_pages_with_the_cursor()
    {
        for (int i = 0; i < 5; i++) await Client.CreateBrainSourceAsync("Folder " + i, "organization", null, false, CancellationToken.None);
        _sim.Sim.ClearRequestLog();

        var sources = new List<BrainSource>();
        var page = new PageRequest(PagingStyle.Cursor, "sources") { PageSize = 2 };
        await Client.ReadBrainSourcesAsync(new BrainSourceQuery { Scope = "organization", SourceType = "direct_file_uploads" }, page, sources.Add, CancellationToken.None);

        Assert.Equal(5, sources.Count);
        Assert.All(sources, s => Assert.Equal("organization", s.Scope));
        var requests = _sim.Sim.RequestLog.Where(r => r.Path.EndsWith("/brain/sources", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Contains("scope=organization", r.Query, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("source_type=direct_file_uploads", r.Query, StringComparison.Ordinal));
        Assert.DoesNotContain("cursor=", requests[0].Query, StringComparison.Ordinal);
        Assert.Contains("cursor=", requests[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_sends_the_documented_body_and_reads_the_source()
    {
        var source = await Client.CreateBrainSourceAsync("Legal archive", "team", _sim.Sim.TeamId, true, CancellationToken.None);

        var body = BodyOf(Last("POST", "/brain/sources"));
        Assert.Equal("Legal archive", body.GetProperty("name").GetString());
        Assert.Equal("direct_file_uploads", body.GetProperty("source_type").GetString());
        Assert.Equal("team", body.GetProperty("scope").GetString());
        Assert.Equal(_sim.Sim.TeamId, body.GetProperty("team_id").GetString());
        Assert.True(body.GetProperty("require_approval").GetBoolean());
        Assert.Equal("draft", source.Status);
        Assert.Equal(_sim.Sim.TeamId, source.TeamId);
        Assert.StartsWith("bsrc_", source.SourceId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("team", null, "needs a team id")]
    [InlineData("personal", "tm_5c2d8e17", "only with team scope")]
    [InlineData(null, "tm_5c2d8e17", "only with team scope")]
    [InlineData("galaxy", null, "not a Brain scope")]
    public async Task Create_checks_the_scope_and_team_rules_before_sending(string? scope, string? teamId, string message)
    {
        var ex = await Assert.ThrowsAsync<GumloopBrainException>(() => Client.CreateBrainSourceAsync("x", scope, teamId, false, CancellationToken.None));
        Assert.Equal(BrainProblem.InvalidSource, ex.Problem);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_sim.Sim.RequestLog, r => r.Path.Contains("/brain/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_sends_one_multipart_request_with_a_files_part_per_file()
    {
        var source = await Client.CreateBrainSourceAsync("Docs", null, null, false, CancellationToken.None);
        var files = new[] { File("a.md", "alpha"), File("b \"quoted\".txt", "beta"), File("c.csv", "x,y\n1,2") };

        var result = await Client.UploadBrainFilesAsync(source.SourceId!, files, CancellationToken.None);

        var request = Last("POST", "/files");
        Assert.Contains("--gumloopps-", request.Body, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(request.Body!, "name=\"files\""));
        Assert.Equal(new[] { "a.md", "b \"quoted\".txt", "c.csv" }, result.Files.Select(f => f.FileName).ToArray());
        Assert.All(result.Files, f => Assert.Equal("uploaded", f.Status));
        Assert.All(result.Files, f => Assert.Equal(source.SourceId, f.SourceId));
        Assert.Equal(files.Select(f => f.Path), result.Files.Select(f => f.SourcePath));
        Assert.Empty(result.Rejected);
        Assert.NotNull(result.SyncRunId);
        Assert.Equal("beta", System.Text.Encoding.UTF8.GetString(_sim.Sim.GetBrainFileContent(source.SourceId!, result.Files[1].FileId!)!));
        Assert.Equal("text/markdown", result.Files[0].MimeType);
    }

    [Fact]
    public async Task Upload_returns_the_server_rejections_also_when_it_refused_every_file()
    {
        var source = await Client.CreateBrainSourceAsync("Docs", null, null, false, CancellationToken.None);
        var mixed = await Client.UploadBrainFilesAsync(source.SourceId!, new[] { File("ok.txt", "fine"), File("no.txt", "sim:reject") }, CancellationToken.None);
        Assert.Equal("ok.txt", Assert.Single(mixed.Files).FileName);
        var refused = Assert.Single(mixed.Rejected);
        Assert.Equal(("no.txt", "invalid_file_content"), (refused.FileName, refused.Error));

        var none = await Client.UploadBrainFilesAsync(source.SourceId!, new[] { File("no2.txt", "sim:reject") }, CancellationToken.None);
        Assert.Empty(none.Files);
        Assert.Equal("no2.txt", Assert.Single(none.Rejected).FileName);
        Assert.Equal(400, _sim.Sim.RequestLog.Last().StatusCode);
    }

    [Fact]
    public async Task Upload_takes_at_most_25_files_and_batches_split_by_count_and_bytes()
    {
        var files = Enumerable.Range(1, 26).Select(i => File($"f{i}.txt", "x")).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => Client.UploadBrainFilesAsync("bsrc_x", files, CancellationToken.None));
        Assert.DoesNotContain(_sim.Sim.RequestLog, r => r.Path.Contains("/brain/", StringComparison.Ordinal));

        var sized = Enumerable.Range(1, 60).Select(i => new BrainUploadFile("/p" + i, $"f{i}.txt", 1, "text/plain")).ToList();
        Assert.Equal(new[] { 25, 25, 10 }, GumloopBrainClient.Batches(sized).Select(b => b.Count).ToArray());
        var big = Enumerable.Range(1, 5).Select(i => new BrainUploadFile("/b" + i, $"b{i}.pdf", 40L * 1024 * 1024, "application/pdf")).ToList();
        Assert.Equal(new[] { 2, 2, 1 }, GumloopBrainClient.Batches(big).Select(b => b.Count).ToArray());
    }

    [Fact]
    public void Upload_checks_type_and_size_locally()
    {
        string photo = Path.Combine(_folder, "team.heic");
        System.IO.File.WriteAllText(photo, "x");
        Assert.Equal(BrainProblem.UnsupportedType, Assert.Throws<GumloopBrainException>(() => BrainRules.CheckUploadable(photo)).Problem);

        string large = Path.Combine(_folder, "large.pdf");
        using (var stream = new FileStream(large, FileMode.Create)) stream.SetLength(BrainRules.MaxFileBytes + 1);
        var tooLarge = Assert.Throws<GumloopBrainException>(() => BrainRules.CheckUploadable(large));
        Assert.Equal(BrainProblem.TooLarge, tooLarge.Problem);
        Assert.Contains("25 MB", tooLarge.Message, StringComparison.Ordinal);

        Assert.Equal(GumloopFileProblem.NotFound, Assert.Throws<GumloopFileException>(() => BrainRules.CheckUploadable(Path.Combine(_folder, "gone.pdf"))).Problem);
        Assert.Equal(GumloopFileProblem.IsDirectory, Assert.Throws<GumloopFileException>(() => BrainRules.CheckUploadable(_folder)).Problem);
        Assert.True(BrainRules.IsSupportedFileName("Deck.PPTX"));
    }

    [Fact]
    public async Task Delete_estimate_and_approve_use_their_routes()
    {
        var source = await Client.CreateBrainSourceAsync("Drafts", null, null, true, CancellationToken.None);
        var empty = await Client.GetBrainSourceEstimateAsync(source.SourceId!, CancellationToken.None);
        Assert.False(empty.HasEstimate);
        Assert.Equal("draft", empty.Status);

        var upload = await Client.UploadBrainFilesAsync(source.SourceId!, new[] { File("memo.md", new string('w', 40000)) }, CancellationToken.None);
        var estimate = await Client.GetBrainSourceEstimateAsync(source.SourceId!, CancellationToken.None);
        Assert.True(estimate.HasEstimate);
        Assert.Equal("paused_for_approval", estimate.EstimateStatus);
        Assert.Equal(1, estimate.DocumentCount);
        Assert.Equal(10000, estimate.EstimatedTokens);
        Assert.Equal(5, estimate.EstimatedCredits);
        Assert.Equal(upload.SyncRunId, estimate.SyncRunId);

        var approved = await Client.ApproveBrainSourceAsync(source.SourceId!, CancellationToken.None);
        Assert.Equal("active", approved.Status);
        Assert.EndsWith("/approve", Last("POST", "/approve").Path, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<GumloopApiException>(() => Client.ApproveBrainSourceAsync(source.SourceId!, CancellationToken.None));
        Assert.Equal((409, "source_not_draft"), (again.StatusCode, again.ErrorCode));

        Assert.True(await Client.DeleteBrainFileAsync(source.SourceId!, upload.Files[0].FileId!, CancellationToken.None));
        Assert.Equal($"/api/v1/brain/sources/{source.SourceId}/files/{upload.Files[0].FileId}", Last("DELETE", upload.Files[0].FileId!).Path);
        Assert.True(await Client.DeleteBrainSourceAsync(source.SourceId!, CancellationToken.None));
        var gone = await Assert.ThrowsAsync<GumloopApiException>(() => Client.GetBrainSourceAsync(source.SourceId!, CancellationToken.None));
        Assert.Equal(404, gone.StatusCode);
    }

    [Fact]
    public async Task Ids_are_escaped_as_one_path_segment()
    {
        await Assert.ThrowsAsync<GumloopApiException>(() => Client.GetBrainSourceAsync("a/b", CancellationToken.None));
        Assert.Equal("/api/v1/brain/sources/a%2Fb", _sim.Sim.RequestLog.Last().Path);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
