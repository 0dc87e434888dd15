using System;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsData.Export, "GumloopData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(DataExport), typeof(FileInfo), typeof(PSObject))]
public sealed class ExportGumloopDataCommand : GumloopDataExportCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("workflows", "agents", "agent_interactions", "credit_logs", "interaction_evaluations", "gumstack")]
    public string? DataType { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    public DateTime Start { get; set; }

    [Parameter(Mandatory = true, Position = 2)]
    public DateTime End { get; set; }

    [Parameter]
    [Alias("Fields")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ExportFieldCompleter))]
    public string[]? Field { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? WorkspaceId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EntityId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CreditLogCategoryCompleter))]
    public string? Category { get; set; }

    [Parameter]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        // ValidateSet is case-insensitive; the API's values are lower case.
        var request = new DataExportRequest(DataType!.ToLowerInvariant(), new DateTimeOffset(Start), new DateTimeOffset(End)) { Category = Category };
        foreach (var f in Field ?? Array.Empty<string>()) request.Fields.Add(f);
        foreach (var w in WorkspaceId ?? Array.Empty<string>()) request.WorkspaceIds.Add(w);
        foreach (var e in EntityId ?? Array.Empty<string>()) request.EntityIds.Add(e);
        System.Collections.Generic.IReadOnlyList<string> fields;
        try
        {
            fields = request.Validate();
        }
        catch (GumloopOrganizationException ex)
        {
            WriteError(Errors.ErrorMap.ToErrorRecord(ex, ex.Target));
            return;
        }

        var scope = request.IsCreditLogs ? "the whole organization"
            : request.WorkspaceIds.Count > 0 ? "workspaces " + string.Join(", ", request.WorkspaceIds)
            : request.EntityIds.Count > 0 ? "entities " + string.Join(", ", request.EntityIds)
            : "every workspace of the organization";
        if (!ShouldProcessText($"{request.DataType} of {scope}, {AuditLogQuery.Iso(request.Start)} to {AuditLogQuery.Iso(request.End)} ({fields.Count} fields)", "Start a data export"))
        {
            return;
        }

        // Downloading needs a COMPLETED export, so -OutFile waits as -Wait does.
        bool waits = Wait || OutFile != null;
        var outPath = OutFile != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile) : null;
        var timeout = ResolveWaitLimit(WaitTimeoutSec, waits);
        Run(async ct =>
        {
            DataExport export;
            try
            {
                export = await Client.StartDataExportAsync(request, ct).ConfigureAwait(false);
            }
            catch (GumloopOrganizationException ex)
            {
                EmitError(ex, ex.Target ?? request.DataType);
                return;
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, request.DataType);
                return;
            }

            if (!waits)
            {
                Emit(export);
                return;
            }

            try
            {
                export = await WaitWithProgressAsync<DataExport>(
                    $"Waiting for Gumloop data export {export.ExportId} ({request.DataType})",
                    timeout,
                    progress => DataExportWaiter.WaitAsync(Client, export, new WaitDeadline(timeout), progress, ct),
                    current => current.State).ConfigureAwait(false);
            }
            catch (GumloopOrganizationException ex)
            {
                EmitError(ex, export);
                return;
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, export.ExportId);
                return;
            }

            if (outPath != null)
            {
                await SaveAsync(export, outPath, ct).ConfigureAwait(false);
            }
            else
            {
                await EmitRowsAsync(export, ct).ConfigureAwait(false);
            }
        });
    }
}
