using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopAgentSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentSkillUpdate))]
public sealed class RemoveGumloopAgentSkillCommand : GumloopAgentSkillCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override bool Attach => false;

    private protected override bool WritesResult => PassThru;
}
