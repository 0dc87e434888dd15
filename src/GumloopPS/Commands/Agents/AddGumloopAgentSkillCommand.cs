using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopAgentSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentSkillUpdate))]
public sealed class AddGumloopAgentSkillCommand : GumloopAgentSkillCmdlet
{
    private protected override bool Attach => true;
}
