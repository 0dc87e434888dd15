using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlowInput")]
[OutputType(typeof(FlowInput))]
public sealed class GetGumloopFlowInputCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("flows or flow ids", typeof(Flow), typeof(FlowRun), typeof(FlowInput))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string[]? FlowId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = FlowId!;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    foreach (var input in await Client.GetFlowInputsAsync(id, ct).ConfigureAwait(false))
                    {
                        Emit(input);
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
