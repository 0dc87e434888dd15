using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Asks Gumloop's router (Chew, behind model <c>auto</c>) which model suits a message (POST /models/route). It does
/// not run the model, but the decision costs credits, hence ShouldProcess with ConfirmImpact High.
/// </summary>
[Cmdlet(VerbsDiagnostic.Resolve, "GumloopModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ModelRoute))]
public sealed class ResolveGumloopModelCommand : GumloopApiCmdlet
{
    private const int MaxModels = 50;
    private const int MaxHistory = 20;
    private static readonly Dictionary<string, int> AgentFieldLimits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = 200,
        ["description"] = 2000,
        ["system_prompt"] = 20000,
    };

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ValidateCount(1, MaxModels)]
    [ArgumentCompleter(typeof(ModelIdCompleter))]
    public string[]? Model { get; set; }

    [Parameter]
    [ValidateNotNull]
    [ValidateCount(0, MaxHistory)]
    [AllowEmptyCollection]
    public Hashtable[]? History { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Agent { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var input = Input!;
        var request = new ModelRouteRequest(input) { TeamId = TeamId };
        if (!TryBuild(request))
        {
            return;
        }

        if (!ShouldProcessText(
                $"Ask the model router which model suits the message. This spends credits.",
                $"Route the message '{Preview(input)}'? The routing decision spends credits.",
                "Resolve Gumloop model"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                Emit(await Client.RouteModelAsync(request, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, input);
            }
        });
    }

    private static string Preview(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

    /// <summary>Checks the body against the route's schema (it refuses unknown keys), so a mistake costs no request.</summary>
    private bool TryBuild(ModelRouteRequest request)
    {
        if (Model is not null)
        {
            var blank = Model.FirstOrDefault(string.IsNullOrWhiteSpace);
            var duplicate = Model.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (blank is not null || duplicate is not null)
            {
                return Refuse(blank is not null ? "-Model holds an empty model id." : $"-Model names '{duplicate}' twice; the router takes each candidate once.", Model, "Get-GumloopModel lists the model ids.");
            }

            request.Models = Model;
        }

        if (History is not null)
        {
            var turns = new List<JsonMap>();
            for (int i = 0; i < History.Length; i++)
            {
                if (!TryConvert(History[i], "-History", request.Input, out var turn))
                {
                    return false;
                }

                turn = Lowered(turn!);
                string? problem = CheckTurn(turn);
                if (problem is not null)
                {
                    return Refuse($"-History item {i + 1}: {problem}", History[i], "Each turn is @{ role = 'user' or 'assistant'; content = '...' }, with model = '<id>' allowed on assistant turns.");
                }

                turns.Add(turn);
            }

            request.History = turns;
        }

        if (Agent is not null)
        {
            if (!TryConvert(Agent, "-Agent", request.Input, out var agent))
            {
                return false;
            }

            agent = Lowered(agent!);
            foreach (var pair in agent)
            {
                if (!AgentFieldLimits.TryGetValue(pair.Key, out int limit))
                {
                    return Refuse($"-Agent has the key '{pair.Key}'; the router takes only name, description and system_prompt.", Agent, "Describe the agent with @{ name = ...; description = ...; system_prompt = ... }.");
                }

                if (pair.Value is not string text || text.Length > limit)
                {
                    return Refuse($"-Agent {pair.Key} must be text of at most {limit} characters.", Agent, "Shorten the value, or leave the key out.");
                }
            }

            request.Agent = agent;
        }

        return true;
    }

    // PowerShell users write @{ Role = 'user' }; the router's schema spells its keys in lower case.
    private static JsonMap Lowered(JsonMap map)
    {
        var lowered = new JsonMap();
        foreach (var pair in map)
        {
            lowered[pair.Key.ToLowerInvariant()] = pair.Value;
        }

        return lowered;
    }

    private static string? CheckTurn(JsonMap turn)
    {
        foreach (var key in turn.Keys)
        {
            if (key != "role" && key != "content" && key != "model" && key != "input" && key != "message")
            {
                return $"the key '{key}' is not one the router takes (role, content, model).";
            }
        }

        var role = turn.TryGetValue("role", out var r) ? r as string : null;
        if (role != "user" && role != "assistant")
        {
            return "role must be 'user' or 'assistant'.";
        }

        if (!turn.ContainsKey("content") && !turn.ContainsKey("input") && !turn.ContainsKey("message"))
        {
            return "content is required.";
        }

        if (turn.TryGetValue("model", out var model))
        {
            if (role != "assistant")
            {
                return "model is allowed on assistant turns only.";
            }

            if (model is not string m || m.Length > 200)
            {
                return "model must be a model id of at most 200 characters.";
            }
        }

        return null;
    }

    private bool Refuse(string message, object? target, string advice)
    {
        WriteError(Errors.ErrorMap.Create(new PSArgumentException(message + " Nothing was sent."), Errors.ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, target, advice));
        return false;
    }
}
