using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A custom role and the monthly credit limit it gives each of its members.</summary>
public sealed class RoleCreditLimit : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("role_id", "role_name", "is_default", "member_count", "monthly_credit_limit");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? RoleId { get; set; }
    public string? RoleName { get; set; }
    public bool? IsDefault { get; set; }
    public int? MemberCount { get; set; }

    /// <summary>Null when the role sets no limit of its own (its members get the organization default).</summary>
    public long? MonthlyCreditLimit { get; set; }

    public string? OrganizationId { get; set; }

    public static RoleCreditLimit FromJson(JsonElement element) => FromJson(element, null);

    public static RoleCreditLimit FromJson(JsonElement element, string? organizationId)
    {
        var role = new RoleCreditLimit();
        role.SetRaw(element);
        JsonElement e = role.Raw;
        role.RoleId = JsonRead.String(e, "role_id");
        role.RoleName = JsonRead.String(e, "role_name");
        role.IsDefault = JsonRead.Bool(e, "is_default");
        role.MemberCount = JsonRead.Int32(e, "member_count");
        role.MonthlyCreditLimit = JsonRead.Int64(e, "monthly_credit_limit");
        role.OrganizationId = organizationId;
        return role;
    }

    /// <summary>The limit as text: a number, or "none" when the role sets none.</summary>
    public static string Describe(long? limit) =>
        limit.HasValue ? limit.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " credits" : "none (organization default)";

    public override string ToString() => (RoleName ?? RoleId ?? string.Empty) + ": " + Describe(MonthlyCreditLimit);
}
