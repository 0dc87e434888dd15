using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(OrganizationEvaluation))]
public sealed class RemoveGumloopEvaluationCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string id in EvaluationId!)
        {
            if (!ShouldProcessText($"evaluation {id}", "Delete (its results stay attached to the sessions)"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    // The delete answers 204 with no body, so -PassThru reads the evaluation first to write it as it was.
                    OrganizationEvaluation? removed = PassThru ? await Client.GetEvaluationAsync(id, ct).ConfigureAwait(false) : null;
                    await Client.DeleteEvaluationAsync(id, ct).ConfigureAwait(false);
                    if (removed != null)
                    {
                        Emit(removed);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }
}
