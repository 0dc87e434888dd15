using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Artifacts (API.md 10.11): files agents produced, with versions. Downloads go through signed URLs on a storage
    /// path of the api listener, outside /api/v1, which take no Gumloop credential: the signature in the query is the
    /// authorisation, as on the real storage host, and it expires.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        internal const string SignedStoragePrefix = "/storage/gumloop-artifacts/";

        private readonly List<SimArtifact> _artifacts = new List<SimArtifact>();
        private bool _artifactsSeeded;

        private sealed class SimArtifact
        {
            public string Id = "";
            public string AgentId = "";
            public string? SessionId;
            public string FileName = "";
            public string? MediaType;
            public string? CreatorId;
            public bool Deleted;
            public readonly List<SimArtifactVersion> Versions = new List<SimArtifactVersion>();
            public SimArtifactVersion Latest => Versions[Versions.Count - 1];
        }

        private sealed class SimArtifactVersion
        {
            public string Id = "";
            public int Major;
            public byte[] Content = Array.Empty<byte>();
            public DateTimeOffset CreatedAt;
        }

        private static IEnumerable<SimRoute> ArtifactRoutes() => new[]
        {
            Route("GET", "/agents/{agent_id}/artifacts", (sim, req, a) => sim.ListArtifacts(req, a[0])),
            Route("GET", "/artifacts/{artifact_id}/download", (sim, req, a) => sim.DownloadArtifact(req, a[0])),
        };

        /// <summary>Adds an artifact with one version for <paramref name="agentId"/> and returns its id; for tests that need known content.</summary>
        public string AddArtifact(string agentId, string? sessionId, string fileName, byte[] content, string? mediaType = null)
        {
            if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("A file name is required.", nameof(fileName));
            if (content == null) throw new ArgumentNullException(nameof(content));
            lock (_gate)
            {
                EnsureArtifacts();
                if (FindAgent(agentId) == null) throw new ArgumentException($"Unknown agent '{agentId}'.", nameof(agentId));
                var artifact = new SimArtifact { Id = NewId("art_"), AgentId = agentId, SessionId = sessionId, FileName = fileName, MediaType = mediaType, CreatorId = UserId };
                artifact.Versions.Add(new SimArtifactVersion { Id = NewId("artv_"), Major = 1, Content = (byte[])content.Clone(), CreatedAt = NowUnique() });
                _artifacts.Add(artifact);
                return artifact.Id;
            }
        }

        /// <summary>Adds a new version of an artifact and returns the version id.</summary>
        public string AddArtifactVersion(string artifactId, byte[] content)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            lock (_gate)
            {
                EnsureArtifacts();
                var artifact = _artifacts.FirstOrDefault(x => x.Id == artifactId) ?? throw new ArgumentException($"Unknown artifact '{artifactId}'.", nameof(artifactId));
                var version = new SimArtifactVersion { Id = NewId("artv_"), Major = artifact.Latest.Major + 1, Content = (byte[])content.Clone(), CreatedAt = NowUnique() };
                artifact.Versions.Add(version);
                return version.Id;
            }
        }

        /// <summary>Under the lock: the example artifacts of the renewal agent, once.</summary>
        private void EnsureArtifacts()
        {
            if (_artifactsSeeded) return;
            _artifactsSeeded = true;
            if (!Options.SeedData) return;
            const string agent = "r4Ts9Kq2MwX7bLn";
            var brief = new SimArtifact
            {
                Id = "art_Q3m9Xk2L", AgentId = agent, SessionId = "sess_Vk3nQ8wT2p", FileName = "northwind-renewal-brief.docx",
                MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", CreatorId = SeedUserId,
            };
            brief.Versions.Add(new SimArtifactVersion { Id = "artv_4Kd8Wn", Major = 1, Content = Encoding.UTF8.GetBytes("Northwind renewal brief, first draft.\n"), CreatedAt = SimText.ParseTs("2026-09-14T16:28:02Z") });
            brief.Versions.Add(new SimArtifactVersion { Id = "artv_7Rp1Tz", Major = 2, Content = Encoding.UTF8.GetBytes("Northwind renewal brief.\nRenewal date: 2026-10-01. Seats: 240. Risk: low.\n"), CreatedAt = SimText.ParseTs("2026-09-14T16:30:22Z") });
            var chart = new SimArtifact { Id = "art_W8n4Jc6V", AgentId = agent, SessionId = "sess_Hm5rZ1xJ7c", FileName = "contoso-usage.png" };
            chart.Versions.Add(new SimArtifactVersion { Id = "artv_2Ye5Uq", Major = 1, Content = Convert.FromBase64String(TinyPng), CreatedAt = SimText.ParseTs("2026-09-13T10:05:12Z") });
            var usage = new SimArtifact { Id = "art_Fc2Lp9Hs", AgentId = agent, SessionId = "sess_Vk3nQ8wT2p", FileName = "q3-usage-summary.csv", MediaType = "text/csv", CreatorId = SecondUserId };
            usage.Versions.Add(new SimArtifactVersion { Id = "artv_9Qs3Xa", Major = 1, Content = Encoding.UTF8.GetBytes("account,seats,active\nNorthwind,240,231\n"), CreatedAt = SimText.ParseTs("2026-09-12T09:00:00Z") });
            // Deleted files are excluded from lists and cannot be downloaded.
            var deleted = new SimArtifact { Id = "art_Zx0Old1d", AgentId = agent, SessionId = "sess_Vk3nQ8wT2p", FileName = "old-draft.docx", Deleted = true };
            deleted.Versions.Add(new SimArtifactVersion { Id = "artv_0Old", Major = 1, Content = new byte[] { 1 }, CreatedAt = SimText.ParseTs("2026-09-01T09:00:00Z") });
            _artifacts.AddRange(new[] { brief, chart, usage, deleted });
        }

        private SimResponse ListArtifacts(SimRequestContext req, string agentId)
        {
            if (!TryPageSize(req, out int pageSize, out var error)) return error!;
            if (!TryOffsetCursor(req, "offset", out int offset, out error)) return error!;
            string sort = req.Q("sort_order") ?? "newest";
            if (sort != "newest" && sort != "oldest")
                return SimResponse.Error(400, "invalid_sort", "sort_order must be newest or oldest.", "sort_order");
            string? sessionId = req.Q("session_id");
            string? search = req.Q("search_query");
            List<(SimArtifact Artifact, SimArtifactVersion Version, SimUser? Creator, string Url)> page;
            string? next;
            lock (_gate)
            {
                if (FindAgent(agentId) == null) return AgentNotFound();
                EnsureArtifacts();
                var matching = _artifacts
                    .Where(x => !x.Deleted && x.AgentId == agentId)
                    .Where(x => string.IsNullOrEmpty(sessionId) || x.SessionId == sessionId)
                    .Where(x => string.IsNullOrEmpty(search) || x.FileName.IndexOf(search, StringComparison.OrdinalIgnoreCase) >= 0);
                matching = sort == "newest" ? matching.OrderByDescending(x => x.Latest.CreatedAt) : matching.OrderBy(x => x.Latest.CreatedAt);
                var all = matching.ToList();
                page = all.Skip(offset).Take(pageSize)
                    .Select(x => (x, x.Latest, x.CreatorId != null && _users.TryGetValue(x.CreatorId, out var u) ? u : null, SignUrl(x, x.Latest)))
                    .ToList();
                next = offset + page.Count < all.Count ? OffsetCursor("offset", offset + page.Count) : null;
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("artifacts");
                foreach (var (artifact, version, creator, url) in page)
                {
                    w.WriteStartObject();
                    w.WriteString("id", artifact.Id);
                    w.WriteString("version_id", version.Id);
                    w.WriteNumber("major_version", version.Major);
                    w.WriteString("agent_id", artifact.AgentId);
                    SimJson.WriteNullable(w, "session_id", artifact.SessionId);
                    w.WriteString("filename", artifact.FileName);
                    w.WriteString("created_at", SimText.Timestamp(version.CreatedAt));
                    w.WriteStartObject("metadata");
                    if (artifact.MediaType != null)
                    {
                        w.WriteString("media_type", artifact.MediaType);
                        w.WriteNumber("size", version.Content.LongLength);
                    }
                    w.WriteEndObject();
                    w.WriteString("url", url);
                    SimJson.WriteCreator(w, "creator", creator);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        private SimResponse DownloadArtifact(SimRequestContext req, string artifactId)
        {
            string? versionId = req.Q("version_id");
            SimArtifact? artifact;
            SimArtifactVersion? version;
            string url;
            lock (_gate)
            {
                EnsureArtifacts();
                artifact = _artifacts.FirstOrDefault(x => x.Id == artifactId && !x.Deleted);
                if (artifact == null || FindAgent(artifact.AgentId) == null) return SimResponse.Error(404, "artifact_not_found", "Artifact not found.");
                version = string.IsNullOrEmpty(versionId) ? artifact.Latest : artifact.Versions.FirstOrDefault(v => v.Id == versionId);
                if (version == null) return SimResponse.Error(404, "version_not_found", "Artifact version not found.", "version_id");
                url = SignUrl(artifact, version);
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("download_url", url);
                w.WriteString("filename", artifact.FileName);
                SimJson.WriteNullable(w, "media_type", artifact.MediaType ?? "application/octet-stream");
                w.WriteNumber("size", version.Content.LongLength);
                w.WriteEndObject();
            });
        }

        /// <summary>Under the lock: a fresh signed URL for one version, shaped like a Cloud Storage one.</summary>
        private string SignUrl(SimArtifact artifact, SimArtifactVersion version)
        {
            string artifactId = artifact.Id, versionId = version.Id;
            return SignLink(SignedStoragePrefix, Uri.EscapeDataString(artifactId) + "/" + Uri.EscapeDataString(versionId), () =>
            {
                var signed = _artifacts.FirstOrDefault(x => x.Id == artifactId);
                var content = signed?.Versions.FirstOrDefault(v => v.Id == versionId)?.Content;
                return content == null ? null : new SimResponse { Status = 200, ContentType = signed!.MediaType ?? "application/octet-stream", Body = content };
            });
        }
    }
}
