@{
    Synopsis    = 'Removes the default Gumloop connection of the current runspace.'
    Description = @'
Disconnect-Gumloop forgets the connection that Connect-Gumloop made the default for this runspace. Later cmdlets without -Connection fall back to the GUMLOOP_* environment variables, or fail with GumloopNotConnected when those are not set.

The connection object itself is left open, because a script may still hold it from Connect-Gumloop -PassThru and pass it to -Connection. For a key or a pasted access token, Disconnect-Gumloop sends no request and does not revoke anything. For a connection made with Connect-Gumloop -Interactive it also revokes the sign-in (POST /oauth/revoke with the refresh token, RFC 7009), so the tokens held in memory stop working; if the revocation fails it warns and still removes the connection.
'@
    Parameters  = @{}
    Examples    = @(
        @{
            Title   = 'End a runbook cleanly'
            Code    = @'
Connect-Gumloop -Credential (Get-AutomationPSCredential -Name Gumloop)
try {
    Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'Summarise yesterday''s leads' -Wait
}
finally {
    Disconnect-Gumloop
}
'@
            Remarks = 'The finally block removes the default connection even when the work fails.'
        }
        @{
            Title   = 'Sign out of an interactive sign-in'
            Code    = @'
Connect-Gumloop -Interactive -ClientId 'oc_6yHk2Tq9WzR4'
Get-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -First 5
Disconnect-Gumloop -Verbose
'@
            Remarks = 'Revokes the refresh token at Gumloop and removes the default connection; -Verbose reports both steps.'
        }
        @{
            Title   = 'Switch from the simulator back to the real service'
            Code    = @'
Disconnect-Gumloop
Get-GumloopConnection
'@
            Remarks = 'After disconnecting, Get-GumloopConnection shows the connection built from the GUMLOOP_* variables, or reports GumloopNotConnected.'
        }
    )
    Links       = @('Connect-Gumloop', 'Get-GumloopConnection')
}
