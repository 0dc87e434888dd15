using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// Keeps the JSON an object was parsed from, so fields this version does not know about survive.
/// They are reachable through methods only: PowerShell exports every public property to CSV.
/// </summary>
public abstract class GumloopModel
{
    private JsonElement _raw;
    private bool _hasRaw;

    private protected abstract HashSet<string> KnownProperties { get; }

    private protected void SetRaw(JsonElement element)
    {
        // Clone is free for elements of an already-cloned document, so nested models share one copy.
        _raw = element.Clone();
        _hasRaw = true;
    }

    private protected JsonElement Raw => _raw;

    /// <summary>The parsed JSON, for writers that copy it whole (transcript exports keep unknown fields).</summary>
    internal bool TryGetRaw(out JsonElement raw)
    {
        raw = _raw;
        return _hasRaw;
    }

    /// <summary>The JSON this object was parsed from, or null if it was built in code.</summary>
    public string? GetRawJson() => _hasRaw ? _raw.GetRawText() : null;

    /// <summary>A field not mapped to a property, converted to string/long/double/bool/JsonMap/JsonList; null if absent.</summary>
    public object? GetAdditionalProperty(string name)
    {
        if (name == null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (!_hasRaw || _raw.ValueKind != JsonValueKind.Object || KnownProperties.Contains(name))
        {
            return null;
        }

        return _raw.TryGetProperty(name, out JsonElement value) ? JsonConvertValue.ToObject(value) : null;
    }

    public IReadOnlyList<string> GetAdditionalPropertyNames()
    {
        var names = new List<string>();
        if (_hasRaw && _raw.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in _raw.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name) && !names.Contains(property.Name))
                {
                    names.Add(property.Name);
                }
            }
        }

        return names;
    }

    private protected static HashSet<string> Known(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);
}
