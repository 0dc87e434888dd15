@{
    Synopsis    = 'Lists Gumloop browser profiles: the sign-ins an agent''s Browser ability uses.'
    Description = @'
Get-GumloopBrowserProfile lists your personal browser profiles, or a team's with -TeamId (GET /browser-profiles), as GumloopPS.Core.BrowserProfile objects: ProfileId, Name, OwnerScope (personal or team), IsDefault, Version, Sites (each domain with its cookie count), CookieCount, SizeBytes and timestamps. Cookie values are never returned by the service.

Pipe teams from Get-GumloopTeam to list their profiles; pipe profiles to Import-GumloopBrowserCookie to add sign-ins. A team you are not a member of is GumloopForbidden (PermissionDenied).
'@
    Parameters  = @{
        TeamId = 'Lists the team''s profiles instead of your personal ones. Binds by property name from piped teams.'
        Name   = 'Profile names to keep; wildcards are allowed and case is ignored.'
    }
    Examples    = @(
        @{
            Title   = 'Your profiles and their sites'
            Code    = 'Get-GumloopBrowserProfile | Format-List Name, Sites, CookieCount'
            Remarks = 'Sites lists each domain with its number of cookies.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrowserProfile' = 'One per profile.'
    }
    Links       = @('Import-GumloopBrowserCookie', 'Get-GumloopTeam')
}
