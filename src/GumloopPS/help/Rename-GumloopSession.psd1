@{
    Synopsis    = 'Renames a Gumloop session.'
    Description = @'
Rename-GumloopSession changes the name of a session as shown in Gumloop (PATCH /sessions/{id}) and writes the renamed session, in full.

The new name is trimmed and must be 1 to 256 characters long; a name made only of spaces is rejected before any request (GumloopInvalidArgument).

The session id binds from the Id or SessionId property of piped objects, so sessions from Get-GumloopSession can be renamed in bulk. Each failure is a non-terminating error whose TargetObject is the session id. The cmdlet supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        PassThru = 'Writes the renamed session. Without it the cmdlet writes nothing, like other Set- and Rename- cmdlets.'
        SessionId = 'The id of the session to rename. Binds by property name from the Id or SessionId property of piped objects. Alias: Id.'
        NewName   = 'The new name, 1 to 256 characters. Leading and trailing spaces are removed.'
        WhatIf    = 'Shows which session would be renamed, and to what, without renaming it. No request is sent.'
    }
    Examples    = @(
        @{
            Title   = 'Rename a session'
            Code    = "Rename-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -NewName 'Northwind renewal brief (final)'"
            Remarks = 'Writes the renamed session.'
        }
        @{
            Title   = 'Tag the failed sessions of an agent for review'
            Code    = @'
Get-GumloopSession -AgentId $a -State failed -All | ForEach-Object {
    Rename-GumloopSession -SessionId $_.Id -NewName "[review] $($_.Name)"
}
'@
            Remarks = 'Each failed session is renamed after its current name; add -WhatIf first to see the new names.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'With -PassThru, the renamed session, with its full transcript. Otherwise nothing.'
    }
    Links       = @('Get-GumloopSession', 'New-GumloopSession')
}
