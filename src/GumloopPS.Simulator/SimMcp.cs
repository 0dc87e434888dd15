using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// MCP (API.md 10.8): three connected servers (HubSpot, Gmail, a custom pricing server whose upstream answers 503)
    /// and one that is not connected (Zendesk); tool lists, batched tool calls with per-call results (200 when they
    /// agree, 207 when mixed), resources with text and blob contents and cursor paging, and prompts.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private const string AuthUrlBase = "https://www.gumloop.com/settings/profile/connectors?server=";
        private const int McpResourcePageSize = 2;
        private readonly List<SentMail> _sentMail = new List<SentMail>();

        private static IEnumerable<SimRoute> McpRoutes() => new[]
        {
            Route("GET", "/mcp/servers", (sim, req, a) => sim.ListMcpServers()),
            Route("GET", "/mcp/servers/{server_id}", (sim, req, a) => sim.GetMcpServer(a[0])),
            Route("GET", "/mcp/servers/{server_id}/tools", (sim, req, a) => sim.ListMcpTools(a[0])),
            Route("GET", "/mcp/servers/{server_id}/resources", (sim, req, a) => sim.ListMcpResources(req, a[0])),
            Route("GET", "/mcp/servers/{server_id}/resources/read", (sim, req, a) => sim.ReadMcpResource(req, a[0])),
            Route("GET", "/mcp/servers/{server_id}/prompts", (sim, req, a) => sim.ListMcpPrompts(a[0])),
            Route("POST", "/mcp/servers/{server_id}/prompts/get", (sim, req, a) => sim.GetMcpPrompt(req, a[0])),
            Route("POST", "/mcp/tools/call", (sim, req, a) => sim.CallMcpTools(req)),
        };

        /// <summary>Mail sent through the simulated Gmail server's gmail_send_email tool, oldest first.</summary>
        public IReadOnlyList<string> SentMailSubjects
        {
            get { lock (_gate) return _sentMail.Select(m => m.Subject).ToArray(); }
        }

        private sealed class SentMail
        {
            public string Id = "";
            public string To = "";
            public string Subject = "";
        }

        private sealed class McpSeedServer
        {
            public string Id = "";
            public string Name = "";
            public string Type = "gumcp_server";
            public string Status = "connected";
            public string? IconUrl;
            public string? Description;
            public string? McpUrl;
            public McpSeedTool[] Tools = Array.Empty<McpSeedTool>();
            public bool Connected => Status == "connected";
        }

        private sealed class McpSeedTool
        {
            public string Name = "";
            public string Description = "";
            public string SchemaJson = "{\"type\":\"object\",\"properties\":{}}";
            public string[] Required = Array.Empty<string>();
        }

        private static readonly McpSeedServer[] McpServers =
        {
            new McpSeedServer
            {
                Id = "gumloop_hubspot", Name = "HubSpot", IconUrl = "https://www.gumloop.com/icons/hubspot.svg", Description = "Search and update HubSpot CRM records.",
                Tools = new[]
                {
                    new McpSeedTool { Name = "hubspot_search_deals", Description = "Search deals by company or close date.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"company\":{\"type\":\"string\"},\"close_date_before\":{\"type\":\"string\",\"format\":\"date\"}}}" },
                    new McpSeedTool { Name = "hubspot_get_company", Description = "Fetch a company by domain.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"domain\":{\"type\":\"string\"}},\"required\":[\"domain\"]}", Required = new[] { "domain" } },
                },
            },
            new McpSeedServer
            {
                Id = "gmail", Name = "Gmail", IconUrl = "https://www.gumloop.com/icons/gmail.svg", Description = "Send, search and draft Gmail messages.",
                Tools = new[]
                {
                    new McpSeedTool { Name = "gmail_send_email", Description = "Send an email.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"},\"subject\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}},\"required\":[\"to\",\"subject\"]}",
                        Required = new[] { "to", "subject" } },
                    new McpSeedTool { Name = "gmail_search_messages", Description = "Search the mailbox.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}", Required = new[] { "query" } },
                    new McpSeedTool { Name = "gmail_create_draft", Description = "Save a draft without sending it.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"},\"subject\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}},\"required\":[\"to\"]}", Required = new[] { "to" } },
                },
            },
            new McpSeedServer
            {
                Id = "gumloop_zendesk", Name = "Zendesk", Status = "unauthenticated", IconUrl = "https://www.gumloop.com/icons/zendesk.svg", Description = "Read and triage Zendesk tickets.",
                Tools = new[] { new McpSeedTool { Name = "zendesk_list_tickets", Description = "List open tickets." } },
            },
            new McpSeedServer
            {
                Id = "mcp_6Rk2Wn8x", Name = "Internal pricing service", Type = "mcp_server", McpUrl = "https://pricing.lumenfield.io/mcp",
                Tools = new[]
                {
                    new McpSeedTool { Name = "quote_price", Description = "Quote a list price for a SKU.",
                        SchemaJson = "{\"type\":\"object\",\"properties\":{\"sku\":{\"type\":\"string\"}},\"required\":[\"sku\"]}", Required = new[] { "sku" } },
                },
            },
        };

        private static McpSeedServer? FindMcpServer(string id) => McpServers.FirstOrDefault(s => s.Id == id);

        private static SimResponse McpServerNotFound(string id) =>
            SimResponse.Error(404, "mcp_server_not_found", $"MCP server {id} was not found or is not available to you.", "server_id");

        private static SimResponse McpNotConnected(McpSeedServer s) =>
            SimResponse.Error(409, "mcp_server_not_connected", $"Connect {s.Name} before using it.", "server_id",
                w => { w.WriteString("server_id", s.Id); w.WriteString("gumloop_auth_url", AuthUrlBase + s.Id); });

        private static void WriteMcpServer(Utf8JsonWriter w, McpSeedServer s, bool detail, string? name = null)
        {
            if (name != null) w.WriteStartObject(name); else w.WriteStartObject();
            w.WriteString("server_id", s.Id);
            w.WriteString("name", s.Name);
            w.WriteString("type", s.Type);
            w.WriteString("status", s.Status);
            SimJson.WriteNullable(w, "icon_url", s.IconUrl);
            SimJson.WriteNullable(w, "description", s.Description);
            w.WriteString("gumloop_auth_url", AuthUrlBase + s.Id);
            SimJson.WriteNullable(w, "mcp_url", s.McpUrl);
            w.WriteNumber("tool_count", s.Tools.Length);
            if (detail)
            {
                w.WriteStartArray("allowed_tool_call_ids");
                foreach (var t in s.Tools) w.WriteStringValue(s.Id + "__" + t.Name);
                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("allowed_tool_call_ids");
            }
            w.WriteEndObject();
        }

        private static void WriteListState(Utf8JsonWriter w, McpSeedServer s)
        {
            w.WriteString("server_id", s.Id);
            w.WriteString("status", s.Status);
            w.WriteString("gumloop_auth_url", AuthUrlBase + s.Id);
        }

        private SimResponse ListMcpServers() => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("servers");
            foreach (var s in McpServers) WriteMcpServer(w, s, detail: false);
            w.WriteEndArray();
            w.WriteEndObject();
        });

        private SimResponse GetMcpServer(string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                WriteMcpServer(w, s, detail: true, name: "server");
                w.WriteEndObject();
            });
        }

        private SimResponse ListMcpTools(string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("tools");
                // A server that is not connected cannot be asked: an empty list and the URL to connect it.
                if (s.Connected)
                {
                    foreach (var t in s.Tools)
                    {
                        w.WriteStartObject();
                        w.WriteString("tool_call_id", s.Id + "__" + t.Name);
                        w.WriteString("name", t.Name);
                        w.WriteString("description", t.Description);
                        w.WritePropertyName("input_schema");
                        using (var schema = JsonDocument.Parse(t.SchemaJson)) schema.RootElement.WriteTo(w);
                        w.WriteString("server_id", s.Id);
                        w.WriteString("server_type", s.Type);
                        w.WriteStartObject("server");
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
                WriteListState(w, s);
                w.WriteEndObject();
            });
        }

        private sealed class McpSeedResource
        {
            public string Uri = "";
            public string Name = "";
            public string? Title;
            public string? Description;
            public string MimeType = "application/json";
            public string? Text;
            public string? BlobBase64;
        }

        // A 1x1 PNG, the blob content of the renewals pipeline resource.
        private const string LogoPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

        private static readonly McpSeedResource[] HubSpotResources =
        {
            new McpSeedResource { Uri = "hubspot://pipelines/renewals", Name = "renewals", Title = "Renewals pipeline", Description = "Stages of the renewals pipeline",
                Text = "{\"stages\": [\"Discovery\", \"Proposal\", \"Signed\"]}" },
            new McpSeedResource { Uri = "hubspot://owners", Name = "owners", Text = "{\"owners\": [\"Priya Raman\", \"Marcus Ode\"]}" },
            new McpSeedResource { Uri = "hubspot://brand/logo", Name = "logo", Title = "HubSpot portal logo", MimeType = "image/png", BlobBase64 = LogoPng },
        };

        private SimResponse ListMcpResources(SimRequestContext req, string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            if (!TryOffsetCursor(req, "offset", out int offset, out var error)) return error!;
            var all = s.Connected && s.Id == "gumloop_hubspot" ? HubSpotResources : Array.Empty<McpSeedResource>();
            var page = all.Skip(offset).Take(McpResourcePageSize).ToList();
            string? next = offset + page.Count < all.Length ? OffsetCursor("offset", offset + page.Count) : null;
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("resources");
                foreach (var r in page)
                {
                    w.WriteStartObject();
                    w.WriteString("uri", r.Uri);
                    w.WriteString("name", r.Name);
                    SimJson.WriteNullable(w, "title", r.Title);
                    SimJson.WriteNullable(w, "description", r.Description);
                    w.WriteString("mime_type", r.MimeType);
                    w.WriteNumber("size", r.Text != null ? System.Text.Encoding.UTF8.GetByteCount(r.Text) : Convert.FromBase64String(r.BlobBase64!).Length);
                    w.WriteString("server_id", s.Id);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                WriteListState(w, s);
                SimJson.WriteNullable(w, "next_cursor", next);
                w.WriteEndObject();
            });
        }

        private SimResponse ReadMcpResource(SimRequestContext req, string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            var uri = req.Q("uri");
            if (string.IsNullOrEmpty(uri)) return SimResponse.Error(400, "uri_required", "uri is required.", "uri");
            if (!s.Connected) return McpNotConnected(s);
            var resource = HubSpotResources.FirstOrDefault(r => s.Id == "gumloop_hubspot" && r.Uri == uri);
            if (resource == null) return SimResponse.Error(404, "resource_not_found", $"Resource {uri} was not found on {s.Name}.", "uri");
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("server_id", s.Id);
                w.WriteString("uri", uri);
                w.WriteStartArray("contents");
                WriteContent(w, resource.Uri, resource.MimeType, resource.Text, resource.BlobBase64);
                // The renewals pipeline comes with its logo: one read, one text and one blob content.
                if (resource.Uri == "hubspot://pipelines/renewals") WriteContent(w, resource.Uri + "/logo", "image/png", null, LogoPng);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static void WriteContent(Utf8JsonWriter w, string uri, string mime, string? text, string? blob)
        {
            w.WriteStartObject();
            w.WriteString("uri", uri);
            w.WriteString("mime_type", mime);
            SimJson.WriteNullable(w, "text", text);
            SimJson.WriteNullable(w, "blob", blob);
            w.WriteEndObject();
        }

        private SimResponse ListMcpPrompts(string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("prompts");
                if (s.Connected && s.Id == "gumloop_hubspot")
                {
                    w.WriteStartObject();
                    w.WriteString("name", "summarize_deal");
                    w.WriteString("description", "Summarise a deal for a renewal call");
                    w.WriteStartArray("arguments");
                    w.WriteStartObject(); w.WriteString("name", "deal_id"); w.WriteString("description", "HubSpot deal id"); w.WriteBoolean("required", true); w.WriteEndObject();
                    w.WriteStartObject(); w.WriteString("name", "tone"); w.WriteNull("description"); w.WriteBoolean("required", false); w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteString("server_id", s.Id);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                WriteListState(w, s);
                w.WriteEndObject();
            });
        }

        private SimResponse GetMcpPrompt(SimRequestContext req, string id)
        {
            var s = FindMcpServer(id);
            if (s == null) return McpServerNotFound(id);
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(n.GetString()))
                    return SimResponse.Error(400, "invalid_request", "name is required.", "name");
                if (!s.Connected) return McpNotConnected(s);
                var name = n.GetString()!;
                if (s.Id != "gumloop_hubspot" || name != "summarize_deal")
                    return SimResponse.Error(404, "prompt_not_found", $"Prompt {name} was not found on {s.Name}.", "name");
                string? dealId = null;
                string tone = "friendly";
                if (Prop(doc, "arguments", out var args))
                {
                    if (args.ValueKind != JsonValueKind.Object) return SimResponse.Error(400, "invalid_request", "arguments must be an object.", "arguments");
                    if (args.TryGetProperty("deal_id", out var d)) dealId = d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
                    if (args.TryGetProperty("tone", out var t) && t.ValueKind == JsonValueKind.String) tone = t.GetString()!;
                }
                if (string.IsNullOrEmpty(dealId)) return SimResponse.Error(400, "invalid_request", "The prompt argument deal_id is required.", "arguments");
                return SimResponse.Json(200, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("server_id", s.Id);
                    w.WriteString("name", name);
                    w.WriteString("description", "Summarise a deal for a renewal call");
                    w.WriteStartArray("messages");
                    w.WriteStartObject();
                    w.WriteString("role", "user");
                    w.WriteStartObject("content");
                    w.WriteString("type", "text");
                    w.WriteString("text", $"Summarise HubSpot deal {dealId} in a {tone} tone for a renewal call.");
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
        }

        private sealed class ToolOutcome
        {
            public string Ref = "";
            public string? ServerId;
            public string? ToolName;
            public string Status = "success";
            public string? Text;
            public string? ErrorCode;
            public string? ErrorMessage;
            public string ErrorType = "api_error";
            public string? Param;
            public Action<Utf8JsonWriter>? Details;
        }

        private SimResponse CallMcpTools(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var error)) return error!;
            using (doc)
            {
                if (!Prop(doc, "calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
                    return SimResponse.Error(400, "invalid_request", "calls is required.", "calls");
                int count = calls.GetArrayLength();
                if (count < 1 || count > 5)
                    return SimResponse.Error(400, "invalid_request", "calls must hold between 1 and 5 calls.", "calls");
                var outcomes = new List<ToolOutcome>();
                int index = 0;
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind != JsonValueKind.Object
                        || !call.TryGetProperty("server_id", out var sid) || sid.ValueKind != JsonValueKind.String
                        || !call.TryGetProperty("tool_name", out var tn) || tn.ValueKind != JsonValueKind.String)
                        return SimResponse.Error(400, "invalid_request", $"calls[{index}] needs server_id and tool_name.", "calls");
                    var reference = call.TryGetProperty("ref", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : index.ToString(CultureInfo.InvariantCulture);
                    JsonElement args = call.TryGetProperty("arguments", out var a) && a.ValueKind != JsonValueKind.Null ? a : default;
                    if (args.ValueKind != JsonValueKind.Undefined && args.ValueKind != JsonValueKind.Object)
                        return SimResponse.Error(400, "invalid_request", $"calls[{index}].arguments must be an object.", "calls");
                    outcomes.Add(RunTool(reference, sid.GetString()!, tn.GetString()!, args));
                    index++;
                }

                // 200 when every result shares one outcome, 207 when they are mixed (API.md 10.8).
                bool mixed = outcomes.Select(o => o.Status == "success").Distinct().Count() > 1;
                return SimResponse.Json(mixed ? 207 : 200, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("results");
                    foreach (var o in outcomes)
                    {
                        w.WriteStartObject();
                        w.WriteString("ref", o.Ref);
                        SimJson.WriteNullable(w, "server_id", o.ServerId);
                        SimJson.WriteNullable(w, "tool_name", o.ToolName);
                        w.WriteString("status", o.Status);
                        if (o.Status == "success")
                        {
                            w.WriteStartArray("content");
                            w.WriteStartObject();
                            w.WriteString("type", "text");
                            w.WriteString("text", o.Text);
                            w.WriteEndObject();
                            w.WriteEndArray();
                            w.WriteNull("error");
                        }
                        else
                        {
                            w.WriteNull("content");
                            w.WriteStartObject("error");
                            w.WriteString("code", o.ErrorCode);
                            w.WriteString("message", o.ErrorMessage);
                            w.WriteString("type", o.ErrorType);
                            if (o.Param != null) w.WriteString("param", o.Param);
                            w.WriteStartObject("details");
                            w.WriteString("server_id", o.ServerId);
                            o.Details?.Invoke(w);
                            w.WriteEndObject();
                            w.WriteEndObject();
                        }
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
        }

        private ToolOutcome RunTool(string reference, string serverId, string toolName, JsonElement args)
        {
            var o = new ToolOutcome { Ref = reference, ServerId = serverId, ToolName = toolName };
            ToolOutcome Fail(string status, string code, string message, string type, string? param = null, Action<Utf8JsonWriter>? details = null)
            {
                o.Status = status; o.ErrorCode = code; o.ErrorMessage = message; o.ErrorType = type; o.Param = param; o.Details = details;
                return o;
            }

            var s = FindMcpServer(serverId);
            if (s == null) return Fail("error", "mcp_server_not_found", $"MCP server {serverId} was not found or is not available to you.", "not_found_error", "server_id");
            if (!s.Connected)
                return Fail("unauthenticated", "auth_required", $"Connect {s.Name} before using this tool.", "permission_error", "tool_name", w =>
                {
                    w.WriteString("tool_name", toolName);
                    w.WriteString("gumloop_auth_url", AuthUrlBase + s.Id);
                });
            var tool = s.Tools.FirstOrDefault(t => t.Name == toolName);
            if (tool == null) return Fail("error", "tool_not_allowed", $"{s.Name} has no tool {toolName} that you may use.", "permission_error", "tool_name");
            string Arg(string name) => args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "";
            var missing = tool.Required.FirstOrDefault(name => Arg(name).Length == 0);
            if (missing != null) return Fail("error", "tool_execution_failed", $"The argument {missing} is required by {toolName}.", "invalid_request_error", "arguments");
            if (s.Type == "mcp_server")
                return Fail("error", "mcp_server_http_error", "MCP server returned HTTP 503. Check the MCP server URL, authentication, and credentials.", "api_error", null,
                    w => w.WriteNumber("status_code", 503));

            switch (toolName)
            {
                case "hubspot_get_company":
                    o.Text = JsonSerializer.Serialize(new { name = "Northwind Traders", domain = Arg("domain"), employees = 420 });
                    break;
                case "hubspot_search_deals":
                    o.Text = JsonSerializer.Serialize(new[] { new { id = "88213", name = "Northwind renewal FY27", amount = 48000 } });
                    break;
                case "gmail_send_email":
                    var mail = new SentMail { Id = "msg_" + RandomToken(10), To = Arg("to"), Subject = Arg("subject") };
                    lock (_gate) _sentMail.Add(mail);
                    o.Text = JsonSerializer.Serialize(new { id = mail.Id, to = mail.To, status = "sent" });
                    break;
                case "gmail_search_messages":
                    List<SentMail> found;
                    lock (_gate) found = _sentMail.Where(m => m.Subject.IndexOf(Arg("query"), StringComparison.OrdinalIgnoreCase) >= 0).ToList();
                    o.Text = JsonSerializer.Serialize(found.Select(m => new { id = m.Id, to = m.To, subject = m.Subject }));
                    break;
                default:
                    o.Text = "Draft saved for " + Arg("to") + ".";
                    break;
            }
            return o;
        }
    }
}
