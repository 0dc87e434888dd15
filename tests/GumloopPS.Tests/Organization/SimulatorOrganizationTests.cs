using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Organization;

/// <summary>The simulator's organization: admin checks, audit-log pages, membership and limit state, and exports.</summary>
public sealed class SimulatorOrganizationTests : SimTestBase
{
    private const string Org = "org_7Hq2Lw9x";

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private string AuditUrl(int days, string extra = "") =>
        Api($"/get_audit_logs?organization_id={Org}&user_id={Sim.UserId}&start_time={Iso(DateTimeOffset.UtcNow.AddDays(-days))}&end_time={Iso(DateTimeOffset.UtcNow.AddMinutes(1))}{extra}");

    private object Member(string action, string email, string workspace = "tm_a93f0b42") =>
        new { organization_id = Org, user_id = Sim.UserId, workspace_id = workspace, action, user_email = email };

    [Fact]
    public async Task A_week_of_audit_logs_spans_more_than_five_pages_and_pages_do_not_overlap()
    {
        var first = await Get(AuditUrl(7, "&page_size=50"));
        Assert.Equal(200, first.Status);
        int total = first.Json.GetProperty("total_count").GetInt32();
        int pages = first.Json.GetProperty("total_pages").GetInt32();
        Assert.True(pages > 5, $"{pages} pages");
        Assert.Equal((total + 49) / 50, pages);
        var second = await Get(AuditUrl(7, "&page_size=50&page=2"));
        var ids1 = first.Json.GetProperty("audit_logs").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()).ToList();
        var ids2 = second.Json.GetProperty("audit_logs").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()).ToList();
        Assert.Equal(50, ids2.Count);
        Assert.Empty(ids1.Intersect(ids2));
        Assert.Contains("user_sign_in", first.Json.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Audit_filters_apply_and_the_singular_names_work_too()
    {
        var plural = await Get(AuditUrl(7, "&event_types=agent_created,user_sign_in&page_size=100"));
        Assert.All(plural.Json.GetProperty("audit_logs").EnumerateArray(), e => Assert.Contains(e.GetProperty("event_type").GetString(), new[] { "agent_created", "user_sign_in" }));
        var singular = await Get(AuditUrl(7, "&event_type=agent_created&page_size=100"));
        Assert.All(singular.Json.GetProperty("audit_logs").EnumerateArray(), e => Assert.Equal("agent_created", e.GetProperty("event_type").GetString()));
        Assert.True(singular.Json.GetProperty("total_count").GetInt32() > 0);
        var byUser = await Get(AuditUrl(7, $"&user_ids={Sim.UserId}&page_size=100"));
        Assert.All(byUser.Json.GetProperty("audit_logs").EnumerateArray(), e => Assert.Equal(Sim.UserId, e.GetProperty("user_id").GetString()));
    }

    [Fact]
    public async Task A_range_over_ninety_days_or_backwards_is_400()
    {
        AssertCanonicalError(await Get(AuditUrl(91)), 400, "invalid_request", "invalid_request_error");
        var backwards = await Get(Api($"/get_audit_logs?organization_id={Org}&user_id={Sim.UserId}&start_time={Iso(DateTimeOffset.UtcNow)}&end_time={Iso(DateTimeOffset.UtcNow.AddDays(-1))}"));
        Assert.Equal(400, backwards.Status);
    }

    [Fact]
    public async Task A_non_admin_gets_403_on_every_admin_route_and_still_sees_the_organization()
    {
        var key = Sim.AddUser("usr_nonadmin01", "Nora", "Admin");
        var plain = new System.Net.NetworkCredential(string.Empty, key).Password;
        using var client = NewClient(plain, "usr_nonadmin01");
        const string u = "usr_nonadmin01";
        var replies = new[]
        {
            await Get(Api($"/get_audit_logs?organization_id={Org}&user_id={u}&start_time={Iso(DateTimeOffset.UtcNow.AddDays(-1))}&end_time={Iso(DateTimeOffset.UtcNow)}"), client),
            await Post(Api("/manage_workspace_users"), new { organization_id = Org, user_id = u, workspace_id = "tm_a93f0b42", action = "add", user_email = "lee.chen@lumenfield.io" }, client),
            await Post(Api("/manage_permission_group_users"), new { organization_id = Org, user_id = u, group_id = "role_4Fz8Qp", action = "add", user_email = "lee.chen@lumenfield.io" }, client),
            await Get(Api($"/organizations/{Org}/roles/credit-limits?user_id={u}"), client),
            await Get(Api($"/organizations/{Org}/roles/role_4Fz8Qp/credit-limit?user_id={u}"), client),
            await Send(HttpMethod.Put, Api($"/organizations/{Org}/roles/role_4Fz8Qp/credit-limit"), Body(new { monthly_credit_limit = 1, user_id = u }), client),
            await Post(Api("/export_data"), new { user_id = u, data_type = "credit_logs", export_fields = new[] { "amount" }, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z" }, client),
            await Get(Api($"/export_status?user_id={u}&data_export_id=dx_x"), client),
        };
        Assert.All(replies, r => AssertCanonicalError(r, 403, "not_organization_admin", "permission_error"));
        Assert.Equal(200, (await Get(Api("/organizations"), client)).Status);

        Sim.SetOrganizationAdmin(u, true);
        Assert.Equal(200, (await Get(Api($"/organizations/{Org}/roles/credit-limits?user_id={u}"), client)).Status);
    }

    [Fact]
    public async Task The_user_id_must_be_the_callers_own()
    {
        var r = await Get(Api($"/organizations/{Org}/roles/credit-limits?user_id=someone_else"));
        AssertCanonicalError(r, 403, "permission_denied", "permission_error");
    }

    [Fact]
    public async Task A_non_enterprise_organization_gets_the_flat_tier_error()
    {
        Sim.OrganizationPlan = "pro";
        var r = await Get(AuditUrl(1));
        Assert.Equal(403, r.Status);
        Assert.Equal("tier_required_enterprise", r.Json.GetProperty("error").GetString());
        Assert.Equal("enterprise", r.Json.GetProperty("minimum_tier").GetString());
    }

    [Fact]
    public async Task Workspace_membership_changes_and_repeats_answer_success_false()
    {
        var add = await Post(Api("/manage_workspace_users"), Member("add", "lee.chen@lumenfield.io"));
        Assert.True(add.Json.GetProperty("success").GetBoolean());
        var again = await Post(Api("/manage_workspace_users"), Member("add", "lee.chen@lumenfield.io"));
        Assert.Equal(200, again.Status);
        Assert.False(again.Json.GetProperty("success").GetBoolean());
        Assert.True((await Post(Api("/manage_workspace_users"), Member("remove", "lee.chen@lumenfield.io"))).Json.GetProperty("success").GetBoolean());
        Assert.False((await Post(Api("/manage_workspace_users"), Member("remove", "lee.chen@lumenfield.io"))).Json.GetProperty("success").GetBoolean());
        Assert.Equal(404, (await Post(Api("/manage_workspace_users"), Member("add", "stranger@elsewhere.io"))).Status);
        Assert.Equal(404, (await Post(Api("/manage_workspace_users"), Member("add", "lee.chen@lumenfield.io", "tm_ghost"))).Status);
        Assert.Equal(400, (await Post(Api("/manage_workspace_users"), Member("promote", "lee.chen@lumenfield.io"))).Status);

        var log = await Get(AuditUrl(1, "&event_types=workspace_user_added,workspace_user_removed&entity_ids=lee.chen@lumenfield.io"));
        Assert.Equal(2, log.Json.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Role_members_change_the_member_count()
    {
        async Task<int> Count() => (await Get(Api($"/organizations/{Org}/roles/role_9Gh2Jk/credit-limit?user_id={Sim.UserId}"))).Json.GetProperty("member_count").GetInt32();
        int before = await Count();
        var add = await Post(Api("/manage_permission_group_users"), new { organization_id = Org, user_id = Sim.UserId, group_id = "role_9Gh2Jk", action = "add", user_email = "lee.chen@lumenfield.io" });
        Assert.True(add.Json.GetProperty("success").GetBoolean());
        Assert.Equal(before + 1, await Count());
        var unknown = await Post(Api("/manage_permission_group_users"), new { organization_id = Org, user_id = Sim.UserId, group_id = "role_ghost", action = "add", user_email = "lee.chen@lumenfield.io" });
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Credit_limits_page_and_a_put_sets_and_clears_the_limit()
    {
        var first = await Get(Api($"/organizations/{Org}/roles/credit-limits?user_id={Sim.UserId}&page_size=2"));
        Assert.Equal(2, first.Json.GetProperty("roles").GetArrayLength());
        var cursor = first.Json.GetProperty("next_cursor").GetString();
        var second = await Get(Api($"/organizations/{Org}/roles/credit-limits?user_id={Sim.UserId}&page_size=2&cursor={Uri.EscapeDataString(cursor!)}"));
        Assert.NotEqual(first.Json.GetProperty("roles")[0].GetProperty("role_id").GetString(), second.Json.GetProperty("roles")[0].GetProperty("role_id").GetString());

        string url = Api($"/organizations/{Org}/roles/role_4Fz8Qp/credit-limit");
        var set = await Send(HttpMethod.Put, url, Body(new { monthly_credit_limit = 3500, user_id = Sim.UserId }));
        Assert.Equal(3500, set.Json.GetProperty("monthly_credit_limit").GetInt64());
        var cleared = await Send(HttpMethod.Put, url, RawBody($"{{\"monthly_credit_limit\":null,\"user_id\":\"{Sim.UserId}\"}}"));
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("monthly_credit_limit").ValueKind);
        Assert.Equal(400, (await Send(HttpMethod.Put, url, Body(new { user_id = Sim.UserId }))).Status);
        Assert.Equal(400, (await Send(HttpMethod.Put, url, Body(new { monthly_credit_limit = -1, user_id = Sim.UserId }))).Status);
        Assert.Equal(404, (await Send(HttpMethod.Put, Api($"/organizations/{Org}/roles/role_ghost/credit-limit"), Body(new { monthly_credit_limit = 1, user_id = Sim.UserId }))).Status);
        Assert.Equal(404, (await Get(Api($"/organizations/org_ghost/roles/credit-limits?user_id={Sim.UserId}"))).Status);
    }

    [Fact]
    public async Task An_export_moves_one_state_per_status_read_and_then_serves_its_csv()
    {
        var started = await Post(Api("/export_data"), new
        {
            user_id = Sim.UserId, data_type = "credit_logs", export_fields = new[] { "log_id", "name", "amount" },
            start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z",
        });
        Assert.Equal(200, started.Status);
        Assert.Equal("REQUESTED", started.Json.GetProperty("state").GetString());
        var id = started.Json.GetProperty("data_export_id").GetString();
        string status = Api($"/export_status?user_id={Sim.UserId}&data_export_id={id}");
        var one = await Get(status);
        Assert.Equal("IN_PROGRESS", one.Json.GetProperty("state").GetString());
        Assert.False(one.Json.TryGetProperty("finished_ts", out _));
        var two = await Get(status);
        Assert.Equal("COMPLETED", two.Json.GetProperty("state").GetString());
        Assert.True(two.Json.TryGetProperty("finished_ts", out _));
        var csv = await Get(status + "&download=true");
        Assert.StartsWith("text/csv", csv.Response.Content.Headers.ContentType!.ToString());
        var lines = csv.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("log_id,name,amount", lines[0]);
        Assert.True(lines.Length > 3);
        Assert.Equal(404, (await Get(Api($"/export_status?user_id={Sim.UserId}&data_export_id=dx_ghost"))).Status);
    }

    [Fact]
    public async Task Export_requests_the_service_refuses_are_400()
    {
        object Export(string dataType, string[] fields, bool scoped) => scoped
            ? new { user_id = Sim.UserId, data_type = dataType, export_fields = fields, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z", include_all_workspaces = true }
            : new { user_id = Sim.UserId, data_type = dataType, export_fields = fields, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z", include_all_workspaces = false };
        Assert.Equal(400, (await Post(Api("/export_data"), Export("agents", new[] { "run_id" }, true))).Status);
        Assert.Equal(400, (await Post(Api("/export_data"), Export("agents", new[] { "agent_id" }, false))).Status);
        Assert.Equal(400, (await Post(Api("/export_data"), Export("audit_logs", new[] { "x" }, true))).Status);
        Assert.Equal(400, (await Post(Api("/export_data"), Export("agents", Array.Empty<string>(), true))).Status);
        Assert.Equal(200, (await Post(Api("/export_data"), Export("agents", new[] { "agent_id" }, true))).Status);
        Assert.Equal(200, (await Post(Api("/export_data"), Export("credit_logs", new[] { "amount" }, false))).Status);
    }

    [Fact]
    public async Task Another_users_export_is_403()
    {
        var started = await Post(Api("/export_data"), new { user_id = Sim.UserId, data_type = "credit_logs", export_fields = new[] { "amount" }, start_date = "2026-09-01T00:00:00Z", end_date = "2026-09-30T00:00:00Z" });
        var id = started.Json.GetProperty("data_export_id").GetString();
        var key = Sim.AddUser("usr_admin02", "Ada", "Second");
        Sim.SetOrganizationAdmin("usr_admin02", true);
        using var client = NewClient(new System.Net.NetworkCredential(string.Empty, key).Password, "usr_admin02");
        AssertCanonicalError(await Get(Api($"/export_status?user_id=usr_admin02&data_export_id={id}"), client), 403, "permission_denied", "permission_error");
    }
}
