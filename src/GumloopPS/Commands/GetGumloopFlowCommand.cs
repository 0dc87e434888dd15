using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopFlow", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Flow))]
public sealed class GetGumloopFlowCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    private IReadOnlyList<Flow>? _flows;

    // SavedItemId: the API's name, so objects read from raw API calls bind too.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    public string[]? FlowId { get; set; }

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        var ids = FlowId;
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            try
            {
                // The API has no get-one call; list once per invocation, however many ids are piped in.
                _flows ??= await Client.ListFlowsWithWorkbooksAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, ids is null ? Name : string.Join(", ", ids));
                return;
            }

            if (ids is null)
            {
                foreach (var flow in _flows.Where(f => pattern is null || pattern.IsMatch(f.Name ?? string.Empty)))
                {
                    Emit(flow);
                }

                return;
            }

            foreach (var id in ids)
            {
                var flow = _flows.FirstOrDefault(f => string.Equals(f.FlowId, id, StringComparison.Ordinal));
                if (flow is null)
                {
                    EmitError(new GumloopFlowNotFoundException("flow", id, $"No saved flow with id '{id}' was found. Get-GumloopFlow lists the flows you can run."), id);
                }
                else
                {
                    Emit(flow);
                }
            }
        });
    }
}
