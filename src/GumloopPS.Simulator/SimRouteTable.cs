using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Simulator
{
    /// <summary>Answers one route: the simulator, the request, and the values of the template's {parameters} in order.</summary>
    internal delegate SimResponse SimHandler(GumloopSimulator sim, SimRequestContext req, string[] args);

    /// <summary>One method and path template below /api/v1, and its handler.</summary>
    internal sealed class SimRoute
    {
        private readonly string[] _parts;

        public SimRoute(string method, string template, SimHandler handler)
        {
            Method = method;
            Template = template;
            Handler = handler;
            _parts = template.Trim('/').Split('/');
            Literals = _parts.Count(p => !IsParameter(p));
        }

        public string Method { get; }
        public string Template { get; }
        public SimHandler Handler { get; }

        /// <summary>Literal segments: /skills/sync/status beats /skills/{skill_id}/versions when both match.</summary>
        public int Literals { get; }

        public bool TryMatch(string method, string[] segments, out string[] args)
        {
            args = Array.Empty<string>();
            if (!string.Equals(method, Method, StringComparison.Ordinal) || segments.Length != _parts.Length) return false;
            var values = new List<string>();
            for (int i = 0; i < _parts.Length; i++)
            {
                if (IsParameter(_parts[i])) values.Add(segments[i]);
                else if (!string.Equals(_parts[i], segments[i], StringComparison.Ordinal)) return false;
            }
            args = values.ToArray();
            return true;
        }

        private static bool IsParameter(string part) => part.StartsWith("{", StringComparison.Ordinal);
    }

    public sealed partial class GumloopSimulator
    {
        /// <summary>
        /// Every route the simulator answers. Each resource's handlers live in their own file and list their routes
        /// there; this table only gathers them, so the routes served and <see cref="ServedRoutes"/> cannot disagree.
        /// </summary>
        private static readonly SimRoute[] RouteTable = new[]
        {
            ModelRoutes(),
            AgentRoutes(),
            AgentVersionRoutes(),
            SessionRoutes(),
            QueueAndFileRoutes(),
            FlowRoutes(),
            ChatRoutes(),
            TeamRoutes(),
            ArtifactRoutes(),
            BrowserProfileRoutes(),
            EvaluationRoutes(),
            OrganizationRoutes(),
            BrainRoutes(),
            SkillRoutes(),
            McpRoutes(),
        }.SelectMany(r => r).ToArray();

        /// <summary>
        /// Every route the simulator answers, as method and path template below /api/v1, on both hosts. Tests hold it
        /// against the module's operation catalogue and against the simulator itself: each route listed is answered,
        /// and every catalogued route not listed finds no route.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ServedRoutes { get; } =
            RouteTable.Select(r => new KeyValuePair<string, string>(r.Method, r.Template)).ToArray();

        private static SimRoute Route(string method, string template, SimHandler handler) => new SimRoute(method, template, handler);

        private SimResponse Dispatch(SimRequestContext req)
        {
            SimRoute? best = null;
            string[] bestArgs = Array.Empty<string>();
            foreach (var route in RouteTable)
            {
                if (route.TryMatch(req.Method, req.Segments!, out var args) && (best == null || route.Literals > best.Literals))
                {
                    best = route;
                    bestArgs = args;
                }
            }
            return best != null
                ? best.Handler(this, req, bestArgs)
                : SimResponse.Error(404, "not_found", $"No route for {req.Method} {req.RawPath}.");
        }
    }
}
