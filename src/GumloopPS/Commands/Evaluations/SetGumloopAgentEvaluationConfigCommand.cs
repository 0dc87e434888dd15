using System;
using System.Collections;
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
public sealed class SetGumloopAgentEvaluationConfigCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter]
    public bool? Enabled { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ModelName { get; set; }

    [Parameter]
    [ValidateSet("debounced", "per_turn", "manual")]
    public string? Frequency { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Language { get; set; }

    [Parameter]
    public bool? IncludeAutoTags { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string[]? InteractionType { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? Criterion { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? Tag { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    public object[]? DataPoint { get; set; }

    [Parameter]
    public Hashtable? Sentiment { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string agentId = AgentId!;
        var changes = new JsonMap();
        if (Enabled is bool enabled) changes["enabled"] = enabled;
        if (ModelName != null) changes["model_name"] = ModelName;
        if (Frequency != null) changes["frequency"] = Frequency;
        if (Language != null) changes["language"] = Language;
        if (IncludeAutoTags is bool autoTags) changes["include_auto_tags"] = autoTags;
        if (InteractionType != null) changes["interaction_types"] = new JsonList(InteractionType.Cast<object?>());
        if (!TryEntries(Criterion, nameof(Criterion), MaxCriteria, new[] { "name", "prompt" }, agentId, out JsonList? criteria)
            || !TryEntries(Tag, nameof(Tag), MaxTags, new[] { "name" }, agentId, out JsonList? tags)
            || !TryEntries(DataPoint, nameof(DataPoint), MaxDataPoints, new[] { "name" }, agentId, out JsonList? points))
        {
            return;
        }

        if (criteria != null) changes["criteria"] = criteria;
        if (tags != null) changes["tags"] = tags;
        if (points != null) changes["data_points"] = points;
        if (Sentiment != null)
        {
            if (!TryConvert(Sentiment, nameof(Sentiment), agentId, out JsonMap? sentiment)) return;
            changes["sentiment"] = sentiment;
        }

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
