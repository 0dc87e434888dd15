using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentEvaluationConfig")]
[OutputType(typeof(AgentEvaluationConfig))]
public sealed class GetGumloopAgentEvaluationConfigCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string[]? AgentId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = AgentId!;
        Run(async ct =>
        {
            foreach (string id in ids)
            {
                try
                {
                    Emit(await Client.GetAgentEvaluationConfigAsync(id, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
