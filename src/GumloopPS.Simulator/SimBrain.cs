using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Company Brain (API.md section 10.9): search over seeded documents and indexed uploads, sources with the
    /// scope/team rules, multipart uploads with per-file rejection, and the draft/estimate/approve cycle.
    /// A file's indexing advances one step each time its source's file list is read from the first page
    /// (uploaded, then indexing, then indexed or failed), so a poller sees every state and tests need no clock.
    /// Uploads whose content holds <c>sim:fail</c> fail indexing; content holding <c>sim:reject</c> is refused, as are
    /// empty files, unsupported types and files over <see cref="BrainMaxFileBytes"/>.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private static readonly string[] BrainSourceTypes = { "notion", "google_drive", "slack", "github", "confluence", "direct_file_uploads", "gumloop_artifacts" };
        private static readonly string[] BrainScopes = { "personal", "team", "organization" };
        private static readonly string[] BrainExtensions = { ".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".txt", ".md", ".html", ".htm", ".csv", ".rtf" };
        private const int MaxBrainParts = 25;

        private BrainData? _brainData;

        /// <summary>Reads of a source's file list (first page) after which an uploaded file is indexed; 0 indexes at the first read.</summary>
        public int BrainIndexingReads { get; set; } = 2;

        /// <summary>Largest file an upload takes (the service allows 25 MB); larger parts are rejected with <c>file_too_large</c>.</summary>
        public long BrainMaxFileBytes { get; set; } = 25L * 1024 * 1024;

        /// <summary>Under <c>_gate</c>: the Brain data, seeded on first use.</summary>
        private BrainData Brain => _brainData ??= NewBrainData(Options.SeedData);

        private static IEnumerable<SimRoute> BrainRoutes() => new[]
        {
            Route("POST", "/brain/search", (sim, req, a) => sim.SearchBrain(req)),
            Route("GET", "/brain/sources", (sim, req, a) => sim.ListBrainSources(req)),
            Route("POST", "/brain/sources", (sim, req, a) => sim.CreateBrainSource(req)),
            Route("GET", "/brain/sources/{source_id}", (sim, req, a) => sim.GetBrainSource(req, a[0])),
            Route("DELETE", "/brain/sources/{source_id}", (sim, req, a) => sim.DeleteBrainSource(req, a[0])),
            Route("GET", "/brain/sources/{source_id}/files", (sim, req, a) => sim.ListBrainFiles(req, a[0])),
            Route("POST", "/brain/sources/{source_id}/files", (sim, req, a) => sim.UploadBrainFiles(req, a[0])),
            Route("DELETE", "/brain/sources/{source_id}/files/{file_id}", (sim, req, a) => sim.DeleteBrainFile(req, a[0], a[1])),
            Route("GET", "/brain/sources/{source_id}/estimate", (sim, req, a) => sim.GetBrainEstimate(req, a[0])),
            Route("POST", "/brain/sources/{source_id}/approve", (sim, req, a) => sim.ApproveBrainSource(req, a[0])),
        };

        /// <summary>The bytes stored for a Brain file, or null; lets tests check an upload byte for byte.</summary>
        public byte[]? GetBrainFileContent(string sourceId, string fileId)
        {
            lock (_gate)
            {
                var file = Brain.Sources.FirstOrDefault(s => s.Id == sourceId)?.Files.FirstOrDefault(f => f.Id == fileId);
                return file == null ? null : (byte[])file.Content.Clone();
            }
        }

        private sealed class BrainData
        {
            public readonly List<SimBrainSource> Sources = new List<SimBrainSource>();
            public readonly List<SimBrainDoc> Docs = new List<SimBrainDoc>();
        }

        private sealed class SimBrainSource
        {
            public string Id = "";
            public string Name = "";
            public string SourceType = "direct_file_uploads";
            public string Status = "active";
            public string Scope = "personal";
            public string? TeamId;
            public string CreatedBy = "";
            public string CreatedAt = "";
            public readonly List<SimBrainFile> Files = new List<SimBrainFile>();
            public SimBrainRun? Run;
        }

        private sealed class SimBrainFile
        {
            public string Id = "";
            public string FileName = "";
            public string MimeType = "";
            public byte[] Content = Array.Empty<byte>();
            public long Size;
            public string Sha256 = "";
            public string Status = "uploaded";
            public string? Error;
            public string? DocumentId;
            public string CreatedAt = "";
            public string? IndexedAt;
            public int Reads;
            public bool Fail;
        }

        /// <summary>The latest sync run of a source: what its estimate reports.</summary>
        private sealed class SimBrainRun
        {
            public string Id = "";
            public long Tokens;
            public int Documents;

            /// <summary>A fixed estimate for seeded runs (the documented example's); null computes it from the tokens.</summary>
            public long? Credits;
        }

        private sealed class SimBrainDoc
        {
            public string DocumentId = "";
            public string Source = "";
            public string? Title;
            public string Content = "";
            public string? Url;
            public string UpdatedAt = "";
            public string OwnerName = "";
            public string OwnerEmail = "";
            public string? ParentTitle;
            public string? MimeType;
        }

        private static BrainData NewBrainData(bool seed)
        {
            var data = new BrainData();
            if (!seed) return data;
            var playbooks = new SimBrainSource
            {
                Id = "bsrc_4Kq9Vn", Name = "Renewal playbooks", Status = "active", Scope = "team", TeamId = SeedTeamId,
                CreatedBy = SeedUserId, CreatedAt = "2026-08-11T12:00:00Z",
            };
            playbooks.Files.Add(new SimBrainFile
            {
                Id = "bfile_3Zt7Qk", FileName = "renewal-playbook-v3.pdf", MimeType = "application/pdf", Size = 482113,
                Sha256 = "4f0b8c1d2e3a5968776655443322110ffeeddccbbaa99887766554433221100a", Status = "indexed",
                DocumentId = "direct_file_uploads:bfile_3Zt7Qk", CreatedAt = "2026-08-11T12:03:10Z", IndexedAt = "2026-08-11T12:04:55Z",
                Content = Encoding.UTF8.GetBytes("Renewal playbook: start the renewal conversation 90 days before the term ends and confirm the notice period."),
            });
            playbooks.Files.Add(new SimBrainFile
            {
                Id = "bfile_9Yc2Lm", FileName = "pricing-faq.md", MimeType = "text/markdown", Size = 6120,
                Sha256 = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", Status = "failed", Error = "The file could not be parsed.",
                CreatedAt = "2026-08-12T09:00:00Z",
            });
            playbooks.Run = new SimBrainRun { Id = "bsync_1Fa8Zq", Tokens = 120600, Documents = 2 };
            data.Sources.Add(playbooks);
            data.Sources.Add(new SimBrainSource
            {
                Id = "bsrc_8Wm2Tz", Name = "Legal archive", Status = "draft", Scope = "personal", CreatedBy = SeedUserId, CreatedAt = "2026-09-14T17:05:00Z",
                Run = new SimBrainRun { Id = "bsync_7Ui3Op", Tokens = 1284400, Documents = 37, Credits = 135 },
            });
            data.Sources.Add(new SimBrainSource
            {
                Id = "bsrc_1Pd6Hx", Name = "Company wiki", SourceType = "notion", Status = "active", Scope = "organization",
                CreatedBy = SecondUserId, CreatedAt = "2026-03-02T08:00:00Z",
            });
            data.Sources.Add(new SimBrainSource
            {
                Id = "bsrc_6Rt2Pk", Name = "Old handbook", Status = "paused", Scope = "personal", CreatedBy = SeedUserId, CreatedAt = "2026-01-20T10:00:00Z",
            });
            data.Docs.Add(new SimBrainDoc
            {
                DocumentId = "google_drive:1xQ7mV3kP9", Source = "google_drive", Title = "Northwind MSA 2024",
                Content = "The agreement renews automatically for successive twelve-month terms unless either party gives 60 days' notice...",
                Url = "https://drive.google.com/file/d/1xQ7mV3kP9/view", UpdatedAt = "2026-02-11T09:12:00Z",
                OwnerName = "Marcus Ode", OwnerEmail = "marcus.ode@lumenfield.io", ParentTitle = "Contracts / Northwind", MimeType = "application/pdf",
            });
            data.Docs.Add(new SimBrainDoc
            {
                DocumentId = "slack:C04RENEW:1757001234.5566", Source = "slack",
                Content = "Heads up: Northwind asked about the SLA credits again before the renewal.",
                Url = "https://lumenfield.slack.com/archives/C04RENEW/p17570012345566", UpdatedAt = "2026-09-04T15:40:34Z",
                OwnerName = "Priya Raman", OwnerEmail = "priya.raman@lumenfield.io", ParentTitle = "#renewals",
            });
            data.Docs.Add(new SimBrainDoc
            {
                DocumentId = "notion:8c1f2e7a", Source = "notion", Title = "How we run renewals",
                Content = "Every renewal has an owner, a brief and a call 60 days out. SLA credits are approved by finance.",
                Url = "https://www.notion.so/lumenfield/How-we-run-renewals-8c1f2e7a", UpdatedAt = "2026-06-30T08:00:00Z",
                OwnerName = "Marcus Ode", OwnerEmail = "marcus.ode@lumenfield.io", ParentTitle = "Company wiki / Sales",
            });
            return data;
        }

        private static SimResponse BrainSourceNotFound() => SimResponse.Error(404, "source_not_found", "Brain source not found.");

        /// <summary>Sources the caller may see: their own personal ones, their team's, and the organization's.</summary>
        private bool CanSee(SimBrainSource s, SimUser caller) =>
            s.Scope == "organization" || (s.Scope == "team" && s.TeamId == TeamId) || (s.Scope == "personal" && s.CreatedBy == caller.Id);

        private SimBrainSource? FindBrainSource(string id, SimUser caller)
        {
            var source = Brain.Sources.FirstOrDefault(s => s.Id == id);
            return source != null && CanSee(source, caller) ? source : null;
        }

        private static void WriteBrainSource(Utf8JsonWriter w, SimBrainSource s)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("name", s.Name);
            w.WriteString("source_type", s.SourceType);
            w.WriteString("status", s.Status);
            w.WriteString("scope", s.Scope);
            SimJson.WriteNullable(w, "team_id", s.TeamId);
            w.WriteString("created_by_user_id", s.CreatedBy);
            w.WriteString("created_at", s.CreatedAt);
            w.WriteEndObject();
        }

        private static void WriteBrainFile(Utf8JsonWriter w, SimBrainFile f)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            w.WriteString("file_name", f.FileName);
            w.WriteString("mime_type", f.MimeType);
            w.WriteNumber("size_bytes", f.Size);
            w.WriteString("sha256", f.Sha256);
            w.WriteString("status", f.Status);
            SimJson.WriteNullable(w, "error", f.Error);
            SimJson.WriteNullable(w, "document_id", f.DocumentId);
            w.WriteString("created_at", f.CreatedAt);
            SimJson.WriteNullable(w, "indexed_at", f.IndexedAt);
            w.WriteEndObject();
        }

        private static SimResponse SourceEnvelope(int status, SimBrainSource s) => SimResponse.Json(status, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("source");
            WriteBrainSource(w, s);
            w.WriteEndObject();
        });

        private static SimResponse Deleted() => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("deleted", true);
            w.WriteEndObject();
        });

        private SimResponse SearchBrain(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "query", out var q) || q.ValueKind != JsonValueKind.String || q.GetString()!.Trim().Length == 0)
                    return SimResponse.Error(400, "invalid_request", "query is required.", "query");
                int limit = 8;
                if (Prop(doc, "limit", out var l) && l.ValueKind != JsonValueKind.Null)
                {
                    if (l.ValueKind != JsonValueKind.Number || !l.TryGetInt32(out limit) || limit < 1 || limit > 50)
                        return SimResponse.Error(400, "invalid_request", "limit must be an integer from 1 to 50.", "limit");
                }
                HashSet<string>? types = null;
                if (Prop(doc, "source_type", out var st) && st.ValueKind != JsonValueKind.Null)
                {
                    if (st.ValueKind != JsonValueKind.Array || st.GetArrayLength() == 0)
                        return SimResponse.Error(400, "invalid_request", "source_type must be a non-empty list of source types.", "source_type");
                    types = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var t in st.EnumerateArray())
                    {
                        if (t.ValueKind != JsonValueKind.String || Array.IndexOf(BrainSourceTypes, t.GetString()) < 0)
                            return SimResponse.Error(400, "invalid_request", $"Unknown source type {t.GetRawText()}; use one of {string.Join(", ", BrainSourceTypes)}.", "source_type");
                        types.Add(t.GetString()!);
                    }
                }
                var words = Regex.Matches(q.GetString()!.ToLowerInvariant(), @"[\p{L}\p{N}]{2,}").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value).Distinct().ToList();
                List<SimBrainDoc> corpus;
                lock (_gate) corpus = BrainCorpus(req.Caller!);
                var hits = new List<(SimBrainDoc Doc, double Score)>();
                foreach (var d in corpus)
                {
                    if (types != null && !types.Contains(d.Source)) continue;
                    var text = ((d.Title ?? "") + " " + d.Content + " " + (d.ParentTitle ?? "")).ToLowerInvariant();
                    int found = words.Count(word => text.IndexOf(word, StringComparison.Ordinal) >= 0);
                    if (found > 0) hits.Add((d, Math.Round((double)found / words.Count, 2)));
                }
                var ranked = hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.Doc.UpdatedAt, StringComparer.Ordinal).Take(limit).ToList();
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("results");
                    foreach (var (d, score) in ranked)
                    {
                        w.WriteStartObject();
                        w.WriteString("document_id", d.DocumentId);
                        w.WriteString("source", d.Source);
                        SimJson.WriteNullable(w, "title", d.Title);
                        w.WriteString("content", d.Content);
                        SimJson.WriteNullable(w, "url", d.Url);
                        w.WriteNumber("score", score);
                        w.WriteString("updated_at", d.UpdatedAt);
                        w.WriteString("owner_name", d.OwnerName);
                        w.WriteString("owner_email", d.OwnerEmail);
                        SimJson.WriteNullable(w, "parent_title", d.ParentTitle);
                        w.WriteStartObject("metadata");
                        if (d.MimeType != null) w.WriteString("mime_type", d.MimeType);
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
        }

        /// <summary>Under the lock: the seeded documents plus every indexed upload of an active source the caller can see.</summary>
        private List<SimBrainDoc> BrainCorpus(SimUser caller)
        {
            var docs = new List<SimBrainDoc>(Brain.Docs);
            foreach (var s in Brain.Sources.Where(s => s.Status == "active" && CanSee(s, caller)))
            {
                _users.TryGetValue(s.CreatedBy, out var owner);
                foreach (var f in s.Files.Where(f => f.Status == "indexed" && f.DocumentId != null))
                {
                    var text = f.Content.Length == 0 ? f.FileName : Encoding.UTF8.GetString(f.Content, 0, Math.Min(f.Content.Length, 2000)).Trim();
                    docs.Add(new SimBrainDoc
                    {
                        DocumentId = f.DocumentId!, Source = "direct_file_uploads", Title = f.FileName, Content = text.Length > 300 ? text.Substring(0, 300) : text,
                        UpdatedAt = f.IndexedAt ?? f.CreatedAt, OwnerName = owner == null ? "" : owner.FirstName + " " + owner.LastName,
                        OwnerEmail = owner?.Email ?? "", ParentTitle = s.Name, MimeType = f.MimeType,
                    });
                }
            }
            return docs;
        }

        private SimResponse ListBrainSources(SimRequestContext req)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            var scope = req.Q("scope");
            if (scope != null && Array.IndexOf(BrainScopes, scope) < 0)
                return SimResponse.Error(400, "invalid_request", "scope must be personal, team or organization.", "scope");
            var type = req.Q("source_type");
            if (type != null && Array.IndexOf(BrainSourceTypes, type) < 0)
                return SimResponse.Error(400, "invalid_request", $"Unknown source type '{type}'.", "source_type");
            // team_id names the team context (every request of a team connection carries it): it narrows team
            // sources to that team and leaves personal and organization sources listed.
            var team = req.Q("team_id");
            List<SimBrainSource> matching;
            lock (_gate)
            {
                matching = Brain.Sources.Where(s => CanSee(s, req.Caller!)
                        && (scope == null || s.Scope == scope) && (type == null || s.SourceType == type)
                        && (team == null || s.Scope != "team" || s.TeamId == team))
                    .OrderByDescending(s => s.CreatedAt, StringComparer.Ordinal).ToList();
            }
            var page = matching.Skip(offset).Take(pageSize).ToList();
            string? next = offset + page.Count < matching.Count ? OffsetCursor("offset", offset + page.Count) : null;
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("sources");
                lock (_gate) foreach (var s in page) WriteBrainSource(w, s);
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        private SimResponse CreateBrainSource(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString()!.Trim().Length == 0 || n.GetString()!.Length > 200)
                    return SimResponse.Error(400, "invalid_request", "name is required and has 1 to 200 characters.", "name");
                string type = "direct_file_uploads";
                if (Prop(doc, "source_type", out var t) && t.ValueKind != JsonValueKind.Null)
                {
                    if (t.ValueKind != JsonValueKind.String) return SimResponse.Error(400, "invalid_request", "source_type must be a string.", "source_type");
                    type = t.GetString()!;
                }
                if (type != "direct_file_uploads")
                    return SimResponse.Error(400, "source_type_not_supported", $"Sources of type '{type}' are connected in the Gumloop app; only direct_file_uploads sources can be created here.", "source_type");
                string scope = "personal";
                if (Prop(doc, "scope", out var sc) && sc.ValueKind != JsonValueKind.Null)
                {
                    if (sc.ValueKind != JsonValueKind.String || Array.IndexOf(BrainScopes, sc.GetString()) < 0)
                        return SimResponse.Error(400, "invalid_request", "scope must be personal, team or organization.", "scope");
                    scope = sc.GetString()!;
                }
                string? teamId = Prop(doc, "team_id", out var tm) && tm.ValueKind == JsonValueKind.String ? tm.GetString() : null;
                if (scope == "team" && string.IsNullOrEmpty(teamId))
                    return SimResponse.Error(400, "invalid_request", "team_id is required when scope is team.", "team_id");
                if (scope != "team" && teamId != null)
                    return SimResponse.Error(400, "invalid_request", "team_id is only allowed when scope is team.", "team_id");
                if (teamId != null && teamId != TeamId)
                    return SimResponse.Error(403, "permission_denied", "You are not a member of this team.", "team_id");
                bool approval = false;
                if (Prop(doc, "require_approval", out var ra) && ra.ValueKind != JsonValueKind.Null)
                {
                    if (ra.ValueKind != JsonValueKind.True && ra.ValueKind != JsonValueKind.False)
                        return SimResponse.Error(400, "invalid_request", "require_approval must be a boolean.", "require_approval");
                    approval = ra.GetBoolean();
                }
                var source = new SimBrainSource
                {
                    Id = NewId("bsrc_"), Name = n.GetString()!, Status = approval ? "draft" : "active", Scope = scope, TeamId = teamId,
                    CreatedBy = req.Caller!.Id, CreatedAt = SimText.Timestamp(DateTimeOffset.UtcNow),
                };
                lock (_gate) Brain.Sources.Add(source);
                return SourceEnvelope(201, source);
            }
        }

        private SimResponse GetBrainSource(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                return s == null ? BrainSourceNotFound() : SourceEnvelope(200, s);
            }
        }

        private SimResponse DeleteBrainSource(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                Brain.Sources.Remove(s);
            }
            return Deleted();
        }

        private SimResponse ListBrainFiles(SimRequestContext req, string id)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                if (req.Q("cursor") == null) AdvanceIndexing(s);
                var files = s.Files.OrderBy(f => f.CreatedAt, StringComparer.Ordinal).ToList();
                var page = files.Skip(offset).Take(pageSize).ToList();
                string? next = offset + page.Count < files.Count ? OffsetCursor("offset", offset + page.Count) : null;
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("files");
                    foreach (var f in page) WriteBrainFile(w, f);
                    w.WriteEndArray();
                    SimJson.WriteNullable(w, "next_cursor", next);
                    w.WriteEndObject();
                });
            }
        }

        /// <summary>Under the lock: one indexing step for every unsettled file of an active source.</summary>
        private void AdvanceIndexing(SimBrainSource s)
        {
            if (s.Status != "active") return;
            foreach (var f in s.Files.Where(f => f.Status == "uploaded" || f.Status == "indexing"))
            {
                f.Reads++;
                if (f.Reads < BrainIndexingReads)
                {
                    f.Status = "indexing";
                    continue;
                }
                if (f.Fail)
                {
                    f.Status = "failed";
                    f.Error = "The file could not be parsed.";
                }
                else
                {
                    f.Status = "indexed";
                    f.DocumentId = "direct_file_uploads:" + f.Id;
                    f.IndexedAt = SimText.Timestamp(DateTimeOffset.UtcNow);
                }
            }
        }

        private SimResponse UploadBrainFiles(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                if (s.SourceType != "direct_file_uploads")
                    return SimResponse.Error(400, "source_type_not_supported", "Files can be uploaded only to direct_file_uploads sources.", "source_id");
                if (s.Status == "paused") return SimResponse.Error(409, "source_paused", "The source is paused; resume it before uploading.");
            }
            if (!SimMultipart.TryParse(req.Http.Request.ContentType, req.Body, out var parts))
                return SimResponse.Error(400, "invalid_request", "Send the files as multipart/form-data with parts named 'files'.", "files");
            var fileParts = parts.Where(p => p.Name == "files").ToList();
            if (fileParts.Count == 0) return SimResponse.Error(400, "invalid_request", "At least one part named 'files' is required.", "files");
            if (fileParts.Count > MaxBrainParts)
                return SimResponse.Error(400, "too_many_files", $"An upload takes at most {MaxBrainParts} files; this one has {fileParts.Count}.", "files");

            var accepted = new List<SimBrainFile>();
            var rejected = new List<(string Name, string Error)>();
            foreach (var part in fileParts)
            {
                var name = (part.FileName ?? "").Replace('\\', '/');
                name = name.Substring(name.LastIndexOf('/') + 1).Trim();
                string? problem =
                    name.Length == 0 || name.Length > 255 ? "invalid_file_name"
                    : Array.IndexOf(BrainExtensions, Path.GetExtension(name).ToLowerInvariant()) < 0 ? "unsupported_file_type"
                    : part.Content.LongLength == 0 ? "empty_file"
                    : part.Content.LongLength > BrainMaxFileBytes ? "file_too_large"
                    : Contains(part.Content, "sim:reject") ? "invalid_file_content"
                    : null;
                if (problem != null)
                {
                    rejected.Add((name.Length == 0 ? part.FileName ?? "" : name, problem));
                    continue;
                }
                string sha;
                using (var hash = SHA256.Create()) sha = string.Concat(hash.ComputeHash(part.Content).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
                accepted.Add(new SimBrainFile
                {
                    FileName = name, MimeType = part.ContentType ?? "application/octet-stream", Content = part.Content, Size = part.Content.LongLength,
                    Sha256 = sha, Fail = Contains(part.Content, "sim:fail"),
                });
            }
            if (accepted.Count == 0)
            {
                return SimResponse.Error(400, "no_files_accepted", "None of the files could be accepted.", "files", w =>
                {
                    w.WriteStartArray("rejected");
                    foreach (var (name, err) in rejected) { w.WriteStartObject(); w.WriteString("file_name", name); w.WriteString("error", err); w.WriteEndObject(); }
                    w.WriteEndArray();
                });
            }
            string runId;
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                foreach (var f in accepted)
                {
                    f.Id = NewId("bfile_");
                    f.CreatedAt = SimText.Timestamp(NowUnique());
                    s.Files.Add(f);
                }
                // A draft collects every upload in one run that waits for approval; an active source starts a run per upload.
                if (s.Status != "draft" || s.Run == null) s.Run = new SimBrainRun { Id = NewId("bsync_") };
                s.Run.Tokens += accepted.Sum(f => Math.Max(1, f.Size / 4));
                s.Run.Documents += accepted.Count;
                runId = s.Run.Id;
            }
            return SimResponse.Json(201, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("files");
                foreach (var f in accepted) WriteBrainFile(w, f);
                w.WriteEndArray();
                w.WriteStartArray("rejected");
                foreach (var (name, err) in rejected) { w.WriteStartObject(); w.WriteString("file_name", name); w.WriteString("error", err); w.WriteEndObject(); }
                w.WriteEndArray();
                w.WriteString("sync_run_id", runId);
                w.WriteEndObject();
            });
        }

        private static bool Contains(byte[] content, string marker) =>
            content.Length >= marker.Length && Encoding.UTF8.GetString(content).IndexOf(marker, StringComparison.Ordinal) >= 0;

        private SimResponse DeleteBrainFile(SimRequestContext req, string id, string fileId)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                var f = s.Files.FirstOrDefault(x => x.Id == fileId);
                if (f == null) return SimResponse.Error(404, "file_not_found", "Brain file not found.");
                s.Files.Remove(f);
            }
            return Deleted();
        }

        private SimResponse GetBrainEstimate(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                var run = s.Run;
                string runStatus = s.Status == "draft" ? "paused_for_approval"
                    : s.Files.All(f => f.Status == "indexed" || f.Status == "failed") ? "completed" : "running";
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("source_id", s.Id);
                    w.WriteString("status", s.Status);
                    if (run == null) w.WriteNull("estimate");
                    else
                    {
                        w.WriteStartObject("estimate");
                        w.WriteString("sync_run_id", run.Id);
                        w.WriteString("status", runStatus);
                        w.WriteNumber("estimated_tokens", run.Tokens);
                        // One credit per 10,000 tokens, rounded up to a multiple of 5 as the service rounds.
                        long credits = (long)Math.Ceiling(run.Tokens / 10000.0);
                        w.WriteNumber("estimated_credits", run.Credits ?? Math.Max(5, (credits + 4) / 5 * 5));
                        w.WriteNumber("document_count", run.Documents);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                });
            }
        }

        private SimResponse ApproveBrainSource(SimRequestContext req, string id)
        {
            lock (_gate)
            {
                var s = FindBrainSource(id, req.Caller!);
                if (s == null) return BrainSourceNotFound();
                if (s.Status != "draft") return SimResponse.Error(409, "source_not_draft", $"The source is {s.Status}; only draft sources need approval.");
                s.Status = "active";
                return SourceEnvelope(200, s);
            }
        }
    }

    /// <summary>A minimal multipart/form-data reader: enough for the upload routes, strict about the framing.</summary>
    internal static class SimMultipart
    {
        internal sealed class Part
        {
            public string? Name;
            public string? FileName;
            public string? ContentType;
            public byte[] Content = Array.Empty<byte>();
        }

        public static bool TryParse(string? contentType, byte[] body, out List<Part> parts)
        {
            parts = new List<Part>();
            if (contentType == null || !contentType.TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) return false;
            var boundary = Parameter(contentType, "boundary");
            if (string.IsNullOrEmpty(boundary)) return false;
            var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
            int at = IndexOf(body, delimiter, 0);
            if (at < 0) return false;
            while (true)
            {
                int after = at + delimiter.Length;
                if (after + 1 < body.Length && body[after] == '-' && body[after + 1] == '-') return true;
                if (after + 1 >= body.Length || body[after] != '\r' || body[after + 1] != '\n') return false;
                int headersStart = after + 2;
                int headersEnd = IndexOf(body, new byte[] { 13, 10, 13, 10 }, headersStart);
                if (headersEnd < 0) return false;
                var next = IndexOf(body, Concat(new byte[] { 13, 10 }, delimiter), headersEnd + 4);
                if (next < 0) return false;
                var part = new Part();
                foreach (var line in Encoding.UTF8.GetString(body, headersStart, headersEnd - headersStart).Split(new[] { "\r\n" }, StringSplitOptions.None))
                {
                    int colon = line.IndexOf(':');
                    if (colon <= 0) continue;
                    var key = line.Substring(0, colon).Trim();
                    var value = line.Substring(colon + 1).Trim();
                    if (key.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
                    {
                        part.Name = Parameter(value, "name");
                        part.FileName = Parameter(value, "filename");
                        var extended = Parameter(value, "filename*");
                        if (extended != null && extended.StartsWith("UTF-8''", StringComparison.OrdinalIgnoreCase))
                            part.FileName = Uri.UnescapeDataString(extended.Substring(7));
                        else if (part.FileName != null)
                            part.FileName = part.FileName.Replace("%22", "\"").Replace("%0D", "\r").Replace("%0A", "\n").Replace("%25", "%");
                    }
                    else if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        part.ContentType = value;
                    }
                }
                int contentStart = headersEnd + 4;
                part.Content = new byte[next - contentStart];
                Array.Copy(body, contentStart, part.Content, 0, part.Content.Length);
                parts.Add(part);
                at = next + 2;
            }
        }

        /// <summary>A <c>key=value</c> or <c>key="value"</c> parameter of a header value; null when absent.</summary>
        private static string? Parameter(string header, string key)
        {
            foreach (var piece in SplitParameters(header))
            {
                int eq = piece.IndexOf('=');
                if (eq <= 0) continue;
                if (!piece.Substring(0, eq).Trim().Equals(key, StringComparison.OrdinalIgnoreCase)) continue;
                var value = piece.Substring(eq + 1).Trim();
                if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"') value = value.Substring(1, value.Length - 2);
                return value;
            }
            return null;
        }

        /// <summary>Splits on ';' outside quotes, so a file name may hold a semicolon.</summary>
        private static IEnumerable<string> SplitParameters(string header)
        {
            var current = new StringBuilder();
            bool quoted = false;
            foreach (char c in header)
            {
                if (c == '"') quoted = !quoted;
                if (c == ';' && !quoted)
                {
                    yield return current.ToString();
                    current.Clear();
                    continue;
                }
                current.Append(c);
            }
            yield return current.ToString();
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var r = new byte[a.Length + b.Length];
            Buffer.BlockCopy(a, 0, r, 0, a.Length);
            Buffer.BlockCopy(b, 0, r, a.Length, b.Length);
            return r;
        }

        private static int IndexOf(byte[] haystack, byte[] needle, int start)
        {
            for (int i = start; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}
