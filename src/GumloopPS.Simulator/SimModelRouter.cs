using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// Models (API.md 10.5): the model picker's groups, and the router behind model <c>auto</c> (Gumloop Chew). The
    /// router decides deterministically from the message: its length and a few words that ask for depth pick the
    /// lane it needs, and the cheapest eligible candidate at or above that lane wins. <c>sim:no-credits</c> in the
    /// input answers 402, as a spent credit limit does.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private static readonly string[] Lanes = { "micro", "light", "standard", "plus", "max" };

        /// <summary>Registered models the router knows: lane, how the lane was assigned, and whether policy restricts it.</summary>
        private static readonly (string Id, string Lane, string Basis, bool Restricted)[] RoutableModels =
        {
            ("gpt-4o-mini", "light", "catalog", false),
            ("claude-sonnet-4-5", "standard", "catalog", false),
            ("gpt-4.1", "standard", "catalog", false),
            ("gemini-2.5-pro", "standard", "rating", false),
            ("claude-opus-4-1", "max", "price", true),
        };

        private static readonly string[] DeepWords = { "analyse", "analyze", "prove", "plan", "strategy", "compare", "architecture" };

        private static readonly string[] RouteBodyKeys = { "input", "message", "models", "history", "agent", "team_id" };

        private static IEnumerable<SimRoute> ModelRoutes() => new[]
        {
            Route("GET", "/models", (sim, req, a) => sim.ListModels()),
            Route("POST", "/models/route", (sim, req, a) => sim.RouteModel(req)),
        };

        private SimResponse ListModels() => SimResponse.Raw(200, "application/json; charset=utf-8",
            "{\"model_groups\":[{\"id\":\"recommended\",\"name\":\"Recommended\",\"models\":[{\"id\":\"auto\",\"name\":\"Auto\",\"provider\":\"gumloop\"}," +
            "{\"id\":\"claude-sonnet-4-5\",\"name\":\"Claude Sonnet 4.5\",\"provider\":\"anthropic\"}]},{\"id\":\"fast\",\"name\":\"Fast & cheap\"," +
            "\"models\":[{\"id\":\"gpt-4o-mini\",\"name\":\"GPT-4o mini\",\"provider\":\"openai\"}]}]}");

        private static SimResponse BadRoute(string message, string param) => SimResponse.Error(400, "invalid_request", message, param);

        /// <summary>A string, or an array of <c>{type:"text", text}</c> parts, joined.</summary>
        private static bool TryReadText(JsonElement value, out string text)
        {
            text = "";
            if (value.ValueKind == JsonValueKind.String)
            {
                text = value.GetString()!;
                return true;
            }
            if (value.ValueKind != JsonValueKind.Array) return false;
            var parts = new List<string>();
            foreach (var part in value.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var t) || t.GetString() != "text"
                    || !part.TryGetProperty("text", out var x) || x.ValueKind != JsonValueKind.String) return false;
                parts.Add(x.GetString()!);
            }
            text = string.Join("\n", parts);
            return true;
        }

        private SimResponse RouteModel(SimRequestContext req)
        {
            if (!TryReadBody(req, out var doc, out var err)) return err!;
            string input;
            var candidates = new List<string>();
            using (doc)
            {
                if (doc == null) return BadRoute("input is required.", "input");
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (!RouteBodyKeys.Contains(p.Name)) return BadRoute($"Unknown field '{p.Name}'.", p.Name);
                }
                if ((!Prop(doc, "input", out var inputEl) && !Prop(doc, "message", out inputEl)) || !TryReadText(inputEl, out input) || string.IsNullOrWhiteSpace(input))
                    return BadRoute("input is required: a string or a list of text parts.", "input");

                if (Prop(doc, "models", out var modelsEl))
                {
                    if (!TryReadIdArray(modelsEl, "models", out candidates, out err)) return err!;
                    if (candidates.Count < 1 || candidates.Count > 50) return BadRoute("models must name 1 to 50 models.", "models");
                    if (candidates.Distinct(StringComparer.Ordinal).Count() != candidates.Count) return BadRoute("models must be unique.", "models");
                    var unknown = candidates.FirstOrDefault(m => RoutableModels.All(r => r.Id != m));
                    if (unknown != null) return BadRoute($"Model '{unknown}' is not a registered model.", "models");
                }
                if (Prop(doc, "history", out var historyEl))
                {
                    var problem = CheckRouteHistory(historyEl);
                    if (problem != null) return BadRoute(problem, "history");
                }
                if (Prop(doc, "agent", out var agentEl))
                {
                    var problem = CheckRouteAgent(agentEl);
                    if (problem != null) return BadRoute(problem, "agent");
                }
                var team = OptionalString(doc, "team_id", out err, out _);
                if (err != null) return err;
                if (team != null && team != TeamId)
                    return SimResponse.Error(403, "permission_denied", "You are not a member of this team.", "team_id");
            }

            if (input.IndexOf("sim:no-credits", StringComparison.Ordinal) >= 0)
                return SimResponse.Error(402, "insufficient_credits", "Credit limit reached; the routing decision was not made.");

            if (candidates.Count == 0) candidates = RoutableModels.Select(r => r.Id).ToList();
            var considered = candidates.Select(id => RoutableModels.First(r => r.Id == id)).ToList();
            var eligible = considered.Where(c => !c.Restricted).ToList();
            if (eligible.Count == 0)
                return SimResponse.Error(403, "permission_denied", "None of the candidate models is permitted for you.", "models");

            int verdict = VerdictLane(input);
            // The cheapest eligible lane that meets the verdict; failing that, the strongest there is.
            var chosen = eligible.Where(c => LaneRank(c.Lane) >= verdict).OrderBy(c => LaneRank(c.Lane)).FirstOrDefault();
            if (chosen.Id == null) chosen = eligible.OrderByDescending(c => LaneRank(c.Lane)).First();
            int lane = LaneRank(chosen.Lane);
            string? adjustment = lane > verdict ? "escalated" : lane < verdict ? "downgraded" : null;
            var fallbacks = eligible.Where(c => c.Id != chosen.Id).Select(c => c.Id).ToList();
            return SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("router", "gumloop-chew");
                w.WriteStartObject("route");
                w.WriteString("model", chosen.Id);
                w.WriteString("lane", chosen.Lane);
                w.WriteString("verdict_lane", Lanes[verdict]);
                SimJson.WriteNullable(w, "adjustment", adjustment);
                SimJson.WriteNullable(w, "reasoning_effort", verdict >= 3 ? "high" : null);
                WriteIds(w, "fallback_models", fallbacks);
                w.WriteBoolean("fail_closed", false);
                w.WriteEndObject();
                w.WriteStartArray("candidates");
                foreach (var c in considered)
                {
                    w.WriteStartObject();
                    w.WriteString("requested_model", c.Id);
                    w.WriteString("model", c.Id);
                    w.WriteString("lane", c.Lane);
                    w.WriteString("basis", c.Basis);
                    w.WriteString("status", c.Restricted ? "restricted" : "eligible");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        private static int LaneRank(string lane) => Array.IndexOf(Lanes, lane);

        /// <summary>Short chit-chat needs little; long or deep questions need more.</summary>
        private static int VerdictLane(string input)
        {
            bool deep = DeepWords.Any(word => input.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
            int lane = input.Length < 40 ? 1 : input.Length < 400 ? 2 : 3;
            return Math.Min(4, deep ? lane + 1 : lane);
        }

        private static string? CheckRouteHistory(JsonElement history)
        {
            if (history.ValueKind != JsonValueKind.Array) return "history must be an array.";
            if (history.GetArrayLength() > 20) return "history may hold at most 20 turns.";
            foreach (var turn in history.EnumerateArray())
            {
                if (turn.ValueKind != JsonValueKind.Object) return "Each history turn must be an object.";
                foreach (var p in turn.EnumerateObject())
                {
                    if (p.Name != "role" && p.Name != "content" && p.Name != "input" && p.Name != "message" && p.Name != "model")
                        return $"A history turn has the unknown field '{p.Name}'.";
                }
                string? role = turn.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                if (role != "user" && role != "assistant") return "Each history turn needs role 'user' or 'assistant'.";
                if ((!turn.TryGetProperty("content", out var c) && !turn.TryGetProperty("input", out c) && !turn.TryGetProperty("message", out c)) || !TryReadText(c, out _))
                    return "Each history turn needs content: a string or a list of text parts.";
                if (turn.TryGetProperty("model", out var m))
                {
                    if (role != "assistant") return "model is allowed on assistant turns only.";
                    if (m.ValueKind != JsonValueKind.String || m.GetString()!.Length > 200) return "model must be a string of at most 200 characters.";
                }
            }
            return null;
        }

        private static string? CheckRouteAgent(JsonElement agent)
        {
            if (agent.ValueKind != JsonValueKind.Object) return "agent must be an object.";
            foreach (var p in agent.EnumerateObject())
            {
                int limit = p.Name switch { "name" => 200, "description" => 2000, "system_prompt" => 20000, _ => -1 };
                if (limit < 0) return $"agent has the unknown field '{p.Name}'.";
                if (p.Value.ValueKind != JsonValueKind.String || p.Value.GetString()!.Length > limit) return $"agent.{p.Name} must be a string of at most {limit} characters.";
            }
            return null;
        }
    }
}
