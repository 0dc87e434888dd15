using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>
/// Connect-Gumloop without the side effect: returns a connection for -Connection and leaves the runspace's
/// default alone, so a script can talk to two accounts or hosts at once.
/// </summary>
[Cmdlet(VerbsCommon.New, "GumloopConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GumloopConnection))]
public sealed class NewGumloopConnectionCommand : GumloopConnectionCmdlet
{
    protected override void ProcessRecord()
    {
        // Nothing changes on the server or in the session, but -WhatIf still means "build nothing".
        if (!ShouldProcess(BaseUri?.ToString() ?? "the Gumloop API", "Create a connection object"))
        {
            return;
        }

        var connection = BuildConnection();
        if (connection is not null)
        {
            WriteVerbose($"Created: {connection}");
            WriteObject(connection);
        }
    }
}
