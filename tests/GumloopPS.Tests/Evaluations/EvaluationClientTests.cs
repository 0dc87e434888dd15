using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Evaluations;

/// <summary>What the evaluation client sends (API.md 10.14, 10.16), read back from a recording handler.</summary>
public class EvaluationClientTests
{
    private const string RunAnswer = "{\"dry_run\":false,\"credit_cost\":1,\"results\":[{\"id\":\"evr_1\",\"session_id\":\"s1\",\"status\":\"queued\"}],\"skipped\":[{\"session_id\":\"s2\",\"reason\":\"in_flight\",\"result_id\":\"evr_0\"}]}";

    private static JsonElement Body(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    [Fact]
    public async Task An_agent_run_posts_the_session_ids_and_reads_queued_and_skipped_sessions()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, RunAnswer);

        EvaluationRunResponse run = await ctx.Client.RunAgentEvaluationsAsync("ag 1", new[] { "s1", "s2" }, dryRun: false, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.EndsWith("/agents/ag%201/evaluations/run", request.Uri.AbsolutePath, StringComparison.Ordinal);
        JsonElement body = Body(request);
        Assert.Equal(new[] { "s1", "s2" }, body.GetProperty("session_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.False(body.TryGetProperty("dry_run", out _));
        Assert.Equal(1, run.CreditCost);
        EvaluationRunItem item = Assert.Single(run.Results);
        Assert.Equal(("ag 1", "evr_1", "evr_1", "s1", "queued"), (item.AgentId, item.EvaluationId, item.ResultId, item.SessionId, item.Status));
        EvaluationRunSkip skip = Assert.Single(run.Skipped);
        Assert.Equal(("s2", "in_flight", "evr_0"), (skip.SessionId, skip.Reason, skip.ResultId));
    }

    [Fact]
    public async Task A_run_that_spends_credits_is_not_resent_after_a_server_error_but_a_dry_run_is()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}");
        await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.RunAgentEvaluationsAsync("a", new[] { "s1" }, dryRun: false, CancellationToken.None));
        Assert.Single(ctx.Handler.Requests);

