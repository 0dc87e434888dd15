using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>An organization the caller belongs to (GET /organizations).</summary>
public sealed class Organization : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("id", "name");

    private protected override HashSet<string> KnownProperties => KnownNames;

    /// <summary>The <c>organization_id</c> of the admin and evaluation endpoints.</summary>
    public string? OrganizationId { get; set; }

    public string? Name { get; set; }

    public static Organization FromJson(JsonElement element)
    {
        var organization = new Organization();
        organization.SetRaw(element);
        JsonElement e = organization.Raw;
        organization.OrganizationId = JsonRead.String(e, "id");
        organization.Name = JsonRead.String(e, "name");
        return organization;
    }

    public override string ToString() => Name ?? OrganizationId ?? string.Empty;
}
