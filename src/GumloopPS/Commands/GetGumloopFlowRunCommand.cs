using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlowRun", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(FlowRun))]
public sealed class GetGumloopFlowRunCommand : GumloopFlowCmdlet
{
    private const string ByIdSet = "ById";

    // The default set takes the id by name or position only, so a mandatory prompt asks for an id someone can
    // type. PowerShell tries the default set first for piped input; with no pipeline parameter there, piped
    // objects reach the typed parameter by value before any property-name or ToString() binding.
    private const string ByIdPipelineSet = "ByIdPipeline";
    private const string ByRunSet = "ByRun";
    private const string HistorySet = "History";
    private const string WorkbookHistorySet = "WorkbookHistory";
    private const string WorkbookObjectHistorySet = "WorkbookObjectHistory";

    // Get-GumloopWorkbook | Get-GumloopFlowRun -History: bound by value, so a workbook is never mistaken for a flow.
    [Parameter(Mandatory = true, ParameterSetName = WorkbookObjectHistorySet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Workbook? Workbook { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByIdPipelineSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("flow runs or run ids (with -History: flows or workbooks)", typeof(FlowRun))]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    public string[]? RunId { get; set; }

    // The default set: a piped FlowRun binds here and keeps its flow id, workbook id and link, which get_pl_run does not return.
    [Parameter(Mandatory = true, ParameterSetName = ByRunSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public FlowRun? InputObject { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HistorySet, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string? FlowId { get; set; }

    // Not bound from the pipeline: a piped Flow carries both FlowId and WorkbookId and would fit both history sets.
    [Parameter(Mandatory = true, ParameterSetName = WorkbookHistorySet)]
    [ValidateNotNullOrEmpty]
    public string? WorkbookId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = HistorySet)]
    [Parameter(Mandatory = true, ParameterSetName = WorkbookHistorySet)]
    [Parameter(Mandatory = true, ParameterSetName = WorkbookObjectHistorySet)]
    public SwitchParameter History { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName is HistorySet or WorkbookHistorySet or WorkbookObjectHistorySet)
        {
            var flowId = ParameterSetName == HistorySet ? FlowId : null;
            var workbookId = ParameterSetName switch
            {
                WorkbookHistorySet => WorkbookId,
                WorkbookObjectHistorySet => Workbook!.WorkbookId,
                _ => null,
            };
            Run(async ct =>
            {
                try
                {
                    foreach (var run in await Client.GetFlowRunHistoryAsync(flowId, workbookId, ct).ConfigureAwait(false))
                    {
                        Emit(run);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, flowId ?? workbookId);
                }
            });
            return;
        }

        var runs = ParameterSetName == ByRunSet ? new[] { InputObject! } : Array.ConvertAll(RunId!, id => new FlowRun { RunId = id });
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

                    Emit(await Client.GetFlowRunAsync(known.RunId!, ct, known).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, known.RunId);
                }
            }
        });
    }
}
