using System.Collections.Generic;

namespace GumloopPS.Simulator
{
    /// <summary>GET /teams: the simulator's own team, which every simulated user belongs to, and a second one.</summary>
    public sealed partial class GumloopSimulator
    {
        private const string SecondTeamId = "tm_a93f0b42";

        private static IEnumerable<SimRoute> TeamRoutes() => new[]
        {
            Route("GET", "/teams", (sim, req, a) => sim.ListTeams()),
        };

        private SimResponse ListTeams() => SimResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("teams");
            foreach (var (id, name) in new[] { (TeamId, "Revenue Ops"), (SecondTeamId, "Field Marketing") })
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
