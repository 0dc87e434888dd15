using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

// The small pieces evaluation results, configurations and rubrics share. Each collection overrides ToString so
// Export-Csv and Format-Table show content, not a type name.

/// <summary>Plain strings (applied tags, session types), written "A, B" in tables and CSV.</summary>
public sealed class EvaluationTextList : List<string>
{
    public EvaluationTextList()
    {
    }

    public EvaluationTextList(IEnumerable<string> items)
        : base(items)
    {
    }

    internal static EvaluationTextList Read(JsonElement obj, string name)
    {
        var list = new EvaluationTextList();
        if (JsonRead.TryGet(obj, name, out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }
        }

        return list;
    }

    public override string ToString() => string.Join(", ", this);
}

/// <summary>Counts by name (grades, tags), written "pass=74; needs_review=11".</summary>
public sealed class EvaluationCounts : Dictionary<string, long>
{
    public EvaluationCounts()
        : base(StringComparer.Ordinal)
    {
    }

    internal static EvaluationCounts Read(JsonElement obj, string name)
    {
        var counts = new EvaluationCounts();
        if (JsonRead.TryGet(obj, name, out JsonElement map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in map.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out long n))
                {
                    counts[property.Name] = n;
                }
            }
        }

        return counts;
    }

    public long Get(string name) => TryGetValue(name, out long n) ? n : 0;

    public override string ToString() => string.Join("; ", this.Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>How one criterion of a rubric judged a session.</summary>
public sealed class EvaluationCriterionResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name", "type", "priority", "result", "rationale");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? Priority { get; set; }

    /// <summary>success, failure or unknown.</summary>
    public string? Result { get; set; }
    public string? Rationale { get; set; }

    public static EvaluationCriterionResult FromJson(JsonElement element)
    {
        var r = new EvaluationCriterionResult();
        r.SetRaw(element);
        JsonElement e = r.Raw;
        r.Id = JsonRead.String(e, "id");
        r.Name = JsonRead.String(e, "name");
        r.Type = JsonRead.String(e, "type");
        r.Priority = JsonRead.String(e, "priority");
        r.Result = JsonRead.String(e, "result");
        r.Rationale = JsonRead.String(e, "rationale");
        return r;
    }

    public override string ToString() => (Name ?? Id ?? string.Empty) + ": " + (Result ?? "unknown");
}

public sealed class EvaluationCriterionResultCollection : List<EvaluationCriterionResult>
{
    public override string ToString() => string.Join("; ", this.Select(r => r.ToString()));
}

/// <summary>A data point the grader extracted from a session.</summary>
public sealed class EvaluationDataResult : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name", "data_type", "value");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? DataType { get; set; }

    /// <summary>string, long, double, bool, or null when the session did not say.</summary>
    public object? Value { get; set; }

    public static EvaluationDataResult FromJson(JsonElement element)
    {
        var r = new EvaluationDataResult();
        r.SetRaw(element);
        JsonElement e = r.Raw;
        r.Id = JsonRead.String(e, "id");
        r.Name = JsonRead.String(e, "name");
        r.DataType = JsonRead.String(e, "data_type");
        r.Value = JsonRead.TryGet(e, "value", out JsonElement v) ? JsonConvertValue.ToObject(v) : null;
        return r;
    }

    public override string ToString() => (Name ?? Id ?? string.Empty) + "=" + (Value is bool b ? (b ? "true" : "false") : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty);
}

public sealed class EvaluationDataResultCollection : List<EvaluationDataResult>
{
    public override string ToString() => string.Join("; ", this.Select(r => r.ToString()));
}

/// <summary>A criterion of a rubric: a true/false statement about a session and the grade a failure earns.</summary>
public sealed class EvaluationCriterion : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name", "prompt", "type", "priority", "enabled");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Prompt { get; set; }

    /// <summary>prohibited_action, prohibited_words, voice_tone or other.</summary>
    public string? Type { get; set; }

    /// <summary>The grade a failing session receives: needs_review or needs_attention.</summary>
    public string? Priority { get; set; }

    /// <summary>Organization rubrics only; null on an agent's own configuration.</summary>
    public bool? Enabled { get; set; }

    public static EvaluationCriterion FromJson(JsonElement element)
    {
        var c = new EvaluationCriterion();
        c.SetRaw(element);
        JsonElement e = c.Raw;
        c.Id = JsonRead.String(e, "id");
        c.Name = JsonRead.String(e, "name");
        c.Prompt = JsonRead.String(e, "prompt");
        c.Type = JsonRead.String(e, "type");
        c.Priority = JsonRead.String(e, "priority");
        c.Enabled = JsonRead.Bool(e, "enabled");
        return c;
    }

    public override string ToString() => Name ?? Id ?? string.Empty;
}

public sealed class EvaluationCriterionCollection : List<EvaluationCriterion>
{
    public override string ToString() => string.Join("; ", this.Select(c => c.ToString()));
}

/// <summary>A tag the grader may apply (stored in UPPER_SNAKE_CASE).</summary>
public sealed class EvaluationTag : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("name", "description");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Name { get; set; }
    public string? Description { get; set; }

    public static EvaluationTag FromJson(JsonElement element)
    {
        var t = new EvaluationTag();
        t.SetRaw(element);
        t.Name = JsonRead.String(t.Raw, "name");
        t.Description = JsonRead.String(t.Raw, "description");
        return t;
    }

    public override string ToString() => Name ?? string.Empty;
}

public sealed class EvaluationTagCollection : List<EvaluationTag>
{
    public override string ToString() => string.Join("; ", this.Select(t => t.ToString()));
}

/// <summary>A value the grader extracts from each session.</summary>
public sealed class EvaluationDataPoint : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name", "data_type", "description");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? Name { get; set; }

    /// <summary>string, boolean, integer or number.</summary>
    public string? DataType { get; set; }
    public string? Description { get; set; }

    public static EvaluationDataPoint FromJson(JsonElement element)
    {
        var d = new EvaluationDataPoint();
        d.SetRaw(element);
        JsonElement e = d.Raw;
        d.Id = JsonRead.String(e, "id");
        d.Name = JsonRead.String(e, "name");
        d.DataType = JsonRead.String(e, "data_type");
        d.Description = JsonRead.String(e, "description");
        return d;
    }

    public override string ToString() => Name ?? Id ?? string.Empty;
}

public sealed class EvaluationDataPointCollection : List<EvaluationDataPoint>
{
    public override string ToString() => string.Join("; ", this.Select(d => d.ToString()));
}

internal static class EvaluationRead
{
    public static TCollection Items<TCollection, TItem>(JsonElement obj, string name, Func<JsonElement, TItem> parse)
        where TCollection : List<TItem>, new()
    {
        var list = new TCollection();
        if (JsonRead.TryGet(obj, name, out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    list.Add(parse(item));
                }
            }
        }

        return list;
    }

    /// <summary>Reads <c>{"name": {...}}</c> or the bare object.</summary>
    public static JsonElement Unwrap(JsonElement root, string name) =>
        JsonRead.TryGet(root, name, out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;

    public static bool IsFinished(string? status) =>
        string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase);
}
