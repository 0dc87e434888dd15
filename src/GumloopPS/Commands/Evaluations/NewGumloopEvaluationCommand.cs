using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Creates an organization evaluation, disabled: it has no targets until Set-GumloopEvaluationTarget.</summary>
[Cmdlet(VerbsCommon.New, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OrganizationEvaluation))]
public sealed class NewGumloopEvaluationCommand : GumloopRubricCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 256)]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateLength(0, 4000)]
    public string? Description { get; set; }

    [Parameter]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string[]? SessionType { get; set; }

    private protected override (string Field, string[]? Given) SessionTypes => ("session_types", SessionType);

    protected override void ProcessRecord()
    {
        string name = Name!.Trim();
        if (name.Length == 0)
        {
            RefuseArgument("-Name must not be blank.", Name, "Give the evaluation a name, unique among the organization's evaluations.");
            return;
        }

        var config = new JsonMap();
        if (!TryAddRubric(config, name))
        {
            return;
        }

        var body = new JsonMap { ["organization_id"] = OrganizationId, ["name"] = name };
        if (Description != null) body["description"] = Description;
        if (config.Count > 0) body["config"] = config;
        if (!ShouldProcessText($"evaluation '{name}' in organization {OrganizationId}", "Create"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                Emit(await Client.CreateEvaluationAsync(body, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, name);
            }
        });
    }
}
