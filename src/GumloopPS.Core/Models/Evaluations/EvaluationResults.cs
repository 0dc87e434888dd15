using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// What one grading of one session holds, in either shape API.md 11.6 gives it: an agent's EvaluationResult or an
/// organization evaluation's EvaluationResultRecord.
/// </summary>
public abstract class EvaluationGrading : GumloopModel
{
    /// <summary>queued, in_progress, completed or failed (other values are kept as sent).</summary>
    public string? Status { get; set; }

    /// <summary>pass, needs_review or needs_attention; null until completed.</summary>
    public string? Grade { get; set; }
    public string? CallSuccessful { get; set; }
    public string? Sentiment { get; set; }
    public string? Summary { get; set; }
    public string? ModelName { get; set; }
    public string? ErrorCode { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public EvaluationCriterionResultCollection CriteriaResults { get; set; } = new EvaluationCriterionResultCollection();
    public EvaluationDataResultCollection DataResults { get; set; } = new EvaluationDataResultCollection();
    public EvaluationTextList AppliedTags { get; set; } = new EvaluationTextList();

    /// <summary>True once the result is completed or failed.</summary>
    public bool IsFinished => EvaluationRead.IsFinished(Status);

    /// <summary>
    /// Keeps a copy of <paramref name="element"/>, reads the grading fields both shapes name alike and returns the copy
    /// for the shape's own fields. CreatedAt is left to each shape: the agent shape falls back to created_ts.
    /// </summary>
    private protected JsonElement ReadGrading(JsonElement element)
    {
        SetRaw(element);
        JsonElement e = Raw;
        Status = JsonRead.String(e, "status");
        Grade = JsonRead.String(e, "grade");
        CallSuccessful = JsonRead.String(e, "call_successful");
        Sentiment = JsonRead.String(e, "sentiment");
        Summary = JsonRead.String(e, "summary");
        ModelName = JsonRead.String(e, "model_name");
        ErrorCode = JsonRead.String(e, "error_code");
        CriteriaResults = EvaluationRead.Items<EvaluationCriterionResultCollection, EvaluationCriterionResult>(e, "criteria_results", EvaluationCriterionResult.FromJson);
        DataResults = EvaluationRead.Items<EvaluationDataResultCollection, EvaluationDataResult>(e, "data_results", EvaluationDataResult.FromJson);
        AppliedTags = EvaluationTextList.Read(e, "applied_tags");
        return e;
    }
}

/// <summary>
/// One grading of one session by an agent's own evaluation (or an organization evaluation enforced on the agent),
/// API.md 11.6 EvaluationResult. Its id is the evaluation id of GET /agents/{agent_id}/evaluations/{evaluation_id}.
/// </summary>
public sealed class AgentEvaluation : EvaluationGrading
{
    private static readonly HashSet<string> KnownNames = Known(
        "evaluation_id", "id", "interaction_id", "session_id", "agent_id", "created_ts", "created_at", "status", "error_code",
        "model_name", "organization_evaluation_id", "grade", "call_successful", "sentiment", "summary", "criteria_results",
        "data_results", "applied_tags");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The result's id (<c>evaluation_id</c>, the same as <c>id</c>).</summary>
    public string? EvaluationId { get; set; }
    public string? AgentId { get; set; }
    public string? SessionId { get; set; }
    public string? OrganizationEvaluationId { get; set; }

    public static AgentEvaluation FromJson(JsonElement element)
    {
        var r = new AgentEvaluation();
        JsonElement e = r.ReadGrading(element);
        r.EvaluationId = JsonRead.FirstString(e, "evaluation_id", "id");
        r.AgentId = JsonRead.String(e, "agent_id");
        r.SessionId = JsonRead.FirstString(e, "session_id", "interaction_id");
        r.OrganizationEvaluationId = JsonRead.String(e, "organization_evaluation_id");
        r.CreatedAt = JsonRead.Timestamp(e, "created_at") ?? JsonRead.Timestamp(e, "created_ts");
        return r;
    }

    public override string ToString() => EvaluationId ?? string.Empty;
}

/// <summary>One grading of one session by an organization evaluation, API.md 11.6 EvaluationResultRecord.</summary>
public sealed class OrganizationEvaluationResult : EvaluationGrading
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "evaluation_id", "session_id", "agent_id", "status", "grade", "error_code", "model_name", "call_successful",
        "sentiment", "summary", "criteria_results", "data_results", "applied_tags", "created_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The result's own id.</summary>
    public string? ResultId { get; set; }

    /// <summary>The organization evaluation that produced it.</summary>
    public string? EvaluationId { get; set; }
    public string? SessionId { get; set; }
    public string? AgentId { get; set; }

    public static OrganizationEvaluationResult FromJson(JsonElement element)
    {
        var r = new OrganizationEvaluationResult();
        JsonElement e = r.ReadGrading(element);
        r.ResultId = JsonRead.String(e, "id");
        r.EvaluationId = JsonRead.String(e, "evaluation_id");
        r.SessionId = JsonRead.String(e, "session_id");
        r.AgentId = JsonRead.String(e, "agent_id");
        r.CreatedAt = JsonRead.Timestamp(e, "created_at");
        return r;
    }

    public override string ToString() => ResultId ?? string.Empty;
}

/// <summary>Grade counts over the last days: an agent's (with tag counts) or an organization evaluation's.</summary>
public sealed class EvaluationMetric : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("days", "grades", "tags");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>Set for an agent's metrics.</summary>
    public string? AgentId { get; set; }

    /// <summary>Set for an organization evaluation's metrics.</summary>
    public string? EvaluationId { get; set; }
    public int? Days { get; set; }
    public long Pass { get; set; }
    public long NeedsReview { get; set; }
    public long NeedsAttention { get; set; }

    /// <summary>Every grade the answer counted, including ones this version does not know.</summary>
    public EvaluationCounts Grades { get; set; } = new EvaluationCounts();

    /// <summary>Applied tags and how often (agent metrics only; empty otherwise).</summary>
    public EvaluationCounts Tags { get; set; } = new EvaluationCounts();

    public long Total
    {
        get
        {
            long sum = 0;
            foreach (long n in Grades.Values)
            {
                sum += n;
            }

            return sum;
        }
    }

    public static EvaluationMetric FromJson(JsonElement element, string? agentId, string? evaluationId)
    {
        var m = new EvaluationMetric { AgentId = agentId, EvaluationId = evaluationId };
        m.SetRaw(element);
        JsonElement e = m.Raw;
        m.Days = JsonRead.Int32(e, "days");
        m.Grades = EvaluationCounts.Read(e, "grades");
        m.Tags = EvaluationCounts.Read(e, "tags");
        m.Pass = m.Grades.Get("pass");
        m.NeedsReview = m.Grades.Get("needs_review");
        m.NeedsAttention = m.Grades.Get("needs_attention");
        return m;
    }

    public override string ToString() => Grades.ToString();
}
