using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>
/// Organization administration (API.md section 10.15): organizations, audit logs, workspace and role membership,
/// role credit limits and data exports. Every admin call names the admin as <c>user_id</c>, the connection's user.
/// </summary>
public static class GumloopOrganizationClient
{
    public static async Task<IReadOnlyList<Organization>> ListOrganizationsAsync(this GumloopClient client, CancellationToken ct)
    {
        Require(client);
        var request = new GumloopRequest(HttpMethod.Get, "organizations");
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        JsonElement list = GumloopPager.FindList(response, root, root.ValueKind == JsonValueKind.Object ? "organizations" : null);
        GumloopClient.CheckItemCount(response, list, "organizations", 0);
        return list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(Organization.FromJson).ToList();
    }

    /// <summary>
    /// <paramref name="organizationId"/> when given; otherwise the caller's only organization. None, or several, is a
    /// <see cref="GumloopOrganizationException"/> that says what to pass.
    /// </summary>
    public static async Task<string> ResolveOrganizationIdAsync(this GumloopClient client, string? organizationId, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(organizationId))
        {
            return organizationId!;
        }

        var organizations = (await client.ListOrganizationsAsync(ct).ConfigureAwait(false))
            .Where(o => !string.IsNullOrEmpty(o.OrganizationId)).ToList();
        if (organizations.Count == 1)
        {
            return organizations[0].OrganizationId!;
        }

        if (organizations.Count == 0)
        {
            throw new GumloopOrganizationException(OrganizationProblem.NoOrganization,
                "The connection's user belongs to no organization, so there is no organization to administer. Organization administration needs a user of an organization (Enterprise plan).");
        }

