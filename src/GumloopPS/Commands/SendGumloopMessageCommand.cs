using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Send, "GumloopMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(Session))]
[OutputType(typeof(StreamEvent), ParameterSetName = new[] { StreamSet })]
public sealed partial class SendGumloopMessageCommand : GumloopStreamingCmdlet
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
    public int? TimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        if (!ShouldProcess($"session {sessionId}", "Send a message"))
        {
            return;
        }

        var request = new SendMessageRequest { Input = Input! };
        if (Stream)
        {
            ProcessStream(sessionId, request);
            return;
        }

        Run(async ct =>
        {
            try
            {
                var session = await Client.SendMessageAsync(sessionId, request, ct).ConfigureAwait(false);
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
