using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Teams (API.md 10.13): an unpaginated list of the teams the caller belongs to.</summary>
public static class GumloopTeamClient
{
    public static async Task<IReadOnlyList<Team>> ListTeamsAsync(this GumloopClient client, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        using GumloopResponse response = await client.SendAsync(new GumloopRequest(HttpMethod.Get, "teams"), ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, "teams", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a 'teams' list");
        }

        GumloopClient.CheckItemCount(response, items, "teams", 0);
        var teams = new List<Team>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                teams.Add(Team.FromJson(item));
            }
        }

        return teams;
    }
}
