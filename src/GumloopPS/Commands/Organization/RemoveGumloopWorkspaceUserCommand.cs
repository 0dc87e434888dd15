using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

// High: the user loses access to the workspace's agents, flows and credentials at once.
[Cmdlet(VerbsCommon.Remove, "GumloopWorkspaceUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(WorkspaceUserChange))]
public sealed class RemoveGumloopWorkspaceUserCommand : GumloopMembershipCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? WorkspaceId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Target => $"workspace {WorkspaceId}";

    private protected override bool Adds => false;

    private protected override bool Writes => PassThru;

    private protected override async Task<MembershipChange> ChangeAsync(string email, CancellationToken ct) =>
        await Client.ManageWorkspaceUserAsync(OrganizationId, WorkspaceId!, email, add: false, isAdmin: false, ct).ConfigureAwait(false);
}
