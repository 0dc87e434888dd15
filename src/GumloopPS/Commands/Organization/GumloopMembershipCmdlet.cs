using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>
/// Base of the cmdlets that add users to, or remove them from, a workspace or a custom role: one request per email,
/// each confirmed on its own, and a <c>success: false</c> answer reported as an error for that email.
/// </summary>
public abstract class GumloopMembershipCmdlet : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserEmail")]
    [ValidateNotNullOrEmpty]
    public string[]? Email { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    /// <summary>What the change is made to, for the prompt: "workspace tm_1".</summary>
    private protected abstract string Target { get; }

    private protected abstract bool Adds { get; }

    private protected abstract Task<MembershipChange> ChangeAsync(string email, CancellationToken ct);

    /// <summary>Whether the change is written: always for an add, with -PassThru for a removal.</summary>
    private protected virtual bool Writes => true;

    protected override void ProcessRecord()
    {
        foreach (var email in Email!)
        {
            if (!ShouldProcessText(Adds ? $"{email} to {Target}" : $"{email} from {Target}", Adds ? "Add" : "Remove"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var change = await ChangeAsync(email, ct).ConfigureAwait(false);
                    if (Writes)
                    {
                        Emit(change);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, email);
                }
            });
        }
    }
}
