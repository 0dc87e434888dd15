using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>An agent's own evaluation setup (API.md 11.6 EvaluationConfig).</summary>
public sealed class AgentEvaluationConfig : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "agent_id", "enabled", "is_active", "model_name", "frequency", "language", "include_auto_tags", "interaction_types",
        "criteria", "tags", "data_points", "sentiment", "updated_ts", "updated_at", "organization_evaluations");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? AgentId { get; set; }
    public bool? Enabled { get; set; }
    public bool? IsActive { get; set; }
    public string? ModelName { get; set; }
    public string? Frequency { get; set; }
    public string? Language { get; set; }
    public bool? IncludeAutoTags { get; set; }
    public EvaluationTextList InteractionTypes { get; set; } = new EvaluationTextList();
    public EvaluationCriterionCollection Criteria { get; set; } = new EvaluationCriterionCollection();
    public EvaluationTagCollection Tags { get; set; } = new EvaluationTagCollection();
    public EvaluationDataPointCollection DataPoints { get; set; } = new EvaluationDataPointCollection();

    /// <summary><c>enabled</c>, <c>affects_grade</c>, <c>description</c>; null when not set.</summary>
    public JsonMap? Sentiment { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Organization evaluations enforced on this agent (read-only here): id, name, provenance, enabled, run_summary.</summary>
    public JsonList OrganizationEvaluations { get; set; } = new JsonList();

    public static AgentEvaluationConfig FromJson(JsonElement element, string? agentId = null)
    {
        var c = new AgentEvaluationConfig();
        c.SetRaw(element);
        JsonElement e = c.Raw;
        c.AgentId = JsonRead.String(e, "agent_id") ?? agentId;
        c.Enabled = JsonRead.Bool(e, "enabled");
        c.IsActive = JsonRead.Bool(e, "is_active");
        c.ModelName = JsonRead.String(e, "model_name");
        c.Frequency = JsonRead.String(e, "frequency");
        c.Language = JsonRead.String(e, "language");
        c.IncludeAutoTags = JsonRead.Bool(e, "include_auto_tags");
        c.InteractionTypes = EvaluationTextList.Read(e, "interaction_types");
        c.Criteria = EvaluationRead.Items<EvaluationCriterionCollection, EvaluationCriterion>(e, "criteria", EvaluationCriterion.FromJson);
        c.Tags = EvaluationRead.Items<EvaluationTagCollection, EvaluationTag>(e, "tags", EvaluationTag.FromJson);
        c.DataPoints = EvaluationRead.Items<EvaluationDataPointCollection, EvaluationDataPoint>(e, "data_points", EvaluationDataPoint.FromJson);
        c.Sentiment = JsonRead.Map(e, "sentiment");
        c.UpdatedAt = JsonRead.Timestamp(e, "updated_at") ?? JsonRead.Timestamp(e, "updated_ts");
        c.OrganizationEvaluations = JsonRead.List(e, "organization_evaluations") ?? new JsonList();
        return c;
    }

    public override string ToString() => AgentId ?? string.Empty;
}

/// <summary>What and how an organization evaluation grades (API.md 11.6 EvaluationRubric).</summary>
public sealed class EvaluationRubric : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "model_name", "frequency", "language", "include_auto_tags", "session_types", "criteria", "tags", "data_points",
        "sentiment", "notifications");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ModelName { get; set; }
    public string? Frequency { get; set; }
    public string? Language { get; set; }
    public bool? IncludeAutoTags { get; set; }
    public EvaluationTextList SessionTypes { get; set; } = new EvaluationTextList();
    public EvaluationCriterionCollection Criteria { get; set; } = new EvaluationCriterionCollection();
    public EvaluationTagCollection Tags { get; set; } = new EvaluationTagCollection();
    public EvaluationDataPointCollection DataPoints { get; set; } = new EvaluationDataPointCollection();
    public JsonMap? Sentiment { get; set; }
    public JsonMap? Notifications { get; set; }

    public static EvaluationRubric FromJson(JsonElement element)
    {
        var r = new EvaluationRubric();
        r.SetRaw(element);
        JsonElement e = r.Raw;
        r.ModelName = JsonRead.String(e, "model_name");
        r.Frequency = JsonRead.String(e, "frequency");
        r.Language = JsonRead.String(e, "language");
        r.IncludeAutoTags = JsonRead.Bool(e, "include_auto_tags");
        r.SessionTypes = EvaluationTextList.Read(e, "session_types");
        r.Criteria = EvaluationRead.Items<EvaluationCriterionCollection, EvaluationCriterion>(e, "criteria", EvaluationCriterion.FromJson);
        r.Tags = EvaluationRead.Items<EvaluationTagCollection, EvaluationTag>(e, "tags", EvaluationTag.FromJson);
        r.DataPoints = EvaluationRead.Items<EvaluationDataPointCollection, EvaluationDataPoint>(e, "data_points", EvaluationDataPoint.FromJson);
        r.Sentiment = JsonRead.Map(e, "sentiment");
        r.Notifications = JsonRead.Map(e, "notifications");
        return r;
    }

    public override string ToString() =>
        Plural(Criteria.Count, "criterion", "criteria") + ", " + Plural(Tags.Count, "tag", "tags") + ", " + Plural(DataPoints.Count, "data point", "data points");

    private static string Plural(int n, string one, string many) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}

