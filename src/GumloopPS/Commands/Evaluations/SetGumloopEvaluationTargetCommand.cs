using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Replaces the full set of what an organization evaluation covers. Targets are given as 'organization',
/// 'team:&lt;id&gt;', 'user:&lt;id&gt;', 'agent:&lt;id&gt;', hashtables @{ type = ...; id = ... }, or the targets of an evaluation.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GumloopEvaluationTarget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EvaluationTargetSet))]
public sealed class SetGumloopEvaluationTargetCommand : GumloopApiCmdlet
{
    private const int MaxTargets = 1000;
    private static readonly string[] TargetTypes = { "organization", "team", "user", "agent" };

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? EvaluationId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(EvaluationTargetCompleter))]
    public object[]? Target { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string id = EvaluationId!;
        if (Target!.Length > MaxTargets)
        {
            RefuseArgument($"-Target takes at most {MaxTargets} targets; {Target.Length} were given.", id, "Target a team or the organization instead of many single agents.");
            return;
        }

        var targets = new List<EvaluationTarget>();
        foreach (object? entry in Target)
        {
            if (!TryTarget(entry is PSObject ps ? ps.BaseObject : entry, out EvaluationTarget? target, out string? problem))
            {
                RefuseArgument(problem!, id, "Give targets as 'organization', 'team:<id>', 'user:<id>' or 'agent:<id>', or as @{ type = 'team'; id = '<id>' }.");
                return;
            }

            targets.Add(target!);
        }

        string list = targets.Count == 0 ? "no targets (an enabled evaluation is paused)" : string.Join(", ", targets.Select(t => HostText.Line(t.ToString())));
        if (!ShouldProcessText($"evaluation {id}", "Replace every target with " + list))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                EvaluationTargetSet set = await Client.SetEvaluationTargetsAsync(id, targets, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(set);
                }

                if (set.Enabled == false && targets.Count == 0)
                {
                    EmitWarning($"Evaluation {id} has no targets now and is not enabled.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, id);
            }
        });
    }

    private static bool TryTarget(object? value, out EvaluationTarget? target, out string? problem)
    {
        target = null;
        problem = null;
        string? type;
        string? targetId;
        switch (value)
        {
            case EvaluationTarget given:
                type = given.Type;
                targetId = given.Id;
                break;
            case IDictionary table:
                type = Convert.ToString(table["type"], System.Globalization.CultureInfo.InvariantCulture);
                targetId = Convert.ToString(table["id"], System.Globalization.CultureInfo.InvariantCulture);
                break;
            case string text:
                int colon = text.IndexOf(':');
                type = colon < 0 ? text : text.Substring(0, colon);
                targetId = colon < 0 ? null : text.Substring(colon + 1);
                break;
            default:
                problem = $"A target must be a string such as 'team:<id>' or a hashtable; got {value?.GetType().Name ?? "null"}.";
                return false;
        }

        type = type?.Trim().ToLowerInvariant();
        if (type is null || !TargetTypes.Contains(type))
        {
            problem = $"Target type '{type}' is not one of {string.Join(", ", TargetTypes)}.";
            return false;
        }

        if (type == "organization")
        {
            // The API names the organization itself; answers return its id, which need not be sent back.
            target = new EvaluationTarget(type, null);
            return true;
        }

        if (string.IsNullOrWhiteSpace(targetId))
        {
            problem = $"A {type} target needs an id, as in '{type}:<id>'.";
            return false;
        }

        target = new EvaluationTarget(type, targetId!.Trim());
        return true;
    }
}