        using var dry = new TestContext();
        dry.Handler.Respond(503, "{}").Respond(200, "{\"dry_run\":true,\"credit_cost\":1,\"results\":[{\"id\":null,\"session_id\":\"s1\",\"status\":\"planned\"}],\"skipped\":[]}");
        EvaluationRunResponse plan = await dry.Client.RunAgentEvaluationsAsync("a", new[] { "s1" }, dryRun: true, CancellationToken.None);
        Assert.Equal(2, dry.Handler.Requests.Count);
        Assert.True(Body(dry.Handler.Requests[1]).GetProperty("dry_run").GetBoolean());
        Assert.True(plan.DryRun);
        Assert.Null(plan.Results[0].ResultId);
        Assert.Equal("planned", plan.Results[0].Status);
    }

    [Fact]
    public async Task A_run_refuses_more_than_200_or_no_session_ids_before_sending()
    {
        using var ctx = new TestContext();
        var ids = Enumerable.Range(0, 201).Select(i => "s" + i).ToArray();
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.RunEvaluationAsync("e", ids, false, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.RunEvaluationAsync("e", Array.Empty<string>(), false, CancellationToken.None));
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public void Batches_hold_200_unique_ids_in_first_seen_order()
    {
        var ids = Enumerable.Range(0, 450).Select(i => "s" + i).Concat(new[] { "s3", "", "s449" }).ToList();
        IReadOnlyList<IReadOnlyList<string>> batches = GumloopEvaluationClient.Batch(ids);
        Assert.Equal(new[] { 200, 200, 50 }, batches.Select(b => b.Count));
        Assert.Equal(ids.Take(450), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task The_agent_list_sends_filters_and_dates_in_utc()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"evaluations\":[],\"next_cursor\":null}");
        var query = new AgentEvaluationQuery
        {
            Grade = "pass",
            Status = "queued",
            SessionId = "s1",
            OrganizationEvaluationId = "oev_1",
            CreatedAfter = new DateTimeOffset(2026, 9, 1, 14, 30, 0, TimeSpan.FromHours(2)),
            CreatedBefore = new DateTimeOffset(2026, 9, 2, 0, 0, 0, TimeSpan.Zero),
        };

        await ctx.Client.ReadAgentEvaluationsAsync("a1", query, new PageRequest(PagingStyle.Cursor, "x") { PageSize = 100 }, _ => { }, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.EndsWith("/agents/a1/evaluations", request.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("pass", request.QueryValue("grade"));
        Assert.Equal("queued", request.QueryValue("status"));
        Assert.Equal("s1", request.QueryValue("session_id"));
        Assert.Equal("oev_1", request.QueryValue("organization_evaluation_id"));
        Assert.Equal("2026-09-01T12:30:00.000Z", request.QueryValue("created_after"));
        Assert.Equal("2026-09-02T00:00:00.000Z", request.QueryValue("created_before"));
        Assert.Equal("100", request.QueryValue("page_size"));
    }

    [Fact]
    public async Task The_result_list_follows_next_cursor_and_sends_only_the_filters_given()
    {
        using var ctx = new TestContext();
        ctx.Handler
            .Respond(200, "{\"results\":[{\"id\":\"r1\",\"evaluation_id\":\"e1\",\"session_id\":\"s1\",\"agent_id\":\"a\",\"status\":\"queued\",\"created_at\":\"2026-09-14T17:45:11Z\"}],\"next_cursor\":\"c2\"}")
            .Respond(200, "{\"results\":[{\"id\":\"r2\",\"evaluation_id\":\"e1\",\"session_id\":\"s2\",\"agent_id\":\"a\",\"status\":\"completed\",\"grade\":\"pass\"}],\"next_cursor\":null}");
        var seen = new List<OrganizationEvaluationResult>();

        await ctx.Client.ReadEvaluationResultsAsync("e1", new EvaluationResultQuery { AgentId = "a" }, new PageRequest(PagingStyle.Cursor, "x"), seen.Add, CancellationToken.None);

        Assert.Equal(new[] { "r1", "r2" }, seen.Select(r => r.ResultId));
        Assert.Equal("c2", ctx.Handler.Requests[1].QueryValue("cursor"));
        Assert.All(ctx.Handler.Requests, r =>
        {
            Assert.Equal("a", r.QueryValue("agent_id"));
            Assert.Null(r.QueryValue("grade"));
            Assert.Null(r.QueryValue("created_after"));
        });
        Assert.True(seen[1].IsFinished);
        Assert.False(seen[0].IsFinished);
    }

    [Fact]
    public async Task Config_update_patches_exactly_the_changes()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"config\":{\"agent_id\":\"a1\",\"enabled\":true,\"criteria\":[{\"id\":\"c1\",\"name\":\"N\",\"prompt\":\"P\",\"type\":\"other\",\"priority\":\"needs_review\"}],\"tags\":[],\"data_points\":[]}}");
        var changes = new JsonMap { ["enabled"] = true, ["criteria"] = new JsonList { new JsonMap { ["name"] = "N", ["prompt"] = "P" } } };

        AgentEvaluationConfig config = await ctx.Client.UpdateAgentEvaluationConfigAsync("a1", changes, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("PATCH", request.Method);
        Assert.EndsWith("/agents/a1/evaluation-config", request.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("{\"enabled\":true,\"criteria\":[{\"name\":\"N\",\"prompt\":\"P\"}]}", request.Body);
        Assert.Equal("c1", Assert.Single(config.Criteria).Id);
    }

    [Fact]
    public async Task Targets_are_put_whole_and_an_organization_target_is_sent_without_an_id()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"targets\":[{\"type\":\"organization\",\"id\":\"org_1\"},{\"type\":\"team\",\"id\":\"tm_1\"}],\"covered_agent_count\":23,\"enabled\":true}");

        EvaluationTargetSet set = await ctx.Client.SetEvaluationTargetsAsync("e1", new[] { new EvaluationTarget("organization", null), new EvaluationTarget("team", "tm_1") }, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("PUT", request.Method);
        Assert.EndsWith("/evaluations/e1/targets", request.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("{\"targets\":[{\"type\":\"organization\"},{\"type\":\"team\",\"id\":\"tm_1\"}]}", request.Body);
        Assert.Equal(23, set.CoveredAgentCount);
        Assert.Equal("organization:org_1; team:tm_1", set.Targets.ToString());
        Assert.Equal("e1", set.EvaluationId);
    }

    [Fact]
    public async Task Delete_accepts_an_empty_204()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(204, null);

        await ctx.Client.DeleteEvaluationAsync("e1", CancellationToken.None);

        Assert.Equal("DELETE", ctx.Single().Method);
        Assert.EndsWith("/evaluations/e1", ctx.Single().Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_posts_the_body_once_and_reads_the_evaluation()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, "{\"evaluation\":{\"id\":\"oev_9\",\"name\":\"X\",\"enabled\":false,\"targets\":[],\"config\":{\"criteria\":[{\"name\":\"a\",\"prompt\":\"b\",\"enabled\":true}]},\"run_summary\":{\"graded_count\":0}}}");

        OrganizationEvaluation created = await ctx.Client.CreateEvaluationAsync(new JsonMap { ["organization_id"] = "org_1", ["name"] = "X" }, CancellationToken.None);

        Assert.Equal("{\"organization_id\":\"org_1\",\"name\":\"X\"}", ctx.Single().Body);
        Assert.Equal("oev_9", created.EvaluationId);
        Assert.True(created.Config!.Criteria[0].Enabled);
        Assert.Equal("1 criterion, 0 tags, 0 data points", created.Config.ToString());
    }

    [Fact]
    public async Task A_null_evaluation_is_an_invalid_response_not_an_empty_result()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"evaluation\":null}");
        await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetAgentEvaluationAsync("a", "e", CancellationToken.None));
    }

    [Fact]
    public async Task Metrics_send_days_and_count_every_grade()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"days\":7,\"grades\":{\"pass\":3,\"needs_attention\":1,\"future_grade\":2},\"tags\":{\"A\":2}}");

        EvaluationMetric metric = await ctx.Client.GetAgentEvaluationMetricsAsync("a1", 7, CancellationToken.None);

        Assert.Equal("7", ctx.Single().QueryValue("days"));
        Assert.Equal((3L, 0L, 1L, 6L), (metric.Pass, metric.NeedsReview, metric.NeedsAttention, metric.Total));
        Assert.Equal(2, metric.Tags["A"]);
        Assert.Equal("a1", metric.AgentId);
    }
}

