using System.Management.Automation;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "Gumloop")]
[OutputType(typeof(void))]
public sealed class DisconnectGumloopCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        // The old connection is not disposed: a script may still hold it from Connect-Gumloop -PassThru.
        ConnectionStore.SetDefault(null);
        WriteVerbose("The default Gumloop connection of this runspace was removed.");
    }
}
