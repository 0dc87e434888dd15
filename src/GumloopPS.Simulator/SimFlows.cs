using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// The flow ("pipeline") endpoints of API.md section 10.2. They are legacy routes: ids go in the query or
    /// body, callers name themselves with user_id/project_id, and errors use the flat <c>{"error": "..."}</c> shape.
    /// A run's state is computed from the clock on every read, so runs need no timers.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        internal const string RenewalWorkbookId = "wb3Hs9QpZ1mC6yTe";
        internal const string BillingWorkbookId = "wbN6tQ1fLy8Kx4Ga";
        internal const string RenewalFlowId = "fL4nT8wQ2xVd7kRb";
        internal const string ChurnFlowId = "kP7vD2sM9qRw3zXc";
        internal const string SeedDoneRunId = "6pWq2NzKc8YtR3vB9mLhXa";
        internal const string SeedFailedRunId = "Qm1xF5bV7rT2kW9nYs3Hd";

        private const int MaxHistoryPerFlow = 10;
        private static readonly Regex DelayDirective = new Regex(@"sim:delay=(\d+)", RegexOptions.CultureInvariant);

        private static readonly string[] ReservedFlowKeys =
        {
            "api_key", "saved_item_id", "user_id", "project_id", "openai_token", "action_id", "reuse_action", "trigger_id", "pipeline_inputs",
        };

        private FlowState? _flowState;

        /// <summary>Under <c>_gate</c>: the flow data, seeded on first use.</summary>
        private FlowState Flows => _flowState ??= NewFlowState(Options.SeedData);

        /// <summary>The bytes a run's output file holds (null if the run or file does not exist), so tests can check downloads byte for byte.</summary>
        public byte[]? GetFlowRunFile(string runId, string fileName)
        {
            lock (_gate)
            {
                if (!Flows.Runs.TryGetValue(runId ?? "", out var run)) return null;
                return run.Files.TryGetValue(fileName ?? "", out var bytes) ? (byte[])bytes.Clone() : null;
            }
        }

        /// <summary>The bytes last uploaded under <paramref name="fileName"/> with <c>POST /upload_file(s)</c>, or null.</summary>
        public byte[]? GetUploadedFlowFile(string fileName)
        {
            lock (_gate)
            {
                return Flows.Uploads.TryGetValue(fileName ?? "", out var bytes) ? (byte[])bytes.Clone() : null;
            }
        }

        /// <summary>Routes the flow endpoints and the extra non-session routes; false leaves the request to the canonical 404.</summary>
        private static IEnumerable<SimRoute> FlowRoutes() => new[]
        {
            Route("POST", "/start_pipeline", (sim, req, a) => sim.StartPipeline(req)),
            Route("POST", "/kill_pipeline", (sim, req, a) => sim.KillPipeline(req)),
            Route("GET", "/get_pl_run", (sim, req, a) => sim.GetPipelineRun(req)),
            Route("GET", "/list_workbooks", (sim, req, a) => sim.ListWorkbooks(req)),
            Route("GET", "/list_saved_items", (sim, req, a) => sim.ListSavedItems(req)),
            Route("GET", "/get_inputs", (sim, req, a) => sim.GetInputs(req)),
            Route("GET", "/get_plrun_saved_item_map", (sim, req, a) => sim.GetRunHistory(req)),
            Route("POST", "/download_file", (sim, req, a) => sim.DownloadFile(req)),
            Route("POST", "/download_files", (sim, req, a) => sim.DownloadFiles(req)),
            Route("POST", "/upload_file", (sim, req, a) => sim.UploadFlowFile(req)),
            Route("POST", "/upload_files", (sim, req, a) => sim.UploadFlowFiles(req)),
        };

        private static SimResponse Flat(int status, string error) => SimResponse.Json(status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteEndObject();
        });

        private static readonly HashSet<string> LegacyFlowRoutes = new HashSet<string>(StringComparer.Ordinal)
        {
            "start_pipeline", "kill_pipeline", "get_pl_run", "list_workbooks", "list_saved_items", "get_inputs",
            "get_plrun_saved_item_map", "download_file", "download_files", "upload_file", "upload_files",
        };

        /// <summary>The section 10.2 routes on the api host, which authenticate the legacy way.</summary>
        private static bool IsLegacyFlowRoute(SimRequestContext req) =>
            !req.IsStreamHost && req.Segments is { Length: 1 } s && LegacyFlowRoutes.Contains(s[0]);

        /// <summary>
        /// user_id/project_id: at least one, and each must belong to the caller (API.md section 2.2). A personal key
        /// acts only as its owner. A team key acts as any member of its team named by user_id, and its team travels
        /// as project_id (or as team_id, which this module sends).
        /// </summary>
        private SimResponse? CheckFlowScope(SimRequestContext req, string? userId, string? projectId)
        {
            if (string.IsNullOrEmpty(userId) && string.IsNullOrEmpty(projectId)) return Flat(400, "project_id or user_id is required");
            var cred = req.Credential!;
            if (cred.Kind == CredentialKind.TeamKey)
            {
                string? keyTeam = !string.IsNullOrEmpty(projectId) ? projectId : req.Q("team_id");
                if (!string.Equals(keyTeam, cred.TeamId, StringComparison.Ordinal))
                    return Flat(403, "Team API keys must be used with project_id set to the key's team");
                if (!string.IsNullOrEmpty(userId))
                {
                    // Every simulated user belongs to the simulator's one team, so any known user is a member.
                    SimUser? member;
                    lock (_gate) _users.TryGetValue(userId!, out member);
                    if (member == null) return Flat(403, "Forbidden: user_id is not a member of project_id");
                    if (req.AuthKey == null) req.Caller = member;
                }
                return null;
            }
            if (!string.IsNullOrEmpty(userId) && !string.Equals(userId, req.Caller!.Id, StringComparison.Ordinal))
                return Flat(403, "API key does not match user_id");
            if (!string.IsNullOrEmpty(projectId) && !string.Equals(projectId, TeamId, StringComparison.Ordinal))
                return Flat(403, "Forbidden: not a member of project_id");
            // Without x-auth-key the key's owner must be named: a personal key with only project_id names nobody.
            if (req.AuthKey == null && cred.Kind == CredentialKind.ApiKey && string.IsNullOrEmpty(userId))
                return Flat(400, "user_id is required with a personal API key");
            return null;
        }

        private SimResponse? CheckQueryScope(SimRequestContext req) => CheckFlowScope(req, req.Q("user_id"), req.Q("project_id"));

        private static string? BodyString(JsonDocument? doc, string name) =>
            Prop(doc, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        /// <summary>Parses the JSON body and checks its scope; on failure <paramref name="error"/> is the answer.</summary>
        private bool TryReadFlowBody(SimRequestContext req, out JsonDocument? doc, out SimResponse? error)
        {
            if (!TryReadBody(req, out doc, out error))
            {
                // Legacy endpoints answer validation problems in the flat shape too.
                error = Flat(400, "The request body must be a JSON object.");
                return false;
            }
            error = CheckFlowScope(req, BodyString(doc, "user_id"), BodyString(doc, "project_id"));
            if (error != null)
            {
                doc?.Dispose();
                doc = null;
                return false;
            }
            return true;
        }

        private static string LegacyTs(DateTimeOffset t) =>
            t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

        private static void WriteSavedItem(Utf8JsonWriter w, SimFlow f)
        {
            w.WriteStartObject();
            w.WriteString("saved_item_id", f.Id);
            w.WriteString("name", f.Name);
            SimJson.WriteNullable(w, "description", f.Description);
            w.WriteString("created_ts", LegacyTs(f.CreatedAt));
            w.WriteEndObject();
        }

        private SimResponse ListWorkbooks(SimRequestContext req)
        {
            var scope = CheckQueryScope(req);
            if (scope != null) return scope;
            List<SimWorkbook> workbooks;
            lock (_gate) workbooks = Flows.Workbooks.Select(b => b.Snapshot()).ToList();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("workbooks");
                foreach (var b in workbooks)
                {
                    w.WriteStartObject();
                    w.WriteString("workbook_id", b.Id);
                    w.WriteString("name", b.Name);
                    SimJson.WriteNullable(w, "description", b.Description);
                    w.WriteString("created_ts", LegacyTs(b.CreatedAt));
                    w.WriteStartArray("saved_items");
                    foreach (var f in b.Flows) WriteSavedItem(w, f);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private SimResponse ListSavedItems(SimRequestContext req)
        {
            var scope = CheckQueryScope(req);
            if (scope != null) return scope;
            List<SimFlow> flows;
            lock (_gate) flows = Flows.AllFlows().ToList();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("saved_items");
                foreach (var f in flows) WriteSavedItem(w, f);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private SimResponse GetInputs(SimRequestContext req)
        {
            var id = req.Q("saved_item_id");
            if (string.IsNullOrEmpty(id)) return Flat(400, "saved_item_id is required");
            var scope = CheckQueryScope(req);
            if (scope != null) return scope;
            SimFlow? flow;
            lock (_gate) flow = Flows.FindFlow(id!);
            if (flow == null) return Flat(404, "Saved item not found");
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("inputs");
                foreach (var input in flow.Inputs)
                {
                    w.WriteStartObject();
                    w.WriteString("data_type", input.DataType);
                    SimJson.WriteNullable(w, "description", input.Description);
                    w.WriteString("name", input.Name);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private SimResponse StartPipeline(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                var flowId = BodyString(doc, "saved_item_id");
                if (string.IsNullOrEmpty(flowId)) return Flat(400, "saved_item_id is required");
                var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
                if (doc != null)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (ReservedFlowKeys.Contains(p.Name)) continue;
                        inputs[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
                    }
                    // The legacy list encoding, still sent by the official SDK.
                    if (Prop(doc, "pipeline_inputs", out var legacy) && legacy.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in legacy.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("input_name", out var n) || n.ValueKind != JsonValueKind.String) continue;
                            var value = item.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()) : "";
                            inputs[n.GetString()!] = value;
                        }
                    }
                }

                SimFlowRun run;
                lock (_gate)
                {
                    var flow = Flows.FindFlow(flowId!);
                    if (flow == null) return Flat(404, "Saved item not found");
                    var now = DateTimeOffset.UtcNow;
                    var total = Options.ReplyDelay;
                    foreach (var value in inputs.Values)
                    {
                        var match = DelayDirective.Match(value);
                        if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int ms))
                            total = TimeSpan.FromMilliseconds(ms);
                    }
                    run = new SimFlowRun
                    {
                        RunId = RandomToken(22),
                        Flow = flow,
                        UserId = req.Caller!.Id,
                        CreatedAt = now,
                        // A quarter of the run queued, the rest running: a poller sees every state.
                        StartAt = now + TimeSpan.FromTicks(total.Ticks / 4),
                        EndAt = now + total,
                        Fail = inputs.Values.Any(v => v.IndexOf("sim:fail", StringComparison.Ordinal) >= 0),
                        Inputs = inputs,
                    };
                    run.Files = flow.MakeFiles(run);
                    Flows.Runs[run.RunId] = run;
                }
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("run_id", run.RunId);
                    w.WriteString("saved_item_id", run.Flow.Id);
                    w.WriteString("workbook_id", run.Flow.WorkbookId);
                    w.WriteString("url", $"https://www.gumloop.com/pipeline?run_id={run.RunId}&workbook_id={run.Flow.WorkbookId}");
                    w.WriteEndObject();
                });
            }
        }

        private SimResponse GetPipelineRun(SimRequestContext req)
        {
            var runId = req.Q("run_id");
            if (string.IsNullOrEmpty(runId)) return Flat(400, "run_id is required");
            var scope = CheckQueryScope(req);
            if (scope != null) return scope;
            SimFlowRun? run;
            RunView view = default;
            lock (_gate)
            {
                // Computed under the lock: a concurrent kill writes KilledAt.
                if (Flows.Runs.TryGetValue(runId!, out run)) view = run.View(DateTimeOffset.UtcNow);
            }
            if (run == null) return Flat(404, "Pipeline run not found");
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("user_id", run.UserId);
                w.WriteString("state", view.State);
                w.WriteStartObject("outputs");
                foreach (var o in view.Outputs) w.WriteString(o.Key, o.Value);
                w.WriteEndObject();
                w.WriteString("created_ts", LegacyTs(run.CreatedAt));
                if (view.FinishedAt is DateTimeOffset f) w.WriteString("finished_ts", LegacyTs(f)); else w.WriteNull("finished_ts");
                w.WriteStartArray("log");
                foreach (var line in view.Log) w.WriteStringValue(line);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private SimResponse KillPipeline(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            string? runId;
            using (doc) runId = BodyString(doc, "run_id");
            if (string.IsNullOrEmpty(runId)) return Flat(400, "run_id is required");
            bool killed;
            lock (_gate)
            {
                if (!Flows.Runs.TryGetValue(runId!, out var run)) return Flat(404, "Pipeline run not found");
                var now = DateTimeOffset.UtcNow;
                killed = !IsTerminalFlowState(run.View(now).State);
                if (killed) run.KilledAt = now;
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("success", killed);
                w.WriteString("run_id", runId);
                w.WriteEndObject();
            });
        }

        private static bool IsTerminalFlowState(string state) => state == "DONE" || state == "FAILED" || state == "TERMINATED";

        private SimResponse GetRunHistory(SimRequestContext req)
        {
            var flowId = req.Q("saved_item_id");
            var workbookId = req.Q("workbook_id");
            if (string.IsNullOrEmpty(flowId) && string.IsNullOrEmpty(workbookId)) return Flat(400, "workbook_id or saved_item_id is required");
            var scope = CheckQueryScope(req);
            if (scope != null) return scope;
            var now = DateTimeOffset.UtcNow;
            var map = new List<KeyValuePair<string, List<(SimFlowRun Run, RunView View)>>>();
            lock (_gate)
            {
                IEnumerable<SimFlow> flows;
                if (!string.IsNullOrEmpty(flowId))
                {
                    var flow = Flows.FindFlow(flowId!);
                    if (flow == null) return Flat(404, "Saved item not found");
                    if (!string.IsNullOrEmpty(workbookId) && flow.WorkbookId != workbookId) return Flat(404, "Workbook not found");
                    flows = new[] { flow };
                }
                else
                {
                    var book = Flows.Workbooks.FirstOrDefault(b => b.Id == workbookId);
                    if (book == null) return Flat(404, "Workbook not found");
                    flows = book.Flows.ToList();
                }
                foreach (var f in flows)
                {
                    var runs = Flows.Runs.Values.Where(r => r.Flow == f).OrderByDescending(r => r.CreatedAt).Take(MaxHistoryPerFlow)
                        .Select(r => (r, r.View(now))).ToList();
                    map.Add(new KeyValuePair<string, List<(SimFlowRun, RunView)>>(f.Id, runs));
                }
            }
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                foreach (var entry in map)
                {
                    w.WriteStartArray(entry.Key);
                    foreach (var (run, view) in entry.Value)
                    {
                        w.WriteStartObject();
                        w.WriteString("run_id", run.RunId);
                        w.WriteString("state", view.State);
                        w.WriteString("created_ts", LegacyTs(run.CreatedAt));
                        if (view.FinishedAt is DateTimeOffset f) w.WriteString("finished_ts", LegacyTs(f)); else w.WriteNull("finished_ts");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            });
        }

        private SimResponse DownloadFile(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            string? fileName, runId, flowId;
            using (doc)
            {
                fileName = BodyString(doc, "file_name");
                runId = BodyString(doc, "run_id");
                flowId = BodyString(doc, "saved_item_id");
            }
            if (string.IsNullOrEmpty(fileName)) return Flat(400, "file_name is required");
            if (string.IsNullOrEmpty(runId)) return Flat(400, "run_id is required");
            byte[] bytes;
            lock (_gate)
            {
                var lookup = FindRunFiles(runId!, flowId, out var problem);
                if (lookup == null) return problem!;
                if (!lookup.TryGetValue(fileName!, out var found)) return Flat(404, "File not found: " + fileName);
                bytes = found;
            }
            return new SimResponse { Status = 200, ContentType = ContentTypeOf(fileName!), Body = bytes };
        }

        private SimResponse DownloadFiles(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            string? runId, flowId;
            var names = new List<string>();
            using (doc)
            {
                runId = BodyString(doc, "run_id");
                flowId = BodyString(doc, "saved_item_id");
                if (Prop(doc, "file_names", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                        if (item.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(item.GetString())) names.Add(item.GetString()!);
                }
            }
            if (names.Count == 0) return Flat(400, "file_names is required");
            if (string.IsNullOrEmpty(runId)) return Flat(400, "run_id is required");
            var files = new List<KeyValuePair<string, byte[]>>();
            lock (_gate)
            {
                var lookup = FindRunFiles(runId!, flowId, out var problem);
                if (lookup == null) return problem!;
                var missing = names.Where(n => !lookup.ContainsKey(n)).ToList();
                if (missing.Count > 0) return Flat(404, "File not found: " + string.Join(", ", missing));
                foreach (var n in names.Distinct(StringComparer.Ordinal)) files.Add(new KeyValuePair<string, byte[]>(n, lookup[n]));
            }
            using var ms = new MemoryStream();
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var f in files)
                {
                    var entry = zip.CreateEntry(f.Key, CompressionLevel.Fastest);
                    using var es = entry.Open();
                    es.Write(f.Value, 0, f.Value.Length);
                }
            }
            return new SimResponse { Status = 200, ContentType = "application/zip", Body = ms.ToArray() };
        }

        /// <summary>Under the lock: a run's files once it is DONE; otherwise the error to answer.</summary>
        private Dictionary<string, byte[]>? FindRunFiles(string runId, string? flowId, out SimResponse? problem)
        {
            problem = null;
            if (!Flows.Runs.TryGetValue(runId, out var run))
            {
                problem = Flat(404, "Pipeline run not found");
                return null;
            }
            if (!string.IsNullOrEmpty(flowId) && flowId != run.Flow.Id)
            {
                problem = Flat(403, "Verification failed: the run does not belong to saved_item_id");
                return null;
            }
            var state = run.View(DateTimeOffset.UtcNow).State;
            if (state != "DONE")
            {
                problem = Flat(400, $"The run is {state}; files are available once it is DONE");
                return null;
            }
            return run.Files;
        }

        private static string ContentTypeOf(string fileName)
        {
            switch (Path.GetExtension(fileName).ToLowerInvariant())
            {
                case ".csv": return "text/csv; charset=utf-8";
                case ".txt": return "text/plain; charset=utf-8";
                case ".md": return "text/markdown; charset=utf-8";
                case ".json": return "application/json";
                case ".png": return "image/png";
                default: return "application/octet-stream";
            }
        }

        private SimResponse UploadFlowFile(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            string? name, content;
            using (doc)
            {
                name = BodyString(doc, "file_name");
                content = BodyString(doc, "file_content");
            }
            if (string.IsNullOrEmpty(name) || content == null) return Flat(400, "file_name and file_content are required");
            if (!TryStore(name!, content, out var failure)) return Flat(failure == "invalid" ? 400 : 500, failure == "invalid" ? "file_content is not valid base64" : "File upload failed");
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("success", true);
                w.WriteString("file_name", name);
                w.WriteEndObject();
            });
        }

        private SimResponse UploadFlowFiles(SimRequestContext req)
        {
            if (!TryReadFlowBody(req, out var doc, out var error)) return error!;
            var uploaded = new List<string>();
            var failed = new List<string>();
            using (doc)
            {
                if (!Prop(doc, "files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
                    return Flat(400, "files is required");
                foreach (var f in files.EnumerateArray())
                {
                    var name = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("file_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    var content = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("file_content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (string.IsNullOrEmpty(name) || content == null || !TryStore(name!, content, out _)) failed.Add(name ?? "");
                    else uploaded.Add(name!);
                }
            }
            if (uploaded.Count == 0) return Flat(500, "All file uploads failed");
            return SimResponse.Json(failed.Count == 0 ? 200 : 207, w =>
            {
                w.WriteStartObject();
                if (failed.Count == 0) w.WriteBoolean("success", true); else w.WriteBoolean("partial_success", true);
                w.WriteStartArray("uploaded_files");
                foreach (var n in uploaded) w.WriteStringValue(n);
                w.WriteEndArray();
                if (failed.Count > 0)
                {
                    w.WriteStartArray("failed_files");
                    foreach (var n in failed) w.WriteStringValue(n);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            });
        }

        /// <summary>Stores an upload; a name containing <c>sim:fail</c> fails, to exercise partial success.</summary>
        private bool TryStore(string name, string base64, out string failure)
        {
            failure = "";
            if (name.IndexOf("sim:fail", StringComparison.Ordinal) >= 0)
            {
                failure = "failed";
                return false;
            }
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                failure = "invalid";
                return false;
            }
            lock (_gate) Flows.Uploads[name] = bytes;
            return true;
        }


        private sealed class FlowState
        {
            public readonly List<SimWorkbook> Workbooks = new List<SimWorkbook>();
            public readonly Dictionary<string, SimFlowRun> Runs = new Dictionary<string, SimFlowRun>(StringComparer.Ordinal);
            public readonly Dictionary<string, byte[]> Uploads = new Dictionary<string, byte[]>(StringComparer.Ordinal);

            public IEnumerable<SimFlow> AllFlows() => Workbooks.SelectMany(b => b.Flows);

            public SimFlow? FindFlow(string id) => AllFlows().FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));
        }

        private sealed class SimWorkbook
        {
            public string Id = "";
            public string Name = "";
            public string? Description;
            public DateTimeOffset CreatedAt;
            public List<SimFlow> Flows = new List<SimFlow>();

            public SimWorkbook Snapshot()
            {
                var copy = (SimWorkbook)MemberwiseClone();
                copy.Flows = Flows.ToList();
                return copy;
            }
        }

        private sealed class SimFlowInput
        {
            public SimFlowInput(string name, string dataType, string? description)
            {
                Name = name; DataType = dataType; Description = description;
            }

            public string Name { get; }
            public string DataType { get; }
            public string? Description { get; }
        }

        private sealed class SimFlow
        {
            public string Id = "";
            public string WorkbookId = "";
            public string Name = "";
            public string? Description;
            public DateTimeOffset CreatedAt;
            public SimFlowInput[] Inputs = Array.Empty<SimFlowInput>();

            /// <summary>Output name to template; <c>{input}</c> is replaced by that input's value.</summary>
            public KeyValuePair<string, string>[] Outputs = Array.Empty<KeyValuePair<string, string>>();

            /// <summary>The steps a run logs between "Run started" and its outputs.</summary>
            public string[] Steps = Array.Empty<string>();
            public Func<SimFlowRun, Dictionary<string, byte[]>> MakeFiles = _ => new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        private readonly struct RunView
        {
            public RunView(string state, DateTimeOffset? finishedAt, IReadOnlyList<KeyValuePair<string, string>> outputs, IReadOnlyList<string> log)
            {
                State = state; FinishedAt = finishedAt; Outputs = outputs; Log = log;
            }

            public string State { get; }
            public DateTimeOffset? FinishedAt { get; }
            public IReadOnlyList<KeyValuePair<string, string>> Outputs { get; }
            public IReadOnlyList<string> Log { get; }
        }

        private sealed class SimFlowRun
        {
            public string RunId = "";
            public SimFlow Flow = null!;
            public string UserId = "";
            public DateTimeOffset CreatedAt;
            public DateTimeOffset StartAt;
            public DateTimeOffset EndAt;
            public bool Fail;
            public DateTimeOffset? KilledAt;
            public Dictionary<string, string> Inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            public Dictionary<string, byte[]> Files = new Dictionary<string, byte[]>(StringComparer.Ordinal);

            /// <summary>Seeded history runs replay a fixed log and outputs instead of the flow's templates.</summary>
            public string[]? FixedLog;
            public KeyValuePair<string, string>[]? FixedOutputs;

            public RunView View(DateTimeOffset now)
            {
                var log = new List<string>();
                var outputs = new List<KeyValuePair<string, string>>();
                string state;
                DateTimeOffset? finished = null;
                if (KilledAt is DateTimeOffset killed && killed < EndAt)
                {
                    state = "TERMINATED";
                    finished = killed;
                }
                else if (now < StartAt) state = "QUEUED";
                else if (now < EndAt) state = "RUNNING";
                else
                {
                    state = Fail ? "FAILED" : "DONE";
                    finished = EndAt;
                }

                if (FixedLog != null)
                {
                    log.AddRange(FixedLog);
                    if (state == "DONE" && FixedOutputs != null) outputs.AddRange(FixedOutputs);
                    return new RunView(state, finished, outputs, log);
                }

                if (state == "QUEUED") return new RunView(state, finished, outputs, log);
                log.Add("__system__: Run started");
                foreach (var name in Inputs.Keys) log.Add("Input: Received " + name);
                // Steps run evenly over the running time, so a poller sees the log grow.
                double span = Math.Max(1, (EndAt - StartAt).Ticks);
                double progress = state == "RUNNING" ? (now - StartAt).Ticks / span : 1.0;
                int stepsDone = Fail ? Math.Max(0, Flow.Steps.Length - 1) : Flow.Steps.Length;
                int shown = state == "RUNNING" ? Math.Min(stepsDone, (int)(progress * (Flow.Steps.Length + 1))) : stepsDone;
                if (state == "TERMINATED")
                {
                    double atKill = (KilledAt!.Value - StartAt).Ticks / span;
                    shown = Math.Max(0, Math.Min(stepsDone, (int)(atKill * (Flow.Steps.Length + 1))));
                }
                for (int i = 0; i < shown; i++) log.Add(Flow.Steps[i]);
                switch (state)
                {
                    case "DONE":
                        foreach (var o in Flow.Outputs)
                        {
                            outputs.Add(new KeyValuePair<string, string>(o.Key, Fill(o.Value)));
                            log.Add("Output: " + o.Key);
                        }
                        log.Add("__system__: Run finished");
                        break;
                    case "FAILED":
                        string failing = Flow.Steps.Length > 0 ? Flow.Steps[Flow.Steps.Length - 1].Split(':')[0] : "Flow";
                        log.Add(failing + ": Error - the sim:fail directive failed this step");
                        log.Add("__system__: Run failed");
                        break;
                    case "TERMINATED":
                        log.Add("__system__: Run terminated by API request");
                        break;
                }
                return new RunView(state, finished, outputs, log);
            }

            public string Fill(string template)
            {
                var sb = new StringBuilder(template);
                foreach (var input in Inputs) sb.Replace("{" + input.Key + "}", input.Value);
                return sb.ToString();
            }
        }

        private static FlowState NewFlowState(bool seed)
        {
            var state = new FlowState();
            if (!seed) return state;

            var renewal = new SimFlow
            {
                Id = RenewalFlowId,
                WorkbookId = RenewalWorkbookId,
                Name = "Account renewal brief",
                Description = "Scrapes the account site and summarises usage",
                CreatedAt = SimText.ParseTs("2026-06-02T08:16:01+00:00"),
                Inputs = new[]
                {
                    new SimFlowInput("account_domain", "string", "Company website domain, without https://"),
                    new SimFlowInput("usage_export", "file", null),
                },
                Outputs = new[]
                {
                    new KeyValuePair<string, string>("renewal_summary", "Renewal brief for {account_domain}: renews on 2026-11-30; seat usage is 82% of plan."),
                    new KeyValuePair<string, string>("risk_score", "0.31"),
                },
                Steps = new[] { "Web Scraper: Fetched 3 pages", "Ask AI: Generated summary" },
                MakeFiles = run =>
                {
                    run.Inputs.TryGetValue("account_domain", out var domain);
                    return new Dictionary<string, byte[]>(StringComparer.Ordinal)
                    {
                        ["renewal_brief.csv"] = Encoding.UTF8.GetBytes(
                            "account,renewal_date,seats_used,seats_purchased\n" + (string.IsNullOrEmpty(domain) ? "Northwind Traders" : domain) + ",2026-11-30,41,50\n"),
                        ["call_notes.md"] = Encoding.UTF8.GetBytes("# Renewal call notes\n\n- Account: " + domain + "\n- Run: " + run.RunId + "\n- Ünïcødé survives the trip: ✓\n"),
                        ["usage_chart.png"] = BinaryFile(run.RunId, 4096),
                    };
                },
            };
            var churn = new SimFlow
            {
                Id = ChurnFlowId,
                WorkbookId = RenewalWorkbookId,
                Name = "Churn signal digest",
                Description = null,
                CreatedAt = SimText.ParseTs("2026-07-19T13:40:22+00:00"),
                Inputs = new[] { new SimFlowInput("segment", "string", "Customer segment to scan, for example enterprise") },
                Outputs = new[] { new KeyValuePair<string, string>("digest", "3 accounts in {segment} show churn signals.") },
                Steps = new[] { "HubSpot Reader: Read 120 deals", "Ask AI: Scored churn risk" },
                MakeFiles = run => new Dictionary<string, byte[]>(StringComparer.Ordinal)
                {
                    ["churn_digest.txt"] = Encoding.UTF8.GetBytes("Churn digest for run " + run.RunId + "\n"),
                },
            };
            state.Workbooks.Add(new SimWorkbook
            {
                Id = RenewalWorkbookId,
                Name = "Renewal research",
                Description = "Account research before renewal calls",
                CreatedAt = SimText.ParseTs("2026-06-02T08:15:33+00:00"),
                Flows = { renewal, churn },
            });
            state.Workbooks.Add(new SimWorkbook
            {
                Id = BillingWorkbookId,
                Name = "Billing ops",
                Description = "",
                CreatedAt = SimText.ParseTs("2026-04-27T10:00:00+00:00"),
            });

            // The two runs of flows.get_plrun_saved_item_map.200.json, with the logs of the get_pl_run examples.
            var done = new SimFlowRun
            {
                RunId = SeedDoneRunId,
                Flow = renewal,
                UserId = SeedUserId,
                CreatedAt = SimText.ParseTs("2026-09-14T16:02:41.318204+00:00"),
                EndAt = SimText.ParseTs("2026-09-14T16:03:19.902551+00:00"),
                Inputs = { ["account_domain"] = "northwindtraders.example" },
                FixedLog = new[]
                {
                    "__system__: Run started", "Input: Received account_domain", "Web Scraper: Fetched 3 pages", "Ask AI: Generated summary",
                    "Output: renewal_summary", "Output: risk_score", "__system__: Run finished",
                },
                FixedOutputs = new[]
                {
                    new KeyValuePair<string, string>("renewal_summary", "Northwind Traders renews on 2026-11-30; seat usage is 82% of plan."),
                    new KeyValuePair<string, string>("risk_score", "0.31"),
                },
            };
            done.StartAt = done.CreatedAt;
            done.Files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                ["renewal_brief.csv"] = Encoding.UTF8.GetBytes("account,renewal_date,seats_used,seats_purchased\nNorthwind Traders,2026-11-30,41,50\n"),
            };
            var failed = new SimFlowRun
            {
                RunId = SeedFailedRunId,
                Flow = renewal,
                UserId = SeedUserId,
                CreatedAt = SimText.ParseTs("2026-09-13T09:30:00.000000+00:00"),
                EndAt = SimText.ParseTs("2026-09-13T09:30:09.100000+00:00"),
                Fail = true,
                FixedLog = new[] { "__system__: Run started", "Google Sheets Reader: Error - spreadsheet not found", "__system__: Run failed" },
            };
            failed.StartAt = failed.CreatedAt;
            state.Runs[done.RunId] = done;
            state.Runs[failed.RunId] = failed;
            return state;
        }

        /// <summary>Deterministic bytes covering every value 0-255, so a text-mode download would visibly corrupt them.</summary>
        private static byte[] BinaryFile(string seed, int length)
        {
            var bytes = new byte[length];
            byte[] png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
            Array.Copy(png, bytes, png.Length);
            uint x = 2166136261;
            foreach (char c in seed) x = (x ^ c) * 16777619;
            for (int i = png.Length; i < length; i++)
            {
                x ^= x << 13; x ^= x >> 17; x ^= x << 5;
                bytes[i] = i < png.Length + 256 ? (byte)(i - png.Length) : (byte)x;
            }
            return bytes;
        }
    }
}
