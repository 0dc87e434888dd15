using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Evaluations;

/// <summary>The simulator's evaluation state: runs, result progress by reads, metrics from results, and permissions.</summary>
public sealed class SimulatorEvaluationTests : SimTestBase
{
    private const string OrgId = "org_7Hq2Lw9x";
    private const string SeededEvaluation = "oev_3Hs8Kd";

    private string NewAgentWithSessions(int sessions)
    {
        string id = "evsim" + Guid.NewGuid().ToString("N").Substring(0, 10);
        Sim.AddAgent(id, "Evaluated", null);
        Sim.EnableAgentEvaluation(id);
        for (int i = 0; i < sessions; i++) Sim.SeedSession(id, 2);
        return id;
    }

    private async Task<string[]> SessionIds(string agentId) =>
        (await Get(Api($"/agents/{agentId}/sessions?page_size=100"))).Json.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task A_queued_result_moves_on_one_step_per_read_and_is_graded_from_the_rubric()
    {
        string agent = NewAgentWithSessions(1);
        string session = (await SessionIds(agent)).Single();
        var run = await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { session } });
        Assert.Equal(202, run.Status);
        string id = run.Json.GetProperty("results")[0].GetProperty("id").GetString()!;

        var states = new string[3];
        for (int i = 0; i < 3; i++)
            states[i] = (await Get(Api($"/agents/{agent}/evaluations/{id}"))).Json.GetProperty("evaluation").GetProperty("status").GetString()!;

        Assert.Equal(new[] { "queued", "in_progress", "completed" }, states);
        var done = (await Get(Api($"/agents/{agent}/evaluations/{id}"))).Json.GetProperty("evaluation");
        Assert.Contains(done.GetProperty("grade").GetString(), new[] { "pass", "needs_review", "needs_attention" });
        Assert.Equal("Answers the question", done.GetProperty("criteria_results")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rerunning_a_session_replaces_its_result_and_an_in_flight_one_is_skipped_with_its_id()
    {
        string agent = NewAgentWithSessions(1);
        string session = (await SessionIds(agent)).Single();
        string first = (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { session } })).Json.GetProperty("results")[0].GetProperty("id").GetString()!;

        var again = await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { session } });
        Assert.Equal(202, again.Status);
        Assert.Equal(0, again.Json.GetProperty("credit_cost").GetInt32());
        var skip = again.Json.GetProperty("skipped")[0];
        Assert.Equal(("in_flight", first), (skip.GetProperty("reason").GetString(), skip.GetProperty("result_id").GetString()));

        for (int i = 0; i < 2; i++) await Get(Api($"/agents/{agent}/evaluations/{first}"));
        string second = (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { session } })).Json.GetProperty("results")[0].GetProperty("id").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(404, (await Get(Api($"/agents/{agent}/evaluations/{first}"))).Status);
    }

    [Fact]
    public async Task Runs_check_their_body_and_charge_credits()
    {
        string agent = NewAgentWithSessions(2);
        string[] sessions = await SessionIds(agent);
        Assert.Equal("invalid_request", (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { sessions[0], sessions[0] } })).ErrorCode);
        Assert.Equal("invalid_request", (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = Enumerable.Range(0, 201).Select(i => "s" + i).ToArray() })).ErrorCode);
        Assert.Equal("no_valid_interactions", (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { "sess_Pb9yE4uL6d" } })).ErrorCode);

        Sim.EvaluationCredits = 1;
        var refused = await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = sessions });
        Assert.Equal((402, "insufficient_credits"), (refused.Status, refused.ErrorCode));
        Assert.Equal(202, (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = new[] { sessions[0] } })).Status);
        Assert.Equal(0, Sim.EvaluationCredits);
    }

    [Fact]
    public async Task Result_pages_stay_whole_while_reads_move_results_on()
    {
        string agent = NewAgentWithSessions(120);
        string[] sessions = (await SessionIds(agent)).Concat((await Get(Api($"/agents/{agent}/sessions?page_size=100&cursor=" + Uri.EscapeDataString((await Get(Api($"/agents/{agent}/sessions?page_size=100"))).Json.GetProperty("next_cursor").GetString()!)))).Json
            .GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)).ToArray();
        Assert.Equal(120, sessions.Length);
        Assert.Equal(202, (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = sessions })).Status);

        var first = await Get(Api($"/agents/{agent}/evaluations?status=queued&page_size=100"));
        string cursor = first.Json.GetProperty("next_cursor").GetString()!;
        var second = await Get(Api($"/agents/{agent}/evaluations?status=queued&page_size=100&cursor=" + Uri.EscapeDataString(cursor)));

        Assert.Equal(100, first.Json.GetProperty("evaluations").GetArrayLength());
        Assert.Equal(20, second.Json.GetProperty("evaluations").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.Json.GetProperty("next_cursor").ValueKind);
        Assert.Equal(400, (await Get(Api($"/agents/{agent}/evaluations?cursor=bogus"))).Status);
    }

    [Fact]
    public async Task Metrics_are_counted_from_the_results()
    {
        string agent = NewAgentWithSessions(3);
        string[] sessions = await SessionIds(agent);
        var ids = (await Post(Api($"/agents/{agent}/evaluations/run"), new { session_ids = sessions })).Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var before = (await Get(Api($"/agents/{agent}/evaluations/metrics"))).Json.GetProperty("grades");
        Assert.Equal(0, before.EnumerateObject().Sum(g => g.Value.GetInt32()));

        var grades = new System.Collections.Generic.List<string>();
        foreach (var id in ids)
        {
            await Get(Api($"/agents/{agent}/evaluations/{id}"));
            await Get(Api($"/agents/{agent}/evaluations/{id}"));
            grades.Add((await Get(Api($"/agents/{agent}/evaluations/{id}"))).Json.GetProperty("evaluation").GetProperty("grade").GetString()!);
        }

        var after = (await Get(Api($"/agents/{agent}/evaluations/metrics?days=7"))).Json;
        Assert.Equal(7, after.GetProperty("days").GetInt32());
        foreach (var g in new[] { "pass", "needs_review", "needs_attention" })
            Assert.Equal(grades.Count(x => x == g), after.GetProperty("grades").GetProperty(g).GetInt32());
    }

    [Fact]
    public async Task Config_patches_replace_lists_and_reject_bad_entries_without_changing_anything()
    {
        var bad = await Patch(Api("/agents/r4Ts9Kq2MwX7bLn/evaluation-config"), new { tags = new[] { new { name = "X" } }, criteria = new[] { new { name = "no prompt" } } });
        Assert.Equal(("invalid_request", "criteria[0]"), (bad.ErrorCode, bad.Json.GetProperty("error").GetProperty("details").GetProperty("fields")[0].GetProperty("field").GetString()));
        var config = (await Get(Api("/agents/r4Ts9Kq2MwX7bLn/evaluation-config"))).Json.GetProperty("config");
        Assert.Equal(2, config.GetProperty("tags").GetArrayLength());

        var ok = (await Patch(Api("/agents/r4Ts9Kq2MwX7bLn/evaluation-config"), new { tags = new[] { new { name = "escalation risk" } } })).Json.GetProperty("config");
        Assert.Equal("ESCALATION_RISK", ok.GetProperty("tags").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal(2, ok.GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task Organization_routes_need_the_manage_evaluations_permission()
    {
        var key = Sim.AddUser("user_plain01", "Plain", "Member");
        var p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(key);
        string text;
        try { text = System.Runtime.InteropServices.Marshal.PtrToStringUni(p)!; } finally { System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p); }
        using var member = NewClient(text, "user_plain01");

        var denied = await Get(Api($"/evaluations?organization_id={OrgId}"), member);
        Assert.Equal((403, "policy_denied"), (denied.Status, denied.ErrorCode));
        Assert.Equal("organization:manage_evaluations", denied.Json.GetProperty("denied_keys")[0].GetString());
        Assert.Equal(403, (await Send(HttpMethod.Delete, Api($"/evaluations/{SeededEvaluation}"), null, member)).Status);
        Assert.Equal(200, (await Get(Api("/evaluation-options"), member)).Status);

        Sim.SetEvaluationManager("user_plain01", true);
        Assert.Equal(200, (await Get(Api($"/evaluations?organization_id={OrgId}"), member)).Status);
    }

    [Fact]
    public async Task An_evaluation_is_enabled_only_with_a_rubric_and_targets_and_pauses_without_them()
    {
        var created = await Post(Api("/evaluations"), new { organization_id = OrgId, name = "Pausing", config = new { criteria = new[] { new { name = "c", prompt = "p" } } } });
        Assert.Equal(201, created.Status);
        string id = created.Json.GetProperty("evaluation").GetProperty("id").GetString()!;
        Assert.Equal("organization_evaluation_no_targets", (await Patch(Api($"/evaluations/{id}"), new { enabled = true })).ErrorCode);
        Assert.Equal("organization_evaluation_not_runnable", (await Post(Api($"/evaluations/{id}/run"), new { session_ids = new[] { "sess_Vk3nQ8wT2p" } })).ErrorCode);

        var targets = await Send(HttpMethod.Put, Api($"/evaluations/{id}/targets"), Body(new { targets = new[] { new { type = "agent", id = "r4Ts9Kq2MwX7bLn" } } }));
        Assert.Equal(1, targets.Json.GetProperty("covered_agent_count").GetInt32());
        Assert.True((await Patch(Api($"/evaluations/{id}"), new { enabled = true })).Json.GetProperty("evaluation").GetProperty("enabled").GetBoolean());

        var emptied = await Send(HttpMethod.Put, Api($"/evaluations/{id}/targets"), Body(new { targets = Array.Empty<object>() }));
        Assert.False(emptied.Json.GetProperty("enabled").GetBoolean());
        Assert.Equal("organization_evaluation_target_not_in_organization",
            (await Send(HttpMethod.Put, Api($"/evaluations/{id}/targets"), Body(new { targets = new[] { new { type = "team", id = "tm_elsewhere" } } }))).ErrorCode);
        Assert.Equal("organization_evaluation_name_taken", (await Post(Api("/evaluations"), new { organization_id = OrgId, name = "pausing" })).ErrorCode);
        Assert.Equal("invalid_request", (await Post(Api("/evaluations"), new { organization_id = OrgId, name = "Extra", colour = "red" })).ErrorCode);

        Assert.Equal(204, (await Send(HttpMethod.Delete, Api($"/evaluations/{id}"))).Status);
        Assert.Equal("organization_evaluation_not_found", (await Get(Api($"/evaluations/{id}"))).ErrorCode);
    }

    [Fact]
    public async Task Organization_metrics_leave_out_grades_nobody_received_and_check_days()
    {
        var created = await Post(Api("/evaluations"), new { organization_id = OrgId, name = "Quiet", config = new { tags = new[] { new { name = "t" } } } });
        string id = created.Json.GetProperty("evaluation").GetProperty("id").GetString()!;
        var metrics = (await Get(Api($"/evaluations/{id}/metrics"))).Json;
        Assert.Empty(metrics.GetProperty("grades").EnumerateObject());
        Assert.Equal(400, (await Get(Api($"/evaluations/{id}/metrics?days=366"))).Status);
        Assert.Equal(400, (await Get(Api($"/evaluations/{SeededEvaluation}/results?created_after=2026-09-01T00:00:00"))).Status);
        Assert.Equal(200, (await Get(Api($"/evaluations/{SeededEvaluation}/results?created_after=2026-09-01T00:00:00Z"))).Status);
    }
}
