using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAuditLog")]
[OutputType(typeof(AuditLogEntry))]
public sealed class GetGumloopAuditLogCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public DateTime Start { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    public DateTime End { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AuditEventTypeCompleter))]
    public string[]? EventType { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? UserId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IpAddress { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? WorkspaceId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EntityId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        // A DateTime of unspecified kind (Get-Date, a typed date) is local time, as everywhere in PowerShell.
        var query = new AuditLogQuery(new DateTimeOffset(Start), new DateTimeOffset(End)) { OrganizationId = OrganizationId };
        Add(query.EventTypes, EventType);
        Add(query.UserIds, UserId);
        Add(query.IpAddresses, IpAddress);
        Add(query.WorkspaceIds, WorkspaceId);
        Add(query.EntityIds, EntityId);
        try
        {
            query.Validate();
        }
        catch (GumloopOrganizationException ex)
        {
            WriteError(Errors.ErrorMap.ToErrorRecord(ex, ex.Target));
            return;
        }

        var page = new PageRequest(PagingStyle.PageNumber, "the audit log")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All || First > DefaultPageSize ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                // Each entry is written as its page arrives, so memory stays flat however long the log is.
                var result = await Client.ReadAuditLogsAsync(query, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"The audit log has more entries in this range ({result.TotalCount?.ToString() ?? "more"} in all). Use -All, or -First <n>, to get them.");
                }
            }
            catch (GumloopOrganizationException ex)
            {
                EmitError(ex, ex.Target ?? OrganizationId);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, OrganizationId);
            }
        });
    }

    /// <summary>The server's default page: one page unless -All or -First asks for more.</summary>
    private const int DefaultPageSize = 50;

    private static void Add(System.Collections.Generic.IList<string> list, string[]? values)
    {
        if (values == null) return;
        foreach (var v in values)
        {
            list.Add(v);
        }
    }
}
