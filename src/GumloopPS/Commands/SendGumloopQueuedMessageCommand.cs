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
    public new int? TimeoutSec { get; set; }

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

        Run(async ct =>
        {
            try
            {
                var session = await Client.SendQueuedMessageAsync(sessionId, queuedId, ct).ConfigureAwait(false);
                if (Wait)
                {
                    session = await WaitForSessionAsync(session, TimeoutSec is { } t ? TimeSpan.FromSeconds(t) : null, ct).ConfigureAwait(false);
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
