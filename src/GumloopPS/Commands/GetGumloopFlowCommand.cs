using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlow", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Flow))]
public sealed class GetGumloopFlowCommand : GumloopCatalogCmdlet<Flow>
{
    // SavedItemId: the API's name, so objects read from raw API calls bind too.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    [IdOf("flows, flow ids or workbooks", typeof(Flow), typeof(FlowRun), typeof(FlowInput), typeof(Workbook))]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string[]? FlowId { get; set; }

    private const string ByWorkbookSet = "ByWorkbook";

    // Get-GumloopWorkbook | Get-GumloopFlow lists each workbook's flows; by value, so the workbook never binds as a flow id.
    [Parameter(Mandatory = true, ParameterSetName = ByWorkbookSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Workbook? Workbook { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByWorkbookSet)
        {
            var workbookId = Workbook!.WorkbookId;
            EmitMatching(f => string.Equals(f.WorkbookId, workbookId, StringComparison.Ordinal), workbookId);
            return;
        }

        EmitSelected(FlowId);
    }

    private protected override Task<IReadOnlyList<Flow>> ListAsync(CancellationToken cancellationToken) =>
        Client.ListFlowsWithWorkbooksAsync(cancellationToken);

    private protected override string? IdOf(Flow item) => item.FlowId;

    private protected override string? NameOf(Flow item) => item.Name;

    private protected override Exception NotFoundByName(string name) =>
        new GumloopFlowNotFoundException("flow", name, $"No saved flow named '{name}' was found. Get-GumloopFlow lists the flows you can run.");

    private protected override Exception NotFound(string id) =>
        new GumloopFlowNotFoundException("flow", id, $"No saved flow with id '{id}' was found. Get-GumloopFlow lists the flows you can run.");
}
