using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluationResult")]
[OutputType(typeof(OrganizationEvaluationResult))]
public sealed class GetGumloopEvaluationResultCommand : GumloopApiCmdlet
{
    private const int DefaultPageSize = 20;

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

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        string evaluationId = EvaluationId!;
        if (ResultId is { Length: > 0 } ids)
        {
            Run(async ct =>
            {
                foreach (string id in ids)
                {
                    try
                    {
                        Emit(await Client.GetEvaluationResultAsync(evaluationId, id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        DateTimeOffset? after = ToInstant(After), before = ToInstant(Before);
        if (after.HasValue && before.HasValue && before <= after)
        {
            RefuseArgument($"-Before ({before:u}) must be later than -After ({after:u}).", evaluationId, "-After is inclusive and -Before exclusive; swap them or widen the range.");
            return;
        }

        var query = new EvaluationResultQuery
        {
            AgentId = AgentId,
            SessionId = SessionId,
            Grade = Grade,
            Status = Status,
            CreatedAfter = after,
            CreatedBefore = before,
        };
        var page = new PageRequest(PagingStyle.Cursor, $"the results of evaluation {evaluationId}")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                PageResult result = await Client.ReadEvaluationResultsAsync(evaluationId, query, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"More results exist for evaluation {evaluationId}. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, evaluationId);
            }
        });
    }
}
