#Requires -Version 7.4
# Connect-Gumloop -Interactive end to end against the simulator, with this test as the browser. The sign-in runs
# in a runspace of its own (as at a user's prompt) while this one reads the printed authorize URL, fetches it
# and follows the simulator's redirect to the cmdlet's loopback listener.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $savedEnv = Save-GumloopEnv
    $savedClientId = $env:GUMLOOP_OAUTH_CLIENT_ID
    $env:GUMLOOP_OAUTH_CLIENT_ID = $null
    $sim = Start-TestSimulator -ReplyDelayMs 20
    $moduleDir = $env:GUMLOOPPS_TEST_MODULE
    # Tokens, refresh tokens and codes of the simulator's OAuth server all look like this.
    $oauthSecretPattern = 'glo_(at|rt|ac)_[A-Za-z0-9]{6,}'

    function Get-FreeRedirectUri {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        "http://127.0.0.1:$port/callback"
    }

    # Starts a script in a new runspace of this process (the module is imported there) and returns at once.
    function Start-SignIn([string] $Script) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("`$ErrorActionPreference = 'Stop'; Import-Module '$moduleDir'`n$Script")
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    # The URL the cmdlet printed (information stream, as Write-Host would), once it is there.
    function Wait-AuthorizeUrl($Run, [int] $TimeoutSec = 30) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while ([datetime]::UtcNow -lt $deadline) {
            $url = @($Run.PowerShell.Streams.Information | ForEach-Object { "$($_.MessageData)".Trim() } | Where-Object { $_ -match '^http://\S+/oauth/authorize\?' })[0]
            if ($url) { return $url }
            if ($Run.Handle.IsCompleted) { break }
            Start-Sleep -Milliseconds 50
        }
        throw "No authorize URL was printed: $(@($Run.PowerShell.Streams.Error) -join '; ')"
    }

    # Plays the browser: the user consents (or, with the directive, denies) and the redirect goes to the listener.
    function Invoke-Browser([string] $Url, [string] $Directive) {
        if ($Directive) { $Url += '&' + $Directive }
        # Debug output would echo the redirect (with its code) into the secret scan's log; the test is not the module.
        Invoke-WebRequest -Uri $Url -MaximumRedirection 5 -TimeoutSec 30 -Verbose:$false -Debug:$false
    }

    function Complete-SignIn($Run) {
        try { $Run.PowerShell.EndInvoke($Run.Handle) }
        finally { $Run.PowerShell.Dispose() }
    }

    # Everything a sign-in runspace wrote, as text, to search for secrets.
    function Get-AllStreamText($Run, $Output) {
        $s = $Run.PowerShell.Streams
        (@($Output) + @($s.Error) + @($s.Warning) + @($s.Verbose) + @($s.Debug) + @($s.Information) | ForEach-Object {
            "$_"; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.Message; "$($_.ErrorDetails)" }
        }) -join "`n"
    }

    function Connect-Interactively([string] $Extra = '') {
        $run = Start-SignIn "Connect-Gumloop -Interactive -NoBrowser -PassThru -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -StreamBaseUri '$($sim.StreamBaseUri)' -RedirectUri '$(Get-FreeRedirectUri)' $Extra"
        $null = Invoke-Browser (Wait-AuthorizeUrl $run)
        $connection = Complete-SignIn $run
        $connection | Should -BeOfType ([GumloopPS.Core.GumloopConnection])
        $connection
    }

    function ConvertTo-Secure([string] $Text) { ConvertTo-SecureString -String $Text -AsPlainText -Force }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Restore-GumloopEnv $savedEnv
    $env:GUMLOOP_OAUTH_CLIENT_ID = $savedClientId
}

