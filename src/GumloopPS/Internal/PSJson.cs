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

    /// <summary>
    /// Unwraps PowerShell values into what Core's JSON writer understands (JsonMap, JsonList, primitives). The one
    /// converter for every user value that becomes JSON (-Body, -Inputs, -Metadata, -Response): a value nested
    /// deeper than 64 levels, or one that contains itself ($h.self = $h), is refused with an ArgumentException
    /// instead of recursing until the process dies of a stack overflow.
    /// </summary>
    /// <param name="parameter">The parameter the value came from, named in the error.</param>
    public static object? ToPlain(object? value, string parameter = "The value") =>
        ToPlain(value, 0, new HashSet<object>(ReferenceComparer.Instance), parameter);

    /// <summary>A hashtable parameter as a JSON object, through <see cref="ToPlain(object?, string)"/>.</summary>
    public static JsonMap ToPlainMap(IDictionary table, string parameter) =>
        (JsonMap)ToPlain(table, parameter)!;

    private static object? ToPlain(object? value, int depth, HashSet<object> open, string parameter)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"{parameter} is nested more than {MaxDepth} levels deep, too deeply to be sent as JSON.");
        }

        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case PSObject pso when pso.BaseObject is PSCustomObject:
                return Container(pso, depth, open, parameter, () =>
                {
                    var map = new JsonMap();
                    foreach (PSPropertyInfo property in pso.Properties)
                    {
                        if (property.IsGettable && !map.ContainsKey(property.Name))
                        {
                            map[property.Name] = ToPlain(property.Value, depth + 1, open, parameter);
                        }
                    }

                    return map;
                });
            case PSObject pso:
                return ToPlain(pso.BaseObject, depth, open, parameter);
            case SwitchParameter sw:
                return sw.IsPresent;
            case JsonMap or JsonList:
                return value;
            case IDictionary dictionary:
                return Container(dictionary, depth, open, parameter, () =>
                {
                    var result = new JsonMap();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        var key = entry.Key is PSObject wrapped ? wrapped.BaseObject : entry.Key;
                        result[Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value, depth + 1, open, parameter);
                    }

                    return result;
                });
            case IEnumerable enumerable:
                return Container(enumerable, depth, open, parameter, () =>
                {
                    var list = new JsonList();
                    foreach (object? item in enumerable)
                    {
                        list.Add(ToPlain(item, depth + 1, open, parameter));
                    }

                    return list;
                });
            default:
                return value;
        }
    }

    /// <summary>Converts one container, refusing it if it is already being converted further up (a cycle).</summary>
    private static object Container(object container, int depth, HashSet<object> open, string parameter, Func<object> convert)
    {
        if (!open.Add(container))
        {
            throw new ArgumentException($"{parameter} contains itself (a hashtable, array or object that refers back to one of its parents), so it cannot be sent as JSON.");
        }

        try
        {
            return convert();
        }
        finally
        {
            open.Remove(container);
        }
    }

    private sealed class ReferenceComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    /// <summary>A query value as the API expects it: lower-case booleans, invariant numbers, ISO dates, lists comma-joined.</summary>
    public static string? ToQueryString(object? value) => ToQueryString(value, 0);

    private static string? ToQueryString(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"A -Query value is nested more than {MaxDepth} levels deep (or contains itself).");
        }

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
                return string.Join(",", enumerable.Cast<object?>().Select(v => ToQueryString(v, depth + 1)).Where(v => v != null));
            default:
                return value.ToString();
        }
    }
}
