using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A team the caller belongs to (API.md 10.13).</summary>
public sealed class Team : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }

    /// <summary>The same id, under the name that -TeamId parameters bind to from the pipeline.</summary>
    public string? TeamId => Id;

    public string? Name { get; set; }

    public static Team FromJson(JsonElement element)
    {
        var team = new Team();
        team.SetRaw(element);
        team.Id = JsonRead.String(team.Raw, "id");
        team.Name = JsonRead.String(team.Raw, "name");
        return team;
    }

    public override string ToString() => Name ?? Id ?? string.Empty;
}
