using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopAgentSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentSkillUpdate))]
public sealed class RemoveGumloopAgentSkillCommand : GumloopAgentSkillCmdlet
{
    private protected override bool Attach => false;
}
