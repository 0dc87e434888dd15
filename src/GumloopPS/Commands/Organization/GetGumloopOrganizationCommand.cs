using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopOrganization")]
[OutputType(typeof(Organization))]
public sealed class GetGumloopOrganizationCommand : GumloopApiCmdlet
{
    protected override void ProcessRecord()
    {
        Run(async ct =>
        {
            try
            {
                foreach (var organization in await Client.ListOrganizationsAsync(ct).ConfigureAwait(false))
                {
                    Emit(organization);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, null);
            }
        });
    }
}
