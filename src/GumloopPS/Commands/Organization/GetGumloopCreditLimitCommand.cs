using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopCreditLimit", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RoleCreditLimit))]
public sealed class GetGumloopCreditLimitCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const int DefaultPageSize = 20;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupId")]
    [ValidateNotNullOrEmpty]
    public string[]? RoleId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? OrganizationId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var organizationId = OrganizationId;
        if (ParameterSetName == ByIdSet)
        {
            var ids = RoleId!;
            Run(async ct =>
            {
                foreach (var id in ids)
                {
                    try
                    {
                        Emit(await Client.GetRoleCreditLimitAsync(organizationId, id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        var page = new PageRequest(PagingStyle.Cursor, "the custom roles")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                var result = await Client.ReadRoleCreditLimitsAsync(organizationId, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning("The organization has more custom roles. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, organizationId);
            }
        });
    }
}
