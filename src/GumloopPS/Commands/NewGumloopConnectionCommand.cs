using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>
/// Connect-Gumloop without the side effect: returns a connection for -Connection and leaves the runspace's
/// default alone, so a script can talk to two accounts or hosts at once.
/// </summary>
[Cmdlet(VerbsCommon.New, "GumloopConnection", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GumloopConnection))]
public sealed class NewGumloopConnectionCommand : GumloopConnectionCmdlet
{
    protected override void ProcessRecord()
    {
        var connection = BuildConnection();
        if (connection is not null)
        {
            WriteVerbose($"Created: {connection}");
            WriteObject(connection);
        }
    }
}
