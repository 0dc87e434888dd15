using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopQueuedMessage")]
[OutputType(typeof(QueuedMessage))]
public sealed class GetGumloopQueuedMessageCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = SessionId!;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    foreach (var queued in await Client.GetQueueAsync(id, ct).ConfigureAwait(false))
                    {
                        Emit(queued);
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