/// <summary>The wait for queued results, on an injected clock and sleep: no test waits for real time.</summary>
public class EvaluationWaiterTests
{
    private sealed class FakeResult
    {
        public FakeResult(string id, string status)
        {
            Id = id;
            Status = status;
        }

        public string Id { get; }
        public string Status { get; }
    }

    [Fact]
    public async Task It_polls_each_pending_result_until_all_finish_and_hands_each_over_once()
    {
        // r1 finishes at its 1st poll, r2 at its 3rd (failed), r3 at its 2nd.
        var finishAt = new Dictionary<string, (int Polls, string Status)> { ["r1"] = (1, "completed"), ["r2"] = (3, "failed"), ["r3"] = (2, "completed") };
        var polls = new Dictionary<string, int>();
        var finished = new List<string>();
        var sleeps = new List<TimeSpan>();
        TimeSpan now = TimeSpan.Zero;

        EvaluationWaitProgress done = await EvaluationWaiter.WaitAsync(
            new[] { "r1", "r2", "r3", "r1" },
            (id, ct) =>
            {
                polls[id] = polls.TryGetValue(id, out int n) ? n + 1 : 1;
                return Task.FromResult(new FakeResult(id, polls[id] >= finishAt[id].Polls ? finishAt[id].Status : "in_progress"));
            },
            r => r.Status is "completed" or "failed",
            r => r.Status == "failed",
            r => finished.Add(r.Id),
            new WaitDeadline(TimeSpan.FromMinutes(5), () => now),
            null,
            CancellationToken.None,
            (delay, ct) =>
            {
                sleeps.Add(delay);
                now += delay;
                return Task.CompletedTask;
            });

        Assert.True(done.IsDone);
        Assert.Equal((3, 2, 1), (done.Total, done.Completed, done.Failed));
        Assert.Equal(new[] { "r1", "r3", "r2" }, finished);
        Assert.Equal(new Dictionary<string, int> { ["r1"] = 1, ["r2"] = 3, ["r3"] = 2 }, polls);
        Assert.Equal(3, sleeps.Count);
        Assert.True(sleeps[1] > sleeps[0], "the interval grows between polls");
    }

    [Fact]
    public async Task At_the_deadline_it_reports_the_results_still_pending()
    {
        TimeSpan now = TimeSpan.Zero;
        var progress = new List<string>();

        var ex = await Assert.ThrowsAsync<GumloopEvaluationWaitTimeoutException>(() => EvaluationWaiter.WaitAsync(
            new[] { "done", "stuck" },
            (id, ct) => Task.FromResult(new FakeResult(id, id == "done" ? "completed" : "queued")),
            r => r.Status == "completed",
            r => false,
            r => { },
            new WaitDeadline(TimeSpan.FromSeconds(10), () => now),
            (state, elapsed) => progress.Add(state.ToString()),
            CancellationToken.None,
            (delay, ct) =>
            {
                now += delay;
                return Task.CompletedTask;
            }));

        Assert.Equal(new[] { "stuck" }, ex.Pending);
        Assert.Contains("1 of 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stuck", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 completed, 0 failed, 1 pending of 2", progress);
    }
}
