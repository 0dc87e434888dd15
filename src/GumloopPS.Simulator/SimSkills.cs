using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Skills (API.md 10.10): list with its filters and total_count, create and update from multipart uploads checked
    /// like the service checks them (SKILL.md front matter, 10 MB, unsafe archives), soft delete, and versioned
    /// downloads through short-lived signed URLs that the simulator serves itself, outside /api/v1 and without auth.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        /// <summary>Where signed skill downloads are served: outside /api/v1, as a storage host would be.</summary>
        internal const string SignedDownloadPrefix = "/_storage/skills/";

        private const long MaxSkillUploadBytes = 10L * 1024 * 1024;
        private const long MaxSkillExpandedBytes = 200L * 1024 * 1024;

        private List<SimSkill>? _skills;

        private static IEnumerable<SimRoute> SkillRoutes() => new[]
        {
            Route("GET", "/skills", (sim, req, a) => sim.ListSkills(req)),
            Route("POST", "/skills", (sim, req, a) => sim.CreateSkill(req)),
            Route("PATCH", "/skills/{skill_id}", (sim, req, a) => sim.UpdateSkill(req, a[0])),
            Route("DELETE", "/skills/{skill_id}", (sim, req, a) => sim.DeleteSkill(a[0])),
            Route("GET", "/skills/{skill_id}/download", (sim, req, a) => sim.DownloadSkill(req, a[0])),
        };

        private sealed class SimSkill
        {
            public string Id = "";
            public string Name = "";
            public string Description = "";
            public string TeamId = "";
            public string CreatedAt = "";
            public string UpdatedAt = "";
            public string MetadataJson = "{}";
            public int UsageCount;
            public int ViewCount;
            public string? LastUsedAt;
            public bool IsDeployed;
            public string CreatorId = "";
            public bool Deleted;
            public readonly List<SimSkillVersion> Versions = new List<SimSkillVersion>();
            public SimSkillVersion Current => Versions[Versions.Count - 1];
        }

        private sealed class SimSkillVersion
        {
            public string VersionId = "";
            public int MajorVersion;
            public string CreatedAt = "";
            public byte[] Archive = Array.Empty<byte>();
        }

        /// <summary>The skills, seeded on first use (the three every list test knows, newest first by created_at).</summary>
        private List<SimSkill> SkillState()
        {
            if (_skills != null) return _skills;
            _skills = new List<SimSkill>
            {
                SeedSkill("skill_b2Lq8rTn", "renewal-brief", "Structure for a one-page renewal brief.", "2026-08-05T10:00:00Z", "2026-09-02T14:20:00Z",
                    "{\"related_server_ids\":[\"gumloop_hubspot\"]}", 58, 203, "2026-09-14T16:30:10Z", "sv_Ke4Rt9Wd", 3, true, SeedUserId),
                SeedSkill("skill_x5Vd1kMc", "sla-lookup", "How to find SLA terms in contracts.", "2026-08-20T09:00:00Z", "2026-08-20T09:00:00Z",
                    "{}", 0, 4, null, "sv_Az7Bc2Xp", 1, false, SecondUserId),
                SeedSkill("skill_p7Tr4nGe", "pricing-table", "Where the current list prices live and how to quote them.", "2026-07-11T12:30:00Z", "2026-08-01T08:45:00Z",
                    "{}", 12, 40, "2026-09-09T11:02:00Z", "sv_Qm8Lp3Zx", 2, true, SeedUserId),
            };
            return _skills;
        }

        private SimSkill SeedSkill(string id, string name, string description, string created, string updated, string metadata, int usage, int views,
            string? lastUsed, string versionId, int major, bool deployed, string creator)
        {
            var skill = new SimSkill
            {
                Id = id, Name = name, Description = description, TeamId = TeamId, CreatedAt = created, UpdatedAt = updated, MetadataJson = metadata,
                UsageCount = usage, ViewCount = views, LastUsedAt = lastUsed, IsDeployed = deployed, CreatorId = creator,
            };
            skill.Versions.Add(new SimSkillVersion
            {
                VersionId = versionId, MajorVersion = major, CreatedAt = updated,
                Archive = ZipOf(new Dictionary<string, byte[]>
                {
                    ["SKILL.md"] = Encoding.UTF8.GetBytes($"---\nname: {name}\ndescription: {description}\n---\n\n# {name}\n\n{description}\n"),
                    ["reference/notes.md"] = Encoding.UTF8.GetBytes("Notes that SKILL.md refers to.\n"),
                }),
            });
            return skill;
        }

        private SimResponse ListSkills(SimRequestContext req)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            var search = req.Q("search_query");
            var team = req.Q("team_id");
            var creator = req.Q("creator_user_id");
            var related = req.Q("related_server_id");
            var agentId = req.Q("agent_id");
            bool unused = req.Q("unused") != null;
            List<SimSkill> matching;
            Dictionary<string, SimUser> users;
            lock (_gate)
            {
                HashSet<string>? attached = null;
                if (agentId != null)
                {
                    var agent = FindAgent(agentId);
                    if (agent == null) return SimResponse.Error(404, "agent_not_found", $"Agent {agentId} was not found.", "agent_id");
                    attached = new HashSet<string>(agent.SkillIds, StringComparer.Ordinal);
                }

                IEnumerable<SimSkill> query = SkillState().Where(k => !k.Deleted)
                    .Where(k => string.IsNullOrEmpty(search) || k.Name.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0)
                    .Where(k => team == null || k.TeamId == team)
                    .Where(k => creator == null || k.CreatorId == creator)
                    .Where(k => related == null || RelatedServers(k).Contains(related))
                    .Where(k => attached == null || attached.Contains(k.Id))
                    .Where(k => !unused || k.UsageCount == 0);

                // An unknown sort order falls back to the default rather than failing: the service documents no error for it.
                query = req.Q("sort_order") switch
                {
                    "popular" => query.OrderByDescending(k => k.ViewCount).ThenByDescending(k => k.CreatedAt, StringComparer.Ordinal),
                    "most_used" => query.OrderByDescending(k => k.UsageCount).ThenByDescending(k => k.CreatedAt, StringComparer.Ordinal),
                    _ => query.OrderByDescending(k => k.CreatedAt, StringComparer.Ordinal),
                };
                matching = query.ToList();
                users = new Dictionary<string, SimUser>(_users, StringComparer.Ordinal);
            }

            var page = matching.Skip(offset).Take(pageSize).ToList();
            string? next = offset + page.Count < matching.Count ? OffsetCursor("offset", offset + page.Count) : null;
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("skills");
                foreach (var k in page) WriteSkill(w, k, k.Current, users);
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteNumber("total_count", matching.Count);
                w.WriteEndObject();
            });
        }

        private static List<string> RelatedServers(SimSkill k)
        {
            using var meta = JsonDocument.Parse(k.MetadataJson);
            return meta.RootElement.TryGetProperty("related_server_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList()
                : new List<string>();
        }

        private static void WriteSkill(Utf8JsonWriter w, SimSkill k, SimSkillVersion v, Dictionary<string, SimUser> users, string? name = null)
        {
            if (name != null) w.WriteStartObject(name); else w.WriteStartObject();
            w.WriteString("id", k.Id);
            w.WriteString("name", k.Name);
            w.WriteString("description", k.Description);
            SimJson.WriteNullable(w, "team_id", k.TeamId.Length == 0 ? null : k.TeamId);
            w.WriteString("created_at", k.CreatedAt);
            w.WriteString("updated_at", k.UpdatedAt);
            w.WritePropertyName("metadata");
            using (var meta = JsonDocument.Parse(k.MetadataJson)) meta.RootElement.WriteTo(w);
            w.WriteNumber("usage_count", k.UsageCount);
            w.WriteNumber("view_count", k.ViewCount);
            SimJson.WriteNullable(w, "last_used_at", k.LastUsedAt);
            w.WriteString("version_id", v.VersionId);
            w.WriteNumber("major_version", v.MajorVersion);
            w.WriteBoolean("is_deployed", k.IsDeployed);
            w.WriteString("version_created_at", v.CreatedAt);
            SimJson.WriteCreator(w, "creator", users.TryGetValue(k.CreatorId, out var u) ? u : null);
            w.WriteEndObject();
        }

        private SimResponse SkillEnvelope(int status, SimSkill skill)
        {
            Dictionary<string, SimUser> users;
            lock (_gate) users = new Dictionary<string, SimUser>(_users, StringComparer.Ordinal);
            return SimResponse.Json(status, w =>
            {
                w.WriteStartObject();
                WriteSkill(w, skill, skill.Current, users, "skill");
                w.WriteEndObject();
            });
        }

        private SimResponse CreateSkill(SimRequestContext req)
        {
            if (!TryReadSkillUpload(req, out var upload, out var error)) return error!;
            var teamId = upload!.Fields.TryGetValue("team_id", out var t) && !string.IsNullOrEmpty(t) ? t : null;
            if (teamId != null && teamId != TeamId && teamId != SecondTeamId)
                return SimResponse.Error(403, "forbidden", "You are not a member of this team.", "team_id");
            var now = SimText.Timestamp(DateTimeOffset.UtcNow);
            var skill = new SimSkill
            {
                Id = "skill_" + RandomToken(8),
                Name = upload.Name,
                Description = upload.Description,
                TeamId = teamId ?? "",
                CreatedAt = now,
                UpdatedAt = now,
                MetadataJson = upload.MetadataJson,
                CreatorId = req.Caller?.Id ?? UserId,
            };
            skill.Versions.Add(new SimSkillVersion { VersionId = "sv_" + RandomToken(8), MajorVersion = 1, CreatedAt = now, Archive = upload.Archive });
            lock (_gate) SkillState().Add(skill);
            return SkillEnvelope(201, skill);
        }

        private SimResponse UpdateSkill(SimRequestContext req, string skillId)
        {
            SimSkill? skill;
            lock (_gate) skill = SkillState().FirstOrDefault(k => k.Id == skillId && !k.Deleted);
            if (skill == null) return SkillNotFound(skillId);
            if (!TryReadSkillUpload(req, out var upload, out var error)) return error!;
            var now = SimText.Timestamp(DateTimeOffset.UtcNow);
            lock (_gate)
            {
                skill.Name = upload!.Name;
                skill.Description = upload.Description;
                skill.MetadataJson = upload.MetadataJson;
                skill.UpdatedAt = now;
                skill.IsDeployed = false;
                skill.Versions.Add(new SimSkillVersion { VersionId = "sv_" + RandomToken(8), MajorVersion = skill.Current.MajorVersion + 1, CreatedAt = now, Archive = upload.Archive });
            }
            return SkillEnvelope(200, skill);
        }

        private SimResponse DeleteSkill(string skillId)
        {
            lock (_gate)
            {
                var skill = SkillState().FirstOrDefault(k => k.Id == skillId && !k.Deleted);
                if (skill == null) return SkillNotFound(skillId);
                skill.Deleted = true;
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("deleted", true);
                w.WriteEndObject();
            });
        }

        private SimResponse DownloadSkill(SimRequestContext req, string skillId)
        {
            var versionId = req.Q("version_id");
            SimSkill? skill;
            SimSkillVersion? version;
            string url;
            lock (_gate)
            {
                skill = SkillState().FirstOrDefault(k => k.Id == skillId && !k.Deleted);
                if (skill == null) return SkillNotFound(skillId);
                version = string.IsNullOrEmpty(versionId) ? skill.Current : skill.Versions.FirstOrDefault(v => v.VersionId == versionId);
                if (version == null) return SimResponse.Error(404, "skill_version_not_found", $"Skill {skillId} has no version {versionId}.", "version_id");
                string signedId = skill.Id, signedVersion = version.VersionId;
                url = SignLink(SignedDownloadPrefix, signedId + "/" + signedVersion + ".skill", () =>
                {
                    var archive = SkillState().FirstOrDefault(k => k.Id == signedId)?.Versions.FirstOrDefault(v => v.VersionId == signedVersion)?.Archive;
                    return archive == null ? null : new SimResponse { Status = 200, ContentType = "application/zip", Body = archive };
                });
            }

            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("download_url", url);
                w.WriteString("filename", skill.Name + ".skill");
                w.WriteString("media_type", "application/zip");
                w.WriteNumber("size", version.Archive.Length);
                w.WriteString("id", skill.Id);
                w.WriteString("version_id", version.VersionId);
                w.WriteNumber("major_version", version.MajorVersion);
                w.WriteEndObject();
            });
        }

        private static SimResponse SkillNotFound(string skillId) => SimResponse.Error(404, "skill_not_found", $"Skill {skillId} was not found.");

        private sealed class SkillUpload
        {
            public string Name = "";
            public string Description = "";
            public string MetadataJson = "{}";
            public byte[] Archive = Array.Empty<byte>();
            public Dictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        /// <summary>Reads the multipart form and checks it as the service does, building the stored archive.</summary>
        private static bool TryReadSkillUpload(SimRequestContext req, out SkillUpload? upload, out SimResponse? error)
        {
            upload = null;
            error = null;
            var parts = SkillFormParts.Parse(req.Http.Request.ContentType, req.Body);
            if (parts == null)
            {
                error = SimResponse.Error(400, "invalid_request", "The request must be multipart/form-data with one or more 'files' parts.", "files");
                return false;
            }

            var files = parts.Where(p => p.Name == "files" && p.FileName != null).ToList();
            if (files.Count == 0)
            {
                error = SimResponse.Error(400, "invalid_request", "files is required.", "files");
                return false;
            }

            if (files.Sum(f => (long)f.Content.Length) > MaxSkillUploadBytes)
            {
                error = SimResponse.Error(413, "file_too_large", "Skill uploads are limited to 10 MB.", "files");
                return false;
            }

            var result = new SkillUpload();
            foreach (var field in parts.Where(p => p.FileName == null)) result.Fields[field.Name] = Encoding.UTF8.GetString(field.Content);

            Dictionary<string, byte[]> entries;
            var single = files.Count == 1 ? files[0] : null;
            string ext = single == null ? "" : Path.GetExtension(single.FileName!).ToLowerInvariant();
            if (single != null && ext == ".md")
            {
                entries = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["SKILL.md"] = single.Content };
            }
            else if (single != null && (ext == ".zip" || ext == ".skill"))
            {
                if (!TryReadSkillArchive(single.Content, out entries!, out error)) return false;
            }
            else
            {
                entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                foreach (var f in files)
                {
                    if (!SafeSkillEntry(f.FileName!))
                    {
                        error = SimResponse.Error(400, "unsafe_archive", $"The file name '{f.FileName}' is not allowed.", "files");
                        return false;
                    }
                    entries[f.FileName!.Replace('\\', '/')] = f.Content;
                }
            }

            if (!entries.TryGetValue("SKILL.md", out var skillMd))
            {
                error = SimResponse.Error(400, "invalid_skill", "SKILL.md is required at the root of the skill.", "files");
                return false;
            }

            if (!TryFrontMatter(Encoding.UTF8.GetString(skillMd), out var values))
            {
                error = SimResponse.Error(400, "invalid_skill", "SKILL.md must begin with front matter between '---' lines.", "files");
                return false;
            }

            if (!values.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name) || !values.TryGetValue("description", out var description) || string.IsNullOrWhiteSpace(description))
            {
                error = SimResponse.Error(400, "invalid_skill_metadata", "The front matter of SKILL.md needs a name and a description.", "files");
                return false;
            }

            result.Name = name.Trim();
            result.Description = description.Trim();
            if (values.TryGetValue("related_server_ids", out var related) && related.Length > 0)
            {
                var ids = related.Trim('[', ']').Split(',').Select(s => s.Trim().Trim('"', '\'')).Where(s => s.Length > 0).ToList();
                result.MetadataJson = "{\"related_server_ids\":[" + string.Join(",", ids.Select(i => JsonSerializer.Serialize(i))) + "]}";
            }
            result.Archive = ZipOf(entries);
            upload = result;
            return true;
        }

        private static bool TryReadSkillArchive(byte[] zip, out Dictionary<string, byte[]>? entries, out SimResponse? error)
        {
            entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            error = null;
            try
            {
                using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
                long total = 0;
                foreach (var entry in archive.Entries)
                {
                    if (!SafeSkillEntry(entry.FullName))
                    {
                        error = SimResponse.Error(400, "unsafe_archive", $"The archive entry '{entry.FullName}' is not allowed.", "files");
                        return false;
                    }
                    if (entry.FullName.EndsWith("/", StringComparison.Ordinal)) continue;
                    using var input = entry.Open();
                    using var copy = new MemoryStream();
                    var buffer = new byte[81920];
                    int n;
                    while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        total += n;
                        if (total > MaxSkillExpandedBytes)
                        {
                            error = SimResponse.Error(400, "unsafe_archive", "The archive expands to more than the service accepts.", "files");
                            return false;
                        }
                        copy.Write(buffer, 0, n);
                    }
                    entries[entry.FullName.Replace('\\', '/')] = copy.ToArray();
                }
                return true;
            }
            catch (InvalidDataException)
            {
                error = SimResponse.Error(400, "invalid_skill", "The archive is not a readable zip file.", "files");
                return false;
            }
        }

        private static bool SafeSkillEntry(string name)
        {
            var normal = name.Replace('\\', '/');
            if (normal.Length == 0 || normal.StartsWith("/", StringComparison.Ordinal) || normal.Any(c => c < ' ')) return false;
            if (normal.Length >= 2 && normal[1] == ':') return false;
            return !normal.Split('/').Any(p => p == "..");
        }

        private static bool TryFrontMatter(string text, out Dictionary<string, string> values)
        {
            values = new Dictionary<string, string>(StringComparer.Ordinal);
            var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
            if (lines.Length == 0 || lines[0].Trim() != "---") return false;
            int i = 1;
            for (; i < lines.Length && lines[i].Trim() != "---"; i++)
            {
                var line = lines[i];
                int colon = line.IndexOf(':');
                if (colon <= 0 || char.IsWhiteSpace(line[0])) continue;
                var value = line.Substring(colon + 1).Trim();
                if (value == "|" || value == ">" || value == "|-" || value == ">-")
                {
                    var block = new List<string>();
                    while (i + 1 < lines.Length && lines[i + 1].Trim() != "---" && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0]))) block.Add(lines[++i].Trim());
                    value = string.Join(" ", block);
                }
                values[line.Substring(0, colon).Trim()] = value.Trim().Trim('"', '\'');
            }
            return i < lines.Length;
        }

        private static byte[] ZipOf(Dictionary<string, byte[]> entries)
        {
            using var ms = new MemoryStream();
            using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var pair in entries.OrderBy(p => p.Key == "SKILL.md" ? 0 : 1).ThenBy(p => p.Key, StringComparer.Ordinal))
                {
                    var entry = archive.CreateEntry(pair.Key, CompressionLevel.Fastest);
                    using var s = entry.Open();
                    s.Write(pair.Value, 0, pair.Value.Length);
                }
            }
            return ms.ToArray();
        }

        /// <summary>A minimal multipart/form-data reader: each part's name, file name and bytes.</summary>
        private static class SkillFormParts
        {
            internal sealed class Part
            {
                public string Name = "";
                public string? FileName;
                public byte[] Content = Array.Empty<byte>();
            }

            public static List<Part>? Parse(string? contentType, byte[] body)
            {
                if (contentType == null || contentType.IndexOf("multipart/form-data", StringComparison.OrdinalIgnoreCase) < 0) return null;
                var boundary = contentType.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase));
                if (boundary == null) return null;
                var marker = Encoding.ASCII.GetBytes("--" + boundary.Substring(9).Trim('"'));
                var parts = new List<Part>();
                int at = IndexOf(body, marker, 0);
                if (at < 0) return null;
                while (true)
                {
                    int start = at + marker.Length;
                    if (start + 1 < body.Length && body[start] == '-' && body[start + 1] == '-') break;
                    start += 2; // CRLF after the boundary
                    int headerEnd = IndexOf(body, new byte[] { 13, 10, 13, 10 }, start);
                    if (headerEnd < 0) return null;
                    int next = IndexOf(body, marker, headerEnd + 4);
                    if (next < 0) return null;
                    var headers = Encoding.UTF8.GetString(body, start, headerEnd - start);
                    var disposition = headers.Split('\n').Select(h => h.Trim()).FirstOrDefault(h => h.StartsWith("Content-Disposition", StringComparison.OrdinalIgnoreCase));
                    if (disposition != null)
                    {
                        int contentStart = headerEnd + 4;
                        int contentEnd = next - 2; // CRLF before the boundary
                        parts.Add(new Part
                        {
                            Name = Parameter(disposition, "name") ?? "",
                            FileName = Parameter(disposition, "filename"),
                            Content = Slice(body, contentStart, Math.Max(0, contentEnd - contentStart)),
                        });
                    }
                    at = next;
                }
                return parts;
            }

            private static byte[] Slice(byte[] body, int start, int length)
            {
                var copy = new byte[length];
                Buffer.BlockCopy(body, start, copy, 0, length);
                return copy;
            }

            private static string? Parameter(string header, string name)
            {
                foreach (var piece in header.Split(';').Select(p => p.Trim()))
                {
                    if (piece.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
                        return piece.Substring(name.Length + 1).Trim('"');
                }
                return null;
            }

            private static int IndexOf(byte[] haystack, byte[] needle, int from)
            {
                for (int i = from; i <= haystack.Length - needle.Length; i++)
                {
                    int j = 0;
                    while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                    if (j == needle.Length) return i;
                }
                return -1;
            }
        }
    }
}