        throw new GumloopOrganizationException(OrganizationProblem.AmbiguousOrganization,
            $"The connection's user belongs to {organizations.Count} organizations ({string.Join(", ", organizations.Select(o => o.OrganizationId + (o.Name != null ? " " + o.Name : string.Empty)))}); name one organization id.",
            string.Join(",", organizations.Select(o => o.OrganizationId)));
    }

    /// <summary>The admin's user id: the connection's user. An access token or team key without one cannot call admin routes.</summary>
    public static string AdminUserId(this GumloopClient client)
    {
        Require(client);
        string? userId = client.Connection.UserId;
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new GumloopOrganizationException(OrganizationProblem.NoAdminUserId,
                "Organization administration names the admin with user_id, and this connection has no user id. Connect with the user id of an organization admin.");
        }

        return userId!;
    }

    /// <summary>Reads audit log entries page by page, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public static async Task<PageResult> ReadAuditLogsAsync(this GumloopClient client, AuditLogQuery query, PageRequest page, Action<AuditLogEntry> onItem, CancellationToken ct)
    {
        Require(client);
        if (query is null) throw new ArgumentNullException(nameof(query));
        if (page is null) throw new ArgumentNullException(nameof(page));
        query.Validate();
        string userId = client.AdminUserId();
        string organizationId = await client.ResolveOrganizationIdAsync(query.OrganizationId, ct).ConfigureAwait(false);
        page.ListProperty ??= "audit_logs";
        string start = AuditLogQuery.Iso(query.Start);
        string end = AuditLogQuery.Iso(query.End);
        return await GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, "get_audit_logs");
            request.Query["organization_id"] = organizationId;
            request.Query["user_id"] = userId;
            request.Query["start_time"] = start;
            request.Query["end_time"] = end;
            request.Query["event_types"] = AuditLogQuery.Csv(query.EventTypes);
            request.Query["user_ids"] = AuditLogQuery.Csv(query.UserIds);
            request.Query["ip_addresses"] = AuditLogQuery.Csv(query.IpAddresses);
            request.Query["workspace_ids"] = AuditLogQuery.Csv(query.WorkspaceIds);
            request.Query["entity_ids"] = AuditLogQuery.Csv(query.EntityIds);
            return request;
        }, page, e => AuditLogEntry.FromJson(e, organizationId), onItem, ct).ConfigureAwait(false);
    }

    /// <summary>The event types the organization's log can be filtered by (the <c>event_types</c> of one small page).</summary>
    public static async Task<IReadOnlyList<string>> ListAuditEventTypesAsync(this GumloopClient client, CancellationToken ct)
    {
        string userId = client.AdminUserId();
        string organizationId = await client.ResolveOrganizationIdAsync(null, ct).ConfigureAwait(false);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var request = new GumloopRequest(HttpMethod.Get, "get_audit_logs");
        request.Query["organization_id"] = organizationId;
        request.Query["user_id"] = userId;
        request.Query["start_time"] = AuditLogQuery.Iso(now.AddDays(-1));
        request.Query["end_time"] = AuditLogQuery.Iso(now);
        request.Query["page_size"] = "1";
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonList? types = JsonRead.List(response.RootElement, "event_types");
        return types == null ? Array.Empty<string>() : types.OfType<string>().ToList();
    }

    /// <summary>Adds (<paramref name="add"/>) or removes a workspace user. A <c>success: false</c> answer is thrown, not returned.</summary>
    public static async Task<WorkspaceUserChange> ManageWorkspaceUserAsync(this GumloopClient client, string? organizationId, string workspaceId,
        string email, bool add, bool isAdmin, CancellationToken ct)
    {
        RequireText(workspaceId, nameof(workspaceId));
        RequireText(email, nameof(email));
        string userId = client.AdminUserId();
        string org = await client.ResolveOrganizationIdAsync(organizationId, ct).ConfigureAwait(false);
        var body = new JsonMap
        {
            ["organization_id"] = org,
            ["user_id"] = userId,
            ["workspace_id"] = workspaceId,
            ["action"] = add ? "add" : "remove",
            ["user_email"] = email,
        };
        if (add)
        {
            body["is_admin"] = isAdmin;
        }

        JsonElement root = await PostAsync(client, "manage_workspace_users", body, ct).ConfigureAwait(false);
        WorkspaceUserChange change = WorkspaceUserChange.FromJson(root);
        change.OrganizationId = org;
        change.WorkspaceId = workspaceId;
        change.Email = email;
        change.Action = add ? "add" : "remove";
        change.IsAdmin = add ? isAdmin : null;
        return Checked(change, $"{(add ? "Adding" : "Removing")} {email} {(add ? "to" : "from")} workspace {workspaceId}");
    }

    /// <summary>Adds or removes a member of a custom role. A <c>success: false</c> answer is thrown, not returned.</summary>
    public static async Task<RoleMemberChange> ManageRoleMemberAsync(this GumloopClient client, string? organizationId, string roleId,
        string email, bool add, CancellationToken ct)
    {
        RequireText(roleId, nameof(roleId));
        RequireText(email, nameof(email));
        string userId = client.AdminUserId();
        string org = await client.ResolveOrganizationIdAsync(organizationId, ct).ConfigureAwait(false);
        var body = new JsonMap
        {
            ["organization_id"] = org,
            ["user_id"] = userId,
            ["group_id"] = roleId,
            ["action"] = add ? "add" : "remove",
            ["user_email"] = email,
        };
        JsonElement root = await PostAsync(client, "manage_permission_group_users", body, ct).ConfigureAwait(false);
        RoleMemberChange change = RoleMemberChange.FromJson(root);
        change.OrganizationId = org;
        change.RoleId = roleId;
        change.Email = email;
        change.Action = add ? "add" : "remove";
        return Checked(change, $"{(add ? "Adding" : "Removing")} {email} {(add ? "to" : "from")} role {roleId}");
    }

    /// <summary>Reads the custom roles and their credit limits page by page (cursor paging).</summary>
    public static async Task<PageResult> ReadRoleCreditLimitsAsync(this GumloopClient client, string? organizationId, PageRequest page,
        Action<RoleCreditLimit> onItem, CancellationToken ct)
    {
        if (page is null) throw new ArgumentNullException(nameof(page));
        string userId = client.AdminUserId();
        string org = await client.ResolveOrganizationIdAsync(organizationId, ct).ConfigureAwait(false);
        string path = "organizations/" + GumloopPath.Segment(org) + "/roles/credit-limits";
        page.ListProperty ??= "roles";
        return await GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, path);
            request.Query["user_id"] = userId;
            return request;
        }, page, e => RoleCreditLimit.FromJson(e, org), onItem, ct).ConfigureAwait(false);
    }

    public static async Task<RoleCreditLimit> GetRoleCreditLimitAsync(this GumloopClient client, string? organizationId, string roleId, CancellationToken ct)
    {
        string userId = client.AdminUserId();
        string org = await client.ResolveOrganizationIdAsync(organizationId, ct).ConfigureAwait(false);
        var request = new GumloopRequest(HttpMethod.Get, RolePath(org, roleId));
        request.Query["user_id"] = userId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadRole(response, org, roleId);
    }

    /// <summary>Sets a role's monthly credit limit; null clears it (members fall back to the organization default).</summary>
    public static async Task<RoleCreditLimit> SetRoleCreditLimitAsync(this GumloopClient client, string? organizationId, string roleId, long? monthlyLimit, CancellationToken ct)
    {
        if (monthlyLimit is < 0 or > MaxCreditLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(monthlyLimit), monthlyLimit, $"A monthly credit limit is 0 to {MaxCreditLimit:N0}.");
        }

        string userId = client.AdminUserId();
        string org = await client.ResolveOrganizationIdAsync(organizationId, ct).ConfigureAwait(false);
        var request = new GumloopRequest(HttpMethod.Put, RolePath(org, roleId))
        {
            // JsonMap writes a null value as null: null is what clears the limit, so it must be sent, not dropped.
            Body = new JsonMap { ["monthly_credit_limit"] = monthlyLimit, ["user_id"] = userId },

            // Setting the same value twice leaves the same limit (the API calls a repeat a no-op).
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadRole(response, org, roleId);
    }

    /// <summary>The largest monthly credit limit the API takes.</summary>
    public const long MaxCreditLimit = 1_000_000_000;

    /// <summary>Starts an export after checking the request locally (<see cref="DataExportRequest.Validate"/>).</summary>
    public static async Task<DataExport> StartDataExportAsync(this GumloopClient client, DataExportRequest export, CancellationToken ct)
    {
        if (export is null) throw new ArgumentNullException(nameof(export));
        IReadOnlyList<string> fields = export.Validate();
        string userId = client.AdminUserId();
        var body = new JsonMap
        {
            ["user_id"] = userId,
            ["data_type"] = export.DataType,
            ["export_fields"] = fields.Cast<object?>().ToList(),
            ["start_date"] = AuditLogQuery.Iso(export.Start),
            ["end_date"] = AuditLogQuery.Iso(export.End),
        };
        if (export.Category != null)
        {
            body["category_filter"] = export.Category;
        }

        if (!export.IsCreditLogs)
        {
            // Other exports need a scope. Without workspace or entity ids the export covers the whole organization.
            if (export.WorkspaceIds.Count > 0)
            {
                body["workspace_ids"] = export.WorkspaceIds.Cast<object?>().ToList();
            }

            if (export.EntityIds.Count > 0)
            {
                body["entity_ids"] = export.EntityIds.Cast<object?>().ToList();
            }

            if (export.WorkspaceIds.Count == 0 && export.EntityIds.Count == 0)
            {
                body["include_all_workspaces"] = true;
            }
        }

        var request = new GumloopRequest(HttpMethod.Post, "export_data")
        {
            Body = body,

            // A repeat after the server saw the first attempt would start a second export job.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = RequireObject(response, "data_export_id");
        DataExport started = DataExport.FromJson(root);
        if (string.IsNullOrEmpty(started.ExportId))
        {
            throw GumloopClient.Unexpected(response, "a 'data_export_id'");
        }

        if (JsonRead.Bool(root, "success") == false)
        {
            throw new GumloopOrganizationException(OrganizationProblem.Rejected,
                $"The service did not start the {export.DataType} export (success: false).", started.ExportId);
        }

        started.DataType = export.DataType;
        return started;
    }

    public static async Task<DataExport> GetDataExportAsync(this GumloopClient client, string exportId, CancellationToken ct)
    {
        RequireText(exportId, nameof(exportId));
        var request = new GumloopRequest(HttpMethod.Get, "export_status");
        request.Query["user_id"] = client.AdminUserId();
        request.Query["data_export_id"] = exportId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        DataExport export = DataExport.FromJson(RequireObject(response, "state"));
        export.ExportId ??= exportId;
        return export;
    }

    /// <summary>
    /// Downloads a COMPLETED export's CSV into <paramref name="path"/>, streamed (the file is rewritten on a retry).
    /// An export that is not COMPLETED yet is a <see cref="OrganizationProblem.ExportNotReady"/> error; the file is
    /// then left untouched.
    /// </summary>
    public static async Task<long> DownloadDataExportAsync(this GumloopClient client, string exportId, string path, CancellationToken ct)
    {
        RequireText(exportId, nameof(exportId));
        RequireText(path, nameof(path));
        var request = new GumloopRequest(HttpMethod.Get, "export_status")
        {
            ResponseMode = GumloopResponseMode.Bytes,
            RawBodyReader = async (mediaType, stream, token) =>
            {
                if (IsJson(mediaType))
                {
                    return await ReadJsonStateAsync(stream, token).ConfigureAwait(false);
                }

                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await stream.CopyToAsync(file, 81920, token).ConfigureAwait(false);
                return file.Length;
            },
        };
        request.Query["user_id"] = client.AdminUserId();
        request.Query["data_export_id"] = exportId;
        request.Query["download"] = "true";
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return response.Value switch
        {
            long length => length,
            DataExport state => throw NotReady(exportId, state),
            _ => throw GumloopClient.Unexpected(response, "a CSV file"),
        };
    }

    private static GumloopOrganizationException NotReady(string exportId, DataExport state) =>
        new GumloopOrganizationException(OrganizationProblem.ExportNotReady,
            $"Data export {exportId} is {state.State ?? "not finished"}; its CSV can be downloaded once it is COMPLETED.", exportId);

    private static bool IsJson(string? mediaType) => mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;

    private static async Task<object?> ReadJsonStateAsync(Stream stream, CancellationToken ct)
    {
        using var collected = new MemoryStream();
        await stream.CopyToAsync(collected, 16 * 1024, ct).ConfigureAwait(false);
        using JsonDocument doc = JsonDocument.Parse(collected.ToArray());
        return doc.RootElement.ValueKind == JsonValueKind.Object ? DataExport.FromJson(doc.RootElement) : null;
    }

    /// <summary>
    /// Reads the rows of a downloaded export file: the first record names the columns. Each row is handed over as
    /// it is read, as column name and value pairs in column order.
    /// </summary>
    public static async Task<int> ReadCsvRowsAsync(string path, Action<IReadOnlyList<KeyValuePair<string, string>>> onRow, CancellationToken ct)
    {
        if (onRow is null) throw new ArgumentNullException(nameof(onRow));
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(reader);
        string[]? header = csv.Read();
        if (header == null)
        {
            return 0;
        }

        int rows = 0;
        string[]? record;
        while ((record = csv.Read()) != null)
        {
            ct.ThrowIfCancellationRequested();
            var row = new List<KeyValuePair<string, string>>(header.Length);
            for (int i = 0; i < header.Length; i++)
            {
                row.Add(new KeyValuePair<string, string>(header[i], i < record.Length ? record[i] : string.Empty));
            }

            onRow(row);
            rows++;
        }

        await Task.CompletedTask.ConfigureAwait(false);
        return rows;
    }

    private static string RolePath(string org, string roleId) =>
        "organizations/" + GumloopPath.Segment(org) + "/roles/" + GumloopPath.Segment(roleId) + "/credit-limit";

    private static RoleCreditLimit ReadRole(GumloopResponse response, string org, string roleId)
    {
        RoleCreditLimit role = RoleCreditLimit.FromJson(RequireObject(response, "role_id"), org);
        role.RoleId ??= roleId;
        return role;
    }

    private static async Task<JsonElement> PostAsync(GumloopClient client, string path, JsonMap body, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, path)
        {
            Body = body,

            // Adding a member twice or removing one twice ends the same way; the second answer says success: false,
            // which is reported, so a repeat after a lost response cannot do harm.
            Kind = GumloopRequestKind.Idempotent,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return RequireObject(response, "success").Clone();
    }

    private static T Checked<T>(T change, string what)
        where T : MembershipChange
    {
        if (!change.Success)
        {
            string said = string.IsNullOrWhiteSpace(change.Message) ? "no reason given" : change.Message!.Trim();
            throw new GumloopOrganizationException(OrganizationProblem.Rejected, $"{what} did not succeed: the service answered success: false ({said}).", change.Email);
        }

        return change;
    }

    private static JsonElement RequireObject(GumloopResponse response, string what)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "an object with '" + what + "'");
        }

        return root;
    }

    private static void Require(GumloopClient client)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
    }

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"A value for {name} is required.", name);
    }
}
