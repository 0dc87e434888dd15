using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluationResult")]
[OutputType(typeof(OrganizationEvaluationResult))]
public sealed class GetGumloopEvaluationResultCommand : GumloopListCmdlet<OrganizationEvaluationResult>
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? EvaluationId { get; set; }

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ResultId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter]
    [ValidateSet("pass", "needs_review", "needs_attention")]
    public string? Grade { get; set; }

    [Parameter]
    [ValidateSet("queued", "in_progress", "completed", "failed")]
    public string? Status { get; set; }

    [Parameter]
    public DateTime? After { get; set; }

    [Parameter]
    public DateTime? Before { get; set; }

    protected override bool IsListing => ResultId is not { Length: > 0 };

    protected override string ListName => $"results of evaluation {EvaluationId}";

    protected override object? ListTarget => EvaluationId;

    private protected override bool CheckListArguments() => CheckDateRange(After, Before, EvaluationId);

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<OrganizationEvaluationResult> onItem, CancellationToken ct)
    {
        var query = new EvaluationResultQuery
        {
            AgentId = AgentId,
            SessionId = SessionId,
            Grade = Grade,
            Status = Status,
            CreatedAfter = ToInstant(After),
            CreatedBefore = ToInstant(Before),
        };
        return Client.ReadEvaluationResultsAsync(EvaluationId!, query, page, onItem, ct);
    }

    private protected override IEnumerable<Func<CancellationToken, Task<OrganizationEvaluationResult>>> GetItems() =>
        ResultId!.Select(id => (Func<CancellationToken, Task<OrganizationEvaluationResult>>)(ct => Client.GetEvaluationResultAsync(EvaluationId!, id, ct)));

    private protected override object? ItemTarget(int index) => ResultId![index];
}
