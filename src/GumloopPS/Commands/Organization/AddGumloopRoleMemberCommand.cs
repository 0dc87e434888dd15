using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopRoleMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RoleMemberChange))]
public sealed class AddGumloopRoleMemberCommand : GumloopMembershipCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string? RoleId { get; set; }

    private protected override string Target => $"custom role {RoleId}";

    private protected override bool Adds => true;

    private protected override async Task<MembershipChange> ChangeAsync(string email, CancellationToken ct) =>
        await Client.ManageRoleMemberAsync(OrganizationId, RoleId!, email, add: true, ct).ConfigureAwait(false);
}
