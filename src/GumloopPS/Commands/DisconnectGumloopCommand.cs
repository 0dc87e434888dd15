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
        var connection = ConnectionStore.GetDefault();
        string? revokeProblem = null;

        // An interactive sign-in is a grant the user can withdraw; signing out withdraws it (RFC 7009), so the
        // refresh token left in memory or a dump is worthless. Keys and pasted tokens are not ours to revoke.
        // Revoking comes first because removing the default disposes the connection it is sent through.
        if (connection?.OAuthSession is { IsRevoked: false } session)
        {
            try
            {
                Run(ct => session.RevokeAsync(ct));
                WriteVerbose($"The OAuth sign-in of client {session.ClientId} was revoked.");
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                revokeProblem = ex.Message;
            }
        }

        // Disposes the connection (its HttpClient and the header holding the key) unless a script was handed it
        // through Connect-Gumloop -PassThru or Get-GumloopConnection and may still use it with -Connection.
        ConnectionStore.SetDefault(null);
        WriteVerbose("The default Gumloop connection of this runspace was removed.");
        if (revokeProblem is not null)
        {
            WriteWarning($"The connection was removed, but the sign-in could not be revoked: {revokeProblem} Its access token stays valid until it expires.");
        }
    }
}
