#Requires -Version 7.4
# Get-GumloopTeam, Get-GumloopBrowserProfile and Import-GumloopBrowserCookie against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $secret = 'Zq9-very-secret-cookie-value-41'
    $cookieFile = Join-Path $TestDrive 'cookies.json'
    @(
        @{ name = 'SID'; value = $secret; domain = '.mail.google.com'; path = '/'; secure = $true }
        @{ name = 'HSID'; value = 'second-secret-value-77'; domain = '.google.com'; path = '/' }
        @{ name = 'crm'; value = 'third-secret-value-55'; domain = 'app.hubspot.com'; path = '/' }
    ) | ConvertTo-Json | Set-Content -LiteralPath $cookieFile

    # Everything a command wrote anywhere: output, errors, warnings, verbose, debug and information.
    function Get-AllText([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $InformationPreference = 'Continue'
        $all = & $Script *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.ToString(); $_.Exception.ToString(); $_.ErrorDetails.Message; $_.TargetObject | Out-String }
            else { $_ | Out-String; if ($_.PSObject.Properties['Message']) { $_.Message } }
        }
        $all -join "`n"
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopTeam' {
    It 'lists the teams with their ids and filters by name' {
        $teams = @(Get-GumloopTeam)
        $teams[0] | Should -BeOfType ([GumloopPS.Core.Team])
        $teams.Name | Should -Be @('Revenue Ops', 'Field Marketing')
        @(Get-GumloopTeam -Name 'field*').Id | Should -Be @('tm_a93f0b42')
    }

    It 'reports a missing credential as GumloopUnauthorized' {
        $bad = New-GumloopConnection -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri -ApiKey (ConvertTo-SecureString 'gl_sk_wrong' -AsPlainText -Force) -UserId $sim.UserId
        $result = Invoke-Capture { Get-GumloopTeam -Connection $bad }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopUnauthorized*'
    }
}

Describe 'Get-GumloopBrowserProfile' {
    It 'lists personal profiles with their sites, and a piped team''s profiles' {
        $mine = @(Get-GumloopBrowserProfile)
        $mine.Count | Should -Be 1
        $mine[0] | Should -BeOfType ([GumloopPS.Core.BrowserProfile])
        $mine[0].ProfileId | Should -BeExactly 'bprof_5Vx1Nq'
        $mine[0].CookieCount | Should -Be 36
        $mine[0].Sites.ToString() | Should -BeExactly 'app.hubspot.com (14); mail.google.com (22)'

        $team = @(Get-GumloopTeam -Name 'Revenue*' | Get-GumloopBrowserProfile)
        $team.OwnerScope | Should -Be @('team')
        $team[0].TeamId | Should -BeExactly $sim.TeamId
    }

    It 'shows the sites in its table the way Export-Csv writes them' {
        $table = Get-GumloopBrowserProfile | Format-Table | Out-String -Width 200
        $table | Should -Match ([regex]::Escape('app.hubspot.com (14); mail.google.com (22)'))
        (Get-GumloopBrowserProfile | ConvertTo-Csv | ConvertFrom-Csv).Sites | Should -BeExactly 'app.hubspot.com (14); mail.google.com (22)'
    }

    It 'reports a team you are not in as GumloopForbidden with the team id as the target' {
        $result = Invoke-Capture { Get-GumloopBrowserProfile -TeamId 'tm_elsewhere' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopForbidden*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $result.Errors[0].TargetObject | Should -BeExactly 'tm_elsewhere'
    }
}

Describe 'Import-GumloopBrowserCookie' {
    It 'imports one site''s cookies into the default profile' {
        $result = Import-GumloopBrowserCookie -Path $cookieFile -Url 'https://mail.google.com' -Confirm:$false

        $result | Should -BeOfType ([GumloopPS.Core.BrowserCookieImport])
        $result.ProfileId | Should -BeExactly 'bprof_5Vx1Nq'
        $result.Site | Should -BeExactly 'mail.google.com'
        $result.CookieCount | Should -Be 2
        $result.Skipped | Should -Be 1
        $body = (@($sim.RequestLog | Where-Object Path -like '*/browser-profiles/default/cookies')[-1].Body | ConvertFrom-Json)
        $body.url | Should -BeExactly 'https://mail.google.com'
        @($body.cookies).Count | Should -Be 3
    }

    It 'imports into a piped team profile, sending its team id' {
        $result = Get-GumloopBrowserProfile -TeamId $sim.TeamId | Import-GumloopBrowserCookie -Path $cookieFile -Confirm:$false
        $result.Profile.OwnerScope | Should -BeExactly 'team'
        $result.Sites | Should -Contain 'app.hubspot.com'
        (@($sim.RequestLog | Where-Object Path -like '*/browser-profiles/bprof_T3amCr/cookies')[-1].Body | ConvertFrom-Json).team_id | Should -BeExactly $sim.TeamId
    }

    It 'never shows a cookie value: not in -WhatIf, verbose, debug or output' {
        $text = Get-AllText { Import-GumloopBrowserCookie -Path $cookieFile -Verbose -Debug -Confirm:$false }
        $text += Get-AllText { Import-GumloopBrowserCookie -Path $cookieFile -WhatIf }
        $text | Should -Match 'mail.google.com'
        $text | Should -Not -Match ([regex]::Escape($secret))
        $text | Should -Not -Match 'second-secret-value-77'
    }

    It 'never shows a cookie value in errors, even when the service quotes it back' {
        $body = '{"error":{"code":"invalid_request","message":"Cookie SID=' + $secret + ' is malformed","type":"invalid_request_error","param":"cookies[0]","details":{}}}'
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', '/browser-profiles/*', [GumloopPS.Simulator.SimulatorFault]::Status(400, $body)))

        $result = Invoke-Capture { Import-GumloopBrowserCookie -Path $cookieFile -Confirm:$false }
        $text = Get-AllText { Import-GumloopBrowserCookie -Path $cookieFile -Url 'https://example.org' -Confirm:$false -Verbose }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $result.Errors[0].TargetObject | Should -BeExactly 'default'
        ($result.Errors[0].ToString() + $result.Errors[0].Exception.ResponseBody) | Should -Not -Match ([regex]::Escape($secret))
        $result.Errors[0].ToString() | Should -Match 'malformed'
        $text | Should -Match 'No usable cookies'
        $text | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'refuses a file that is not a cookie list without sending or quoting it' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value ('[{"name":"SID","value":"' + $secret + '"')
        $sim.ClearRequestLog()

        $result = Invoke-Capture { Import-GumloopBrowserCookie -Path $bad -Confirm:$false }

        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $result.Errors[0].TargetObject | Should -BeExactly $bad
        $result.Errors[0].ToString() | Should -Not -Match ([regex]::Escape($secret))
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'reports an unknown profile as GumloopNotFound' {
        $result = Invoke-Capture { Import-GumloopBrowserCookie -ProfileId 'bprof_missing' -Path $cookieFile -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'bprof_missing'
    }

    It '-WhatIf sends nothing' {
        $sim.ClearRequestLog()
        Import-GumloopBrowserCookie -Path $cookieFile -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'are the typed commands for the browser profile and team operations' {
        (Find-GumloopCommand -Path '/browser-profiles' -Method GET).Command | Should -BeExactly 'Get-GumloopBrowserProfile'
        (Find-GumloopCommand -Path '/browser-profiles/{profile_id}/cookies' -Method POST).Command | Should -BeExactly 'Import-GumloopBrowserCookie'
        (Find-GumloopCommand -Path '/teams' -Method GET).Command | Should -BeExactly 'Get-GumloopTeam'
    }
}
