using System.Collections;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>The rubric parameters of New- and Set-GumloopEvaluation (API.md 11.6 EvaluationRubric).</summary>
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
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string[]? SessionType { get; set; }

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

    /// <summary>The rubric fields given, or null (an error was written) when one cannot be sent.</summary>
    internal JsonMap? BuildRubric(object? target)
    {
        var config = new JsonMap();
        if (ModelName != null) config["model_name"] = ModelName;
        if (Frequency != null) config["frequency"] = Frequency;
        if (Language != null) config["language"] = Language;
        if (IncludeAutoTags is bool autoTags) config["include_auto_tags"] = autoTags;
        if (SessionType != null) config["session_types"] = new JsonList(SessionType.Cast<object?>());
        if (!TryEntries(Criterion, nameof(Criterion), MaxCriteria, new[] { "name", "prompt" }, target, out JsonList? criteria)
            || !TryEntries(Tag, nameof(Tag), MaxTags, new[] { "name" }, target, out JsonList? tags)
            || !TryEntries(DataPoint, nameof(DataPoint), MaxDataPoints, new[] { "name" }, target, out JsonList? points))
        {
            return null;
        }

        if (criteria != null) config["criteria"] = criteria;
        if (tags != null) config["tags"] = tags;
        if (points != null) config["data_points"] = points;
        if (Sentiment != null)
        {
            if (!TryConvert(Sentiment, nameof(Sentiment), target, out JsonMap? sentiment)) return null;
            config["sentiment"] = sentiment;
        }

        return config;
    }
}
