using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Skills;

/// <summary>The skill requests as the simulator receives them, and the simulator's skill state.</summary>
public sealed class SkillClientTests : IDisposable
{
    private readonly SimClient _ctx = new SimClient();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gl-skillc-" + Guid.NewGuid().ToString("N"));

    public SkillClientTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        _ctx.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<List<Skill>> List(SkillListQuery query, int? limit = null)
    {
        var skills = new List<Skill>();
        await _ctx.Client.ReadSkillsAsync(query, new PageRequest(PagingStyle.Cursor, "skills") { Limit = limit }, skills.Add, CancellationToken.None);
        return skills;
    }

    private SkillPackage Package(string name, string description = "A test skill.")
    {
        string folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), $"---\nname: {name}\ndescription: {description}\n---\n\nBody.\n");
        return SkillPackage.FromPath(folder);
    }

    [Fact]
    public async Task Listing_sends_each_filter_under_its_API_name_and_reports_the_total()
    {
        var result = await _ctx.Client.ReadSkillsAsync(
            new SkillListQuery { Search = "re", SortOrder = "most_used", CreatorUserId = _ctx.Sim.UserId, RelatedServerId = "gumloop_hubspot", Unused = false },
            new PageRequest(PagingStyle.Cursor, "skills") { Limit = 1 }, _ => { }, CancellationToken.None);

        var request = _ctx.ApiLog.Single(r => r.Path.EndsWith("/skills", StringComparison.Ordinal));
        Assert.Contains("search_query=re", request.Query, StringComparison.Ordinal);
        Assert.Contains("sort_order=most_used", request.Query, StringComparison.Ordinal);
        Assert.Contains("related_server_id=gumloop_hubspot", request.Query, StringComparison.Ordinal);
        Assert.Contains("creator_user_id=", request.Query, StringComparison.Ordinal);
        Assert.Contains("page_size=1", request.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("unused", request.Query, StringComparison.Ordinal);
        Assert.Equal(1, result.TotalCount);
    }

    [Fact]
    public async Task Unused_and_agent_filters_narrow_the_list()
    {
        var unused = await List(new SkillListQuery { Unused = true });
        Assert.Equal(new[] { "sla-lookup" }, unused.Select(s => s.Name).ToArray());
        Assert.Contains("unused=true", _ctx.ApiLog.Last().Query, StringComparison.Ordinal);

        var all = await List(new SkillListQuery { SortOrder = "popular" });
        Assert.Equal(new[] { "renewal-brief", "pricing-table", "sla-lookup" }, all.Select(s => s.Name).ToArray());
        Assert.Equal(new[] { "gumloop_hubspot" }, all[0].RelatedServerIds.Cast<string>().ToArray());
    }

    [Fact]
    public async Task Create_sends_one_files_part_and_the_team_then_the_skill_lists_with_version_1()
    {
        var created = await _ctx.Client.CreateSkillAsync(Package("churn-signals"), _ctx.Sim.TeamId, CancellationToken.None);

        var post = _ctx.ApiLog.Single(r => r.Method == "POST");
        Assert.EndsWith("/skills", post.Path, StringComparison.Ordinal);
        Assert.Contains("name=files; filename=churn-signals.zip", post.Body, StringComparison.Ordinal);
        Assert.Contains("name=team_id", post.Body, StringComparison.Ordinal);
        Assert.Equal(201, post.StatusCode);
        Assert.Equal("churn-signals", created.Name);
        Assert.Equal(1, created.MajorVersion);
        Assert.Equal(_ctx.Sim.TeamId, created.TeamId);
        Assert.Contains(await List(new SkillListQuery()), s => s.Id == created.Id);
    }

    [Fact]
    public async Task Update_makes_a_new_version_and_download_serves_either_version_without_credentials()
    {
        var first = await _ctx.Client.CreateSkillAsync(Package("draft-skill", "First text."), null, CancellationToken.None);
        var second = await _ctx.Client.UpdateSkillAsync(first.Id!, Package("draft-skill", "Second text."), CancellationToken.None);
        Assert.Equal(2, second.MajorVersion);
        Assert.NotEqual(first.VersionId, second.VersionId);
        Assert.Equal("Second text.", second.Description);
        Assert.Equal("PATCH", _ctx.ApiLog.Last().Method);

        var old = await _ctx.Client.GetSkillDownloadAsync(first.Id!, first.VersionId, CancellationToken.None);
        Assert.Contains("version_id=" + first.VersionId, _ctx.ApiLog.Last().Query, StringComparison.Ordinal);
        byte[] zip = await _ctx.Client.DownloadSignedAsync(old, CancellationToken.None);
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var reader = new StreamReader(archive.GetEntry("SKILL.md")!.Open()))
        {
            Assert.Contains("First text.", reader.ReadToEnd(), StringComparison.Ordinal);
        }

        var fetch = _ctx.Sim.RequestLog.Last();
        Assert.StartsWith("/_storage/skills/", fetch.Path, StringComparison.Ordinal);
        Assert.Null(fetch.Credential);
        Assert.Null(fetch.AuthKey);
        Assert.Equal(200, fetch.StatusCode);
    }

    [Fact]
    public async Task The_signed_link_refuses_a_request_that_carries_a_credential_and_one_with_a_wrong_signature()
    {
        var download = await _ctx.Client.GetSkillDownloadAsync("skill_b2Lq8rTn", null, CancellationToken.None);
        using var http = new System.Net.Http.HttpClient();
        using var withAuth = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, download.DownloadUrl);
        withAuth.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _ctx.Key);
        Assert.Equal(400, (int)(await http.SendAsync(withAuth)).StatusCode);
        Assert.Equal(403, (int)(await http.GetAsync(download.DownloadUrl!.Replace("Signature=", "Signature=x"))).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync(download.DownloadUrl)).StatusCode);
    }

    [Fact]
    public async Task Delete_hides_the_skill_and_a_second_delete_is_not_found()
    {
        Assert.True(await _ctx.Client.DeleteSkillAsync("skill_x5Vd1kMc", CancellationToken.None));
        Assert.DoesNotContain(await List(new SkillListQuery()), s => s.Id == "skill_x5Vd1kMc");
        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => _ctx.Client.DeleteSkillAsync("skill_x5Vd1kMc", CancellationToken.None));
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("skill_not_found", ex.ErrorCode);
    }

    [Fact]
    public async Task The_simulator_refuses_what_the_service_refuses()
    {
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + _ctx.Key);
        http.DefaultRequestHeaders.TryAddWithoutValidation("x-auth-key", _ctx.Sim.UserId);
        string url = _ctx.Sim.BaseUri.ToString().TrimEnd('/') + "/skills";

        async Task<(int Status, string Body)> Upload(string fileName, byte[] bytes)
        {
            using var form = new System.Net.Http.MultipartFormDataContent();
            form.Add(new System.Net.Http.ByteArrayContent(bytes), "files", fileName);
            var response = await http.PostAsync(url, form);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var slip = await Upload("x.zip", HostileZips.WithEntries(("SKILL.md", HostileZips.SkillMd), ("../evil", "x")));
        Assert.Equal(400, slip.Status);
        Assert.Contains("unsafe_archive", slip.Body, StringComparison.Ordinal);
        var noName = await Upload("SKILL.md", Encoding.UTF8.GetBytes("---\ndescription: d\n---\n"));
        Assert.Equal(400, noName.Status);
        Assert.Contains("invalid_skill_metadata", noName.Body, StringComparison.Ordinal);
        var nested = await Upload("x.zip", HostileZips.WithEntries(("a/SKILL.md", HostileZips.SkillMd)));
        Assert.Contains("invalid_skill", nested.Body, StringComparison.Ordinal);
        var big = new byte[10 * 1024 * 1024 + 1];
        Assert.Equal(413, (await Upload("x.zip", big)).Status);
    }
}
