using System;
using System.Management.Automation;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

// The output type is named by string so that importing the module does not load the simulator assembly.
[Cmdlet(VerbsLifecycle.Start, "GumloopSimulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType("GumloopPS.Simulator.GumloopSimulator")]
public sealed class StartGumloopSimulatorCommand : PSCmdlet
{
    [Parameter]
    [ValidateRange(0, 600000)]
    public int ReplyDelayMs { get; set; } = 150;

    [Parameter]
    [ValidateRange(0, 60000)]
    public int ChunkDelayMs { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 100000)]
    public int ConcurrencyLimit { get; set; }

    [Parameter]
    public SwitchParameter QueueAtLimit { get; set; }

    protected override void EndProcessing()
    {
        if (!ShouldProcess("loopback", "Start a Gumloop API simulator"))
        {
            return;
        }

        try
        {
            WriteObject(SimulatorHost.Start(ReplyDelayMs, ChunkDelayMs, ConcurrencyLimit > 0 ? ConcurrencyLimit : null, QueueAtLimit));
        }
        catch (Exception ex) when (ex is System.Net.HttpListenerException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            ThrowTerminatingError(Errors.ErrorMap.Create(ex, Errors.ErrorMap.SimulatorStartFailed, ErrorCategory.ResourceUnavailable, null, "Check that loopback ports can be opened here, then try again."));
        }
    }
}
