using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Send, "GumloopMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(Session))]
[OutputType(typeof(StreamEvent), ParameterSetName = new[] { StreamSet })]
public sealed partial class SendGumloopMessageCommand : GumloopStreamSetCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter Wait { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    [ValidateRange(1, int.MaxValue)]
    public new int? TimeoutSec { get; set; }

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
                    session = await WaitForSessionAsync(session, TimeoutSec is { } t ? TimeSpan.FromSeconds(t) : null, ct).ConfigureAwait(false);
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
