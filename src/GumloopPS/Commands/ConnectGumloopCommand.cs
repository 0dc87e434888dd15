using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Connect, "Gumloop", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GumloopConnection))]
public sealed class ConnectGumloopCommand : GumloopConnectionCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var connection = BuildConnection();
        if (connection is null)
        {
            return;
        }

        ConnectionStore.SetDefault(connection);
        WriteVerbose($"Connected: {connection}");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }
}
