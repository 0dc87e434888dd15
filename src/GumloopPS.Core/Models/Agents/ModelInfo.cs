using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One model of GET /models, with the group the model picker shows it in. The groups are an open shape; a group
/// without a <c>models</c> list is itself taken as one model.
/// </summary>
public sealed class ModelInfo : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name", "provider");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The id that -Model of New-GumloopAgent and Resolve-GumloopModel take (e.g. <c>auto</c>).</summary>
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Provider { get; set; }
    public string? GroupId { get; set; }
    public string? GroupName { get; set; }

    public static ModelInfo FromJson(JsonElement element, string? groupId, string? groupName)
    {
        var model = new ModelInfo { GroupId = groupId, GroupName = groupName };
        model.SetRaw(element);
        JsonElement e = model.Raw;
        model.Id = JsonRead.FirstString(e, "id", "model_name", "name");
        model.Name = JsonRead.FirstString(e, "name", "display_name", "id");
        model.Provider = JsonRead.String(e, "provider");
        return model;
    }

    /// <summary>The models of one group, each tagged with the group's id and name.</summary>
    internal static IEnumerable<ModelInfo> FromGroup(JsonElement group)
    {
        string? groupId = JsonRead.String(group, "id");
        string? groupName = JsonRead.String(group, "name");
        if (!JsonRead.TryGet(group, "models", out JsonElement models) || models.ValueKind != JsonValueKind.Array)
        {
            yield return FromJson(group, null, null);
            yield break;
        }

        foreach (JsonElement item in models.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                yield return FromJson(item, groupId, groupName);
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                yield return new ModelInfo { Id = item.GetString(), Name = item.GetString(), GroupId = groupId, GroupName = groupName };
            }
        }
    }

    public override string ToString() => Id ?? Name ?? string.Empty;
}
