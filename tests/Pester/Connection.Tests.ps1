#Requires -Version 7.4
# Connect-Gumloop, Disconnect-Gumloop and Get-GumloopConnection against the in-process simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $key = Get-Plain $sim.ApiKey
    # The environment is process-wide: keep whatever the caller had and start every test from a clean slate.
    $savedEnv = Save-GumloopEnv

    function ConvertTo-Secure([string] $Text) {
        ConvertTo-SecureString -String $Text -AsPlainText -Force
    }

    function Get-LastApiRequest {
        Get-ApiLog | Select-Object -Last 1
    }
}

AfterAll {
    Restore-GumloopEnv $savedEnv
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Connect-Gumloop' {
    AfterEach {
        Clear-GumloopEnv
        $sim | Connect-Gumloop
    }

    It 'connects with -ApiKey and -UserId and uses them on the next call' {
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $sim.ClearRequestLog()
        $agents = Get-GumloopAgent
        $agents.Count | Should -BeGreaterOrEqual 3
        $request = Get-LastApiRequest
        $request.StatusCode | Should -Be 200
        $request.Credential | Should -BeExactly $key
        $request.AuthKey | Should -BeExactly $sim.UserId
    }

    It 'makes no request without -Validate' {
        $sim.ClearRequestLog()
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'makes no request even when the key is wrong, without -Validate' {
        $sim.ClearRequestLog()
        { Connect-Gumloop -ApiKey (ConvertTo-Secure 'gl_sk_not_a_real_key_123') -UserId $sim.UserId -BaseUri $sim.BaseUri } | Should -Not -Throw
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'connects with -Credential: user name is the user id, password is the API key' {
        $credential = [pscredential]::new($sim.UserId, $sim.ApiKey)
        $connection = Connect-Gumloop -Credential $credential -BaseUri $sim.BaseUri -PassThru
        $connection.UserId | Should -BeExactly $sim.UserId
        $connection.AuthKind.ToString() | Should -Be 'ApiKey'
        $sim.ClearRequestLog()
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
        $request = Get-LastApiRequest
        $request.Credential | Should -BeExactly $key
        $request.AuthKey | Should -BeExactly $sim.UserId
    }

    It 'connects with -AccessToken and sends no x-auth-key' {
        $token = $sim.CreateAccessToken()
        $tokenText = [System.Net.NetworkCredential]::new('', $token).Password
        $connection = Connect-Gumloop -AccessToken $token -BaseUri $sim.BaseUri -PassThru
        $connection.AuthKind.ToString() | Should -Be 'AccessToken'
        $sim.ClearRequestLog()
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
        $request = Get-LastApiRequest
        $request.StatusCode | Should -Be 200
        $request.Credential | Should -BeExactly $tokenText
        $request.AuthKey | Should -BeNullOrEmpty
    }

    It 'connects with a team key and -TeamId, sending team_id on the query string' {
        $connection = Connect-Gumloop -ApiKey $sim.TeamApiKey -UserId $sim.UserId -TeamId $sim.TeamId -BaseUri $sim.BaseUri -PassThru
        $connection.AuthKind.ToString() | Should -Be 'TeamKey'
        $connection.TeamId | Should -BeExactly $sim.TeamId
        $sim.ClearRequestLog()
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
        (Get-LastApiRequest).Query | Should -Match "(^|&)team_id=$([regex]::Escape($sim.TeamId))(&|$)"
    }

    It 'accepts the simulator object from the pipeline' {
        $connection = $sim | Connect-Gumloop -PassThru
        $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.BaseUri.AbsoluteUri.TrimEnd('/')
        $connection.StreamBaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.StreamBaseUri.AbsoluteUri.TrimEnd('/')
        $connection.UserId | Should -BeExactly $sim.UserId
    }

    It '-PassThru emits the connection; without it nothing is written' {
        $quiet = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $quiet | Should -BeNullOrEmpty
        $loud = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -PassThru
        $loud | Should -BeOfType ([GumloopPS.Core.GumloopConnection])
        (Get-GumloopConnection).BaseUri | Should -Be $loud.BaseUri
    }

    It 'defaults to the Gumloop service and derives the streaming host' {
        $connection = Connect-Gumloop -ApiKey (ConvertTo-Secure 'gl_sk_offline_default_uri') -UserId 'u1' -PassThru
        $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly 'https://api.gumloop.com/api/v1'
        $connection.StreamBaseUri.Host | Should -BeExactly 'ws.gumloop.com'
    }

    It 'keeps the base URI as the streaming URI for other https hosts' {
        $connection = Connect-Gumloop -ApiKey (ConvertTo-Secure 'gl_sk_offline_other_host') -UserId 'u1' -BaseUri 'https://gumloop.example.test/api/v1' -PassThru
        $connection.StreamBaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly 'https://gumloop.example.test/api/v1'
    }

    It 'honours -TimeoutSec' {
        $connection = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 7 -PassThru
        $connection.TimeoutSec | Should -Be 7
    }

    It 'rejects a plain http base URI that is not loopback' {
        $result = Invoke-Capture { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri 'http://api.gumloop.example/api/v1' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -Match 'https'
    }

    It 'leaves the previous connection in place when the settings are rejected' {
        $sim.ClearRequestLog()
        $null = Invoke-Capture { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri 'http://10.1.2.3/api/v1' }
        (Get-GumloopConnection).BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.BaseUri.AbsoluteUri.TrimEnd('/')
        @($sim.RequestLog).Count | Should -Be 0
    }

    It '-Validate succeeds with one GET /models' {
        $sim.ClearRequestLog()
        $connection = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate -PassThru
        $connection | Should -Not -BeNullOrEmpty
        $requests = @($sim.RequestLog)
        $requests.Count | Should -Be 1
        $requests[0].Method | Should -Be 'GET'
        $requests[0].Path | Should -Match '/models$'
        $requests[0].StatusCode | Should -Be 200
    }

    It '-Validate with a wrong key fails with AuthenticationError' {
        $result = Invoke-Capture { Connect-Gumloop -ApiKey (ConvertTo-Secure 'gl_sk_wrong_key_for_validate_9876') -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop'
    }

    It '-Validate with a user id that does not own the key fails with AuthenticationError' {
        $result = Invoke-Capture { Connect-Gumloop -ApiKey $sim.ApiKey -UserId 'someone_else' -BaseUri $sim.BaseUri -Validate }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'a failed -Validate keeps the previous default connection' {
        $null = Invoke-Capture { Connect-Gumloop -ApiKey (ConvertTo-Secure 'gl_sk_wrong_key_keep_previous') -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate }
        (Get-GumloopConnection).MaskedKey | Should -BeLike ('*' + $key.Substring($key.Length - 4))
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
    }

    It '-Validate against a stopped server fails with ConnectionError' {
        $dead = Start-GumloopSimulator -ReplyDelayMs 50
        $deadUri = $dead.BaseUri
        $dead | Stop-GumloopSimulator
        $result = Invoke-Capture { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $deadUri -MaxRetryCount 0 -Validate }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'reads GUMLOOP_API_KEY, GUMLOOP_USER_ID and GUMLOOP_BASE_URL when nothing is connected' {
        Disconnect-Gumloop
        try {
            $env:GUMLOOP_API_KEY = $key
            $env:GUMLOOP_USER_ID = $sim.UserId
            $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
            $sim.ClearRequestLog()
            $agents = Get-GumloopAgent
            $agents.Count | Should -BeGreaterOrEqual 3
            $request = Get-LastApiRequest
            $request.Credential | Should -BeExactly $key
            $request.AuthKey | Should -BeExactly $sim.UserId
        }
        finally {
            Clear-GumloopEnv
        }
    }

    It 'Get-GumloopConnection reports the environment connection when nothing is connected' {
        Disconnect-Gumloop
        try {
            $env:GUMLOOP_API_KEY = $key
            $env:GUMLOOP_USER_ID = $sim.UserId
            $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
            $connection = Get-GumloopConnection
            $connection.UserId | Should -BeExactly $sim.UserId
            $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.BaseUri.AbsoluteUri.TrimEnd('/')
        }
        finally {
            Clear-GumloopEnv
        }
    }

    It 'Connect-Gumloop with no credential parameters reads the environment' {
        try {
            $env:GUMLOOP_API_KEY = $key
            $env:GUMLOOP_USER_ID = $sim.UserId
            $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
            $connection = Connect-Gumloop -PassThru
            $connection.UserId | Should -BeExactly $sim.UserId
            $connection.AuthKind.ToString() | Should -Be 'ApiKey'
            $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.BaseUri.AbsoluteUri.TrimEnd('/')
        }
        finally {
            Clear-GumloopEnv
        }
        # Still connected after the variables are gone: Connect-Gumloop copied them into the default connection.
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
    }

    It 'reads GUMLOOP_ACCESS_TOKEN' {
        try {
            $token = $sim.CreateAccessToken()
            $env:GUMLOOP_ACCESS_TOKEN = [System.Net.NetworkCredential]::new('', $token).Password
            $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
            $connection = Connect-Gumloop -PassThru
            $connection.AuthKind.ToString() | Should -Be 'AccessToken'
            Get-GumloopAgent | Should -Not -BeNullOrEmpty
        }
        finally {
            Clear-GumloopEnv
        }
    }

    It 'fails with a clear error when no credential is given and none is in the environment' {
        $result = Invoke-Capture { Connect-Gumloop }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNoCredential*'
        $result.Errors[0].Exception.Message | Should -Match 'GUMLOOP_API_KEY'
    }

    It 'an explicit -Connection wins over the default connection' {
        $token = $sim.CreateAccessToken()
        $tokenText = [System.Net.NetworkCredential]::new('', $token).Password
        $other = Connect-Gumloop -AccessToken $token -BaseUri $sim.BaseUri -PassThru
        $sim | Connect-Gumloop
        $sim.ClearRequestLog()
        Get-GumloopAgent -Connection $other | Should -Not -BeNullOrEmpty
        (Get-LastApiRequest).Credential | Should -BeExactly $tokenText
    }

    It 'keeps the default connection per runspace' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath)
                    Import-Module $ModulePath
                    foreach ($n in 'GUMLOOP_API_KEY', 'GUMLOOP_ACCESS_TOKEN') { if ([Environment]::GetEnvironmentVariable($n)) { throw "$n is set" } }
                    Get-GumloopConnection -ErrorAction SilentlyContinue -ErrorVariable e
                    $e | ForEach-Object FullyQualifiedErrorId
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE)
            $out = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            @($out | Where-Object { $_ -is [GumloopPS.Core.GumloopConnection] }).Count | Should -Be 0
            ($out | Where-Object { $_ -is [string] }) | Should -BeLike 'GumloopNotConnected*'
        }
        finally {
            $ps.Dispose()
        }
        # The test runspace is still connected.
        Get-GumloopConnection | Should -Not -BeNullOrEmpty
    }
}

Describe 'Disconnect-Gumloop' {
    AfterEach {
        Clear-GumloopEnv
        $sim | Connect-Gumloop
    }

    It 'removes the default connection so API cmdlets fail with GumloopNotConnected' {
        Disconnect-Gumloop
        $result = Invoke-Capture { Get-GumloopAgent }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotConnected*'
        $result.Errors[0].Exception.Message | Should -Match 'Connect-Gumloop'
    }

    It 'the not-connected error recommends Connect-Gumloop' {
        Disconnect-Gumloop
        $result = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' }
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop'
    }

    It 'makes no request once disconnected' {
        Disconnect-Gumloop
        $sim.ClearRequestLog()
        $null = Invoke-Capture { Get-GumloopAgent }
        @($sim.RequestLog).Count | Should -Be 0
    }

    It '<Name> fails with GumloopNotConnected when disconnected' -ForEach @(
        @{ Name = 'Get-GumloopAgent -AgentId'; Script = { Get-GumloopAgent -AgentId 'r4Ts9Kq2MwX7bLn' } }
        @{ Name = 'New-GumloopSession'; Script = { New-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' } }
        @{ Name = 'Get-GumloopSession -AgentId'; Script = { Get-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' } }
        @{ Name = 'Send-GumloopMessage'; Script = { Send-GumloopMessage -SessionId 'sess_Pb9yE4uL6d' -Input 'hi' } }
        @{ Name = 'Wait-GumloopSession'; Script = { Wait-GumloopSession -SessionId 'sess_Pb9yE4uL6d' -TimeoutSec 2 } }
        @{ Name = 'Stop-GumloopSession'; Script = { Stop-GumloopSession -SessionId 'sess_Pb9yE4uL6d' -Confirm:$false } }
        @{ Name = 'Rename-GumloopSession'; Script = { Rename-GumloopSession -SessionId 'sess_Pb9yE4uL6d' -NewName 'x' } }
        @{ Name = 'Get-GumloopMessage'; Script = { Get-GumloopMessage -SessionId 'sess_Vk3nQ8wT2p' } }
        @{ Name = 'Get-GumloopConnection'; Script = { Get-GumloopConnection } }
    ) {
        Disconnect-Gumloop
        $result = Invoke-Capture $Script
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -BeGreaterOrEqual 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotConnected*'
        $result.Errors[0].Exception.Message | Should -Match 'Connect-Gumloop'
    }

    It 'does not fail when nothing is connected' {
        Disconnect-Gumloop
        { Disconnect-Gumloop -ErrorAction Stop } | Should -Not -Throw
    }

    It 'disposes the connection it removes, so its HttpClient and the header holding the key do not linger' {
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $store = [GumloopPS.Commands.ConnectGumloopCommand].Assembly.GetType('GumloopPS.Internal.ConnectionStore')
        $default = $store.GetMethod('GetDefault').Invoke($null, @())
        $disposed = $default.GetType().GetField('_disposed', [Reflection.BindingFlags]'NonPublic,Instance')
        $disposed.GetValue($default) | Should -Be 0
        Disconnect-Gumloop
        $disposed.GetValue($default) | Should -Be 1
    }

    It 'disposes the default connection that Connect-Gumloop replaces' {
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $store = [GumloopPS.Commands.ConnectGumloopCommand].Assembly.GetType('GumloopPS.Internal.ConnectionStore')
        $first = $store.GetMethod('GetDefault').Invoke($null, @())
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $first.GetType().GetField('_disposed', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($first) | Should -Be 1
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
    }

    It 'does not break a connection object kept from Get-GumloopConnection' {
        Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri
        $kept = Get-GumloopConnection
        Disconnect-Gumloop
        Get-GumloopAgent -Connection $kept | Should -Not -BeNullOrEmpty
    }

    It 'does not break a connection object kept from -PassThru' {
        $kept = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -PassThru
        Disconnect-Gumloop
        Get-GumloopAgent -Connection $kept | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-GumloopConnection' {
    BeforeAll {
        $sim | Connect-Gumloop
        $connection = Get-GumloopConnection
    }

    It 'returns the base URI, user id and auth kind' {
        $connection | Should -BeOfType ([GumloopPS.Core.GumloopConnection])
        $connection.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly $sim.BaseUri.AbsoluteUri.TrimEnd('/')
        $connection.UserId | Should -BeExactly $sim.UserId
        $connection.AuthKind.ToString() | Should -Be 'ApiKey'
        $connection.TeamId | Should -BeNullOrEmpty
    }

    It 'MaskedKey shows only the last 4 characters of the key' {
        $connection.MaskedKey | Should -Not -BeNullOrEmpty
        $connection.MaskedKey.EndsWith($key.Substring($key.Length - 4)) | Should -BeTrue
        ($connection.MaskedKey -replace '\*', '') | Should -BeExactly $key.Substring($key.Length - 4)
        $connection.MaskedKey | Should -Not -Match ([regex]::Escape($key.Substring(0, 8)))
    }

    It 'has no property that holds the secret' {
        foreach ($property in $connection.PSObject.Properties) {
            "$($property.Value)" | Should -Not -Match ([regex]::Escape($key)) -Because "property $($property.Name) must not carry the key"
        }
    }

    It 'ToString does not contain the key' {
        $connection.ToString() | Should -Not -Match ([regex]::Escape($key))
        $connection.ToString() | Should -Match ([regex]::Escape($key.Substring($key.Length - 4)))
    }

    It 'Format-List * does not contain the key' {
        $text = $connection | Format-List * | Out-String
        $text | Should -Match 'MaskedKey'
        $text | Should -Not -Match ([regex]::Escape($key))
    }

    It 'the default view does not contain the key' {
        $text = $connection | Out-String
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape($key))
    }

    It 'ConvertTo-Json -Depth 5 does not contain the key' {
        $json = $connection | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Match 'MaskedKey'
        $json | Should -Not -Match ([regex]::Escape($key))
    }

    It 'Export-Clixml does not contain the key' {
        $path = Join-Path $TestDrive 'connection.xml'
        $connection | Export-Clixml -Path $path -Depth 5
        $xml = Get-Content -Raw -Path $path
        $xml | Should -Match 'MaskedKey'
        $xml | Should -Not -Match ([regex]::Escape($key))
    }

    It 'shows the team id of a team connection' {
        $team = Connect-Gumloop -ApiKey $sim.TeamApiKey -UserId $sim.UserId -TeamId $sim.TeamId -BaseUri $sim.BaseUri -PassThru
        try {
            (Get-GumloopConnection).TeamId | Should -BeExactly $sim.TeamId
            $team.MaskedKey | Should -Not -Be $connection.MaskedKey
        }
        finally {
            $sim | Connect-Gumloop
        }
    }
}
