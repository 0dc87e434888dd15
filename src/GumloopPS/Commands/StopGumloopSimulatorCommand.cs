using System.Management.Automation;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Stop, "GumloopSimulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class StopGumloopSimulatorCommand : PSCmdlet
{
    // Typed as object so the simulator assembly loads only when a simulator is actually in use.
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Simulator { get; set; }

    private bool _sawInput;

    protected override void ProcessRecord()
    {
        if (Simulator is null)
        {
            return;
        }

        _sawInput = true;
        var target = Simulator is PSObject ps ? ps.BaseObject : Simulator;
        if (!SimulatorHost.IsSimulator(target))
        {
            WriteError(Errors.ErrorMap.Create(new PSArgumentException("The input is not a simulator started by Start-GumloopSimulator."),
                Errors.ErrorMap.NotASimulator, ErrorCategory.InvalidArgument, Simulator, "Pipe the object that Start-GumloopSimulator returned, or run Stop-GumloopSimulator with no input to stop them all."));
            return;
        }

        if (ShouldProcess(SimulatorHost.Describe(target), "Stop the Gumloop API simulator"))
        {
            SimulatorHost.Stop(target);
        }
    }

    protected override void EndProcessing()
    {
        // Without input, stop every simulator this process started, which is what a test teardown wants.
        if (!_sawInput && ShouldProcess("all simulators started in this process", "Stop"))
        {
            SimulatorHost.StopAll();
        }
    }
}
