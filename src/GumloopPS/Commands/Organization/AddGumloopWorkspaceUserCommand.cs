using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopWorkspaceUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(WorkspaceUserChange))]
public sealed class AddGumloopWorkspaceUserCommand : GumloopMembershipCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? WorkspaceId { get; set; }

    [Parameter]
    public SwitchParameter Admin { get; set; }

    private protected override string Target => $"workspace {WorkspaceId}" + (Admin ? " as an admin" : string.Empty);

    private protected override bool Adds => true;

    private protected override async Task<MembershipChange> ChangeAsync(string email, CancellationToken ct) =>
        await Client.ManageWorkspaceUserAsync(OrganizationId, WorkspaceId!, email, add: true, isAdmin: Admin, ct).ConfigureAwait(false);
}
