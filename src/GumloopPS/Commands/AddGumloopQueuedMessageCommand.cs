using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopQueuedMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(QueuedMessage))]
public sealed class AddGumloopQueuedMessageCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        var input = Input!;
        if (!ShouldProcessText($"session {sessionId}", "Queue a message"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                var change = await Client.QueueMessageAsync(sessionId, input, ct).ConfigureAwait(false);
                if (change.QueuedMessage is { } queued)
                {
                    Emit(queued);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sessionId);
            }
        });
    }
}
