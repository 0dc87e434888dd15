using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>
/// Converts between PowerShell values and JSON without ConvertFrom-Json/ConvertTo-Json, so results keep the
/// server's field names and values from scripts (PSCustomObject, hashtables, arrays) serialise as JSON.
/// </summary>
internal static class PSJson
{
    private const int MaxDepth = 64;

    /// <summary>JSON object to PSCustomObject, array to object[], scalars to string/long/double/bool/null.</summary>
    public static object? ToPSObject(JsonElement element) => ToPSObject(element, 0);

    private static object? ToPSObject(JsonElement element, int depth)
    {
        if (depth > 256)
        {
            throw new GumloopResponseException("The response is nested too deeply to convert.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new PSObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    // PowerShell property names ignore case; a duplicate would throw, and JSON's last-wins is a server bug anyway.
                    if (obj.Properties[property.Name] == null)
                    {
                        obj.Properties.Add(new PSNoteProperty(property.Name, ToPSObject(property.Value, depth + 1)));
                    }
                }

                return obj;
            case JsonValueKind.Array:
                var items = new List<object?>();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(ToPSObject(item, depth + 1));
                }

                return items.ToArray();
            default:
                return JsonConvertValue.ToScalar(element);
        }
    }

    /// <summary>Unwraps PowerShell values into what Core's JSON writer understands (JsonMap, JsonList, primitives).</summary>
    public static object? ToPlain(object? value) => ToPlain(value, 0);

    private static object? ToPlain(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException("The value is nested too deeply (or refers to itself) to be sent as JSON.");
        }

        switch (value)
        {
            case null:
                return null;
            case PSObject pso when pso.BaseObject is PSCustomObject:
                var map = new JsonMap();
                foreach (PSPropertyInfo property in pso.Properties)
                {
                    if (property.IsGettable && !map.ContainsKey(property.Name))
                    {
                        map[property.Name] = ToPlain(property.Value, depth + 1);
                    }
                }

                return map;
            case PSObject pso:
                return ToPlain(pso.BaseObject, depth + 1);
            case string s:
                return s;
            case SwitchParameter sw:
                return sw.IsPresent;
            case JsonMap or JsonList:
                return value;
            case IDictionary dictionary:
                var result = new JsonMap();
                foreach (DictionaryEntry entry in dictionary)
                {
                    result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1);
                }

                return result;
            case IEnumerable enumerable:
                var list = new JsonList();
                foreach (object? item in enumerable)
                {
                    list.Add(ToPlain(item, depth + 1));
                }

                return list;
            default:
                return value;
        }
    }

    /// <summary>A query value as the API expects it: lower-case booleans, invariant numbers, ISO dates, lists comma-joined.</summary>
    public static string? ToQueryString(object? value)
    {
        value = value is PSObject pso ? pso.BaseObject : value;
        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case SwitchParameter sw:
                return sw.IsPresent ? "true" : "false";
            case DateTime dt:
                return dt.ToString("o", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("o", CultureInfo.InvariantCulture);
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable enumerable:
                return string.Join(",", enumerable.Cast<object?>().Select(ToQueryString).Where(v => v != null));
            default:
                return value.ToString();
        }
    }
}
