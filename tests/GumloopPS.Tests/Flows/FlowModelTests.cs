using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>Every flows.* and files.* example, read through the client exactly as the API would send it.</summary>
public class FlowModelTests
{
    public static IEnumerable<object[]> FlowAndFileExamples() =>
        Directory.GetFiles(TestPaths.Examples)
            .Select(Path.GetFileName)
            .Where(n => n!.StartsWith("flows.", StringComparison.Ordinal) || n.StartsWith("files.", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    private static TestContext Respond(string file, int status = 200)
    {
        var ctx = new TestContext();
        ctx.Handler.Respond(status, TestPaths.ReadExample(file));
        return ctx;
    }

    private static JsonElement Load(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample(file));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void ThereAreFlowAndFileExamplesToTest()
    {
        Assert.True(FlowAndFileExamples().Count() >= 13);
    }

    /// <summary>A new example without a check here fails, so the models cannot fall behind the fixtures.</summary>
    [Theory]
    [MemberData(nameof(FlowAndFileExamples))]
    public async Task ExampleIsReadByItsModel(string file)
    {
        CancellationToken ct = CancellationToken.None;
        switch (file)
        {
            case "flows.get_inputs.200.json":
            {
                using var ctx = Respond(file);
                var inputs = await ctx.Client.GetFlowInputsAsync("fL4nT8wQ2xVd7kRb", ct);
                Assert.Equal(2, inputs.Count);
                Assert.Equal("account_domain", inputs[0].Name);
                Assert.Equal("string", inputs[0].DataType);
                Assert.Equal("Company website domain, without https://", inputs[0].Description);
                Assert.Equal("fL4nT8wQ2xVd7kRb", inputs[0].FlowId);
                Assert.Equal("usage_export", inputs[1].Name);
                Assert.Equal("file", inputs[1].DataType);
                Assert.Null(inputs[1].Description);
                Assert.Equal("account_domain", inputs[0].ToString());
                break;
            }

            case "flows.get_pl_run.200.done.json":
            {
                using var ctx = Respond(file);
                var run = await ctx.Client.GetFlowRunAsync("6pWq2NzKc8YtR3vB9mLhXa", ct);
                Assert.Equal("6pWq2NzKc8YtR3vB9mLhXa", run.RunId);
                Assert.Equal("DONE", run.State);
                Assert.Equal("9vQeL2mXr4TzKw7NcB1sHp0aYu3D", run.UserId);
                Assert.Equal("Northwind Traders renews on 2026-11-30; seat usage is 82% of plan.", run.Outputs["renewal_summary"]);
                Assert.Equal("0.31", run.Outputs["RISK_SCORE"]);
                Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 2, 41, TimeSpan.Zero).AddTicks(3182040), run.CreatedAt);
                Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 3, 19, TimeSpan.Zero).AddTicks(9025510), run.FinishedAt);
                Assert.Equal(7, run.Log.Count);
                Assert.Equal("__system__: Run finished", run.Log[6]);
                Assert.True(FlowRun.IsTerminalState(run.State));
                Assert.Equal(
                    "renewal_summary=Northwind Traders renews on 2026-11-30; seat usage is 82% of plan.; risk_score=0.31",
                    run.Outputs.ToString());
                Assert.Equal(string.Join("\n", run.Log), run.Log.ToString());
                break;
            }

            case "flows.get_pl_run.200.failed.json":
            {
                var run = FlowRun.FromJson(Load(file), "Qm1xF5bV7rT2kW9nYs3Hd");
                Assert.Equal("FAILED", run.State);
                Assert.Empty(run.Outputs);
                Assert.Equal(string.Empty, run.Outputs.ToString());
                Assert.Contains("Google Sheets Reader: Error - spreadsheet not found", run.Log);
                var error = new GumloopFlowRunFailedException(run);
                Assert.Contains("Qm1xF5bV7rT2kW9nYs3Hd", error.Message, StringComparison.Ordinal);
                Assert.Contains("spreadsheet not found", error.Message, StringComparison.Ordinal);
                Assert.Same(run, error.Run);
                break;
            }

            case "flows.get_pl_run.200.running.json":
            {
                var run = FlowRun.FromJson(Load(file), "6pWq2NzKc8YtR3vB9mLhXa");
                Assert.Equal("RUNNING", run.State);
                Assert.Null(run.FinishedAt);
                Assert.False(FlowRun.IsTerminalState(run.State));
                Assert.Equal(3, run.Log.Count);
                break;
            }

