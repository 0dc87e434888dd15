using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Organization;

/// <summary>The request shapes of the organization-administration calls, against a recording handler.</summary>
public class OrganizationClientTests
{
    private const string OneOrganization = "{\"organizations\":[{\"id\":\"org_7Hq2Lw9x\",\"name\":\"Lumenfield Analytics\"}]}";
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 9, 7, 8, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset End = new DateTimeOffset(2026, 9, 14, 8, 0, 0, TimeSpan.FromHours(2));

    private static string AuditPage(int page, int count, int? totalPages, int pageSize = 50)
    {
        var items = string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"event_id\":\"ae_{page}_{i}\",\"timestamp\":\"2026-09-14T07:58:12Z\",\"event_type\":\"user_sign_in\",\"user_id\":\"u1\",\"details\":\"d\",\"source_ip\":\"203.0.113.24\",\"user_agent\":\"ua\"}}"));
        var pages = totalPages.HasValue ? $",\"total_pages\":{totalPages}" : string.Empty;
        return $"{{\"audit_logs\":[{items}],\"total_count\":999,\"page\":{page},\"page_size\":{pageSize}{pages},\"event_types\":[\"user_sign_in\"]}}";
    }

    private static async Task<List<AuditLogEntry>> ReadAudit(TestContext ctx, AuditLogQuery query, PageRequest page)
    {
        var read = new List<AuditLogEntry>();
        await ctx.Client.ReadAuditLogsAsync(query, page, read.Add, CancellationToken.None);
        return read;
    }

    [Fact]
    public async Task Audit_logs_name_the_only_organization_the_connection_user_and_the_range_in_utc()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, OneOrganization).Respond(200, AuditPage(1, 2, 1));
        var query = new AuditLogQuery(Start, End);
        query.EventTypes.Add("user_sign_in");
        query.EventTypes.Add("credential_retrieval");
        query.UserIds.Add("u1");

        var read = await ReadAudit(ctx, query, new PageRequest(PagingStyle.PageNumber, "the audit log") { Limit = 50 });

        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.EndsWith("/organizations", ctx.Handler.Requests[0].Uri.AbsolutePath);
        var audit = ctx.Handler.Requests[1];
        Assert.EndsWith("/get_audit_logs", audit.Uri.AbsolutePath);
        Assert.Equal("org_7Hq2Lw9x", audit.QueryValue("organization_id"));
        Assert.Equal(TestContext.UserId, audit.QueryValue("user_id"));
        Assert.Equal("2026-09-07T06:00:00Z", audit.QueryValue("start_time"));
        Assert.Equal("2026-09-14T06:00:00Z", audit.QueryValue("end_time"));
        Assert.Equal("user_sign_in,credential_retrieval", audit.QueryValue("event_types"));
        Assert.Equal("u1", audit.QueryValue("user_ids"));
        Assert.Null(audit.QueryValue("ip_addresses"));
        Assert.Null(audit.QueryValue("page"));
        Assert.Equal(2, read.Count);
        Assert.All(read, e => Assert.Equal("org_7Hq2Lw9x", e.OrganizationId));
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 7, 58, 12, TimeSpan.Zero), read[0].Timestamp);
    }

    [Fact]
    public async Task A_named_organization_is_used_without_listing_organizations()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, AuditPage(1, 1, 1));
        await ReadAudit(ctx, new AuditLogQuery(Start, End) { OrganizationId = "org_other" }, new PageRequest(PagingStyle.PageNumber, "x"));
        Assert.Equal("org_other", ctx.Single().QueryValue("organization_id"));
    }

    [Fact]
    public async Task Page_numbers_keep_the_first_page_size_so_a_limit_past_one_page_reads_the_right_items()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, OneOrganization).Respond(200, AuditPage(1, 100, 3, 100)).Respond(200, AuditPage(2, 100, 3, 100));

        var read = await ReadAudit(ctx, new AuditLogQuery(Start, End), new PageRequest(PagingStyle.PageNumber, "the audit log") { Limit = 120, PageSize = 100 });

        // Page 2 of 20-item pages would be items 21-40, already read; the second request must ask for page 2 of 100.
        var second = ctx.Handler.Requests[2];
        Assert.Equal("2", second.QueryValue("page"));
        Assert.Equal("100", second.QueryValue("page_size"));
        Assert.Equal(120, read.Count);
        Assert.Equal("ae_2_19", read[119].EventId);
        Assert.Equal(3, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task Without_total_pages_a_full_page_of_the_servers_default_size_means_more()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, OneOrganization).Respond(200, AuditPage(1, 50, null)).Respond(200, AuditPage(2, 7, null));

        var read = await ReadAudit(ctx, new AuditLogQuery(Start, End), new PageRequest(PagingStyle.PageNumber, "the audit log"));

        Assert.Equal(57, read.Count);
        Assert.Null(ctx.Handler.Requests[1].QueryValue("page_size"));
        Assert.Equal("2", ctx.Handler.Requests[2].QueryValue("page"));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 91)]
    public async Task A_range_the_service_refuses_is_refused_before_anything_is_sent(int endOffsetDays, int length)
    {
        using var ctx = new TestContext();
        var start = Start;
        var end = length > 0 ? start.AddDays(length) : start.AddDays(endOffsetDays);
        var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() => ReadAudit(ctx, new AuditLogQuery(start, end), new PageRequest(PagingStyle.PageNumber, "x")));
        Assert.Equal(OrganizationProblem.InvalidDateRange, ex.Problem);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task Ninety_days_exactly_is_allowed()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, OneOrganization).Respond(200, AuditPage(1, 0, 0));
        await ReadAudit(ctx, new AuditLogQuery(Start, Start.AddDays(90)), new PageRequest(PagingStyle.PageNumber, "x"));
        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Theory]
    [InlineData("{\"organizations\":[]}", OrganizationProblem.NoOrganization)]
    [InlineData("{\"organizations\":[{\"id\":\"org_a\",\"name\":\"A\"},{\"id\":\"org_b\",\"name\":\"B\"}]}", OrganizationProblem.AmbiguousOrganization)]
    public async Task No_organization_or_several_is_a_clear_error_and_no_admin_request_is_sent(string organizations, OrganizationProblem problem)
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, organizations);
        var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() => ReadAudit(ctx, new AuditLogQuery(Start, End), new PageRequest(PagingStyle.PageNumber, "x")));
        Assert.Equal(problem, ex.Problem);
        Assert.Single(ctx.Handler.Requests);
        if (problem == OrganizationProblem.AmbiguousOrganization)
        {
            Assert.Contains("org_a", ex.Message);
            Assert.Contains("org_b", ex.Message);
        }
    }

    [Fact]
    public async Task A_connection_without_a_user_id_cannot_name_the_admin()
    {
        using var ctx = new TestContext(o =>
        {
            o.AuthKind = GumloopAuthKind.AccessToken;
            o.UserId = null;
        });
        var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() => ctx.Client.GetDataExportAsync("dx_1", CancellationToken.None));
        Assert.Equal(OrganizationProblem.NoAdminUserId, ex.Problem);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task Adding_a_workspace_user_sends_the_documented_body()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, OneOrganization).Respond(200, "{\"success\":true,\"message\":\"Added.\"}");

        var change = await ctx.Client.ManageWorkspaceUserAsync(null, "tm_a93f0b42", "dana.ruiz@lumenfield.io", add: true, isAdmin: true, CancellationToken.None);

        var post = ctx.Handler.Requests[1];
        Assert.Equal("POST", post.Method);
        Assert.EndsWith("/manage_workspace_users", post.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(post.Body!);
        var b = body.RootElement;
        Assert.Equal("org_7Hq2Lw9x", b.GetProperty("organization_id").GetString());
        Assert.Equal(TestContext.UserId, b.GetProperty("user_id").GetString());
        Assert.Equal("tm_a93f0b42", b.GetProperty("workspace_id").GetString());
        Assert.Equal("add", b.GetProperty("action").GetString());
        Assert.Equal("dana.ruiz@lumenfield.io", b.GetProperty("user_email").GetString());
        Assert.True(b.GetProperty("is_admin").GetBoolean());
        Assert.True(change.Success);
        Assert.Equal("tm_a93f0b42", change.WorkspaceId);
        Assert.Equal("Added.", change.Message);
    }

    [Fact]
    public async Task Removing_sends_no_is_admin_and_success_false_is_an_error_with_the_services_reason()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"success\":false,\"message\":\"not a member\"}");

        var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() =>
            ctx.Client.ManageWorkspaceUserAsync("org_1", "tm_1", "x@y.io", add: false, isAdmin: false, CancellationToken.None));

        Assert.Equal(OrganizationProblem.Rejected, ex.Problem);
        Assert.Contains("not a member", ex.Message);
        Assert.Equal("x@y.io", ex.Target);
        using var body = JsonDocument.Parse(ctx.Single().Body!);
        Assert.Equal("remove", body.RootElement.GetProperty("action").GetString());
        Assert.False(body.RootElement.TryGetProperty("is_admin", out _));
    }

    [Fact]
    public async Task Role_members_are_managed_with_group_id()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"success\":true,\"message\":\"Removed.\"}");
        var change = await ctx.Client.ManageRoleMemberAsync("org_1", "role_4Fz8Qp", "x@y.io", add: false, CancellationToken.None);
        using var body = JsonDocument.Parse(ctx.Single().Body!);
        Assert.EndsWith("/manage_permission_group_users", ctx.Single().Uri.AbsolutePath);
        Assert.Equal("role_4Fz8Qp", body.RootElement.GetProperty("group_id").GetString());
        Assert.Equal("remove", body.RootElement.GetProperty("action").GetString());
        Assert.Equal("role_4Fz8Qp", change.RoleId);
    }

    [Fact]
    public async Task Clearing_a_credit_limit_sends_null_and_setting_one_sends_the_number()
    {
        using var ctx = new TestContext();
        const string role = "{\"role_id\":\"role_4Fz8Qp\",\"role_name\":\"Contractors\",\"is_default\":false,\"member_count\":6,\"monthly_credit_limit\":null}";
        ctx.Handler.Respond(200, role).Respond(200, role.Replace("null", "3500"));

        var cleared = await ctx.Client.SetRoleCreditLimitAsync("org_1", "role_4Fz8Qp", null, CancellationToken.None);
        var set = await ctx.Client.SetRoleCreditLimitAsync("org_1", "role_4Fz8Qp", 3500, CancellationToken.None);

        Assert.All(ctx.Handler.Requests, r =>
        {
            Assert.Equal("PUT", r.Method);
            Assert.EndsWith("/organizations/org_1/roles/role_4Fz8Qp/credit-limit", r.Uri.AbsolutePath);
        });
        using var first = JsonDocument.Parse(ctx.Handler.Requests[0].Body!);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("monthly_credit_limit").ValueKind);
        Assert.Equal(TestContext.UserId, first.RootElement.GetProperty("user_id").GetString());
        using var second = JsonDocument.Parse(ctx.Handler.Requests[1].Body!);
        Assert.Equal(3500, second.RootElement.GetProperty("monthly_credit_limit").GetInt64());
        Assert.Null(cleared.MonthlyCreditLimit);
        Assert.Equal(3500, set.MonthlyCreditLimit);
        Assert.Equal("org_1", set.OrganizationId);
    }

    [Fact]
    public async Task Credit_limits_page_by_cursor_with_the_admin_user_id()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"roles\":[{\"role_id\":\"r1\",\"monthly_credit_limit\":null}],\"next_cursor\":\"c1\"}")
            .Respond(200, "{\"roles\":[{\"role_id\":\"r2\",\"monthly_credit_limit\":2000}],\"next_cursor\":null}");
        var roles = new List<RoleCreditLimit>();
        await ctx.Client.ReadRoleCreditLimitsAsync("org_1", new PageRequest(PagingStyle.Cursor, "roles"), roles.Add, CancellationToken.None);
        Assert.Equal(new[] { "r1", "r2" }, roles.Select(r => r.RoleId));
        Assert.Equal("c1", ctx.Handler.Requests[1].QueryValue("cursor"));
        Assert.All(ctx.Handler.Requests, r => Assert.Equal(TestContext.UserId, r.QueryValue("user_id")));
    }

    [Fact]
    public async Task A_credit_log_export_sends_its_default_fields_and_category_and_no_scope()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"success\":true,\"data_export_id\":\"dx_7Yw3Rt9Q\",\"state\":\"REQUESTED\",\"created_ts\":\"2026-09-14T17:30:00Z\"}");
        var request = new DataExportRequest("credit_logs", Start, End) { Category = "AGENT_RUN" };

        var export = await ctx.Client.StartDataExportAsync(request, CancellationToken.None);

        using var body = JsonDocument.Parse(ctx.Single().Body!);
        var b = body.RootElement;
        Assert.Equal("credit_logs", b.GetProperty("data_type").GetString());
        Assert.Equal("AGENT_RUN", b.GetProperty("category_filter").GetString());
        Assert.Equal("2026-09-07T06:00:00Z", b.GetProperty("start_date").GetString());
        var fields = b.GetProperty("export_fields").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("amount", fields);
        Assert.DoesNotContain("correlation_id", fields);
        Assert.False(b.TryGetProperty("include_all_workspaces", out _));
        Assert.False(b.TryGetProperty("workspace_ids", out _));
        Assert.Equal("dx_7Yw3Rt9Q", export.ExportId);
        Assert.Equal("credit_logs", export.DataType);
        Assert.Equal(GumloopRequestKind.Other, GumloopOperationCatalog.All.Single(o => o.OperationId == "exportData").RetryKind);
    }

    [Fact]
    public async Task An_export_without_workspace_or_entity_ids_covers_every_workspace()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"success\":true,\"data_export_id\":\"dx_1\",\"state\":\"REQUESTED\"}");
        var request = new DataExportRequest("agents", Start, End);
        request.Fields.Add("agent_id");
        await ctx.Client.StartDataExportAsync(request, CancellationToken.None);
        using var body = JsonDocument.Parse(ctx.Single().Body!);
        Assert.True(body.RootElement.GetProperty("include_all_workspaces").GetBoolean());
        Assert.Equal(new[] { "agent_id" }, body.RootElement.GetProperty("export_fields").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [InlineData("agents", "run_id", null)]
    [InlineData("workflows", "workbook_id", "AGENT_RUN")]
    [InlineData("gumstack", null, null)]
    [InlineData("audit_logs", null, null)]
    public async Task Fields_and_categories_the_data_type_lacks_are_refused_before_sending(string dataType, string? field, string? category)
    {
        using var ctx = new TestContext();
        var request = new DataExportRequest(dataType, Start, End) { Category = category };
        if (field != null) request.Fields.Add(field);
        var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() => ctx.Client.StartDataExportAsync(request, CancellationToken.None));
        Assert.Equal(OrganizationProblem.InvalidExportField, ex.Problem);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task The_wait_polls_export_status_until_completed_on_an_injected_clock()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"data_export_id\":\"dx_1\",\"state\":\"IN_PROGRESS\",\"created_ts\":\"2026-09-14T17:30:00Z\"}")
            .Respond(200, "{\"data_export_id\":\"dx_1\",\"state\":\"COMPLETED\",\"created_ts\":\"2026-09-14T17:30:00Z\",\"finished_ts\":\"2026-09-14T17:31:45Z\"}");
        var now = TimeSpan.Zero;
        var sleeps = new List<TimeSpan>();
        var seen = new List<string?>();
        var deadline = new WaitDeadline(TimeSpan.FromMinutes(5), () => now);

        var done = await DataExportWaiter.WaitAsync(ctx.Client, new DataExport { ExportId = "dx_1", State = "REQUESTED", DataType = "credit_logs" }, deadline,
            (e, elapsed) => seen.Add(e.State), CancellationToken.None, (d, ct) => { sleeps.Add(d); now += d; return Task.CompletedTask; });

        Assert.True(done.IsCompleted);
        Assert.Equal("credit_logs", done.DataType);
        Assert.Equal(new[] { "REQUESTED", "IN_PROGRESS", "COMPLETED" }, seen);
        Assert.Equal(2, sleeps.Count);
        Assert.True(sleeps[1] > sleeps[0], "the interval grows");
        Assert.All(ctx.Handler.Requests, r => Assert.Equal("dx_1", r.QueryValue("data_export_id")));
    }

    [Fact]
    public async Task A_failed_export_and_one_still_running_at_the_deadline_are_errors()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, "{\"data_export_id\":\"dx_1\",\"state\":\"FAILED\",\"finished_ts\":\"2026-09-14T17:31:45Z\"}");
        var failed = await Assert.ThrowsAsync<GumloopOrganizationException>(() => DataExportWaiter.WaitAsync(ctx.Client, new DataExport { ExportId = "dx_1", State = "REQUESTED" },
            WaitDeadline.None, null, CancellationToken.None, (d, ct) => Task.CompletedTask));
        Assert.Equal(OrganizationProblem.ExportFailed, failed.Problem);

        var now = TimeSpan.Zero;
        ctx.Handler.Fallback = (req, ct) => Task.FromResult(new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new System.Net.Http.StringContent("{\"data_export_id\":\"dx_2\",\"state\":\"IN_PROGRESS\"}", Encoding.UTF8, "application/json"),
        });
        var timedOut = await Assert.ThrowsAsync<GumloopOrganizationException>(() => DataExportWaiter.WaitAsync(ctx.Client, new DataExport { ExportId = "dx_2", State = "REQUESTED" },
            new WaitDeadline(TimeSpan.FromSeconds(10), () => now), null, CancellationToken.None, (d, ct) => { now += d; return Task.CompletedTask; }));
        Assert.Equal(OrganizationProblem.ExportTimeout, timedOut.Problem);
        Assert.Equal(TimeSpan.FromSeconds(10), timedOut.Timeout);
    }

    [Fact]
    public async Task A_completed_export_downloads_to_a_file_and_an_unfinished_one_is_not_ready()
    {
        using var ctx = new TestContext();
        const string csv = "log_id,amount\r\nlog_1,1.25\r\n";
        ctx.Handler.Respond(200, csv, "text/csv").Respond(200, "{\"data_export_id\":\"dx_1\",\"state\":\"IN_PROGRESS\"}");
        var path = Path.Combine(Path.GetTempPath(), "gl-export-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            long length = await ctx.Client.DownloadDataExportAsync("dx_1", path, CancellationToken.None);
            Assert.Equal(csv, File.ReadAllText(path));
            Assert.Equal(csv.Length, length);
            Assert.Equal("true", ctx.Handler.Requests[0].QueryValue("download"));

            File.Delete(path);
            var ex = await Assert.ThrowsAsync<GumloopOrganizationException>(() => ctx.Client.DownloadDataExportAsync("dx_1", path, CancellationToken.None));
            Assert.Equal(OrganizationProblem.ExportNotReady, ex.Problem);
            Assert.False(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Csv_records_keep_quoted_commas_quotes_and_line_breaks()
    {
        const string text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\n\"\",last,\r\n";
        var reader = new CsvRecordReader(new StringReader(text));
        Assert.Equal(new[] { "a", "b", "c" }, reader.Read());
        Assert.Equal(new[] { "x, y", "say \"hi\"", "two\nlines" }, reader.Read());
        Assert.Equal(new[] { "1", "", "3" }, reader.Read());
        Assert.Equal(new[] { "", "last", "" }, reader.Read());
        Assert.Null(reader.Read());
    }
}
