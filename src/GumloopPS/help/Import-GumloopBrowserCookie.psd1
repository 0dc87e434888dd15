@{
    Synopsis    = 'Imports exported sign-in cookies into a Gumloop browser profile.'
    Description = @'
Import-GumloopBrowserCookie reads a JSON cookie export (an array of cookies in Chrome extension or DevTools shape, or an object with a cookies array) and imports it into a browser profile (POST /browser-profiles/{id}/cookies), so agents can use those sign-ins. It writes a GumloopPS.Core.BrowserCookieImport: CookieCount, Skipped (expired, malformed or outside -Url's site), Sites, and the Profile after the import.

With -Url only that site's cookies are imported and they replace what the profile had for it; without it every site in the file is imported, each replacing that site. -ProfileId 'default' (the default) imports into your default profile and creates it if needed.

Cookie values are secrets. The confirmation prompt, -WhatIf, verbose output and every error name the file, the number of cookies and their sites, never a value, even when the service quotes one back. A file that is not a JSON cookie list is GumloopInvalidArgument (InvalidData) and nothing is sent; no usable cookies is GumloopBadRequest; an unknown profile is GumloopNotFound. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        ProfileId = 'The profile to import into, or default for your default profile (created if needed). Binds by property name from piped profiles.'
        Path      = 'The JSON file holding the exported cookies. Alias: CookieFile.'
        Url       = 'Imports only the cookies of this site (an absolute http(s) URL of at most 2048 characters), replacing what the profile had for it.'
        TeamId    = 'Imports into a profile owned by this team instead of a personal one. Binds by property name from piped team profiles.'
        WhatIf    = 'Shows the profile, the number of cookies and their sites, without importing anything. No value is shown.'
        Confirm   = 'Asks before importing.'
    }
    Examples    = @(
        @{
            Title   = 'Add a Gmail sign-in to your default profile'
            Code    = "Import-GumloopBrowserCookie -Path ./cookies.json -Url https://mail.google.com"
            Remarks = 'Only the mail.google.com cookies of the file are imported; the result shows how many and how many were skipped.'
        }
        @{
            Title   = 'Import into a team profile'
            Code    = "Get-GumloopBrowserProfile -TeamId 'tm_5c2d8e17' -Name 'Shared*' | Import-GumloopBrowserCookie -Path ./crm-cookies.json"
            Remarks = 'ProfileId and TeamId bind from the piped profile.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrowserCookieImport' = 'What was imported, and the profile after the import.'
    }
    Links       = @('Get-GumloopBrowserProfile')
}
