using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

// Low impact: refusing is the safe direction, the agent only skips the action.
[Cmdlet(VerbsLifecycle.Deny, "GumloopApproval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ApprovalOutcome), typeof(Session))]
public sealed class DenyGumloopApprovalCommand : ApprovalCommandBase
{
    private protected override string Action => ApprovalResponse.Reject;

    private protected override string Verb => "Deny";
}
