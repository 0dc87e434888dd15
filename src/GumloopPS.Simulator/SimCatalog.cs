using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Read-only routes that no typed cmdlet covers (skills, and agent versions in SimAgentVersions.cs). They give
    /// Invoke-GumloopApi something real to call, including cursor paging over several pages.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private static IEnumerable<SimRoute> CatalogRoutes() => new[]
        {
            Route("GET", "/skills", (sim, req, a) => sim.ListSkills(req)),
        };

        /// <summary>page_size clamped to 1..100 (API.md section 5.1); a non-integer is 400.</summary>
        private static bool TryPageSize(SimRequestContext req, out int pageSize, out SimResponse? error)
        {
            pageSize = 20;
            error = null;
            var text = req.Q("page_size");
            if (text == null) return true;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize))
            {
                error = SimResponse.Error(400, "invalid_page_size", "page_size must be an integer.", "page_size");
                return false;
            }
            pageSize = Math.Max(1, Math.Min(100, pageSize));
            return true;
        }

        /// <summary>Cursors are base64 JSON holding an offset; anything else is 400 invalid_cursor.</summary>
        private static bool TryOffsetCursor(SimRequestContext req, string key, out int offset, out SimResponse? error)
        {
            offset = 0;
            error = null;
            var cursor = req.Q("cursor");
            if (cursor == null) return true;
            if (SimText.TryFromBase64Json(cursor, out var doc))
            {
                using (doc)
                {
                    if (doc!.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out offset) && offset >= 0)
                        return true;
                }
            }
            error = SimResponse.Error(400, "invalid_cursor", "The cursor is invalid or has expired.", "cursor");
            return false;
        }

        private static string OffsetCursor(string key, int offset) => SimText.ToBase64Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber(key, offset);
            w.WriteEndObject();
        });

        private sealed class SimSkill
        {
            public string Id = "";
            public string Name = "";
            public string Description = "";
            public string CreatedAt = "";
            public string UpdatedAt = "";
            public string MetadataJson = "{}";
            public int UsageCount;
            public int ViewCount;
            public string? LastUsedAt;
            public string VersionId = "";
            public int MajorVersion;
            public bool IsDeployed;
            public string CreatorId = "";
        }

        private static readonly SimSkill[] Skills =
        {
            new SimSkill
            {
                Id = "skill_b2Lq8rTn", Name = "renewal-brief", Description = "Structure for a one-page renewal brief.",
                CreatedAt = "2026-08-05T10:00:00Z", UpdatedAt = "2026-09-02T14:20:00Z", MetadataJson = "{\"related_server_ids\":[\"gumloop_hubspot\"]}",
                UsageCount = 58, ViewCount = 203, LastUsedAt = "2026-09-14T16:30:10Z", VersionId = "sv_Ke4Rt9Wd", MajorVersion = 3, IsDeployed = true,
                CreatorId = SeedUserId,
            },
            new SimSkill
            {
                Id = "skill_x5Vd1kMc", Name = "sla-lookup", Description = "How to find SLA terms in contracts.",
                CreatedAt = "2026-08-20T09:00:00Z", UpdatedAt = "2026-08-20T09:00:00Z", UsageCount = 0, ViewCount = 4,
                VersionId = "sv_Az7Bc2Xp", MajorVersion = 1, CreatorId = SecondUserId,
            },
            new SimSkill
            {
                Id = "skill_p7Tr4nGe", Name = "pricing-table", Description = "Where the current list prices live and how to quote them.",
                CreatedAt = "2026-07-11T12:30:00Z", UpdatedAt = "2026-08-01T08:45:00Z", UsageCount = 12, ViewCount = 40,
                LastUsedAt = "2026-09-09T11:02:00Z", VersionId = "sv_Qm8Lp3Zx", MajorVersion = 2, IsDeployed = true, CreatorId = SeedUserId,
            },
        };

        private SimResponse ListSkills(SimRequestContext req)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            var search = req.Q("search_query");
            var matching = Skills.Where(k => string.IsNullOrEmpty(search) || k.Name.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderByDescending(k => k.CreatedAt, StringComparer.Ordinal).ToList();
            var page = matching.Skip(offset).Take(pageSize).ToList();
            string? next = offset + page.Count < matching.Count ? OffsetCursor("offset", offset + page.Count) : null;
            Dictionary<string, SimUser> users;
            lock (_gate) users = new Dictionary<string, SimUser>(_users, StringComparer.Ordinal);
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("skills");
                foreach (var k in page)
                {
                    w.WriteStartObject();
                    w.WriteString("id", k.Id);
                    w.WriteString("name", k.Name);
                    w.WriteString("description", k.Description);
                    w.WriteString("team_id", TeamId);
                    w.WriteString("created_at", k.CreatedAt);
                    w.WriteString("updated_at", k.UpdatedAt);
                    w.WritePropertyName("metadata");
                    using (var meta = JsonDocument.Parse(k.MetadataJson)) meta.RootElement.WriteTo(w);
                    w.WriteNumber("usage_count", k.UsageCount);
                    w.WriteNumber("view_count", k.ViewCount);
                    SimJson.WriteNullable(w, "last_used_at", k.LastUsedAt);
                    w.WriteString("version_id", k.VersionId);
                    w.WriteNumber("major_version", k.MajorVersion);
                    w.WriteBoolean("is_deployed", k.IsDeployed);
                    w.WriteString("version_created_at", k.UpdatedAt);
                    SimJson.WriteCreator(w, "creator", users.TryGetValue(k.CreatorId, out var u) ? u : null);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteNumber("total_count", matching.Count);
                w.WriteEndObject();
            });
        }
    }
}
