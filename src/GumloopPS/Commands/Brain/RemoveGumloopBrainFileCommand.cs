using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Deletes files from a Brain source; a file can be added again, so this asks only under -Confirm.</summary>
[Cmdlet(VerbsCommon.Remove, "GumloopBrainFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BrainFile))]
public sealed class RemoveGumloopBrainFileCommand : GumloopApiCmdlet
{
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("Brain files, or a source id with file ids", typeof(BrainFile))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string? SourceId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? FileId { get; set; }

    /// <summary>Writes each deleted file: the piped one, or one that carries only its ids.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var sourceId = SourceId!;
        var piped = PipelineKindAttribute.Piped<BrainFile>(PipelineInput);
        foreach (var fileId in FileId!)
        {
            var label = piped?.FileId == fileId && !string.IsNullOrEmpty(piped.FileName) ? $"file '{piped.FileName}' ({fileId})" : $"file {fileId}";
            if (!ShouldProcessText($"{label} of Brain source {sourceId}", "Delete the file and its search results"))
            {
                continue;
            }

            var removed = !PassThru ? null : piped?.FileId == fileId ? piped : new BrainFile { SourceId = sourceId, FileId = fileId };
            Run(async ct =>
            {
                try
                {
                    if (!await Client.DeleteBrainFileAsync(sourceId, fileId, ct).ConfigureAwait(false))
                    {
                        EmitWarning($"Gumloop did not delete file {fileId} of Brain source {sourceId} (it answered deleted: false).");
                    }
                    else if (removed is not null)
                    {
                        Emit(removed);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, fileId);
                }
            });
        }
    }
}
