using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Set, "GumloopQueuedMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(QueuedMessage))]
public sealed class SetGumloopQueuedMessageCommand : GumloopQueuedMessageCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? QueuedMessageId { get; set; }

    [Parameter(Mandatory = true, Position = 2)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    // PowerShell's convention for Set- and Rename-: quiet unless asked, like Stop- and Remove-.
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        var queuedId = QueuedMessageId!;
        var input = Input!;
        if (!ShouldProcessText($"queued message {queuedId} of session {sessionId}", "Replace the text"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                var change = await Client.UpdateQueuedMessageAsync(sessionId, queuedId, input, ct).ConfigureAwait(false);
                if (PassThru && change.QueuedMessage is { } queued)
                {
                    Emit(queued);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, queuedId);
            }
        });
    }
}
