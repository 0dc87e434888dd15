using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Browser profiles (API.md 10.12). Cookie values are counted and dropped: like the service, which encrypts them
    /// and never returns them, the simulator has nothing of them to give back.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private const string DefaultProfileAlias = "default";
        private readonly List<SimBrowserProfile> _browserProfiles = new List<SimBrowserProfile>();
        private bool _browserProfilesSeeded;

        private sealed class SimBrowserProfile
        {
            public string Id = "";
            public string OwnerId = "";
            public string OwnerScope = "personal";
            public string Name = "";
            public bool IsDefault;
            public int Version;
            public readonly SortedDictionary<string, (int Count, DateTimeOffset Updated)> Sites = new SortedDictionary<string, (int, DateTimeOffset)>(StringComparer.Ordinal);
            public string? CreatedBy;
            public DateTimeOffset CreatedAt;
            public DateTimeOffset UpdatedAt;
            public DateTimeOffset? LastUsedAt;
        }

        private static IEnumerable<SimRoute> BrowserProfileRoutes() => new[]
        {
            Route("GET", "/browser-profiles", (sim, req, a) => sim.ListBrowserProfiles(req)),
            Route("POST", "/browser-profiles/{profile_id}/cookies", (sim, req, a) => sim.ImportBrowserCookies(req, a[0])),
        };

        /// <summary>Under the lock: the example personal profile of the seeded user and one team profile, once.</summary>
        private void EnsureBrowserProfiles()
        {
            if (_browserProfilesSeeded) return;
            _browserProfilesSeeded = true;
            if (!Options.SeedData) return;
            var personal = new SimBrowserProfile
            {
                Id = "bprof_5Vx1Nq", OwnerId = SeedUserId, Name = "Default", IsDefault = true, Version = 7, CreatedBy = SeedUserId,
                CreatedAt = SimText.ParseTs("2026-07-01T12:00:00Z"), UpdatedAt = SimText.ParseTs("2026-09-14T17:15:02Z"), LastUsedAt = SimText.ParseTs("2026-09-14T16:31:00Z"),
            };
            personal.Sites["app.hubspot.com"] = (14, SimText.ParseTs("2026-09-10T08:30:00Z"));
            personal.Sites["mail.google.com"] = (22, SimText.ParseTs("2026-09-14T17:15:02Z"));
            var team = new SimBrowserProfile
            {
                Id = "bprof_T3amCr", OwnerId = SeedTeamId, OwnerScope = "team", Name = "Shared CRM logins", IsDefault = true, Version = 2, CreatedBy = SecondUserId,
                CreatedAt = SimText.ParseTs("2026-08-02T09:00:00Z"), UpdatedAt = SimText.ParseTs("2026-09-01T09:00:00Z"),
            };
            team.Sites["app.hubspot.com"] = (9, SimText.ParseTs("2026-09-01T09:00:00Z"));
            _browserProfiles.Add(personal);
            _browserProfiles.Add(team);
        }

        private SimResponse ListBrowserProfiles(SimRequestContext req)
        {
            // Authenticate has already refused a team_id the caller is not a member of.
            string? teamId = req.Q("team_id");
            string owner = teamId ?? req.Caller!.Id;
            List<SimBrowserProfile> profiles;
            lock (_gate)
            {
                EnsureBrowserProfiles();
                profiles = _browserProfiles.Where(p => p.OwnerId == owner && p.OwnerScope == (teamId != null ? "team" : "personal")).ToList();
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("profiles");
                    foreach (var p in profiles) WriteBrowserProfile(w, p);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
        }

        private SimResponse ImportBrowserCookies(SimRequestContext req, string profileId)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            if (doc == null) return SimResponse.Error(400, "invalid_request", "cookies is required.", "cookies");
            using (doc)
            {
                var body = doc.RootElement;
                string? teamId = body.TryGetProperty("team_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (teamId != null && teamId != TeamId)
                    return SimResponse.Error(403, "permission_denied", "You cannot manage browser profiles of this team.", "team_id");
                if (!body.TryGetProperty("cookies", out var cookies) || cookies.ValueKind != JsonValueKind.Array || cookies.GetArrayLength() == 0)
                    return SimResponse.Error(400, "invalid_request", "cookies must be a non-empty array of cookie objects.", "cookies");
                Uri? site = null;
                if (body.TryGetProperty("url", out var url) && url.ValueKind != JsonValueKind.Null)
                {
                    string? text = url.ValueKind == JsonValueKind.String ? url.GetString() : null;
                    if (text == null || text.Length > 2048 || !Uri.TryCreate(text, UriKind.Absolute, out site) || (site.Scheme != "https" && site.Scheme != "http"))
                        return SimResponse.Error(400, "invalid_request", "url must be an absolute http(s) URL of at most 2048 characters.", "url");
                }

                var now = DateTimeOffset.UtcNow;
                var imported = new Dictionary<string, int>(StringComparer.Ordinal);
                int skipped = 0, index = 0;
                foreach (var cookie in cookies.EnumerateArray())
                {
                    if (cookie.ValueKind != JsonValueKind.Object)
                        return SimResponse.Error(400, "invalid_request", "Each cookie must be an object.", $"cookies[{index}]");
                    index++;
                    string? name = Text(cookie, "name");
                    string? domain = Text(cookie, "domain")?.Trim().TrimStart('.').ToLowerInvariant();
                    bool hasValue = cookie.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String;
                    // Chrome extension cookies carry expirationDate, DevTools ones expires (-1 for a session cookie); both in seconds.
                    double? expiry = Number(cookie, "expirationDate") ?? Number(cookie, "expires");
                    bool expired = expiry is double e && e > 0 && e < now.ToUnixTimeSeconds();
                    bool outside = site != null && domain != null && !(site.Host.Equals(domain, StringComparison.OrdinalIgnoreCase) || site.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
                    if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(domain) || !hasValue || expired || outside)
                    {
                        skipped++;
                        continue;
                    }
                    string key = site != null ? site.Host.ToLowerInvariant() : domain!;
                    imported[key] = imported.TryGetValue(key, out var n) ? n + 1 : 1;
                }
                if (imported.Count == 0)
                    return SimResponse.Error(400, "invalid_request",
                        string.Format(CultureInfo.InvariantCulture, "No usable cookies: {0} were expired, malformed or outside the site.", skipped), "cookies");

                lock (_gate)
                {
                    EnsureBrowserProfiles();
                    string owner = teamId ?? req.Caller!.Id;
                    string scope = teamId != null ? "team" : "personal";
                    SimBrowserProfile? profile = profileId == DefaultProfileAlias
                        ? _browserProfiles.FirstOrDefault(p => p.OwnerId == owner && p.OwnerScope == scope && p.IsDefault)
                        : _browserProfiles.FirstOrDefault(p => p.Id == profileId && p.OwnerId == owner && p.OwnerScope == scope);
                    if (profile == null && profileId != DefaultProfileAlias)
                        return SimResponse.Error(404, "browser_profile_not_found", "Browser profile not found.");
                    if (profile == null)
                    {
                        profile = new SimBrowserProfile { Id = NewId("bprof_"), OwnerId = owner, OwnerScope = scope, Name = "Default", IsDefault = true, CreatedBy = req.Caller!.Id, CreatedAt = now };
                        _browserProfiles.Add(profile);
                    }
                    // With url the import replaces that site; without it, each site in the payload is replaced.
                    foreach (var pair in imported) profile.Sites[pair.Key] = (pair.Value, now);
                    profile.Version++;
                    profile.UpdatedAt = now;
                    int total = imported.Values.Sum();
                    return SimResponse.Json(200, w =>
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("profile");
                        WriteBrowserProfile(w, profile);
                        w.WriteStartObject("imported");
                        if (site != null) w.WriteString("site", site.Host.ToLowerInvariant()); else w.WriteNull("site");
                        w.WriteNumber("cookie_count", total);
                        w.WriteNumber("skipped", skipped);
                        w.WriteStartArray("sites");
                        foreach (var key in imported.Keys.OrderBy(k => k, StringComparer.Ordinal)) w.WriteStringValue(key);
                        w.WriteEndArray();
                        w.WriteEndObject();
                        w.WriteEndObject();
                    });
                }
            }

            static string? Text(JsonElement o, string name) => o.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            static double? Number(JsonElement o, string name) => o.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Number ? x.GetDouble() : (double?)null;
        }

        private static void WriteBrowserProfile(Utf8JsonWriter w, SimBrowserProfile p)
        {
            w.WriteStartObject();
            w.WriteString("profile_id", p.Id);
            w.WriteString("owner_id", p.OwnerId);
            w.WriteString("owner_scope", p.OwnerScope);
            w.WriteString("name", p.Name);
            w.WriteBoolean("is_default", p.IsDefault);
            w.WriteNumber("version", p.Version);
            w.WriteStartArray("sites");
            foreach (var site in p.Sites)
            {
                w.WriteStartObject();
                w.WriteString("domain", site.Key);
                w.WriteNumber("cookie_count", site.Value.Count);
                w.WriteString("updated_ts", SimText.Timestamp(site.Value.Updated));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            int cookies = p.Sites.Values.Sum(s => s.Count);
            // A stand-in for the encrypted store's size: it grows with the cookies held.
            if (cookies > 0) w.WriteNumber("size_bytes", 4096 + cookies * 1024L); else w.WriteNull("size_bytes");
            w.WriteBoolean("has_storage", cookies > 0);
            SimJson.WriteNullable(w, "created_by_user_id", p.CreatedBy);
            w.WriteString("created_ts", SimText.Timestamp(p.CreatedAt));
            w.WriteString("updated_ts", SimText.Timestamp(p.UpdatedAt));
            SimJson.WriteNullable(w, "last_used_ts", p.LastUsedAt is DateTimeOffset used ? SimText.Timestamp(used) : null);
            w.WriteEndObject();
        }
    }
}
