using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopQueuedMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(QueuedMessage))]
public sealed class AddGumloopQueuedMessageCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("sessions or session ids", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
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
