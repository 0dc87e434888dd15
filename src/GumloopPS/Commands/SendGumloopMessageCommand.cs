using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Send, "GumloopMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Session))]
public sealed class SendGumloopMessageCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
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
