using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluation", DefaultParameterSetName = ListSet)]
[OutputType(typeof(OrganizationEvaluation))]
public sealed class GetGumloopEvaluationCommand : GumloopListCmdlet<OrganizationEvaluation>
{
    private const string ByIdSet = "ById";

    // Not taken from the pipeline: a piped evaluation carries its organization too, and must be read by its id.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

    protected override string ListName => $"evaluations in organization {OrganizationId}";

    protected override object? ListTarget => OrganizationId;

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<OrganizationEvaluation> onItem, CancellationToken ct) =>
        Client.ReadEvaluationsAsync(OrganizationId!, page, onItem, ct);

    private protected override IEnumerable<Func<CancellationToken, Task<OrganizationEvaluation>>> GetItems() =>
        EvaluationId!.Select(id => (Func<CancellationToken, Task<OrganizationEvaluation>>)(ct => Client.GetEvaluationAsync(id, ct)));

    private protected override object? ItemTarget(int index) => EvaluationId![index];
}
