using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class Agent : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "name", "description", "team_id", "is_active", "model_name", "system_prompt", "tools", "resources",
        "metadata", "skill_ids", "folder_id", "type", "created_at", "active_trigger_count", "creator",
        "last_used_at", "last_updated_at");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? TeamId { get; set; }
    public bool? IsActive { get; set; }
    public string? ModelName { get; set; }
    public string? SystemPrompt { get; set; }
    public JsonList Tools { get; set; } = new JsonList();
    public JsonList Resources { get; set; } = new JsonList();
    public JsonMap Metadata { get; set; } = new JsonMap();

    /// <summary>Null on list surfaces (not reported there), empty when the agent has none.</summary>
    public JsonList? SkillIds { get; set; }
    public string? FolderId { get; set; }
    public string? Type { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public int? ActiveTriggerCount { get; set; }
    public Creator? Creator { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? LastUpdatedAt { get; set; }

    public static Agent FromJson(JsonElement element)
    {
        var agent = new Agent();
        agent.SetRaw(element);
        JsonElement e = agent.Raw;
        agent.Id = JsonRead.String(e, "id");
        agent.Name = JsonRead.String(e, "name");
        agent.Description = JsonRead.String(e, "description");
        agent.TeamId = JsonRead.String(e, "team_id");
        agent.IsActive = JsonRead.Bool(e, "is_active");
        agent.ModelName = JsonRead.String(e, "model_name");
        agent.SystemPrompt = JsonRead.String(e, "system_prompt");
        agent.Tools = JsonRead.List(e, "tools") ?? new JsonList();
        agent.Resources = JsonRead.List(e, "resources") ?? new JsonList();
        agent.Metadata = JsonRead.Map(e, "metadata") ?? new JsonMap();
        agent.SkillIds = JsonRead.List(e, "skill_ids");
        agent.FolderId = JsonRead.String(e, "folder_id");
        agent.Type = JsonRead.String(e, "type");
        agent.CreatedAt = JsonRead.Timestamp(e, "created_at");
        agent.ActiveTriggerCount = JsonRead.Int32(e, "active_trigger_count");
        agent.Creator = JsonRead.TryGet(e, "creator", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? Creator.FromJson(c) : null;
        agent.LastUsedAt = JsonRead.Timestamp(e, "last_used_at");
        agent.LastUpdatedAt = JsonRead.Timestamp(e, "last_updated_at");
        return agent;
    }

    /// <summary>Reads <c>{"agent": {...}}</c>; a bare agent object is accepted too.</summary>
    public static Agent FromEnvelope(JsonElement root)
    {
        if (JsonRead.TryGet(root, "agent", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
        {
            return FromJson(inner);
        }

        return FromJson(root);
    }

    public override string ToString() => Name ?? Id ?? string.Empty;
}