            case "flows.get_plrun_saved_item_map.200.json":
            {
                using var ctx = Respond(file);
                var runs = await ctx.Client.GetFlowRunHistoryAsync("fL4nT8wQ2xVd7kRb", null, ct);

                // The "_comment" key holds a string, not a run list, and must not turn into a run.
                Assert.Equal(2, runs.Count);
                Assert.Equal("6pWq2NzKc8YtR3vB9mLhXa", runs[0].RunId);
                Assert.Equal("DONE", runs[0].State);
                Assert.Equal("fL4nT8wQ2xVd7kRb", runs[0].FlowId);
                Assert.Equal("Qm1xF5bV7rT2kW9nYs3Hd", runs[1].RunId);
                Assert.Equal("FAILED", runs[1].State);
                Assert.NotNull(runs[1].FinishedAt);
                Assert.Empty(runs[1].Log);
                break;
            }

            case "flows.kill_pipeline.200.json":
            {
                using var ctx = Respond(file);
                var result = await ctx.Client.KillFlowRunAsync("6pWq2NzKc8YtR3vB9mLhXa", ct);
                Assert.True(result.Success);
                Assert.Equal("6pWq2NzKc8YtR3vB9mLhXa", result.RunId);
                break;
            }

            case "flows.list_saved_items.200.json":
            {
                using var ctx = Respond(file);
                var flows = await ctx.Client.ListFlowsAsync(ct);
                Assert.Equal(new[] { "fL4nT8wQ2xVd7kRb", "kP7vD2sM9qRw3zXc" }, flows.Select(f => f.FlowId));
                Assert.Equal("Account renewal brief", flows[0].Name);
                Assert.Null(flows[1].Description);
                Assert.Equal(new DateTimeOffset(2026, 7, 19, 13, 40, 22, TimeSpan.Zero), flows[1].CreatedAt);
                Assert.Null(flows[0].WorkbookId);
                break;
            }

            case "flows.list_workbooks.200.json":
            {
                using var ctx = Respond(file);
                var workbooks = await ctx.Client.ListWorkbooksAsync(ct);
                Assert.Equal(2, workbooks.Count);
                Assert.Equal("wb3Hs9QpZ1mC6yTe", workbooks[0].WorkbookId);
                Assert.Equal("Renewal research", workbooks[0].Name);
                Assert.Equal(2, workbooks[0].Flows.Count);
                Assert.All(workbooks[0].Flows, f => Assert.Equal("Renewal research", f.WorkbookName));
                Assert.All(workbooks[0].Flows, f => Assert.Equal("wb3Hs9QpZ1mC6yTe", f.WorkbookId));
                Assert.Equal("Account renewal brief; Churn signal digest", workbooks[0].Flows.ToString());
                Assert.Empty(workbooks[1].Flows);
                Assert.Equal(string.Empty, workbooks[1].Flows.ToString());
                Assert.Equal(string.Empty, workbooks[1].Description);
                break;
            }

            case "flows.start_pipeline.200.json":
            {
                using var ctx = Respond(file);
                var run = await ctx.Client.StartFlowAsync("fL4nT8wQ2xVd7kRb", new Dictionary<string, object?> { ["account_domain"] = "northwindtraders.example" }, ct);
                Assert.Equal("6pWq2NzKc8YtR3vB9mLhXa", run.RunId);
                Assert.Equal("fL4nT8wQ2xVd7kRb", run.FlowId);
                Assert.Equal("wb3Hs9QpZ1mC6yTe", run.WorkbookId);
                Assert.StartsWith("https://www.gumloop.com/pipeline?run_id=6pWq2NzKc8YtR3vB9mLhXa", run.Url, StringComparison.Ordinal);
                Assert.Null(run.State);
                break;
            }

