using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Stop, "GumloopSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Session))]
public sealed class StopGumloopSessionCommand : GumloopSessionIdsCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in SessionId!)
        {
            if (!ShouldProcessText($"session {id}", "Cancel the running turn"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var cancelled = await Client.CancelSessionAsync(id, ct).ConfigureAwait(false);

                    // Cancel moves a running session to failed and returns a finished one unchanged, so any
                    // other state means there was nothing to stop; say so, as Stop-GumloopFlowRun does.
                    if (!string.Equals(cancelled.State, "failed", StringComparison.OrdinalIgnoreCase))
                    {
                        EmitWarning($"Session {id} was not running (state '{cancelled.State}'); nothing was cancelled.");
                    }
                    if (PassThru)
                    {
                        // The cancel response carries only id and state; fetch the real transcript for the caller.
                        Emit(await Client.GetSessionAsync(cancelled.Id ?? id, ct).ConfigureAwait(false));
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }
}
