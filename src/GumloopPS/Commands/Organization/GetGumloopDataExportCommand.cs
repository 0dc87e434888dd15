using System;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopDataExport")]
[OutputType(typeof(DataExport), typeof(FileInfo))]
public sealed class GetGumloopDataExportCommand : GumloopDataExportCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("DataExportId")]
    [ValidateNotNullOrEmpty]
    public string[]? ExportId { get; set; }

    [Parameter]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    protected override void ProcessRecord()
    {
        var ids = ExportId!;
        var outPath = OutFile != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile) : null;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    var export = await Client.GetDataExportAsync(id, ct).ConfigureAwait(false);
                    if (outPath == null)
                    {
                        Emit(export);
                    }
                    else if (export.IsCompleted)
                    {
                        await SaveAsync(export, ids.Length > 1 && !Directory.Exists(outPath) ? Path.Combine(outPath, id + ".csv") : outPath, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        EmitError(new GumloopOrganizationException(OrganizationProblem.ExportNotReady,
                            $"Data export {id} is {export.State}; its CSV can be downloaded once it is COMPLETED.", id), export);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
