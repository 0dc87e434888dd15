using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluation", DefaultParameterSetName = ListSet)]
[OutputType(typeof(OrganizationEvaluation))]
public sealed class GetGumloopEvaluationCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const int DefaultPageSize = 20;

    // Not taken from the pipeline: a piped evaluation carries its organization too, and must be read by its id.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            var ids = EvaluationId!;
            Run(async ct =>
            {
                foreach (string id in ids)
                {
                    try
                    {
                        Emit(await Client.GetEvaluationAsync(id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        string organizationId = OrganizationId!;
        var page = new PageRequest(PagingStyle.Cursor, $"the evaluations of organization {organizationId}")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                PageResult result = await Client.ReadEvaluationsAsync(organizationId, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"More evaluations exist in organization {organizationId}. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, organizationId);
            }
        });
    }
}
