using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Stop, "GumloopFlowRun", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(FlowRun))]
public sealed class StopGumloopFlowRunCommand : GumloopFlowCmdlet
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
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var runs = ParameterSetName == ByRunSet ? new[] { InputObject! } : Array.ConvertAll(RunId!, id => new FlowRun { RunId = id });
        foreach (var known in runs)
        {
            if (string.IsNullOrEmpty(known.RunId))
            {
                WriteError(Errors.ErrorMap.ToErrorRecord(new ArgumentException("The flow run has no run id."), known));
                continue;
            }

            if (!ShouldProcessText($"flow run {known.RunId}", "Kill the run and its subflow runs"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var result = await Client.KillFlowRunAsync(known.RunId!, ct).ConfigureAwait(false);
                    if (result.Success != true)
                    {
                        EmitWarning($"Gumloop did not kill flow run {known.RunId}; it has probably finished already. Get-GumloopFlowRun shows its state.");
                    }

                    if (PassThru)
                    {
                        Emit(await Client.GetFlowRunAsync(known.RunId!, ct, known).ConfigureAwait(false));
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, known.RunId);
                }
            });
        }
    }
}
