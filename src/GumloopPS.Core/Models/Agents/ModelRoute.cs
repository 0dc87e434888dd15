using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>The routing decision of POST /models/route (Gumloop Chew): which model to use, and every candidate considered.</summary>
public sealed class ModelRoute : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("router", "route", "candidates");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Router { get; set; }

    /// <summary>The model Chew chose.</summary>
    public string? Model { get; set; }

    /// <summary>The chosen model's lane: <c>micro</c>, <c>light</c>, <c>standard</c>, <c>plus</c> or <c>max</c>.</summary>
    public string? Lane { get; set; }

    /// <summary>The lane the message was judged to need, before any adjustment.</summary>
    public string? VerdictLane { get; set; }

    /// <summary><c>escalated</c>, <c>downgraded</c>, or null when the verdict stood.</summary>
    public string? Adjustment { get; set; }
    public string? ReasoningEffort { get; set; }

    /// <summary>Eligible models to try, in order, when the chosen one is unavailable.</summary>
    public IdList FallbackModels { get; set; } = new IdList();

    /// <summary>True when routing could not finish and a safe default was used.</summary>
    public bool FailClosed { get; set; }

    public ModelRouteCandidateCollection Candidates { get; set; } = new ModelRouteCandidateCollection();

    public static ModelRoute FromJson(JsonElement element)
    {
        var route = new ModelRoute();
        route.SetRaw(element);
        JsonElement e = route.Raw;
        route.Router = JsonRead.String(e, "router");
        if (JsonRead.TryGet(e, "route", out JsonElement r) && r.ValueKind == JsonValueKind.Object)
        {
            route.Model = JsonRead.String(r, "model");
            route.Lane = JsonRead.String(r, "lane");
            route.VerdictLane = JsonRead.String(r, "verdict_lane");
            route.Adjustment = JsonRead.String(r, "adjustment");
            route.ReasoningEffort = JsonRead.String(r, "reasoning_effort");
            route.FallbackModels = IdList.Read(r, "fallback_models");
            route.FailClosed = JsonRead.Bool(r, "fail_closed") == true;
        }

        if (JsonRead.TryGet(e, "candidates", out JsonElement candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in candidates.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    route.Candidates.Add(ModelRouteCandidate.FromJson(item));
                }
            }
        }

        return route;
    }

    public override string ToString() => Model ?? string.Empty;
}

/// <summary>One model Chew considered; restricted candidates are reported, never chosen.</summary>
public sealed class ModelRouteCandidate : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("requested_model", "model", "lane", "basis", "status");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? RequestedModel { get; set; }
    public string? Model { get; set; }
    public string? Lane { get; set; }

    /// <summary>How the lane was assigned: <c>catalog</c>, <c>price</c> or <c>rating</c>.</summary>
    public string? Basis { get; set; }

    /// <summary><c>eligible</c> or <c>restricted</c>.</summary>
    public string? Status { get; set; }

    public static ModelRouteCandidate FromJson(JsonElement element)
    {
        var candidate = new ModelRouteCandidate();
        candidate.SetRaw(element);
        JsonElement e = candidate.Raw;
        candidate.RequestedModel = JsonRead.String(e, "requested_model");
        candidate.Model = JsonRead.String(e, "model");
        candidate.Lane = JsonRead.String(e, "lane");
        candidate.Basis = JsonRead.String(e, "basis");
        candidate.Status = JsonRead.String(e, "status");
        return candidate;
    }

    public override string ToString() => $"{Model} ({Lane}, {Status})";
}

public sealed class ModelRouteCandidateCollection : List<ModelRouteCandidate>
{
    public override string ToString() => string.Join("; ", this.Select(c => c.ToString()));
}
