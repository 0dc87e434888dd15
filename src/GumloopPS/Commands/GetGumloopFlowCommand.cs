using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlow", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Flow))]
public sealed class GetGumloopFlowCommand : GumloopCatalogCmdlet<Flow>
{
    // SavedItemId: the API's name, so objects read from raw API calls bind too.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    public string[]? FlowId { get; set; }

    protected override void ProcessRecord() => EmitSelected(FlowId);

    private protected override Task<IReadOnlyList<Flow>> ListAsync(CancellationToken cancellationToken) =>
        Client.ListFlowsWithWorkbooksAsync(cancellationToken);

    private protected override string? IdOf(Flow item) => item.FlowId;

    private protected override string? NameOf(Flow item) => item.Name;

    private protected override Exception NotFound(string id) =>
        new GumloopFlowNotFoundException("flow", id, $"No saved flow with id '{id}' was found. Get-GumloopFlow lists the flows you can run.");
}
