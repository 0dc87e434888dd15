@{
    Synopsis    = 'Lists the Gumloop teams you belong to.'
    Description = @'
Get-GumloopTeam lists the teams of the caller (GET /teams) as GumloopPS.Core.Team objects with Id (also as TeamId) and Name. -Name filters by name with wildcards. Pipe teams to cmdlets that take -TeamId, such as Get-GumloopBrowserProfile.
'@
    Parameters  = @{
        Name = 'Team names to keep; wildcards are allowed and case is ignored.'
    }
    Examples    = @(
        @{
            Title   = 'List your teams'
            Code    = 'Get-GumloopTeam'
            Remarks = 'Writes each team with its id and name.'
        }
        @{
            Title   = 'The browser profiles of one team'
            Code    = "Get-GumloopTeam -Name 'Revenue*' | Get-GumloopBrowserProfile"
            Remarks = 'The TeamId of each team binds to -TeamId.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Team' = 'One per team: Id, TeamId and Name.'
    }
    Links       = @('Get-GumloopBrowserProfile')
}