/// <summary>What an organization evaluation covers: the whole organization, a team, a member's agents, or one agent.</summary>
public sealed class EvaluationTarget
{
    public EvaluationTarget()
    {
    }

    public EvaluationTarget(string type, string? id)
    {
        Type = type;
        Id = id;
    }

    /// <summary>organization, team, user or agent.</summary>
    public string? Type { get; set; }

    /// <summary>The team, user or agent id; the organization id in answers; omitted for organization in requests.</summary>
    public string? Id { get; set; }

    internal static EvaluationTarget FromJson(JsonElement e) => new EvaluationTarget(JsonRead.String(e, "type") ?? string.Empty, JsonRead.String(e, "id"));

    public override string ToString() => string.IsNullOrEmpty(Id) ? Type ?? string.Empty : Type + ":" + Id;
}

public sealed class EvaluationTargetCollection : List<EvaluationTarget>
{
    internal static EvaluationTargetCollection Read(JsonElement obj, string name)
    {
        var list = new EvaluationTargetCollection();
        if (JsonRead.TryGet(obj, name, out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            list.AddRange(array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(EvaluationTarget.FromJson));
        }

        return list;
    }

    public override string ToString() => string.Join("; ", this.Select(t => t.ToString()));
}

/// <summary>Rollup of the latest result per graded session of an organization evaluation.</summary>
public sealed class EvaluationRunSummary : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "evaluated_count", "graded_count", "pass_count", "needs_review_count", "needs_attention_count", "failed_count", "success_rate", "last_run_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public long? EvaluatedCount { get; set; }
    public long? GradedCount { get; set; }
    public long? PassCount { get; set; }
    public long? NeedsReviewCount { get; set; }
    public long? NeedsAttentionCount { get; set; }
    public long? FailedCount { get; set; }

    /// <summary>0 to 1; null before anything was graded.</summary>
    public double? SuccessRate { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }

    public static EvaluationRunSummary FromJson(JsonElement element)
    {
        var s = new EvaluationRunSummary();
        s.SetRaw(element);
        JsonElement e = s.Raw;
        s.EvaluatedCount = JsonRead.Int64(e, "evaluated_count");
        s.GradedCount = JsonRead.Int64(e, "graded_count");
        s.PassCount = JsonRead.Int64(e, "pass_count");
        s.NeedsReviewCount = JsonRead.Int64(e, "needs_review_count");
        s.NeedsAttentionCount = JsonRead.Int64(e, "needs_attention_count");
        s.FailedCount = JsonRead.Int64(e, "failed_count");
        s.SuccessRate = JsonRead.Double(e, "success_rate");
        s.LastRunAt = JsonRead.Timestamp(e, "last_run_at");
        return s;
    }

    public override string ToString() =>
        FormattableString.Invariant($"{GradedCount ?? 0} graded, {PassCount ?? 0} pass, {NeedsReviewCount ?? 0} needs review, {NeedsAttentionCount ?? 0} needs attention, {FailedCount ?? 0} failed");
}

