using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace GumloopPS.Internal;

internal static class PSValues
{
    /// <summary>
    /// Turns a hashtable from a script into plain .NET values. Values from a script are often wrapped in
    /// PSObject, which the JSON writer would otherwise send as their ToString().
    /// </summary>
    public static Dictionary<string, object?> ToDictionary(IDictionary table)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            result[Convert.ToString(Unwrap(entry.Key), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = Unwrap(entry.Value);
        }

        return result;
    }

    public static object? Unwrap(object? value)
    {
        if (value is PSObject ps)
        {
            value = ps.BaseObject;
        }

        switch (value)
        {
            case null:
                return null;
            case string:
                return value;
            case IDictionary dictionary:
                return ToDictionary(dictionary);
            case IEnumerable items:
                var list = new List<object?>();
                foreach (object? item in items)
                {
                    list.Add(Unwrap(item));
                }

                return list;
            default:
                return value;
        }
    }
}
