using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

// High impact: sending now aborts the turn the agent is working on, and that work is lost.
[Cmdlet(VerbsCommunications.Send, "GumloopQueuedMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Session))]
public sealed class SendGumloopQueuedMessageCommand : GumloopQueuedMessageCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? QueuedMessageId { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    // A session that ends failed is an error by default, like a failed flow run; this keeps the old quiet output.
    [Parameter]
    public SwitchParameter NoFailureError { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        var queuedId = QueuedMessageId!;
        if (!ShouldProcessText(
                $"Send queued message {queuedId} of session {sessionId} now, aborting the turn in progress.",
                $"Send queued message {queuedId} of session {sessionId} now? The agent stops the turn it is working on, and that work is lost.",
                "Send a queued Gumloop message now"))
        {
            return;
        }

        var waitLimit = ResolveWaitLimit(WaitTimeoutSec, Wait);
        Run(async ct =>
        {
            try
            {
                var session = await Client.SendQueuedMessageAsync(sessionId, queuedId, ct).ConfigureAwait(false);
                if (Wait)
                {
                    session = await WaitForSessionAsync(session, waitLimit, ct).ConfigureAwait(false);
                    EmitSessionOutcome(session, NoFailureError);
                    return;
                }

                Emit(session);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, queuedId);
            }
        });
    }
}
