using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopEvaluation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGumloopEvaluationCommand : GumloopEvaluationCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

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
                    await Client.DeleteEvaluationAsync(id, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }
}
