using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Artifacts;

/// <summary>Artifact listing through the pager, and downloads through signed URLs that never see the connection's key.</summary>
public sealed class ArtifactClientTests : IDisposable
{
    private const string Agent = SimClient.RenewalAgent;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "artifacts-" + Guid.NewGuid().ToString("N"));

    public ArtifactClientTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Listing_pages_with_cursors_and_sends_the_filters_by_their_query_names()
    {
        using var ctx = new SimClient();
        var seen = new List<Artifact>();
        var page = new PageRequest(PagingStyle.Cursor, "artifacts") { PageSize = 2 };

        var result = await ctx.Client.ReadArtifactsAsync(Agent, new ArtifactListQuery { SessionId = "sess_Vk3nQ8wT2p", Search = "northwind", SortOrder = "oldest" }, page, seen.Add, None);
        var all = new List<Artifact>();
        await ctx.Client.ReadArtifactsAsync(Agent, null, new PageRequest(PagingStyle.Cursor, "artifacts") { PageSize = 2 }, all.Add, None);

        var first = ctx.ApiLog.First(r => r.Path.EndsWith("/artifacts", StringComparison.Ordinal));
        Assert.Contains("session_id=sess_Vk3nQ8wT2p", first.Query, StringComparison.Ordinal);
        Assert.Contains("search_query=northwind", first.Query, StringComparison.Ordinal);
        Assert.Contains("sort_order=oldest", first.Query, StringComparison.Ordinal);
        Assert.Equal("art_Q3m9Xk2L", Assert.Single(seen).Id);
        Assert.Equal(1, result.Pages);

        // Three live artifacts, two per page; the deleted one is never listed.
        Assert.Equal(new[] { "art_Q3m9Xk2L", "art_W8n4Jc6V", "art_Fc2Lp9Hs" }, all.Select(a => a.Id));
        Assert.Equal(2, ctx.ApiLog.Count(r => r.Path.EndsWith("/artifacts", StringComparison.Ordinal) && !r.Query.Contains("search_query", StringComparison.Ordinal)));
        var brief = all[0];
        Assert.Equal("artv_7Rp1Tz", brief.VersionId);
        Assert.Equal(2, brief.MajorVersion);
        Assert.Equal("northwind-renewal-brief.docx", brief.FileName);
        Assert.Equal("text/csv", all[2].MediaType);
        Assert.Equal("Priya Raman", brief.CreatorName);
        Assert.Equal(brief.Id, brief.ArtifactId);
    }

    [Fact]
    public async Task A_download_fetches_the_signed_url_without_any_gumloop_credential_and_streams_the_bytes()
    {
        using var ctx = new SimClient();
        byte[] content = Encoding.UTF8.GetBytes(new string('x', 300_000));
        string id = ctx.Sim.AddArtifact(Agent, null, "big.txt", content, "text/plain");
        string target = Path.Combine(_dir, "big.txt");

        var download = await ctx.Client.GetArtifactDownloadAsync(id, null, None);
        var file = await ctx.Client.SaveArtifactAsync(download, target, overwrite: false, None);

        Assert.Equal(content, File.ReadAllBytes(file.FullName));
        Assert.Equal("big.txt", download.FileName);
        Assert.Equal(content.Length, download.Size);
        var storage = Assert.Single(ctx.Sim.RequestLog, r => r.Path.StartsWith("/storage/", StringComparison.Ordinal));
        Assert.Null(storage.Credential);
        Assert.Null(storage.AuthKey);
        Assert.Equal(200, storage.StatusCode);
        // The API request did carry them.
        var api = ctx.ApiLog.Single(r => r.Path.EndsWith("/download", StringComparison.Ordinal));
        Assert.Equal(ctx.Key, api.Credential);
        Assert.Equal(ctx.Sim.UserId, api.AuthKey);
        Assert.Empty(Directory.GetFiles(_dir, "*.part", SearchOption.AllDirectories).Concat(Directory.GetFiles(_dir, ".*")));
    }

    [Fact]
    public async Task A_version_id_picks_the_version_and_an_unknown_one_is_a_404()
    {
        using var ctx = new SimClient();
        var download = await ctx.Client.GetArtifactDownloadAsync("art_Q3m9Xk2L", "artv_4Kd8Wn", None);
        var file = await ctx.Client.SaveArtifactAsync(download, Path.Combine(_dir, "v1.docx"), false, None);

        Assert.Equal("Northwind renewal brief, first draft.\n", File.ReadAllText(file.FullName));
        Assert.Contains("version_id=artv_4Kd8Wn", ctx.ApiLog.Last(r => r.Path.EndsWith("/download", StringComparison.Ordinal)).Query, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.GetArtifactDownloadAsync("art_Q3m9Xk2L", "artv_nope", None));
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("version_not_found", ex.ErrorCode);
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_overwrite_is_asked_for()
    {
        using var ctx = new SimClient();
        string target = Path.Combine(_dir, "brief.docx");
        File.WriteAllText(target, "mine");
        var download = await ctx.Client.GetArtifactDownloadAsync("art_Q3m9Xk2L", null, None);

        await Assert.ThrowsAsync<IOException>(() => ctx.Client.SaveArtifactAsync(download, target, false, None));
        Assert.Equal("mine", File.ReadAllText(target));
        Assert.DoesNotContain(ctx.Sim.RequestLog, r => r.Path.StartsWith("/storage/", StringComparison.Ordinal));

        await ctx.Client.SaveArtifactAsync(download, target, true, None);
        Assert.StartsWith("Northwind renewal brief.", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_signed_url_fails_without_naming_the_signature_and_leaves_no_file()
    {
        using var ctx = new SimClient();
        var download = await ctx.Client.GetArtifactDownloadAsync("art_Q3m9Xk2L", null, None);
        ctx.Sim.ExpireSignedUrls();
        string target = Path.Combine(_dir, "late.docx");

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.SaveArtifactAsync(download, target, false, None));

        Assert.Equal(403, ex.StatusCode);
        string signature = download.DownloadUrl.Substring(download.DownloadUrl.IndexOf("X-Goog-Signature=", StringComparison.Ordinal) + 17);
        Assert.DoesNotContain(signature, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, ex.Url ?? string.Empty, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task A_plain_http_url_off_loopback_is_refused_before_any_request()
    {
        using var ctx = new SimClient();
        var download = new ArtifactDownload { ArtifactId = "art_1", DownloadUrl = "http://storage.example.com/a?X-Goog-Signature=abc" };

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.SaveArtifactAsync(download, Path.Combine(_dir, "a"), false, None));

        Assert.Contains("only https", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_are_listed_with_their_ids_and_names()
    {
        using var ctx = new SimClient();

        var teams = await ctx.Client.ListTeamsAsync(None);

        Assert.Equal(new[] { ctx.Sim.TeamId, "tm_a93f0b42" }, teams.Select(t => t.Id));
        Assert.Equal(new[] { "Revenue Ops", "Field Marketing" }, teams.Select(t => t.Name));
        Assert.Equal(teams[0].Id, teams[0].TeamId);
        Assert.EndsWith("/teams", ctx.ApiLog.Single().Path, StringComparison.Ordinal);
    }
}
