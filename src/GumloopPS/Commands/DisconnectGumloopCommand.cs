using System.Management.Automation;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "Gumloop")]
[OutputType(typeof(void))]
public sealed class DisconnectGumloopCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        // Disposes the connection (its HttpClient and the header holding the key) unless a script was handed it
        // through Connect-Gumloop -PassThru or Get-GumloopConnection and may still use it with -Connection.
        ConnectionStore.SetDefault(null);
        WriteVerbose("The default Gumloop connection of this runspace was removed.");
    }
}
