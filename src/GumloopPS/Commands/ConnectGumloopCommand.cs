using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Connect, "Gumloop", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GumloopConnection))]
public sealed partial class ConnectGumloopCommand : GumloopConnectionCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override GumloopConnectionOptions? OptionsForOwnParameterSet() =>
        ParameterSetName == InteractiveSet ? SignInInteractively() : null;

    protected override void ProcessRecord()
    {
        var connection = BuildConnection();
        if (connection is null)
        {
            return;
        }

        ConnectionStore.SetDefault(connection, handedOut: PassThru);
        WriteVerbose($"Connected: {connection}");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }
}