            case "files.download_file.200.txt":
            {
                byte[] expected = File.ReadAllBytes(TestPaths.Example(file));
                using var ctx = new TestContext();
                ctx.Handler.Enqueue((req, c) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new ByteArrayContent(expected) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") } },
                }));
                byte[] bytes = await ctx.Client.DownloadFlowFileAsync("6pWq2NzKc8YtR3vB9mLhXa", "renewal_brief.csv", "fL4nT8wQ2xVd7kRb", ct);
                Assert.Equal(expected, bytes);
                break;
            }

            case "files.upload_file.200.json":
            {
                var result = FlowFileUploadResult.FromJson(Load(file));
                Assert.True(result.Success);
                Assert.Equal(new[] { "q3_usage_export.csv" }, result.UploadedFiles);
                Assert.Empty(result.FailedFiles);
                break;
            }

            case "files.upload_files.200.json":
            {
                var result = FlowFileUploadResult.FromJson(Load(file));
                Assert.True(result.Success);
                Assert.Equal(new[] { "q3_usage_export.csv", "contract_terms.pdf" }, result.UploadedFiles);
                Assert.Equal("q3_usage_export.csv; contract_terms.pdf", result.UploadedFiles.ToString());
                break;
            }

            case "files.upload_files.207.json":
            {
                using var ctx = Respond(file, 207);
                var result = await ctx.Client.UploadFlowFilesAsync(
                    new[] { new KeyValuePair<string, byte[]>("q3_usage_export.csv", new byte[] { 1 }), new KeyValuePair<string, byte[]>("contract_terms.pdf", new byte[] { 2 }) }, ct);
                Assert.True(result.PartialSuccess);
                Assert.Null(result.Success);
                Assert.Equal(new[] { "q3_usage_export.csv" }, result.UploadedFiles);
                Assert.Equal(new[] { "contract_terms.pdf" }, result.FailedFiles);
                break;
            }

            default:
                throw new Xunit.Sdk.XunitException($"No model check for example '{file}'. Add a case to {nameof(ExampleIsReadByItsModel)}.");
        }
    }

    [Fact]
    public void UnknownFieldsAreKeptAndNotExposedAsProperties()
    {
        var json = "{\"state\":\"RUNNING\",\"outputs\":{},\"log\":[],\"queue_position\":3,\"credits_used\":1.5}";
        using JsonDocument doc = JsonDocument.Parse(json);
        var run = FlowRun.FromJson(doc.RootElement, "r1");
        Assert.Equal(3L, run.GetAdditionalProperty("queue_position"));
        Assert.Equal(1.5, run.GetAdditionalProperty("credits_used"));
        Assert.Null(run.GetAdditionalProperty("state"));
        Assert.Equal(new[] { "queue_position", "credits_used" }, run.GetAdditionalPropertyNames());
        Assert.Contains("credits_used", run.GetRawJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypesReadAsEmptyInsteadOfThrowing()
    {
        var json = "{\"state\":7,\"outputs\":[1,2],\"log\":\"line one\\nline two\",\"created_ts\":\"not a date\",\"finished_ts\":1757865799}";
        using JsonDocument doc = JsonDocument.Parse(json);
        var run = FlowRun.FromJson(doc.RootElement, "r1");
        Assert.Null(run.State);
        Assert.Empty(run.Outputs);
        Assert.Equal(new[] { "line one", "line two" }, run.Log);
        Assert.Null(run.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1757865799), run.FinishedAt);
    }

    [Fact]
    public void NestedOutputsAndNonStringLogEntriesStayReadable()
    {
        var json = "{\"state\":\"DONE\",\"outputs\":{\"rows\":[{\"a\":1}],\"ok\":true,\"score\":0.5,\"none\":null},\"log\":[\"x\",{\"step\":\"y\"},null]}";
        using JsonDocument doc = JsonDocument.Parse(json);
        var run = FlowRun.FromJson(doc.RootElement, "r1");
        Assert.Equal("rows=[{\"a\":1}]; ok=true; score=0.5; none=", run.Outputs.ToString());
        Assert.Equal("x\n{\"step\":\"y\"}", run.Log.ToString());
    }

    [Fact]
    public void MergeKeepsTheIdsThatGetPlRunDoesNotRepeat()
    {
        var started = new FlowRun { RunId = "r1", FlowId = "f1", WorkbookId = "w1", Url = "https://x" };
        using JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample("flows.get_pl_run.200.running.json"));
        var polled = FlowRun.FromJson(doc.RootElement, "r1").MergeFrom(started);
        Assert.Equal("f1", polled.FlowId);
        Assert.Equal("w1", polled.WorkbookId);
        Assert.Equal("https://x", polled.Url);
        Assert.Equal("RUNNING", polled.State);
        Assert.Equal("r1 (RUNNING)", polled.ToString());
    }

    [Theory]
    [InlineData("DONE", true)]
    [InlineData("FAILED", true)]
    [InlineData("TERMINATED", true)]
    [InlineData("TERMINATING", false)]
    [InlineData("RUNNING", false)]
    [InlineData("QUEUED", false)]
    [InlineData("STARTED", false)]
    [InlineData(null, false)]
    public void TerminalStates(string? state, bool terminal) => Assert.Equal(terminal, FlowRun.IsTerminalState(state));

    [Fact]
    public void EveryFlowRunPropertyHasAReadableStringForCsv()
    {
        // Export-Csv writes each property's ToString(); none may be a type name.
        using JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample("flows.get_pl_run.200.done.json"));
        var run = FlowRun.FromJson(doc.RootElement, "r1");
        foreach (var property in typeof(FlowRun).GetProperties())
        {
            string text = Convert.ToString(property.GetValue(run), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("GumloopPS.", text, StringComparison.Ordinal);
        }

        foreach (var type in new[] { typeof(Flow), typeof(Workbook), typeof(FlowInput) })
        {
            foreach (var property in type.GetProperties())
            {
                var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                Assert.True(t == typeof(string) || t == typeof(DateTimeOffset) || t == typeof(FlowCollection), $"{type.Name}.{property.Name} is {t.Name}");
            }
        }
    }
}
