using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class Creator : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "first_name", "last_name", "email", "profile_picture");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? ProfilePicture { get; set; }

    public static Creator FromJson(JsonElement element)
    {
        var creator = new Creator();
        creator.SetRaw(element);
        JsonElement e = creator.Raw;
        creator.Id = JsonRead.String(e, "id");
        creator.FirstName = JsonRead.String(e, "first_name");
        creator.LastName = JsonRead.String(e, "last_name");
        creator.Email = JsonRead.String(e, "email");
        creator.ProfilePicture = JsonRead.String(e, "profile_picture");
        return creator;
    }

    internal string? FullName => Names.Join(FirstName, LastName);

    public override string ToString() => FullName ?? Email ?? Id ?? string.Empty;
}

public sealed class Participant : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("first_name", "last_name");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? UserId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }

    /// <param name="userId">Participants arrive keyed by user id, so the id is the property name, not a field.</param>
    public static Participant FromJson(string? userId, JsonElement element)
    {
        var participant = new Participant { UserId = userId };
        participant.SetRaw(element);
        JsonElement e = participant.Raw;
        participant.FirstName = JsonRead.String(e, "first_name");
        participant.LastName = JsonRead.String(e, "last_name");
        return participant;
    }

    internal string? FullName => Names.Join(FirstName, LastName);

    public override string ToString() => FullName ?? UserId ?? string.Empty;
}

internal static class Names
{
    public static string? Join(string? first, string? last)
    {
        string joined = ((first ?? string.Empty).Trim() + " " + (last ?? string.Empty).Trim()).Trim();
        return joined.Length == 0 ? null : joined;
    }
}
