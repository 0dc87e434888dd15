using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopEvaluationMetric")]
[OutputType(typeof(EvaluationMetric))]
public sealed class GetGumloopEvaluationMetricCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? EvaluationId { get; set; }

    [Parameter]
    [ValidateRange(1, 365)]
    public int? Days { get; set; }

    protected override void ProcessRecord()
    {
        var ids = EvaluationId!;
        int? days = Days;
        Run(async ct =>
        {
            foreach (string id in ids)
            {
                try
                {
                    Emit(await Client.GetEvaluationMetricsAsync(id, days, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
