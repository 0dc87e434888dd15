using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

// High: the member loses the role's permissions and its credit limit at once.
[Cmdlet(VerbsCommon.Remove, "GumloopRoleMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(RoleMemberChange))]
public sealed class RemoveGumloopRoleMemberCommand : GumloopMembershipCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string? RoleId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Target => $"custom role {RoleId}";

    private protected override bool Adds => false;

    private protected override bool Writes => PassThru;

    private protected override async Task<MembershipChange> ChangeAsync(string email, CancellationToken ct) =>
        await Client.ManageRoleMemberAsync(OrganizationId, RoleId!, email, add: false, ct).ConfigureAwait(false);
}