/// <summary>An organization-wide evaluation (API.md 11.6 Evaluation).</summary>
public sealed class OrganizationEvaluation : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "scope", "agent_id", "organization_id", "name", "description", "enabled", "targets", "covered_agent_count",
        "config", "run_summary", "creator", "created_at", "updated_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The evaluation's id (<c>id</c>), named for the cmdlets that take it from the pipeline.</summary>
    public string? EvaluationId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool? Enabled { get; set; }
    public string? OrganizationId { get; set; }
    public string? Scope { get; set; }
    public EvaluationTargetCollection Targets { get; set; } = new EvaluationTargetCollection();
    public int? CoveredAgentCount { get; set; }
    public EvaluationRubric? Config { get; set; }
    public EvaluationRunSummary? RunSummary { get; set; }
    public Creator? Creator { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static OrganizationEvaluation FromJson(JsonElement element)
    {
        var v = new OrganizationEvaluation();
        v.SetRaw(element);
        JsonElement e = v.Raw;
        v.EvaluationId = JsonRead.String(e, "id");
        v.Name = JsonRead.String(e, "name");
        v.Description = JsonRead.String(e, "description");
        v.Enabled = JsonRead.Bool(e, "enabled");
        v.OrganizationId = JsonRead.String(e, "organization_id");
        v.Scope = JsonRead.String(e, "scope");
        v.Targets = EvaluationTargetCollection.Read(e, "targets");
        v.CoveredAgentCount = JsonRead.Int32(e, "covered_agent_count");
        v.Config = JsonRead.TryGet(e, "config", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? EvaluationRubric.FromJson(c) : null;
        v.RunSummary = JsonRead.TryGet(e, "run_summary", out JsonElement s) && s.ValueKind == JsonValueKind.Object ? EvaluationRunSummary.FromJson(s) : null;
        v.Creator = JsonRead.TryGet(e, "creator", out JsonElement cr) && cr.ValueKind == JsonValueKind.Object ? Creator.FromJson(cr) : null;
        v.CreatedAt = JsonRead.Timestamp(e, "created_at");
        v.UpdatedAt = JsonRead.Timestamp(e, "updated_at");
        return v;
    }

    public override string ToString() => Name ?? EvaluationId ?? string.Empty;
}

/// <summary>The answer to setting an organization evaluation's targets.</summary>
public sealed class EvaluationTargetSet : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("targets", "covered_agent_count", "enabled");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? EvaluationId { get; set; }
    public EvaluationTargetCollection Targets { get; set; } = new EvaluationTargetCollection();
    public int? CoveredAgentCount { get; set; }

    /// <summary>False when removing the last target paused an enabled evaluation.</summary>
    public bool? Enabled { get; set; }

    public static EvaluationTargetSet FromJson(JsonElement element, string? evaluationId)
    {
        var t = new EvaluationTargetSet { EvaluationId = evaluationId };
        t.SetRaw(element);
        t.Targets = EvaluationTargetCollection.Read(t.Raw, "targets");
        t.CoveredAgentCount = JsonRead.Int32(t.Raw, "covered_agent_count");
        t.Enabled = JsonRead.Bool(t.Raw, "enabled");
        return t;
    }

    public override string ToString() => Targets.ToString();
}

/// <summary>The allowed values and size limits of organization evaluations (GET /evaluation-options, an open object).</summary>
public sealed class EvaluationOptions : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "session_types", "criterion_types", "criterion_priorities", "data_point_types", "frequencies", "grades", "statuses",
        "target_types", "skip_reasons", "limits");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public EvaluationTextList SessionTypes { get; set; } = new EvaluationTextList();
    public EvaluationTextList CriterionTypes { get; set; } = new EvaluationTextList();
    public EvaluationTextList CriterionPriorities { get; set; } = new EvaluationTextList();
    public EvaluationTextList DataPointTypes { get; set; } = new EvaluationTextList();
    public EvaluationTextList Frequencies { get; set; } = new EvaluationTextList();
    public EvaluationTextList Grades { get; set; } = new EvaluationTextList();
    public EvaluationTextList Statuses { get; set; } = new EvaluationTextList();
    public EvaluationTextList TargetTypes { get; set; } = new EvaluationTextList();
    public EvaluationTextList SkipReasons { get; set; } = new EvaluationTextList();

    /// <summary>Size limits by name (criteria, tags, data_points, targets, session_ids_per_run).</summary>
    public EvaluationCounts Limits { get; set; } = new EvaluationCounts();

    public static EvaluationOptions FromJson(JsonElement element)
    {
        var o = new EvaluationOptions();
        o.SetRaw(element);
        JsonElement e = o.Raw;
        o.SessionTypes = EvaluationTextList.Read(e, "session_types");
        o.CriterionTypes = EvaluationTextList.Read(e, "criterion_types");
        o.CriterionPriorities = EvaluationTextList.Read(e, "criterion_priorities");
        o.DataPointTypes = EvaluationTextList.Read(e, "data_point_types");
        o.Frequencies = EvaluationTextList.Read(e, "frequencies");
        o.Grades = EvaluationTextList.Read(e, "grades");
        o.Statuses = EvaluationTextList.Read(e, "statuses");
        o.TargetTypes = EvaluationTextList.Read(e, "target_types");
        o.SkipReasons = EvaluationTextList.Read(e, "skip_reasons");
        o.Limits = EvaluationCounts.Read(e, "limits");
        return o;
    }

    public override string ToString() => Limits.ToString();
}
