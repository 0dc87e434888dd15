using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Brain;

/// <summary>The simulator's Brain routes on the wire: validation, multipart parsing, indexing states, estimate and approval.</summary>
public sealed class SimulatorBrainTests : SimTestBase
{
    private const string ActiveTeamSource = "bsrc_4Kq9Vn";
    private const string DraftSource = "bsrc_8Wm2Tz";
    private const string PausedSource = "bsrc_6Rt2Pk";
    private const string NotionSource = "bsrc_1Pd6Hx";

    private static MultipartFormDataContent Files(params (string Name, string Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(part, "files", name);
        }

        return form;
    }

    private Task<Reply> Upload(string sourceId, HttpContent content) => Send(HttpMethod.Post, Api($"/brain/sources/{sourceId}/files"), content);

    private async Task<string> NewSource(bool draft = false) =>
        (await Post(Api("/brain/sources"), new { name = "Uploads", require_approval = draft })).Json.GetProperty("source").GetProperty("id").GetString()!;

    private async Task<string[]> Statuses(string sourceId) =>
        (await Get(Api($"/brain/sources/{sourceId}/files"))).Json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("status").GetString()!).ToArray();

    [Fact]
    public async Task Upload_accepts_supported_files_and_rejects_the_rest_per_file()
    {
        var reply = await Upload(ActiveTeamSource, Files(("notes.md", "a"), ("team-photo.heic", "b"), ("dir/report.csv", "c"), ("bad.txt", "sim:reject")));

        Assert.Equal(201, reply.Status);
        var stored = reply.Json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file_name").GetString()).ToArray();
        Assert.Equal(new[] { "notes.md", "report.csv" }, stored);
        var rejected = reply.Json.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("file_name").GetString() + ":" + r.GetProperty("error").GetString()).ToArray();
        Assert.Equal(new[] { "team-photo.heic:unsupported_file_type", "bad.txt:invalid_file_content" }, rejected);
        Assert.StartsWith("bsync_", reply.Json.GetProperty("sync_run_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_refuses_bad_framing_too_many_parts_and_nothing_accepted()
    {
        Assert.Equal(400, (await Upload(ActiveTeamSource, Body(new { files = "x" }))).Status);
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var noFiles = await Upload(ActiveTeamSource, form);
        Assert.Equal((400, "invalid_request"), (noFiles.Status, noFiles.ErrorCode));

        var tooMany = await Upload(ActiveTeamSource, Files(Enumerable.Range(1, 26).Select(i => ($"f{i}.txt", "x")).ToArray()));
        Assert.Equal((400, "too_many_files"), (tooMany.Status, tooMany.ErrorCode));

        Sim.BrainMaxFileBytes = 3;
        var none = await Upload(ActiveTeamSource, Files(("big.txt", "four"), ("photo.png", "x")));
        Assert.Equal((400, "no_files_accepted"), (none.Status, none.ErrorCode));
        var details = none.Json.GetProperty("error").GetProperty("details").GetProperty("rejected").EnumerateArray()
            .Select(r => r.GetProperty("error").GetString()).ToArray();
        Assert.Equal(new[] { "file_too_large", "unsupported_file_type" }, details);
    }

    [Fact]
    public async Task Upload_to_a_paused_a_connector_or_an_unknown_source_fails_as_a_whole()
    {
        var paused = await Upload(PausedSource, Files(("a.md", "a")));
        Assert.Equal((409, "source_paused"), (paused.Status, paused.ErrorCode));
        Assert.Equal(400, (await Upload(NotionSource, Files(("a.md", "a")))).Status);
        Assert.Equal((404, "source_not_found"), ((await Upload("bsrc_nope", Files(("a.md", "a")))).Status, (await Upload("bsrc_nope", Files(("a.md", "a")))).ErrorCode));
    }

    [Fact]
    public async Task Indexing_advances_one_step_per_read_of_the_first_page()
    {
        var id = await NewSource();
        Assert.Equal(201, (await Upload(id, Files(("a.md", "a"), ("broken.md", "sim:fail")))).Status);

        Assert.Equal(new[] { "indexing", "indexing" }, await Statuses(id));
        Assert.Equal(new[] { "indexed", "failed" }, await Statuses(id));
        Assert.Equal(new[] { "indexed", "failed" }, await Statuses(id));

        // A later page does not advance anything, so paging through a long list counts as one read.
        Assert.Equal(201, (await Upload(id, Files(("c.md", "c")))).Status);
        var first = await Get(Api($"/brain/sources/{id}/files?page_size=2"));
        var cursor = first.Json.GetProperty("next_cursor").GetString();
        var second = await Get(Api($"/brain/sources/{id}/files?page_size=2&cursor={Uri.EscapeDataString(cursor!)}"));
        Assert.Equal("indexing", second.Json.GetProperty("files")[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task A_draft_only_estimates_until_approved_then_indexes()
    {
        var id = await NewSource(draft: true);
        Assert.Equal(JsonValueKind.Null, (await Get(Api($"/brain/sources/{id}/estimate"))).Json.GetProperty("estimate").ValueKind);
        Assert.Equal(201, (await Upload(id, Files(("a.md", new string('a', 400000))))).Status);
        Assert.Equal(201, (await Upload(id, Files(("b.md", "b")))).Status);

        Assert.Equal(new[] { "uploaded", "uploaded" }, await Statuses(id));
        var estimate = (await Get(Api($"/brain/sources/{id}/estimate"))).Json;
        Assert.Equal("draft", estimate.GetProperty("status").GetString());
        Assert.Equal("paused_for_approval", estimate.GetProperty("estimate").GetProperty("status").GetString());
        Assert.Equal(2, estimate.GetProperty("estimate").GetProperty("document_count").GetInt32());
        Assert.Equal(100001, estimate.GetProperty("estimate").GetProperty("estimated_tokens").GetInt64());
        Assert.Equal(15, estimate.GetProperty("estimate").GetProperty("estimated_credits").GetInt64());

        var approved = await Post(Api($"/brain/sources/{id}/approve"), new { });
        Assert.Equal("active", approved.Json.GetProperty("source").GetProperty("status").GetString());
        Assert.Equal(new[] { "indexing", "indexing" }, await Statuses(id));
        Assert.Equal(new[] { "indexed", "indexed" }, await Statuses(id));
        var again = await Post(Api($"/brain/sources/{id}/approve"), new { });
        Assert.Equal((409, "source_not_draft"), (again.Status, again.ErrorCode));
        Assert.Equal(135, (await Get(Api($"/brain/sources/{DraftSource}/estimate"))).Json.GetProperty("estimate").GetProperty("estimated_credits").GetInt64());
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"scope\":\"team\"}", 400, "invalid_request")]
    [InlineData("{\"name\":\"x\",\"team_id\":\"tm_5c2d8e17\"}", 400, "invalid_request")]
    [InlineData("{\"name\":\"x\",\"source_type\":\"notion\"}", 400, "source_type_not_supported")]
    [InlineData("{\"name\":\"\"}", 400, "invalid_request")]
    [InlineData("{\"name\":\"x\",\"scope\":\"team\",\"team_id\":\"tm_other\"}", 403, "permission_denied")]
    public async Task Create_enforces_the_documented_rules(string body, int status, string code)
    {
        var reply = await Send(HttpMethod.Post, Api("/brain/sources"), RawBody(body));
        Assert.Equal((status, code), (reply.Status, reply.ErrorCode));
    }

    [Fact]
    public async Task Search_validates_and_finds_indexed_uploads()
    {
        Assert.Equal(400, (await Post(Api("/brain/search"), new { limit = 3 })).Status);
        Assert.Equal(400, (await Post(Api("/brain/search"), new { query = "x", limit = 51 })).Status);
        Assert.Equal(400, (await Post(Api("/brain/search"), new { query = "x", source_type = Array.Empty<string>() })).Status);
        Assert.Equal(400, (await Post(Api("/brain/search"), new { query = "x", source_type = new[] { "dropbox" } })).Status);

        var id = await NewSource();
        await Upload(id, Files(("zebra.md", "Quarterly zebra migration report")));
        Assert.Empty((await Post(Api("/brain/search"), new { query = "zebra migration" })).Json.GetProperty("results").EnumerateArray());
        await Statuses(id);
        await Statuses(id);
        var hit = (await Post(Api("/brain/search"), new { query = "zebra migration", source_type = new[] { "direct_file_uploads" } })).Json.GetProperty("results")[0];
        Assert.Equal("zebra.md", hit.GetProperty("title").GetString());
        Assert.Equal(1.0, hit.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Personal_sources_of_another_user_are_invisible()
    {
        var key = Sim.AddUser("user_other", "Ola", "Other");
        var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(key);
        string text;
        try { text = System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; } finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
        using var other = NewClient(text, "user_other");

        Assert.Equal(404, (await Get(Api($"/brain/sources/{DraftSource}"), other)).Status);
        var listed = (await Get(Api("/brain/sources"), other)).Json.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToArray();
        Assert.DoesNotContain(DraftSource, listed);
        Assert.Contains(NotionSource, listed);
    }
}
