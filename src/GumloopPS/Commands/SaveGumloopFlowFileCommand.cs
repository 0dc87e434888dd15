using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

[Cmdlet(VerbsData.Save, "GumloopFlowFile")]
[OutputType(typeof(FileInfo))]
public sealed class SaveGumloopFlowFileCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("flow runs or run ids", typeof(FlowRun))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    public string? RunId { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[]? FileName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string? FlowId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Expand { get; set; }

    [Parameter]
    [ValidateRange(1, 1048576)]
    public int MaxExpandedSizeMB { get; set; } = (int)(ArchiveLimits.DefaultMaxExpandedBytes / (1024 * 1024));

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var runId = RunId!;
        var names = FileName!.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            WriteError(ErrorMap.ToErrorRecord(new ArgumentException("At least one file name is required."), runId));
            return;
        }

        var outPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        var flowId = string.IsNullOrWhiteSpace(FlowId) ? null : FlowId;
        Run(async ct =>
        {
            string target = outPath;
            try
            {
                if (names.Count == 1 && !Expand)
                {
                    var bytes = await Client.DownloadFlowFileAsync(runId, names[0], flowId, ct).ConfigureAwait(false);
                    target = Directory.Exists(outPath) ? Path.Combine(outPath, LocalName(names[0])) : outPath;
                    EmitFileItem(PartialFile.Save(target, bytes, overwrite: true));
                    return;
                }

                var zip = await Client.DownloadFlowFilesAsync(runId, names, flowId, ct).ConfigureAwait(false);
                if (!Expand)
                {
                    target = Directory.Exists(outPath) ? Path.Combine(outPath, LocalName(runId) + ".zip") : outPath;
                    EmitFileItem(PartialFile.Save(target, zip, overwrite: true));
                    return;
                }

                foreach (var file in SaveTarget.Expand(zip, outPath, MaxExpandedSizeMB, Force))
                {
                    EmitFileItem(file);
                }
            }
            catch (GumloopArchiveException ex)
            {
                EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, SaveTarget.CategoryOf(ex.Problem), ex.Path) { ErrorDetails = new ErrorDetails(HostText.Block(ex.Message)) });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, runId);
            }
        });
    }

    /// <summary>A requested file name (or the run id) reduced to one local name, so it can never climb out of the folder it is saved in.</summary>
    private static string LocalName(string name) =>
        SaveTarget.LocalName(name) ?? throw new ArgumentException($"'{name}' cannot be used as a local file name.");
}
