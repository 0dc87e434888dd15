using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Changes an agent's evaluation configuration (PATCH). Only the parameters given are sent; a list given replaces the
/// stored list as a whole, so the confirmation names the entries that would go and the ones that would replace them.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GumloopAgentEvaluationConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentEvaluationConfig))]
public sealed class SetGumloopAgentEvaluationConfigCommand : GumloopRubricCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter]
    public bool? Enabled { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string[]? InteractionType { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override (string Field, string[]? Given) SessionTypes => ("interaction_types", InteractionType);

    protected override void ProcessRecord()
    {
        string agentId = AgentId!;
        var changes = new JsonMap();
        if (Enabled is bool enabled) changes["enabled"] = enabled;
        if (!TryAddRubric(changes, agentId))
        {
            return;
        }

        // The lists given, read back for the prompt's account of what each would replace.
        JsonList? Given(string field) => changes.TryGetValue(field, out object? value) ? value as JsonList : null;
        JsonList? criteria = Given("criteria"), tags = Given("tags"), points = Given("data_points");
        if (changes.Count == 0)
        {
            RefuseArgument("Give at least one setting to change.", agentId, "Use -Enabled, -Criterion, -Tag, -DataPoint or another setting parameter.");
            return;
        }

        // The prompt says what each list would replace, so the current configuration is read first.
        var lines = new List<string>();
        bool replacesLists = criteria != null || tags != null || points != null || InteractionType != null;
        AgentEvaluationConfig? current = null;
        if (replacesLists)
        {
            Run(async ct =>
            {
                try
                {
                    current = await Client.GetAgentEvaluationConfigAsync(agentId, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, agentId);
                }
            });
            if (current == null)
            {
                return;
            }

            if (criteria != null) lines.Add(Replacement("criteria", current.Criteria.Select(c => c.Name), criteria, "name"));
            if (tags != null) lines.Add(Replacement("tags", current.Tags.Select(t => t.Name), tags, "name"));
            if (points != null) lines.Add(Replacement("data points", current.DataPoints.Select(d => d.Name), points, "name"));
            if (InteractionType != null) lines.Add(Replacement("interaction types", current.InteractionTypes, new JsonList(InteractionType.Select(t => (object?)new JsonMap { ["name"] = t })), "name"));
        }

        foreach (KeyValuePair<string, object?> change in changes.Where(c => c.Value is not JsonList))
        {
            lines.Add(change.Key + ": " + HostText.Line(change.Value is bool b ? (b ? "true" : "false") : change.Value?.ToString()));
        }

        string summary = string.Join(Environment.NewLine, lines);
        if (!ShouldProcessText(
                $"Change the evaluation config of agent {agentId}: {string.Join("; ", lines)}",
                $"Change the evaluation config of agent {agentId}?{Environment.NewLine}{summary}",
                "Set agent evaluation config"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                AgentEvaluationConfig updated = await Client.UpdateAgentEvaluationConfigAsync(agentId, changes, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(updated);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
