using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>The answer of PATCH /agents/{id}/skills: the agent's whole skill set after the call, and what the call changed.</summary>
public sealed class AgentSkillUpdate : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "agent_id", "skill_ids", "attached", "detached", "already_attached", "already_detached");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? AgentId { get; set; }

    /// <summary>Every skill attached to the agent after the call.</summary>
    public IdList SkillIds { get; set; } = new IdList();

    public IdList Attached { get; set; } = new IdList();
    public IdList Detached { get; set; } = new IdList();

    /// <summary>Skills asked to be attached that already were (nothing changed for them).</summary>
    public IdList AlreadyAttached { get; set; } = new IdList();

    /// <summary>Skills asked to be detached that were not attached.</summary>
    public IdList AlreadyDetached { get; set; } = new IdList();

    public static AgentSkillUpdate FromJson(JsonElement element)
    {
        var update = new AgentSkillUpdate();
        update.SetRaw(element);
        JsonElement e = update.Raw;
        update.AgentId = JsonRead.String(e, "agent_id");
        update.SkillIds = IdList.Read(e, "skill_ids");
        update.Attached = IdList.Read(e, "attached");
        update.Detached = IdList.Read(e, "detached");
        update.AlreadyAttached = IdList.Read(e, "already_attached");
        update.AlreadyDetached = IdList.Read(e, "already_detached");
        return update;
    }

    public override string ToString() => SkillIds.ToString();
}