Describe 'Connect-Gumloop -Interactive' {
    It 'signs in with PKCE, sets the default connection, and a session created afterwards carries the token' {
        $sim.ClearRequestLog()
        $redirect = Get-FreeRedirectUri
        $run = Start-SignIn @"
Connect-Gumloop -Interactive -NoBrowser -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -StreamBaseUri '$($sim.StreamBaseUri)' -RedirectUri '$redirect' -Verbose -Debug
`$c = Get-GumloopConnection
[pscustomobject]@{ AuthKind = "`$(`$c.AuthKind)"; Text = "`$c"; Json = (`$c | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue); Csv = (`$c | ConvertTo-Csv | Out-String) }
Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'Summarise the pipeline' -Wait -WaitTimeoutSec 30 -Verbose -Debug
"@
        $url = Wait-AuthorizeUrl $run
        $query = [System.Web.HttpUtility]::ParseQueryString(([uri]$url).Query)
        $query['code_challenge_method'] | Should -Be 'S256'
        $query['code_challenge'] | Should -Match '^[A-Za-z0-9_-]{43}$'
        $query['scope'] | Should -Be 'gumloop_api userinfo'
        $query['redirect_uri'] | Should -Be $redirect
        $query['client_id'] | Should -Be $sim.OAuthClientId
        ([uri]$url).GetLeftPart('Path') | Should -Be ($sim.OAuthRootUri.AbsoluteUri + 'oauth/authorize')

        $page = Invoke-Browser $url
        $page.Content | Should -Match 'Signed in to Gumloop'
        $output = @(Complete-SignIn $run)

        $output[0].AuthKind | Should -Be 'AccessToken'
        $session = $output | Where-Object { $_ -is [GumloopPS.Core.Session] }
        $session.State | Should -Be 'completed'

        $token = @(Get-Request POST '/oauth/token')
        $token.Count | Should -Be 1
        $token[0].Body | Should -Match 'grant_type=authorization_code'
        $token[0].Body | Should -Match 'code_verifier='
        $create = @(Get-Request POST '/api/v1/agents/*/sessions')
        $create.Count | Should -Be 1
        $create[0].StatusCode | Should -BeIn 200, 201, 202
        $create[0].Credential | Should -Match '^glo_at_'
        $create[0].AuthKey | Should -BeNullOrEmpty

        # Output, ToString, JSON and CSV of the connection, and every stream with -Verbose -Debug on, hold no token or code.
        $text = (Get-AllStreamText $run $output) + $output[0].Text + $output[0].Json + $output[0].Csv
        $text | Should -Not -Match $oauthSecretPattern
        $text | Should -Not -Match ([regex]::Escape($create[0].Credential))
    }

    # $BROWSER is how Linux names the system browser; Windows and macOS use the shell, which a test cannot play.
    if ($IsLinux) {
    It 'opens the system browser ($BROWSER) when -NoBrowser is not given' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ("gumloop-browser-" + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $dir
        $script = Join-Path $dir 'browser.sh'
        $urlFile = Join-Path $dir 'url.txt'
        Set-Content -Path $script -Value "#!/bin/sh`nprintf '%s' `"`$1`" > '$urlFile'`n" -NoNewline
        & chmod +x $script
        $savedBrowser = $env:BROWSER
        $env:BROWSER = $script
        try {
            $run = Start-SignIn "Connect-Gumloop -Interactive -PassThru -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)'"
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while (-not (Test-Path $urlFile) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Start-Sleep -Milliseconds 100
            $url = Get-Content -Raw $urlFile
            $url | Should -Match '/oauth/authorize\?'
            $null = Invoke-Browser $url
            $connection = Complete-SignIn $run
            $connection.OAuthSession.ClientId | Should -Be $sim.OAuthClientId
        }
        finally {
            $env:BROWSER = $savedBrowser
            Remove-Item -Recurse -Force $dir
        }
    }
    }

    It 'fails with GumloopSignInDenied when the user denies' {
        $sim.ClearRequestLog()
        $run = Start-SignIn "try { Connect-Gumloop -Interactive -NoBrowser -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)' } catch { `$_ }"
        $page = Invoke-Browser (Wait-AuthorizeUrl $run) 'sim%3Aconsent=deny'
        $page.Content | Should -Match 'not completed'
        $record = Complete-SignIn $run | Select-Object -First 1
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopSignInDenied,*'
        $record.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $record.Exception.Message | Should -Match 'access_denied'
        @(Get-Request POST '/oauth/token').Count | Should -Be 0
    }

    It 'fails with GumloopSignInTimeout when no browser comes back in time' {
        $run = Start-SignIn "try { Connect-Gumloop -Interactive -NoBrowser -SignInTimeoutSec 1 -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)' } catch { `$_ }"
        $record = Complete-SignIn $run | Select-Object -First 1
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopSignInTimeout,*'
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop -Interactive'
    }

    It 'stops waiting at once on Ctrl+C (StopProcessing) and frees the port' {
        $redirect = [uri](Get-FreeRedirectUri)
        $run = Start-SignIn "Connect-Gumloop -Interactive -NoBrowser -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -RedirectUri '$redirect'"
        $null = Wait-AuthorizeUrl $run
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $run.PowerShell.Stop()
        $stopwatch.Stop()
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        # The sign-in would have waited 300 s.
        $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $run.PowerShell.Dispose()
        $again = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $redirect.Port)
        { $again.Start(); $again.Stop() } | Should -Not -Throw
    }

    It 'needs a client id from -ClientId or GUMLOOP_OAUTH_CLIENT_ID' {
        $run = Start-SignIn "try { Connect-Gumloop -Interactive -NoBrowser -BaseUri '$($sim.BaseUri)' } catch { `$_ }"
        $record = Complete-SignIn $run | Select-Object -First 1
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopOAuthClientIdMissing,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'GUMLOOP_OAUTH_CLIENT_ID'
    }

    It 'takes the client id from GUMLOOP_OAUTH_CLIENT_ID' {
        $env:GUMLOOP_OAUTH_CLIENT_ID = $sim.OAuthClientId
        try {
            $run = Start-SignIn "Connect-Gumloop -Interactive -NoBrowser -PassThru -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)'"
            $url = Wait-AuthorizeUrl $run
            [System.Web.HttpUtility]::ParseQueryString(([uri]$url).Query)['client_id'] | Should -Be $sim.OAuthClientId
            $null = Invoke-Browser $url
            (Complete-SignIn $run).OAuthSession.ClientId | Should -Be $sim.OAuthClientId
        }
        finally { $env:GUMLOOP_OAUTH_CLIENT_ID = $null }
    }

    It 'refuses a redirect URI that is not http loopback with a port' {
        $run = Start-SignIn "try { Connect-Gumloop -Interactive -NoBrowser -ClientId x -BaseUri '$($sim.BaseUri)' -RedirectUri 'https://example.com/cb' } catch { `$_ }"
        $record = Complete-SignIn $run | Select-Object -First 1
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -Match 'loopback'
    }
}

Describe 'Token renewal on an interactive connection' {
    It 'renews before expiry (from expires_in) without a 401' {
        $sim.Options.OAuthTokenLifetime = [TimeSpan]::FromSeconds(2)
        try {
            $connection = Connect-Interactively
            $sim.ClearRequestLog()
            # Past 90% of the 2 s lifetime on the client's own clock: the renewal goes first.
            Start-Sleep -Milliseconds 2100
            $null = Get-GumloopAgent -Connection $connection
            $log = @($sim.RequestLog | ForEach-Object { "$($_.Method) $($_.Path) $($_.StatusCode)" })
            $log | Should -Be @('POST /oauth/token 200', 'GET /api/v1/agents 200')
            $sim.RequestLog[0].Body | Should -Match 'grant_type=refresh_token'
            $connection.OAuthSession.RenewalCount | Should -Be 1
        }
        finally { $sim.Options.OAuthTokenLifetime = [TimeSpan]::FromHours(1) }
    }

    It 'renews once on a 401 and resends' {
        $connection = Connect-Interactively
        $null = Get-GumloopAgent -Connection $connection
        $sim.ExpireAccessToken((ConvertTo-Secure $sim.RequestLog[-1].Credential))
        $sim.ClearRequestLog()
        $null = Get-GumloopAgent -Connection $connection
        @($sim.RequestLog | ForEach-Object { "$($_.Path) $($_.StatusCode)" }) | Should -Be @('/api/v1/agents 401', '/oauth/token 200', '/api/v1/agents 200')
        $sim.RequestLog[0].Credential | Should -Not -Be $sim.RequestLog[2].Credential
    }

    It 'shares one renewal among cmdlets running in parallel' {
        $connection = Connect-Interactively
        $null = Get-GumloopAgent -Connection $connection
        $sim.ExpireAccessToken((ConvertTo-Secure $sim.RequestLog[-1].Credential))
        $sim.ClearRequestLog()
        $results = 1..6 | ForEach-Object -ThrottleLimit 6 -Parallel {
            Import-Module $using:moduleDir
            @(Get-GumloopAgent -Connection $using:connection).Count
        }
        $results | Should -HaveCount 6
        @(Get-Request POST '/oauth/token').Count | Should -Be 1
        @($sim.RequestLog | Where-Object { $_.Path -eq '/api/v1/agents' -and $_.StatusCode -eq 200 }).Count | Should -Be 6
        $connection.OAuthSession.RenewalCount | Should -Be 1
    }

    It 'reports a refused renewal as GumloopSignInExpired (AuthenticationError) asking to sign in again' {
        $connection = Connect-Interactively
        $sim.RevokeOAuthGrants()
        $result = Invoke-Capture { Get-GumloopAgent -Connection $connection -Verbose }
        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSignInExpired,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop -Interactive'
        $result.Errors[0].Exception.Message | Should -Match 'invalid_grant'
        (($result.Errors | Out-String) + ($result.Verbose -join "`n")) | Should -Not -Match $oauthSecretPattern
    }
}

Describe 'Disconnect-Gumloop after an interactive sign-in' {
    It 'revokes the refresh token, and the revoked tokens stop working' {
        $sim.ClearRequestLog()
        $run = Start-SignIn @"
Connect-Gumloop -Interactive -NoBrowser -PassThru -ClientId '$($sim.OAuthClientId)' -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)'
`$null = Get-GumloopAgent
Disconnect-Gumloop -Verbose
"@
        $null = Invoke-Browser (Wait-AuthorizeUrl $run)
        $connection = Complete-SignIn $run | Select-Object -First 1
        $revoke = @(Get-Request POST '/oauth/revoke')
        $revoke.Count | Should -Be 1
        $revoke[0].StatusCode | Should -Be 200
        $revoke[0].Body | Should -Match 'token=glo_rt_'
        $revoke[0].Body | Should -Match "client_id=$($sim.OAuthClientId)"
        $connection.OAuthSession.IsRevoked | Should -BeTrue

        $access = (Get-Request GET '/api/v1/agents')[0].Credential
        # A plain HttpClient, so no debug stream echoes the token it sends.
        $probe = [System.Net.Http.HttpClient]::new()
        try {
            $request = [System.Net.Http.HttpRequestMessage]::new('GET', "$($sim.BaseUri)/agents")
            $null = $request.Headers.TryAddWithoutValidation('Authorization', "Bearer $access")
            [int]$probe.SendAsync($request).GetAwaiter().GetResult().StatusCode | Should -Be 401
        }
        finally { $probe.Dispose() }
    }

    It 'sends nothing for an API-key connection' {
        $sim | Connect-Gumloop
        $sim.ClearRequestLog()
        Disconnect-Gumloop
        $sim.RequestLog | Should -HaveCount 0
        $sim | Connect-Gumloop
    }
}

Describe 'Register-GumloopOAuthClient' {
    It 'registers a client and returns its id, which then signs in' {
        $sim.ClearRequestLog()
        $clientId = Register-GumloopOAuthClient -Name 'Renewals Console' -RedirectUri 'http://127.0.0.1:47100/callback' -BaseUri $sim.BaseUri
        $clientId | Should -BeOfType ([string])
        $clientId | Should -Match '^oc_'
        $request = (Get-Request POST '/oauth/register')[0]
        $request.StatusCode | Should -Be 201
        $body = $request.Body | ConvertFrom-Json
        $body.client_name | Should -Be 'Renewals Console'
        $body.redirect_uris | Should -Be @('http://127.0.0.1:47100/callback')
        $body.token_endpoint_auth_method | Should -Be 'none'
        $body.scope | Should -Be 'gumloop_api userinfo'
        $request.Credential | Should -BeNullOrEmpty

        $run = Start-SignIn "Connect-Gumloop -Interactive -NoBrowser -PassThru -ClientId '$clientId' -BaseUri '$($sim.BaseUri)' -RedirectUri '$(Get-FreeRedirectUri)'"
        $null = Invoke-Browser (Wait-AuthorizeUrl $run)
        (Complete-SignIn $run).OAuthSession.ClientId | Should -Be $clientId
    }

    It 'takes the host from the default connection and supports -WhatIf' {
        $sim.ClearRequestLog()
        Register-GumloopOAuthClient -Name 'Ops' -RedirectUri 'http://127.0.0.1:47100/callback' -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -HaveCount 0
        Register-GumloopOAuthClient -Name 'Ops' -RedirectUri 'http://127.0.0.1:47100/callback' | Should -Match '^oc_'
        @(Get-Request POST '/oauth/register').Count | Should -Be 1
    }

    It 'retries a 429 (the server did not act) and never repeats a registration that failed otherwise' {
        $rule = [GumloopPS.Simulator.FaultRule]::new('POST', '/oauth/register', [GumloopPS.Simulator.SimulatorFault[]]@([GumloopPS.Simulator.SimulatorFault]::Status(429, $null, '0')))
        $sim.AddFault($rule)
        $sim.ClearRequestLog()
        Register-GumloopOAuthClient -Name 'Retry' -RedirectUri 'http://127.0.0.1:47100/callback' -BaseUri $sim.BaseUri -MaxRetryDelaySec 1 | Should -Match '^oc_'
        @(Get-Request POST '/oauth/register' | ForEach-Object StatusCode) | Should -Be @(429, 201)

        $rule = [GumloopPS.Simulator.FaultRule]::new('POST', '/oauth/register', [GumloopPS.Simulator.SimulatorFault[]]@([GumloopPS.Simulator.SimulatorFault]::Status(500)))
        $sim.AddFault($rule)
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Register-GumloopOAuthClient -Name 'Once' -RedirectUri 'http://127.0.0.1:47100/callback' -BaseUri $sim.BaseUri -TimeoutSec 10 }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopOAuthRegistrationFailed,*'
        @(Get-Request POST '/oauth/register').Count | Should -Be 1
    }

    It 'reports a refused registration as GumloopOAuthRegistrationFailed' {
        $result = Invoke-Capture { Register-GumloopOAuthClient -Name 'Bad' -RedirectUri 'http://example.com/cb' -BaseUri $sim.BaseUri }
        $result.Errors | Should -HaveCount 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopOAuthRegistrationFailed,*'
        $result.Errors[0].Exception.Message | Should -Match 'invalid_request'
    }
}
