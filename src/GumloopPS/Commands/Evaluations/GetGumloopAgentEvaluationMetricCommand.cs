using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentEvaluationMetric")]
[OutputType(typeof(EvaluationMetric))]
public sealed class GetGumloopAgentEvaluationMetricCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string[]? AgentId { get; set; }

    [Parameter]
    [ValidateRange(1, 365)]
    public int? Days { get; set; }

    protected override void ProcessRecord()
    {
        var ids = AgentId!;
        int? days = Days;
        Run(async ct =>
        {
            foreach (string id in ids)
            {
                try
                {
                    Emit(await Client.GetAgentEvaluationMetricsAsync(id, days, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
