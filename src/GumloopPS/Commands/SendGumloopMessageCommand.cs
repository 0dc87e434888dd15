using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Send, "GumloopMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(Session))]
[OutputType(typeof(StreamEvent), ParameterSetName = new[] { StreamSet })]
public sealed partial class SendGumloopMessageCommand : GumloopStreamSetCmdlet
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

    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    // A session that ends failed is an error by default, like a failed flow run; this keeps the old quiet output.
    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter NoFailureError { get; set; }

    private TimeSpan? _waitLimit;

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        if (!CheckAttachments(sessionId, out var files))
        {
            return;
        }

        if (!ShouldProcessText($"session {sessionId}", DescribeSend(files)))
        {
            return;
        }

        var request = new SendMessageRequest { Input = Input! };
        _waitLimit = ResolveWaitLimit(WaitTimeoutSec, Wait || string.Equals(WhenBusy, BusyWait, StringComparison.OrdinalIgnoreCase));
        if (Stream)
        {
            if (PrepareStream(sessionId, request, files))
            {
                RunStream(sessionId, StreamEvents, MaxResumeCount, sessionId,
                    (onEvent, options, ct) => Client.StreamMessageAsync(sessionId, request, onEvent, options, ct));
            }

            return;
        }

        Run(async ct =>
        {
            try
            {
                var session = await SendWhenFreeAsync(sessionId, request, files, ct).ConfigureAwait(false);
                if (session is null)
                {
                    return;
                }

                if (Wait)
                {
                    session = await WaitForSessionAsync(session, _waitLimit, ct).ConfigureAwait(false);
                    EmitSessionOutcome(session, NoFailureError);
                    return;
                }

                Emit(session);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sessionId);
            }
        });
    }
}
