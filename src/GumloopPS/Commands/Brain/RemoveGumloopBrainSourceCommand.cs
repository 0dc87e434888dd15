using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Deletes Brain sources with their files and search contributions. Irreversible, so it asks first.</summary>
[Cmdlet(VerbsCommon.Remove, "GumloopBrainSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BrainSource))]
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

    /// <summary>Writes each deleted source, as piped in or as read just before the delete.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var named = PipelineKindAttribute.Piped<BrainSource>(PipelineInput);
        foreach (var id in SourceId!)
        {
            var label = named?.SourceId == id && !string.IsNullOrEmpty(named.Name) ? $"Brain source '{named.Name}' ({id})" : $"Brain source {id}";
            if (!ShouldProcessText(label, "Delete the source with all its files and search results (irreversible)"))
            {
                continue;
            }

            bool passThru = PassThru;
            Run(async ct =>
            {
                try
                {
                    // The delete answers only {deleted}; what was deleted is read first, and only when asked for.
                    var removed = !passThru ? null : named?.SourceId == id ? named : await Client.GetBrainSourceAsync(id, ct).ConfigureAwait(false);
                    if (!await Client.DeleteBrainSourceAsync(id, ct).ConfigureAwait(false))
                    {
                        EmitWarning($"Gumloop did not delete Brain source {id} (it answered deleted: false).");
                    }
                    else if (removed is not null)
                    {
                        Emit(removed);
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
