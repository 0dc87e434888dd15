using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One session accepted by an evaluation run: queued (with the result id to poll) or, on a dry run, planned.
/// For an agent run <see cref="EvaluationId"/> is the result id, as GET /agents/{agent_id}/evaluations/{evaluation_id}
/// names it; for an organization run it is the organization evaluation and <see cref="ResultId"/> the result.
/// </summary>
public sealed class EvaluationRunItem
{
    public string? AgentId { get; set; }
    public string? EvaluationId { get; set; }
    public string? ResultId { get; set; }
    public string? SessionId { get; set; }

    /// <summary>queued, or planned on a dry run.</summary>
    public string? Status { get; set; }
    public bool DryRun { get; set; }

    public override string ToString() => SessionId + ": " + Status;
}

/// <summary>A session a run did not take: <c>ineligible</c>, or <c>in_flight</c> with the result already running.</summary>
public sealed class EvaluationRunSkip
{
    public string? SessionId { get; set; }
    public string? Reason { get; set; }
    public string? ResultId { get; set; }

    public override string ToString() => SessionId + ": " + Reason;
}

/// <summary>The answer to one run request (API.md 11.6 EvaluationRunResponse): at most 200 sessions.</summary>
public sealed class EvaluationRunResponse
{
    public bool DryRun { get; set; }
    public long CreditCost { get; set; }
    public List<EvaluationRunItem> Results { get; } = new List<EvaluationRunItem>();
    public List<EvaluationRunSkip> Skipped { get; } = new List<EvaluationRunSkip>();

    /// <param name="agentId">The agent of an agent run; null for an organization run.</param>
    /// <param name="evaluationId">The organization evaluation of an organization run; null for an agent run.</param>
    internal static EvaluationRunResponse FromJson(JsonElement root, string? agentId, string? evaluationId)
    {
        var run = new EvaluationRunResponse
        {
            DryRun = JsonRead.Bool(root, "dry_run") ?? false,
            CreditCost = JsonRead.Int64(root, "credit_cost") ?? 0,
        };
        if (JsonRead.TryGet(root, "results", out JsonElement results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in results.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                string? resultId = JsonRead.String(item, "id");
                run.Results.Add(new EvaluationRunItem
                {
                    AgentId = agentId,
                    EvaluationId = evaluationId ?? resultId,
                    ResultId = resultId,
                    SessionId = JsonRead.String(item, "session_id"),
                    Status = JsonRead.String(item, "status"),
                    DryRun = run.DryRun,
                });
            }
        }

        if (JsonRead.TryGet(root, "skipped", out JsonElement skipped) && skipped.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in skipped.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                run.Skipped.Add(new EvaluationRunSkip
                {
                    SessionId = JsonRead.String(item, "session_id"),
                    Reason = JsonRead.String(item, "reason"),
                    ResultId = JsonRead.String(item, "result_id"),
                });
            }
        }

        return run;
    }
}
