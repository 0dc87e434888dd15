using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A JSON object as a dictionary whose ToString is compact JSON, so Export-Csv writes data, not a type name.</summary>
public sealed class JsonMap : Dictionary<string, object?>
{
    // Case-insensitive so PowerShell member access ($map.owner_group / $map.Owner_Group) behaves like a hashtable.
    public JsonMap()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public JsonMap(IDictionary<string, object?> source)
        : base(StringComparer.OrdinalIgnoreCase)
    {
        if (source == null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        foreach (KeyValuePair<string, object?> pair in source)
        {
            this[pair.Key] = pair.Value;
        }
    }

    public static JsonMap FromJson(JsonElement element)
    {
        var map = new JsonMap();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return map;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!map.ContainsKey(property.Name))
            {
                map[property.Name] = JsonConvertValue.ToObject(property.Value);
            }
        }

        return map;
    }

    public string ToJson() => JsonWriting.Serialize(this);

    public override string ToString() => ToJson();
}

/// <summary>A JSON array whose ToString is compact JSON.</summary>
public sealed class JsonList : List<object?>
{
    public JsonList()
    {
    }

    public JsonList(IEnumerable<object?> items)
        : base(items)
    {
    }

    public static JsonList FromJson(JsonElement element)
    {
        var list = new JsonList();
        if (element.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            list.Add(JsonConvertValue.ToObject(item));
        }

        return list;
    }

    public string ToJson() => JsonWriting.Serialize(this);

    public override string ToString() => ToJson();
}

internal static class JsonConvertValue
{
    public static object? ToObject(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return JsonMap.FromJson(element);
            case JsonValueKind.Array:
                return JsonList.FromJson(element);
            default:
                return ToScalar(element);
        }
    }

    /// <summary>
    /// A JSON scalar as string, long, double (for numbers outside long), bool or null; numbers that fit neither keep
    /// their text. Objects and arrays are the caller's business: this returns null for them.
    /// </summary>
    public static object? ToScalar(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out long l))
                {
                    return l;
                }

                if (element.TryGetDouble(out double d))
                {
                    return d;
                }

                return element.GetRawText();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
