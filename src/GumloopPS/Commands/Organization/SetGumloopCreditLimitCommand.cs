using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Set, "GumloopCreditLimit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = LimitSet)]
[OutputType(typeof(RoleCreditLimit))]
public sealed class SetGumloopCreditLimitCommand : GumloopApiCmdlet
{
    private const string LimitSet = "Limit";
    private const string ClearSet = "Clear";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string[]? RoleId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = LimitSet)]
    [ValidateRange(0, 1_000_000_000)]
    public int MonthlyLimit { get; set; }

    /// <summary>Sends null: the role sets no limit of its own and its members get the organization default.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClearSet)]
    public SwitchParameter Clear { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        long? wanted = Clear ? null : MonthlyLimit;
        var organizationId = OrganizationId;
        foreach (var roleId in RoleId!)
        {
            // The prompt shows the limit it replaces, so the role's current limit is read first.
            RoleCreditLimit? current = null;
            Run(async ct =>
            {
                try
                {
                    current = await Client.GetRoleCreditLimitAsync(organizationId, roleId, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, roleId);
                }
            });
            if (current is null)
            {
                continue;
            }

            var name = current.RoleName is { Length: > 0 } n ? $"{n} ({roleId})" : roleId;
            if (!ShouldProcessText($"custom role {name}",
                    $"Change the monthly credit limit per member from {RoleCreditLimit.Describe(current.MonthlyCreditLimit)} to {RoleCreditLimit.Describe(wanted)}"))
            {
                continue;
            }

            var orgOfRole = current.OrganizationId ?? organizationId;
            Run(async ct =>
            {
                try
                {
                    var updated = await Client.SetRoleCreditLimitAsync(orgOfRole, roleId, wanted, ct).ConfigureAwait(false);
                    if (PassThru)
                    {
                        Emit(updated);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, roleId);
                }
            });
        }
    }
}
