using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Wait, "GumloopFlowRun", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(FlowRun))]
public sealed class WaitGumloopFlowRunCommand : GumloopFlowCmdlet
{
    private const string ByIdSet = "ById";

    // The default set takes the id by name or position only, so a mandatory prompt asks for an id someone can
    // type. PowerShell tries the default set first for piped input; with no pipeline parameter there, piped
    // objects reach the typed parameter by value before any property-name or ToString() binding.
    private const string ByIdPipelineSet = "ByIdPipeline";
    private const string ByRunSet = "ByRun";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByIdPipelineSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("flow runs or run ids", typeof(FlowRun))]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    public string[]? RunId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByRunSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public FlowRun? InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var runs = ParameterSetName == ByRunSet ? new[] { InputObject! } : Array.ConvertAll(RunId!, id => new FlowRun { RunId = id });
        var timeout = ResolveWaitLimit(WaitTimeoutSec, waits: true);
        Run(async ct =>
        {
            foreach (var known in runs)
            {
                try
                {
                    if (string.IsNullOrEmpty(known.RunId))
                    {
                        throw new ArgumentException("The flow run has no run id.");
                    }

                    // Always read the state afresh: a piped run may be minutes old. The deadline covers that read too.
                    var deadline = new WaitDeadline(timeout);
                    FlowRun current;
                    try
                    {
                        current = await Client.WithDeadline(deadline).GetFlowRunAsync(known.RunId!, ct, known).ConfigureAwait(false);
                    }
                    catch (GumloopDeadlineException)
                    {
                        throw new GumloopFlowRunTimeoutException(known, timeout!.Value);
                    }

                    EmitFinishedRun(await WaitForFlowRunAsync(current, deadline, ct).ConfigureAwait(false));
                }
                catch (GumloopFlowRunTimeoutException ex)
                {
                    EmitError(ex, ex.Run);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, known.RunId);
                }
            }
        });
    }
}
