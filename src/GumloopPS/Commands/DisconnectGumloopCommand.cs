using System;
using System.Management.Automation;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "Gumloop")]
[OutputType(typeof(void))]
public sealed class DisconnectGumloopCommand : GumloopCmdlet
{
    protected override void EndProcessing()
    {
        // The old connection is not disposed: a script may still hold it from Connect-Gumloop -PassThru.
        var connection = ConnectionStore.GetDefault();
        ConnectionStore.SetDefault(null);
        WriteVerbose("The default Gumloop connection of this runspace was removed.");

        // An interactive sign-in is a grant the user can withdraw; signing out withdraws it (RFC 7009), so the
        // refresh token left in memory or a dump is worthless. Keys and pasted tokens are not ours to revoke.
        if (connection?.OAuthSession is { IsRevoked: false } session)
        {
            try
            {
                Run(ct => session.RevokeAsync(ct));
                WriteVerbose($"The OAuth sign-in of client {session.ClientId} was revoked.");
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                WriteWarning($"The connection was removed, but the sign-in could not be revoked: {ex.Message} Its access token stays valid until it expires.");
            }
        }
    }
}
