using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// One saved version of an agent (API.md 10.4, 11.2). A version read by id carries its composition and the
/// changes against the version before it; a listed version carries neither (both null).
/// </summary>
public sealed class AgentVersion : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "agent_id", "major_version", "name", "is_deployed", "created_at", "creator", "composition");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The agent's id; binds -AgentId of the next cmdlet in a pipeline.</summary>
    public string? AgentId { get; set; }

    /// <summary>The version's own id (<c>id</c>); binds -VersionId.</summary>
    public string? VersionId { get; set; }

    public int? MajorVersion { get; set; }
    public string? Name { get; set; }

    /// <summary>True for the deployed version only; the service reports null, not false, for the others.</summary>
    public bool IsDeployed { get; set; }
    public System.DateTimeOffset? CreatedAt { get; set; }
    public Creator? Creator { get; set; }

    /// <summary>The model the version runs on, from its composition; null for a listed version.</summary>
    public string? ModelName { get; set; }

    /// <summary>The agent's whole configuration as this version saved it; null for a listed version.</summary>
    public JsonMap? Composition { get; set; }

    /// <summary>False for a legacy version saved before attachment snapshots (its skills and knowledge are unknown).</summary>
    public bool? CompositionComplete { get; set; }

    /// <summary>The version these changes are measured against; null for the first version and for a listed version.</summary>
    public string? BaseVersionId { get; set; }

    /// <summary>What changed since the version before; empty for the first version, null for a listed version.</summary>
    public AgentVersionChangeCollection? Changes { get; set; }

    /// <summary>False when the service could not compare skills and knowledge sources (a legacy version on either side).</summary>
    public bool? AttachmentChangesComplete { get; set; }

    public static AgentVersion FromJson(JsonElement element)
    {
        var version = new AgentVersion();
        version.SetRaw(element);
        JsonElement e = version.Raw;
        version.VersionId = JsonRead.String(e, "id");
        version.AgentId = JsonRead.String(e, "agent_id");
        version.MajorVersion = JsonRead.Int32(e, "major_version");
        version.Name = JsonRead.String(e, "name");
        version.IsDeployed = JsonRead.Bool(e, "is_deployed") == true;
        version.CreatedAt = JsonRead.Timestamp(e, "created_at");
        version.Creator = JsonRead.TryGet(e, "creator", out JsonElement c) && c.ValueKind == JsonValueKind.Object ? Creator.FromJson(c) : null;
        if (JsonRead.TryGet(e, "composition", out JsonElement composition) && composition.ValueKind == JsonValueKind.Object)
        {
            version.Composition = JsonMap.FromJson(composition);
            version.CompositionComplete = JsonRead.Bool(composition, "complete");
            version.ModelName = JsonRead.String(composition, "model_name");
        }

        return version;
    }

    /// <summary>Reads <c>{"version": {...}, "changes": {...}|null}</c>.</summary>
    public static AgentVersion FromEnvelope(JsonElement root)
    {
        JsonElement inner = JsonRead.TryGet(root, "version", out JsonElement v) && v.ValueKind == JsonValueKind.Object ? v : root;
        AgentVersion version = FromJson(inner);
        version.Changes = new AgentVersionChangeCollection();
        if (JsonRead.TryGet(root, "changes", out JsonElement changes) && changes.ValueKind == JsonValueKind.Object)
        {
            version.BaseVersionId = JsonRead.String(changes, "base_version_id");
            version.AttachmentChangesComplete = JsonRead.Bool(changes, "attachment_changes_complete");
            version.Changes.AddRange(AgentVersionChange.ReadAll(changes));
        }

        return version;
    }

    public override string ToString() =>
        MajorVersion is int major ? $"{Name ?? AgentId} v{major}" : VersionId ?? string.Empty;
}

/// <summary>
/// One change between two agent versions, flattened from the service's field, tool, skill and knowledge-source
/// lists so that <c>$version.Changes | Format-Table</c> shows them together.
/// </summary>
public sealed class AgentVersionChange : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "field", "status", "old_value", "new_value", "text_hunks", "identity", "old_position", "new_position",
        "field_changes", "skill_id", "connector_id", "old_config", "new_config");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary><c>field</c>, <c>tool</c>, <c>skill</c> or <c>knowledge_source</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>The field name, the tool's server id (or name), the skill id or the connector id.</summary>
    public string? Name { get; set; }

    /// <summary><c>added</c>, <c>removed</c>, <c>changed</c>; unknown values are kept as sent.</summary>
    public string? Status { get; set; }

    public object? OldValue { get; set; }
    public object? NewValue { get; set; }

    /// <summary>For long text fields (the system prompt): the changed stretches, old and new text.</summary>
    public JsonList? TextHunks { get; set; }

    internal static IEnumerable<AgentVersionChange> ReadAll(JsonElement changes)
    {
        foreach (var (list, kind) in new[] { ("field_changes", "field"), ("tool_changes", "tool"), ("skill_changes", "skill"), ("knowledge_source_changes", "knowledge_source") })
        {
            if (!JsonRead.TryGet(changes, list, out JsonElement items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    yield return FromJson(item, kind);
                }
            }
        }
    }

    public static AgentVersionChange FromJson(JsonElement element, string kind)
    {
        var change = new AgentVersionChange { Kind = kind };
        change.SetRaw(element);
        JsonElement e = change.Raw;
        change.Status = JsonRead.String(e, "status");
        change.TextHunks = JsonRead.List(e, "text_hunks");
        switch (kind)
        {
            case "tool":
                JsonMap? identity = JsonRead.Map(e, "identity");
                change.Name = identity == null ? null : (Text(identity, "server_id") ?? Text(identity, "name") ?? Text(identity, "type"));
                break;
            case "skill":
                change.Name = JsonRead.String(e, "skill_id");
                break;
            case "knowledge_source":
                change.Name = JsonRead.String(e, "connector_id")
                    ?? (JsonRead.TryGet(e, "knowledge_source", out JsonElement source) ? JsonRead.String(source, "connector_id") : null);
                break;
            default:
                change.Name = JsonRead.String(e, "field");
                break;
        }

        change.OldValue = Value(e, kind == "knowledge_source" ? "old_config" : "old_value");
        change.NewValue = Value(e, kind == "knowledge_source" ? "new_config" : "new_value");
        return change;
    }

    private static string? Text(JsonMap map, string key) => map.TryGetValue(key, out object? value) && value is string s && s.Length > 0 ? s : null;

    private static object? Value(JsonElement e, string name) =>
        JsonRead.TryGet(e, name, out JsonElement v) ? JsonConvertValue.ToObject(v) : null;

    public override string ToString() => $"{Kind} {Name} {Status}".Trim();
}

public sealed class AgentVersionChangeCollection : List<AgentVersionChange>
{
    public override string ToString() => string.Join("; ", this.Select(c => c.ToString()));
}
