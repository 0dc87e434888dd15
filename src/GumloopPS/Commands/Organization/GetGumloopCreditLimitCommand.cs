using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopCreditLimit", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RoleCreditLimit))]
public sealed class GetGumloopCreditLimitCommand : GumloopListCmdlet<RoleCreditLimit>
{
    private const string ByIdSet = "ById";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string[]? RoleId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    protected override string ListName => "custom roles in the organization";

    protected override object? ListTarget => OrganizationId;

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<RoleCreditLimit> onItem, CancellationToken ct) =>
        Client.ReadRoleCreditLimitsAsync(OrganizationId, page, onItem, ct);

    private protected override IEnumerable<Func<CancellationToken, Task<RoleCreditLimit>>> GetItems() =>
        RoleId!.Select(id => (Func<CancellationToken, Task<RoleCreditLimit>>)(ct => Client.GetRoleCreditLimitAsync(OrganizationId, id, ct)));

    private protected override object? ItemTarget(int index) => RoleId![index];
}
