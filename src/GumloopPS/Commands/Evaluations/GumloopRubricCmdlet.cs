using System.Collections;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// The rubric parameters of New- and Set-GumloopEvaluation and Set-GumloopAgentEvaluationConfig (API.md 11.6
/// EvaluationRubric, 10.14 the agent's configuration). The session types are each cmdlet's own: -SessionType in an
/// organization rubric, -InteractionType in an agent's configuration.
/// </summary>
public abstract class GumloopRubricCmdlet : GumloopApiCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ModelName { get; set; }

    [Parameter]
    [ValidateSet("debounced", "per_turn", "manual")]
    public string? Frequency { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Language { get; set; }

    [Parameter]
    public bool? IncludeAutoTags { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? Criterion { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? Tag { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? DataPoint { get; set; }

    [Parameter]
    public Hashtable? Sentiment { get; set; }

    /// <summary>The session types given, or null, and the field that carries them.</summary>
    private protected abstract (string Field, string[]? Given) SessionTypes { get; }

    /// <summary>Adds the rubric fields given to <paramref name="fields"/>; false (an error was written) when one cannot be sent.</summary>
    private protected bool TryAddRubric(JsonMap fields, object? target)
    {
        if (ModelName != null) fields["model_name"] = ModelName;
        if (Frequency != null) fields["frequency"] = Frequency;
        if (Language != null) fields["language"] = Language;
        if (IncludeAutoTags is bool autoTags) fields["include_auto_tags"] = autoTags;
        if (SessionTypes is (string field, string[] sessionTypes)) fields[field] = new JsonList(sessionTypes.Cast<object?>());
        if (!TryEntries(Criterion, nameof(Criterion), MaxCriteria, new[] { "name", "prompt" }, target, out JsonList? criteria)
            || !TryEntries(Tag, nameof(Tag), MaxTags, new[] { "name" }, target, out JsonList? tags)
            || !TryEntries(DataPoint, nameof(DataPoint), MaxDataPoints, new[] { "name" }, target, out JsonList? points))
        {
            return false;
        }

        if (criteria != null) fields["criteria"] = criteria;
        if (tags != null) fields["tags"] = tags;
        if (points != null) fields["data_points"] = points;
        if (Sentiment != null)
        {
            if (!TryConvert(Sentiment, nameof(Sentiment), target, out JsonMap? sentiment)) return false;
            fields["sentiment"] = sentiment;
        }

        return true;
    }
}
