using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>
/// The flow routes authenticate as Gumloop's own flow clients call them (npm gumloop 1.0.2, the Python SDK's legacy
/// GumloopClient): only a bearer key, the caller named by user_id or project_id, or the older ?api_key= form.
/// </summary>
public class SimulatorFlowAuthTests : SimTestBase, IDisposable
{
    private const string RenewalFlow = "fL4nT8wQ2xVd7kRb";
    private const string SecondUser = "Jt6Rb0WqN8eKs2LfZx5Ma9VcPd1H";

    private readonly System.Collections.Generic.List<HttpClient> _clients = new();

    /// <summary>A client that sends only the bearer header, as the official flow clients do; disposed with the test.</summary>
    private HttpClient BearerOnly(string key) => Track(NewClient(key, null));

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    public new void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
        base.Dispose();
    }

    /// <summary>The body npm gumloop's runFlow posts: the inputs as the legacy pipeline_inputs array.</summary>
    private static object SdkStartBody(string? userId, string? projectId, string topic) => projectId == null
        ? new { user_id = userId, saved_item_id = RenewalFlow, pipeline_inputs = new[] { new { input_name = "account_domain", value = (object)topic } } }
        : new { user_id = userId, saved_item_id = RenewalFlow, pipeline_inputs = new[] { new { input_name = "account_domain", value = (object)topic } }, project_id = projectId };

    private async Task<JsonElement> PollRun(string runId, string query, HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var r = await Get(Api($"/get_pl_run?run_id={runId}&{query}"), client);
            Assert.Equal(200, r.Status);
            var state = r.Json.GetProperty("state").GetString();
            if (state is "DONE" or "FAILED" or "TERMINATED") return r.Json;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Run {runId} never ended; last: {r.Text}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_personal_key_without_x_auth_key_runs_a_flow_named_by_user_id_in_body_and_query()
    {
        var client = BearerOnly(Sim.ApiKeyText);
        var start = await Post(Api("/start_pipeline"), SdkStartBody(Sim.UserId, null, "Northwind"), client);
        Assert.Equal(200, start.Status);
        var runId = start.Json.GetProperty("run_id").GetString()!;
        var run = await PollRun(runId, "user_id=" + Sim.UserId, client);
        Assert.Equal("DONE", run.GetProperty("state").GetString());
        Assert.NotEmpty(run.GetProperty("outputs").EnumerateObject());
        var logged = Sim.RequestLog.Where(e => e.PathSegments.Count == 1 && e.PathSegments[0] == "start_pipeline").ToList();
        Assert.Single(logged);
        Assert.Null(logged[0].AuthKey);
    }

    [Fact]
    public async Task Pipeline_inputs_and_top_level_inputs_reach_the_run_the_same_way()
    {
        var client = BearerOnly(Sim.ApiKeyText);
        var legacy = await Post(Api("/start_pipeline"), SdkStartBody(Sim.UserId, null, "Contoso"), client);
        var flat = await Post(Api("/start_pipeline"), new { user_id = Sim.UserId, saved_item_id = RenewalFlow, account_domain = "Contoso" }, client);
        Assert.Equal(200, legacy.Status);
        Assert.Equal(200, flat.Status);
        var a = await PollRun(legacy.Json.GetProperty("run_id").GetString()!, "user_id=" + Sim.UserId, client);
        var b = await PollRun(flat.Json.GetProperty("run_id").GetString()!, "user_id=" + Sim.UserId, client);
        string Outputs(JsonElement run) => string.Join(";", run.GetProperty("outputs").EnumerateObject().Select(p => p.Name + "=" + p.Value.GetRawText()));
        Assert.Contains("Contoso", Outputs(a));
        Assert.Equal(Outputs(b), Outputs(a));
    }

    [Fact]
    public async Task A_team_key_with_project_id_and_no_x_auth_key_or_team_id_runs_a_flow()
    {
        var client = BearerOnly(Sim.TeamApiKeyText);
        var start = await Post(Api("/start_pipeline"), SdkStartBody(SecondUser, Sim.TeamId, "Fabrikam"), client);
        Assert.Equal(200, start.Status);
        var runId = start.Json.GetProperty("run_id").GetString()!;
        var run = await PollRun(runId, $"user_id={SecondUser}&project_id={Sim.TeamId}", client);
        Assert.Equal("DONE", run.GetProperty("state").GetString());
        // A team key acts as the member that user_id names.
        Assert.Equal(SecondUser, run.GetProperty("user_id").GetString());
        Assert.DoesNotContain(Sim.RequestLog, e => e.Query.Contains("team_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_team_key_with_project_id_only_lists_saved_items()
    {
        var r = await Get(Api("/list_saved_items?project_id=" + Sim.TeamId), BearerOnly(Sim.TeamApiKeyText));
        Assert.Equal(200, r.Status);
        Assert.Contains(r.Json.GetProperty("saved_items").EnumerateArray(), i => i.GetProperty("saved_item_id").GetString() == RenewalFlow);
    }

    [Fact]
    public async Task The_legacy_api_key_query_parameter_authenticates_and_is_masked_in_the_request_log()
    {
        var anonymous = Track(NewClient(null, null));
        var r = await Get(Api($"/list_workbooks?user_id={Sim.UserId}&api_key={Uri.EscapeDataString(Sim.ApiKeyText)}"), anonymous);
        Assert.Equal(200, r.Status);
        var start = await Post(Api("/start_pipeline?api_key=" + Uri.EscapeDataString(Sim.ApiKeyText)), new { user_id = Sim.UserId, saved_item_id = RenewalFlow }, anonymous);
        Assert.Equal(200, start.Status);
        var entry = Sim.RequestLog.First(e => e.PathSegments[0] == "list_workbooks");
        Assert.Equal(Sim.ApiKeyText, entry.Credential);
        Assert.DoesNotContain(Sim.ApiKeyText, entry.Query, StringComparison.Ordinal);
        Assert.Contains("api_key=****", entry.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(Sim.ApiKeyText, entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_every_form()
    {
        var wrong = BearerOnly("gl_sk_notarealkey000000000000");
        Assert.Equal(401, (await Post(Api("/start_pipeline"), SdkStartBody(Sim.UserId, null, "x"), wrong)).Status);
        Assert.Equal(401, (await Get(Api("/get_pl_run?run_id=6pWq2NzKc8YtR3vB9mLhXa&user_id=" + Sim.UserId), wrong)).Status);
        Assert.Equal(401, (await Post(Api("/start_pipeline"), SdkStartBody(SecondUser, Sim.TeamId, "x"), wrong)).Status);
        var anonymous = Track(NewClient(null, null));
        Assert.Equal(401, (await Get(Api($"/list_workbooks?user_id={Sim.UserId}&api_key=gl_sk_notarealkey000000000000"), anonymous)).Status);
        var missing = await Get(Api($"/list_workbooks?user_id={Sim.UserId}"), anonymous);
        Assert.Equal(401, missing.Status);
        Assert.Contains("api_key", missing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_key_acts_only_as_its_owner()
    {
        var client = BearerOnly(Sim.ApiKeyText);
        var r = await Post(Api("/start_pipeline"), SdkStartBody(SecondUser, null, "x"), client);
        Assert.Equal(403, r.Status);
        Assert.Equal(403, (await Get(Api("/list_saved_items?user_id=" + SecondUser), client)).Status);
        // Without x-auth-key the owner must be named: project_id alone names nobody.
        Assert.Equal(400, (await Get(Api("/list_saved_items?project_id=" + Sim.TeamId), client)).Status);
    }

    [Fact]
    public async Task A_team_key_must_name_its_own_team_and_a_known_member()
    {
        var client = BearerOnly(Sim.TeamApiKeyText);
        Assert.Equal(403, (await Post(Api("/start_pipeline"), SdkStartBody(SecondUser, "tm_someoneelse", "x"), client)).Status);
        Assert.Equal(403, (await Post(Api("/start_pipeline"), SdkStartBody(SecondUser, null, "x"), client)).Status);
        Assert.Equal(403, (await Post(Api("/start_pipeline"), SdkStartBody("not_a_member", Sim.TeamId, "x"), client)).Status);
    }

    [Fact]
    public async Task Routes_other_than_flows_still_need_x_auth_key_with_a_personal_key()
    {
        var r = await Get(Api("/agents"), BearerOnly(Sim.ApiKeyText));
        AssertCanonicalError(r, 401, "missing_credentials", "authentication_error");
        var q = await Get(Api("/agents?api_key=" + Uri.EscapeDataString(Sim.ApiKeyText)), Track(NewClient(null, null)));
        Assert.Equal(401, q.Status);
    }

    [Fact]
    public async Task The_module_s_own_requests_with_x_auth_key_and_team_id_still_work()
    {
        // What GumloopPS sends: bearer, x-auth-key, team_id in the query, user_id and project_id in the body.
        var team = Track(NewClient(Sim.TeamApiKeyText, Sim.UserId));
        var r = await Post(Api("/start_pipeline?team_id=" + Sim.TeamId), new { user_id = Sim.UserId, project_id = Sim.TeamId, saved_item_id = RenewalFlow }, team);
        Assert.Equal(200, r.Status);
        var personal = await Post(Api("/start_pipeline"), new { user_id = Sim.UserId, saved_item_id = RenewalFlow });
        Assert.Equal(200, personal.Status);
    }
}
