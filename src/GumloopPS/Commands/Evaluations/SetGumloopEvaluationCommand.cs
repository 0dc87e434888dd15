using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Changes an organization evaluation (PATCH). The rubric is merged field by field, but a list given replaces the
/// stored list as a whole, so the confirmation names what would be replaced.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OrganizationEvaluation))]
public sealed class SetGumloopEvaluationCommand : GumloopRubricCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? EvaluationId { get; set; }

    [Parameter]
    [ValidateLength(1, 256)]
    public string? Name { get; set; }

    // An empty string clears the description (sent as null, as the API documents).
    [Parameter]
    [AllowEmptyString]
    [ValidateLength(0, 4000)]
    public string? Description { get; set; }

    [Parameter]
    public bool? Enabled { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string[]? SessionType { get; set; }

    private protected override (string Field, string[]? Given) SessionTypes => ("session_types", SessionType);

    protected override void ProcessRecord()
    {
        string id = EvaluationId!;
        var config = new JsonMap();
        if (!TryAddRubric(config, id))
        {
            return;
        }

        var changes = new JsonMap();
        if (Name != null) changes["name"] = Name.Trim();
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Description))) changes["description"] = string.IsNullOrEmpty(Description) ? null : Description;
        if (Enabled is bool enabled) changes["enabled"] = enabled;
        if (config.Count > 0) changes["config"] = config;
        if (changes.Count == 0)
        {
            RefuseArgument("Give at least one setting to change.", id, "Use -Name, -Description, -Enabled, -Criterion, -Tag, -DataPoint or another rubric parameter.");
            return;
        }

        var lines = new List<string>();
        var lists = config.Where(c => c.Value is JsonList).ToList();
        if (lists.Count > 0)
        {
            // The prompt names what each list would replace, so the evaluation is read first.
            OrganizationEvaluation? current = null;
            Run(async ct =>
            {
                try
                {
                    current = await Client.GetEvaluationAsync(id, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
            if (current == null)
            {
                return;
            }

            EvaluationRubric rubric = current.Config ?? new EvaluationRubric();
            foreach (KeyValuePair<string, object?> list in lists)
            {
                var replacement = (JsonList)list.Value!;
                lines.Add(list.Key switch
                {
                    "criteria" => Replacement("criteria", rubric.Criteria.Select(c => c.Name), replacement, "name"),
                    "tags" => Replacement("tags", rubric.Tags.Select(t => t.Name), replacement, "name"),
                    "data_points" => Replacement("data points", rubric.DataPoints.Select(d => d.Name), replacement, "name"),
                    _ => Replacement("session types", rubric.SessionTypes, new JsonList(replacement.Select(t => (object?)new JsonMap { ["name"] = t })), "name"),
                });
            }
        }

        foreach (KeyValuePair<string, object?> change in changes.Where(c => c.Key != "config").Concat(config.Where(c => c.Value is not JsonList)))
        {
            lines.Add(change.Key + ": " + HostText.Line(change.Value is bool b ? (b ? "true" : "false") : change.Value?.ToString() ?? "(cleared)"));
        }

        if (!ShouldProcessText(
                $"Change evaluation {id}: {string.Join("; ", lines)}",
                $"Change evaluation {id}?{Environment.NewLine}{string.Join(Environment.NewLine, lines)}",
                "Set evaluation"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                OrganizationEvaluation updated = await Client.UpdateEvaluationAsync(id, changes, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(updated);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, id);
            }
        });
    }
}
