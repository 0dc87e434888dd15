using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopWorkbook", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Workbook))]
public sealed class GetGumloopWorkbookCommand : GumloopCatalogCmdlet<Workbook>
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("workbooks, workbook ids or flows", typeof(Workbook), typeof(Flow), typeof(FlowRun))]
    public string[]? WorkbookId { get; set; }

    protected override void ProcessRecord() => EmitSelected(WorkbookId);

    private protected override Task<IReadOnlyList<Workbook>> ListAsync(CancellationToken cancellationToken) =>
        Client.ListWorkbooksAsync(cancellationToken);

    private protected override string? IdOf(Workbook item) => item.WorkbookId;

    private protected override string? NameOf(Workbook item) => item.Name;

    private protected override Exception NotFoundByName(string name) =>
        new GumloopFlowNotFoundException("workbook", name, $"No workbook named '{name}' was found. Get-GumloopWorkbook lists the workbooks you can see.");

    private protected override Exception NotFound(string id) =>
        new GumloopFlowNotFoundException("workbook", id, $"No workbook with id '{id}' was found. Get-GumloopWorkbook lists the workbooks you can see.");
}
