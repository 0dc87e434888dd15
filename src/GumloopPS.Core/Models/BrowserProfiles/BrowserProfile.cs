using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>A browser profile: the sign-ins an agent's Browser ability uses (API.md 11.4). Cookie values are never returned.</summary>
public sealed class BrowserProfile : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "profile_id", "owner_id", "owner_scope", "name", "is_default", "version", "sites", "size_bytes", "has_storage",
        "created_by_user_id", "created_ts", "updated_ts", "last_used_ts");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ProfileId { get; set; }
    public string? OwnerId { get; set; }

    /// <summary><c>personal</c> or <c>team</c>; other values pass through.</summary>
    public string? OwnerScope { get; set; }

    /// <summary>The owning team of a team profile (null for a personal one), so a piped profile imports into the right owner.</summary>
    public string? TeamId => string.Equals(OwnerScope, "team", StringComparison.Ordinal) ? OwnerId : null;

    public string? Name { get; set; }
    public bool? IsDefault { get; set; }
    public int? Version { get; set; }
    public BrowserProfileSiteCollection Sites { get; set; } = new BrowserProfileSiteCollection();

    /// <summary>Cookies over all sites.</summary>
    public int CookieCount => Sites.Sum(s => s.CookieCount ?? 0);

    public long? SizeBytes { get; set; }
    public bool? HasStorage { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public static BrowserProfile FromJson(JsonElement element)
    {
        var profile = new BrowserProfile();
        profile.SetRaw(element);
        JsonElement e = profile.Raw;
        profile.ProfileId = JsonRead.String(e, "profile_id");
        profile.OwnerId = JsonRead.String(e, "owner_id");
        profile.OwnerScope = JsonRead.String(e, "owner_scope");
        profile.Name = JsonRead.String(e, "name");
        profile.IsDefault = JsonRead.Bool(e, "is_default");
        profile.Version = JsonRead.Int32(e, "version");
        if (JsonRead.TryGet(e, "sites", out JsonElement sites) && sites.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement site in sites.EnumerateArray())
            {
                if (site.ValueKind == JsonValueKind.Object)
                {
                    profile.Sites.Add(BrowserProfileSite.FromJson(site));
                }
            }
        }

        profile.SizeBytes = JsonRead.Int64(e, "size_bytes");
        profile.HasStorage = JsonRead.Bool(e, "has_storage");
        profile.CreatedByUserId = JsonRead.String(e, "created_by_user_id");
        profile.CreatedAt = JsonRead.Timestamp(e, "created_ts");
        profile.UpdatedAt = JsonRead.Timestamp(e, "updated_ts");
        profile.LastUsedAt = JsonRead.Timestamp(e, "last_used_ts");
        return profile;
    }

    public override string ToString() => Name ?? ProfileId ?? string.Empty;
}

/// <summary>One site of a browser profile and how many cookies it holds.</summary>
public sealed class BrowserProfileSite : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("domain", "cookie_count", "updated_ts");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Domain { get; set; }
    public int? CookieCount { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static BrowserProfileSite FromJson(JsonElement element)
    {
        var site = new BrowserProfileSite();
        site.SetRaw(element);
        site.Domain = JsonRead.String(site.Raw, "domain");
        site.CookieCount = JsonRead.Int32(site.Raw, "cookie_count");
        site.UpdatedAt = JsonRead.Timestamp(site.Raw, "updated_ts");
        return site;
    }

    public override string ToString() =>
        (Domain ?? "?") + (CookieCount.HasValue ? " (" + CookieCount.Value.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty);
}

/// <summary>The sites of a profile; ToString lists them, so Export-Csv writes "app.hubspot.com (14); mail.google.com (22)".</summary>
public sealed class BrowserProfileSiteCollection : List<BrowserProfileSite>
{
    public override string ToString() => string.Join("; ", this);
}

/// <summary>The answer of POST /browser-profiles/{id}/cookies: the profile after the import and what was imported.</summary>
public sealed class BrowserCookieImport : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("profile", "imported");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? ProfileId => Profile?.ProfileId;
    public string? ProfileName => Profile?.Name;

    /// <summary>The site imported when -Url was given; null otherwise.</summary>
    public string? Site { get; set; }

    public int? CookieCount { get; set; }

    /// <summary>Cookies dropped: expired, malformed, or outside the -Url site.</summary>
    public int? Skipped { get; set; }

    public FlowFileNameCollection Sites { get; set; } = new FlowFileNameCollection();

    public BrowserProfile? Profile { get; set; }

    public static BrowserCookieImport FromJson(JsonElement element)
    {
        var result = new BrowserCookieImport();
        result.SetRaw(element);
        JsonElement e = result.Raw;
        if (JsonRead.TryGet(e, "profile", out JsonElement profile) && profile.ValueKind == JsonValueKind.Object)
        {
            result.Profile = BrowserProfile.FromJson(profile);
        }

        if (JsonRead.TryGet(e, "imported", out JsonElement imported) && imported.ValueKind == JsonValueKind.Object)
        {
            result.Site = JsonRead.String(imported, "site");
            result.CookieCount = JsonRead.Int32(imported, "cookie_count");
            result.Skipped = JsonRead.Int32(imported, "skipped");
            if (JsonRead.TryGet(imported, "sites", out JsonElement sites) && sites.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement site in sites.EnumerateArray())
                {
                    if (site.ValueKind == JsonValueKind.String)
                    {
                        result.Sites.Add(site.GetString()!);
                    }
                }
            }
        }

        return result;
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}: {1} cookies imported, {2} skipped", ProfileName ?? ProfileId ?? "profile", CookieCount ?? 0, Skipped ?? 0);
}
