using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentEvaluation")]
[OutputType(typeof(AgentEvaluation))]
public sealed class GetGumloopAgentEvaluationCommand : GumloopListCmdlet<AgentEvaluation>
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    // Not aliased to Id: a piped session's Id would otherwise be taken for a result id.
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

    [Parameter]
    [ValidateSet("pass", "needs_review", "needs_attention")]
    public string? Grade { get; set; }

    [Parameter]
    [ValidateSet("queued", "in_progress", "completed", "failed")]
    public string? Status { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OrganizationEvaluationId { get; set; }

    [Parameter]
    public DateTime? After { get; set; }

    [Parameter]
    public DateTime? Before { get; set; }

    protected override bool IsListing => EvaluationId is not { Length: > 0 };

    protected override string ListName => $"evaluations of agent {AgentId}";

    protected override object? ListTarget => AgentId;

    private protected override bool CheckListArguments() => CheckDateRange(After, Before, AgentId);

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<AgentEvaluation> onItem, CancellationToken ct)
    {
        var query = new AgentEvaluationQuery
        {
            Grade = Grade,
            Status = Status,
            SessionId = SessionId,
            OrganizationEvaluationId = OrganizationEvaluationId,
            CreatedAfter = ToInstant(After),
            CreatedBefore = ToInstant(Before),
        };
        return Client.ReadAgentEvaluationsAsync(AgentId!, query, page, onItem, ct);
    }

    private protected override IEnumerable<Func<CancellationToken, Task<AgentEvaluation>>> GetItems() =>
        EvaluationId!.Select(id => (Func<CancellationToken, Task<AgentEvaluation>>)(ct => Client.GetAgentEvaluationAsync(AgentId!, id, ct)));

    private protected override object? ItemTarget(int index) => EvaluationId![index];
}
