using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Retires agents (PATCH is_active:false). The API cannot bring a retired agent back, hence ConfirmImpact High.</summary>
[Cmdlet(VerbsCommon.Remove, "GumloopAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Agent))]
public sealed class RemoveGumloopAgentCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents or agent ids", typeof(Agent))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string[]? AgentId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        // A piped agent names itself in the prompt, so the user sees what is about to go.
        string? name = PipelineKindAttribute.Piped<Agent>(PipelineInput)?.Name;
        foreach (var id in AgentId!)
        {
            string target = name is null || AgentId!.Length > 1 ? $"agent {id}" : $"agent {id} ('{name}')";
            if (!ShouldProcessText(
                    $"Retire {target}. This cannot be undone: a retired agent leaves every list, answers 404, and cannot be reactivated through the API.",
                    $"Retire {target}? This cannot be undone: the API cannot reactivate a retired agent.",
                    "Retire Gumloop agent"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var retired = await Client.RetireAgentAsync(id, ct).ConfigureAwait(false);
                    if (PassThru)
                    {
                        Emit(retired);
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
