using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluationOption")]
[OutputType(typeof(EvaluationOptions))]
public sealed class GetGumloopEvaluationOptionCommand : GumloopApiCmdlet
{
    protected override void ProcessRecord()
    {
        Run(async ct =>
        {
            try
            {
                Emit(await Client.GetEvaluationOptionsAsync(ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, null);
            }
        });
    }
}
