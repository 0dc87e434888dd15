using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A list of ids (skills, models) whose ToString joins them, so Export-Csv and tables show the ids.</summary>
public sealed class IdList : List<string>
{
    public IdList()
    {
    }

    public IdList(IEnumerable<string> ids)
        : base(ids)
    {
    }

    /// <summary>The strings of a JSON array; other items are skipped. An absent or non-array value is an empty list.</summary>
    internal static IdList Read(JsonElement obj, string name)
    {
        var list = new IdList();
        if (JsonRead.TryGet(obj, name, out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
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
