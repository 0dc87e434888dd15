using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Simulator;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>The simulator's flow routes over plain HTTP, independent of GumloopPS.Core.</summary>
public class SimulatorFlowTests : SimTestBase
{
    private const string RenewalFlow = "fL4nT8wQ2xVd7kRb";
    private const string ChurnFlow = "kP7vD2sM9qRw3zXc";
    private const string RenewalWorkbook = "wb3Hs9QpZ1mC6yTe";

    private string Scope => "user_id=" + Sim.UserId;

    private static string FlatError(Reply r) => r.Json.GetProperty("error").GetString()!;

    private async Task<string> StartRun(object body)
    {
        var r = await Post(Api("/start_pipeline"), body);
        Assert.Equal(200, r.Status);
        return r.Json.GetProperty("run_id").GetString()!;
    }

    private async Task<JsonElement> WaitForRun(string runId, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var r = await Get(Api($"/get_pl_run?run_id={runId}&{Scope}"));
            Assert.Equal(200, r.Status);
            var state = r.Json.GetProperty("state").GetString();
            if (state is "DONE" or "FAILED" or "TERMINATED") return r.Json;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Run {runId} never ended; last: {r.Text}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task WorkbooksListTheirSavedItems()
    {
        var r = await Get(Api("/list_workbooks?" + Scope));
        Assert.Equal(200, r.Status);
        var books = r.Json.GetProperty("workbooks").EnumerateArray().ToList();
        Assert.Equal(2, books.Count);
        Assert.Equal(RenewalWorkbook, books[0].GetProperty("workbook_id").GetString());
        Assert.Equal("2026-06-02T08:15:33.000000+00:00", books[0].GetProperty("created_ts").GetString());
        var items = books[0].GetProperty("saved_items").EnumerateArray().Select(i => i.GetProperty("saved_item_id").GetString()).ToList();
        Assert.Equal(new[] { RenewalFlow, ChurnFlow }, items);
        Assert.Equal(0, books[1].GetProperty("saved_items").GetArrayLength());
    }

    [Fact]
    public async Task SavedItemsAreListed()
    {
        var r = await Get(Api("/list_saved_items?" + Scope));
        Assert.Equal(200, r.Status);
        var items = r.Json.GetProperty("saved_items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("description").ValueKind);
    }

    [Theory]
    [InlineData("/list_workbooks", "", 400, "project_id or user_id is required")]
    [InlineData("/list_saved_items", "?user_id=someone_else", 403, "API key does not match user_id")]
    [InlineData("/list_saved_items", "?project_id=tm_other", 403, "Forbidden: not a member of project_id")]
    [InlineData("/get_inputs", "?user_id=U", 400, "saved_item_id is required")]
    [InlineData("/get_pl_run", "?user_id=U", 400, "run_id is required")]
    [InlineData("/get_plrun_saved_item_map", "?user_id=U", 400, "workbook_id or saved_item_id is required")]
    public async Task ScopeAndRequiredParametersAreCheckedWithFlatErrors(string path, string query, int status, string error)
    {
        var r = await Get(Api(path + query.Replace("U", Sim.UserId, StringComparison.Ordinal)));
        Assert.Equal(status, r.Status);
        Assert.Equal(error, FlatError(r));
        Assert.NotNull(r.Header("x-request-id"));
    }

    [Fact]
    public async Task ProjectIdOfTheTeamIsAccepted()
    {
        var r = await Get(Api("/list_saved_items?project_id=" + Sim.TeamId));
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task InputsAreTyped()
    {
        var r = await Get(Api($"/get_inputs?saved_item_id={RenewalFlow}&{Scope}"));
        Assert.Equal(200, r.Status);
        var inputs = r.Json.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(new[] { "account_domain", "usage_export" }, inputs.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(new[] { "string", "file" }, inputs.Select(i => i.GetProperty("data_type").GetString()));
        Assert.Equal(JsonValueKind.Null, inputs[1].GetProperty("description").ValueKind);

        var missing = await Get(Api($"/get_inputs?saved_item_id=nope&{Scope}"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task ARunGoesQueuedRunningDoneWithOutputsAndLog()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "contoso.example sim:delay=400" });
        var states = new List<string>();
        JsonElement last;
        while (true)
        {
            var r = await Get(Api($"/get_pl_run?run_id={runId}&{Scope}"));
            last = r.Json;
            var state = last.GetProperty("state").GetString()!;
            if (states.Count == 0 || states[states.Count - 1] != state) states.Add(state);
            if (state == "DONE") break;
            await Task.Delay(15);
        }

        Assert.Equal(new[] { "QUEUED", "RUNNING", "DONE" }, states);
        Assert.Equal(Sim.UserId, last.GetProperty("user_id").GetString());
        Assert.Equal("Renewal brief for contoso.example sim:delay=400: renews on 2026-11-30; seat usage is 82% of plan.", last.GetProperty("outputs").GetProperty("renewal_summary").GetString());
        var log = last.GetProperty("log").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal("__system__: Run started", log[0]);
        Assert.Contains("Input: Received account_domain", log);
        Assert.Equal("__system__: Run finished", log[log.Count - 1]);
        Assert.EndsWith("+00:00", last.GetProperty("finished_ts").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAnswersIdsAndLink()
    {
        var r = await Post(Api("/start_pipeline"), new { user_id = Sim.UserId, saved_item_id = ChurnFlow, segment = "enterprise" });
        Assert.Equal(200, r.Status);
        Assert.Equal(ChurnFlow, r.Json.GetProperty("saved_item_id").GetString());
        Assert.Equal(RenewalWorkbook, r.Json.GetProperty("workbook_id").GetString());
        Assert.Contains("run_id=" + r.Json.GetProperty("run_id").GetString(), r.Json.GetProperty("url").GetString(), StringComparison.Ordinal);

        var done = await WaitForRun(r.Json.GetProperty("run_id").GetString()!);
        Assert.Equal("3 accounts in enterprise show churn signals.", done.GetProperty("outputs").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task TheLegacyPipelineInputsEncodingIsAccepted()
    {
        var runId = await StartRun(new
        {
            user_id = Sim.UserId,
            saved_item_id = ChurnFlow,
            pipeline_inputs = new[] { new { input_name = "segment", value = "mid-market" } },
        });
        var done = await WaitForRun(runId);
        Assert.Equal("3 accounts in mid-market show churn signals.", done.GetProperty("outputs").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task SimFailEndsTheRunFailedWithAnErrorLogLine()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "sim:fail" });
        var run = await WaitForRun(runId);
        Assert.Equal("FAILED", run.GetProperty("state").GetString());
        Assert.Empty(run.GetProperty("outputs").EnumerateObject());
        var log = run.GetProperty("log").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains(log, l => l.Contains("Error", StringComparison.Ordinal));
        Assert.Equal("__system__: Run failed", log[log.Count - 1]);
    }

    [Fact]
    public async Task StartErrors()
    {
        var noItem = await Post(Api("/start_pipeline"), new { user_id = Sim.UserId });
        Assert.Equal(400, noItem.Status);
        Assert.Equal("saved_item_id is required", FlatError(noItem));
        var unknown = await Post(Api("/start_pipeline"), new { user_id = Sim.UserId, saved_item_id = "nope" });
        Assert.Equal(404, unknown.Status);
        var noScope = await Post(Api("/start_pipeline"), new { saved_item_id = RenewalFlow });
        Assert.Equal(400, noScope.Status);
    }

    [Fact]
    public async Task KillTerminatesARunningRunOnce()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "sim:delay=5000" });
        var kill = await Post(Api("/kill_pipeline"), new { user_id = Sim.UserId, run_id = runId });
        Assert.Equal(200, kill.Status);
        Assert.True(kill.Json.GetProperty("success").GetBoolean());
        Assert.Equal(runId, kill.Json.GetProperty("run_id").GetString());

        var run = await WaitForRun(runId, 1000);
        Assert.Equal("TERMINATED", run.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, run.GetProperty("finished_ts").ValueKind);
        Assert.Equal("__system__: Run terminated by API request", run.GetProperty("log").EnumerateArray().Last().GetString());

        var again = await Post(Api("/kill_pipeline"), new { user_id = Sim.UserId, run_id = runId });
        Assert.False(again.Json.GetProperty("success").GetBoolean());

        var missing = await Post(Api("/kill_pipeline"), new { user_id = Sim.UserId, run_id = "nope" });
        Assert.Equal(404, missing.Status);
        var noId = await Post(Api("/kill_pipeline"), new { user_id = Sim.UserId });
        Assert.Equal(400, noId.Status);
    }

    [Fact]
    public async Task HistoryMapsFlowsToTheirRecentRunsNewestFirst()
    {
        for (int i = 0; i < 11; i++)
        {
            await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "h" + i });
        }

        var byFlow = await Get(Api($"/get_plrun_saved_item_map?saved_item_id={RenewalFlow}&{Scope}"));
        Assert.Equal(200, byFlow.Status);
        var runs = byFlow.Json.GetProperty(RenewalFlow).EnumerateArray().ToList();
        Assert.Equal(10, runs.Count);
        var created = runs.Select(r => DateTimeOffset.Parse(r.GetProperty("created_ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);

        var byWorkbook = await Get(Api($"/get_plrun_saved_item_map?workbook_id={RenewalWorkbook}&{Scope}"));
        Assert.Equal(new[] { RenewalFlow, ChurnFlow }, byWorkbook.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, byWorkbook.Json.GetProperty(ChurnFlow).GetArrayLength());

        var unknown = await Get(Api($"/get_plrun_saved_item_map?workbook_id=nope&{Scope}"));
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Workbook not found", FlatError(unknown));
    }

    [Fact]
    public async Task SeededHistoryMatchesTheExample()
    {
        var r = await Get(Api($"/get_plrun_saved_item_map?saved_item_id={RenewalFlow}&{Scope}"));
        var runs = r.Json.GetProperty(RenewalFlow).EnumerateArray().ToList();
        Assert.Equal(GumloopSimulator.SeedDoneRunId, runs[0].GetProperty("run_id").GetString());
        Assert.Equal("2026-09-14T16:02:41.318204+00:00", runs[0].GetProperty("created_ts").GetString());
        Assert.Equal("FAILED", runs[1].GetProperty("state").GetString());

        var failed = await Get(Api($"/get_pl_run?run_id={GumloopSimulator.SeedFailedRunId}&{Scope}"));
        Assert.Contains("Google Sheets Reader: Error - spreadsheet not found", failed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadFileServesTheRunsBytes()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "contoso.example" });
        await WaitForRun(runId);

        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api("/download_file"))
        {
            Content = Body(new { user_id = Sim.UserId, run_id = runId, file_name = "usage_chart.png", saved_item_id = RenewalFlow }),
        });
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Sim.GetFlowRunFile(runId, "usage_chart.png"), bytes);
        Assert.Equal(256, bytes.Skip(8).Take(256).Distinct().Count());

        var csv = await Post(Api("/download_file"), new { user_id = Sim.UserId, run_id = runId, file_name = "renewal_brief.csv" });
        Assert.Equal("account,renewal_date,seats_used,seats_purchased\ncontoso.example,2026-11-30,41,50\n", csv.Text);
    }

    [Fact]
    public async Task SeededRunServesTheExampleFileByteForByte()
    {
        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api("/download_file"))
        {
            Content = Body(new { user_id = Sim.UserId, run_id = GumloopSimulator.SeedDoneRunId, file_name = "renewal_brief.csv" }),
        });
        var expected = File.ReadAllBytes(Path.Combine(ApiFixturesDir(), "examples", "files.download_file.200.txt"));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DownloadErrors()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "sim:delay=5000" });
        var notDone = await Post(Api("/download_file"), new { user_id = Sim.UserId, run_id = runId, file_name = "renewal_brief.csv" });
        Assert.Equal(400, notDone.Status);

        var noName = await Post(Api("/download_file"), new { user_id = Sim.UserId, run_id = runId });
        Assert.Equal("file_name is required", FlatError(noName));

        var missing = await Post(Api("/download_file"), new { user_id = Sim.UserId, run_id = GumloopSimulator.SeedDoneRunId, file_name = "nope.txt" });
        Assert.Equal(404, missing.Status);

        var wrongFlow = await Post(Api("/download_file"), new { user_id = Sim.UserId, run_id = GumloopSimulator.SeedDoneRunId, file_name = "renewal_brief.csv", saved_item_id = ChurnFlow });
        Assert.Equal(403, wrongFlow.Status);
    }

    [Fact]
    public async Task DownloadFilesServesAZipOfTheNamedFiles()
    {
        var runId = await StartRun(new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "contoso.example" });
        await WaitForRun(runId);
        var names = new[] { "renewal_brief.csv", "usage_chart.png", "call_notes.md" };

        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, Api("/download_files"))
        {
            Content = Body(new { user_id = Sim.UserId, run_id = runId, file_names = names }),
        });

        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(names, zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var ms = new MemoryStream();
            using (var s = entry.Open()) s.CopyTo(ms);
            Assert.Equal(Sim.GetFlowRunFile(runId, entry.FullName), ms.ToArray());
        }

        var missing = await Post(Api("/download_files"), new { user_id = Sim.UserId, run_id = runId, file_names = new[] { "renewal_brief.csv", "x.bin" } });
        Assert.Equal(404, missing.Status);
        Assert.Contains("x.bin", FlatError(missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadsSucceedPartiallySucceedOrFail()
    {
        var content = Convert.ToBase64String(Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        var one = await Post(Api("/upload_file"), new { user_id = Sim.UserId, file_name = "q3.csv", file_content = content });
        Assert.Equal(200, one.Status);
        Assert.True(one.Json.GetProperty("success").GetBoolean());
        Assert.Equal("q3.csv", one.Json.GetProperty("file_name").GetString());
        Assert.Equal("a,b\n1,2\n"u8.ToArray(), Sim.GetUploadedFlowFile("q3.csv"));

        var all = await Post(Api("/upload_files"), new { user_id = Sim.UserId, files = new[] { new { file_name = "a.txt", file_content = content }, new { file_name = "b.txt", file_content = content } } });
        Assert.Equal(200, all.Status);
        Assert.Equal(2, all.Json.GetProperty("uploaded_files").GetArrayLength());

        var partial = await Post(Api("/upload_files"), new { user_id = Sim.UserId, files = new[] { new { file_name = "c.txt", file_content = content }, new { file_name = "sim:fail.pdf", file_content = content } } });
        Assert.Equal(207, partial.Status);
        Assert.True(partial.Json.GetProperty("partial_success").GetBoolean());
        Assert.Equal("sim:fail.pdf", partial.Json.GetProperty("failed_files")[0].GetString());

        var none = await Post(Api("/upload_files"), new { user_id = Sim.UserId, files = new[] { new { file_name = "sim:fail.pdf", file_content = content } } });
        Assert.Equal(500, none.Status);

        var bad = await Post(Api("/upload_file"), new { user_id = Sim.UserId, file_name = "x", file_content = "***" });
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task FlowRoutesRequireCredentials()
    {
        using var anonymous = NewClient(null, null);
        var r = await Get(Api("/list_workbooks?" + Scope), anonymous);
        Assert.Equal(401, r.Status);
    }

    [Fact]
    public async Task WrongMethodOnAFlowRouteIsTheCanonical404()
    {
        var r = await Get(Api("/start_pipeline?" + Scope));
        AssertCanonicalError(r, 404, "not_found", "not_found_error");
    }

    [Fact]
    public async Task FlowsCanBeTurnedOffWithSeedData()
    {
        using var empty = GumloopSimulator.Start(new SimulatorOptions { SeedData = false });
        using var http = NewClient(empty.ApiKeyText, empty.UserId);
        var r = await Get(empty.BaseUri.ToString().TrimEnd('/') + "/list_workbooks?user_id=" + empty.UserId, http);
        Assert.Equal(0, r.Json.GetProperty("workbooks").GetArrayLength());
    }
}
