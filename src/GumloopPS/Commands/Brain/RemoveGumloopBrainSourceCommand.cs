using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Deletes Brain sources with their files and search contributions. Irreversible, so it asks first.</summary>
[Cmdlet(VerbsCommon.Remove, "GumloopBrainSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGumloopBrainSourceCommand : GumloopApiCmdlet
{
    // Only sources (and strings) may be piped: a Brain file carries its SourceId too, and piping files here must
    // never delete the source that holds them.
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("Brain sources or source ids", typeof(BrainSource))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string[]? SourceId { get; set; }

    protected override void ProcessRecord()
    {
        var named = (PipelineInput is PSObject ps ? ps.BaseObject : PipelineInput) as BrainSource;
        foreach (var id in SourceId!)
        {
            var label = named?.SourceId == id && !string.IsNullOrEmpty(named.Name) ? $"Brain source '{named.Name}' ({id})" : $"Brain source {id}";
            if (!ShouldProcessText(label, "Delete the source with all its files and search results (irreversible)"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    if (!await Client.DeleteBrainSourceAsync(id, ct).ConfigureAwait(false))
                    {
                        EmitWarning($"Gumloop did not delete Brain source {id} (it answered deleted: false).");
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }
}
