@{
    Synopsis    = 'Shows the Gumloop connection that cmdlets would use, without its secret.'
    Description = @'
Get-GumloopConnection returns the connection that an API cmdlet without -Connection would use: the default set by Connect-Gumloop in this runspace or, failing that, the one built from the GUMLOOP_* environment variables. It reports GumloopNotConnected (a non-terminating error) when there is neither.

The object shows the base URI, streaming base URI, authentication kind (ApiKey, TeamKey or AccessToken), user id, team id, timeout and retry settings, and MaskedKey, which shows only the last four characters of the secret. The secret itself is not reachable from PowerShell. Get-GumloopConnection sends no request; use Connect-Gumloop -Validate to test the credentials.
'@
    Parameters  = @{}
    Examples    = @(
        @{
            Title   = 'Check which account a runbook is using'
            Code    = 'Get-GumloopConnection | Format-List'
            Remarks = 'Shows every setting of the current connection, including the masked key, which is safe to write to a job log.'
        }
        @{
            Title   = 'Fail early when no connection is configured'
            Code    = @'
$connection = Get-GumloopConnection -ErrorAction Stop
Write-Output "Using $($connection.BaseUri) as $($connection.UserId)"
'@
            Remarks = 'With -ErrorAction Stop a missing connection stops the script before any real work starts.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.GumloopConnection' = 'The connection that cmdlets without -Connection would use.'
    }
    Links       = @('Connect-Gumloop', 'Disconnect-Gumloop')
}
