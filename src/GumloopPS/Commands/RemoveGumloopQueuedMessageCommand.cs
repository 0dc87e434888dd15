using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopQueuedMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(QueuedMessage))]
public sealed class RemoveGumloopQueuedMessageCommand : GumloopQueuedMessageCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? QueuedMessageId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        foreach (var queuedId in QueuedMessageId!)
        {
            if (!ShouldProcessText($"queued message {queuedId} of session {sessionId}", "Remove from the queue"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var remaining = await Client.DeleteQueuedMessageAsync(sessionId, queuedId, ct).ConfigureAwait(false);
                    if (PassThru)
                    {
                        foreach (var queued in remaining)
                        {
                            Emit(queued);
                        }
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, queuedId);
                }
            });
        }
    }
}
