using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlowInput")]
[OutputType(typeof(FlowInput))]
public sealed class GetGumloopFlowInputCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
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
