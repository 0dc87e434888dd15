using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Reads what indexing a source's uploads costs: the estimate a draft source waits on before approval.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "GumloopBrainSource")]
[OutputType(typeof(BrainSourceEstimate))]
public sealed class MeasureGumloopBrainSourceCommand : GumloopApiCmdlet
{
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("Brain sources or source ids", typeof(BrainSource), typeof(BrainSourceEstimate))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string[]? SourceId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = SourceId!;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    Emit(await Client.GetBrainSourceEstimateAsync(id, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
