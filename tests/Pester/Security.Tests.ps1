#Requires -Version 7.4
# Secrets never leave through objects, logs or errors; connections stay in their runspace; -BaseUri is https-only.
# Writes its counts to out/test-metrics/Security.json for the issue's closing table.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $modulePath = $env:GUMLOOPPS_TEST_MODULE
    $sim = Start-TestSimulator
    $conn = Get-GumloopConnection
    $key = Get-Plain $sim.ApiKey
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $completedId = 'sess_Vk3nQ8wT2p'

    $savedEnvironment = Save-GumloopEnv

    $metrics = [ordered]@{
        SecretsLeaked          = 0
        RecordsScanned         = 0
        CharactersScanned      = 0
        RecordTypesScanned     = @()
        ParallelCalls          = 0
        CrossRunspaceKeyUses   = 0
        ThreadJobCalls         = 0
    }

    # Counts occurrences of any of the secrets, and adds them to the leak total the closing table reports.
    function Measure-Secret([string] $Text, [string[]] $Secrets = @($key)) {
        $count = 0
        foreach ($s in $Secrets) { $count += [regex]::Matches($Text, [regex]::Escape($s)).Count }
        $metrics.SecretsLeaked += $count
        $metrics.CharactersScanned += $Text.Length
        $count
    }

    # Everything a user, a transcript or a job log could show for one record of any stream.
    function ConvertTo-AllText($Record) {
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($Record | Out-String))
        if ($Record -is [System.Management.Automation.ErrorRecord]) {
            $parts.Add($Record.ToString())
            $parts.Add(($Record | Format-List * -Force | Out-String))
            $parts.Add(($Record.CategoryInfo | Format-List * -Force | Out-String))
            $parts.Add(($Record.ErrorDetails | Format-List * -Force | Out-String))
            $parts.Add(($Record.InvocationInfo | Format-List * -Force | Out-String))
            $e = $Record.Exception
            while ($e) {
                $parts.Add(($e | Format-List * -Force | Out-String))
                $parts.Add($e.ToString())
                foreach ($k in $e.Data.Keys) { $parts.Add("$k=$($e.Data[$k])") }
                $e = $e.InnerException
            }
        }
        elseif ($Record -is [System.Management.Automation.InformationRecord]) {
            $parts.Add("$($Record.MessageData)")
        }
        elseif ($Record -is [System.Management.Automation.InformationalRecord]) {
            $parts.Add($Record.Message)
        }
        else {
            $parts.Add(($Record | Format-List * -Force | Out-String))
            try { $parts.Add(($Record | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)) } catch { $parts.Add("$_") }
        }
        $parts -join "`n"
    }
}

AfterAll {
    $sim.ClearFaults()
    $sim | Stop-GumloopSimulator
    Restore-GumloopEnv $savedEnvironment
    Save-TestMetrics 'Security' $metrics
}

Describe 'The secret detector' {
    It 'finds a key when it is there (so zero below means zero)' {
        $before = $metrics.SecretsLeaked
        Measure-Secret "x $key y" | Should -Be 1
        $metrics.SecretsLeaked = $before
    }
}

Describe 'A <Kind> connection object' -ForEach @(
    @{ Kind = 'personal key' }
    @{ Kind = 'team key' }
    @{ Kind = 'access token' }
) {
    BeforeAll {
        switch ($Kind) {
            'personal key' { $secret = $sim.ApiKey; $c = Connect-Gumloop -ApiKey $secret -UserId $sim.UserId -BaseUri $sim.BaseUri -PassThru }
            'team key' { $secret = $sim.TeamApiKey; $c = Connect-Gumloop -ApiKey $secret -UserId $sim.UserId -TeamId $sim.TeamId -BaseUri $sim.BaseUri -PassThru }
            'access token' { $secret = $sim.CreateAccessToken(); $c = Connect-Gumloop -AccessToken $secret -BaseUri $sim.BaseUri -PassThru }
        }
        $plain = Get-Plain $secret
        $conn = $sim | Connect-Gumloop -PassThru
        # The connection works, so the secret is really inside it.
        Get-GumloopAgent -Connection $c | Should -Not -BeNullOrEmpty
        ($sim.RequestLog | Select-Object -Last 1).Credential | Should -BeExactly $plain
    }

    It 'does not show the secret through <_>' -ForEach @('ToString', 'Format-List *', 'Format-List * -Force', 'Format-Table', 'ConvertTo-Json -Depth 5', 'Export-Clixml', 'Get-Member values', 'reflection') {
        $text = switch ($_) {
            'ToString' { $c.ToString(); "$c" }
            'Format-List *' { $c | Format-List * | Out-String }
            'Format-List * -Force' { $c | Format-List * -Force | Out-String }
            'Format-Table' { $c | Format-Table | Out-String; $c | Out-String }
            'ConvertTo-Json -Depth 5' { $c | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue }
            'Export-Clixml' {
                $path = Join-Path $TestDrive "conn-$([guid]::NewGuid()).xml"
                $c | Export-Clixml -LiteralPath $path -Depth 5
                Get-Content -LiteralPath $path -Raw
            }
            'Get-Member values' { $c.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
            'reflection' {
                # Public surface only: what any script, serializer or formatter can reach without private reflection.
                foreach ($p in $c.GetType().GetProperties()) { "$($p.Name)=$($p.GetValue($c))" }
                foreach ($f in $c.GetType().GetFields()) { "$($f.Name)=$($f.GetValue($c))" }
            }
        }
        $text = $text -join "`n"
        $text.Length | Should -BeGreaterThan 0
        Measure-Secret $text @($plain) | Should -Be 0
    }

    It 'keeps no public string member equal to the secret, and MaskedKey shows at most the last 4 characters' {
        $c.MaskedKey | Should -Match '^\*{4}.{0,4}$'
        @($c.GetType().GetProperties() | Where-Object { $_.PropertyType -eq [securestring] -or $_.PropertyType -eq [string] -and $_.GetValue($c) -eq $plain }).Count | Should -Be 0
    }
}

Describe 'A full -Verbose -Debug run' {
    BeforeAll {
        $dead = Start-GumloopSimulator -ReplyDelayMs 50
        $deadConnection = $dead | Connect-Gumloop -PassThru
        $dead | Stop-GumloopSimulator
        $conn = $sim | Connect-Gumloop -PassThru
        $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 1 -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        $Error.Clear()
        $sim.ClearRequestLog()

        $run = {
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $InformationPreference = 'Continue'
            # -Debug turns every warning into a prompt, which a test host cannot answer; warnings are still scanned.
            $PSDefaultParameterValues = @{ '*-Gumloop*:Verbose' = $true; '*-Gumloop*:Debug' = $true; '*-Gumloop*:WarningAction' = 'Continue' }
            function Fault([string] $Method, [string] $Path, $Fault) {
                $rule = [GumloopPS.Simulator.FaultRule]::new($Method, $Path, [GumloopPS.Simulator.SimulatorFault[]]@($Fault))
                $rule.Host = 'api'
                $sim.AddFault($rule)
            }

            Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri -Validate -PassThru
            Get-GumloopConnection
            Get-GumloopAgent
            Get-GumloopAgent -AgentId $invoiceId
            Get-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -First 5
            $s = New-GumloopSession -AgentId $invoiceId -Input 'hello' -Wait -TimeoutSec 20
            $s
            Send-GumloopMessage -SessionId $s.Id -Input 'again' -Wait -TimeoutSec 20
            Send-GumloopMessage -SessionId $s.Id -Input 'streamed' -Stream
            Get-GumloopMessage -SessionId $s.Id
            Rename-GumloopSession -SessionId $s.Id -NewName 'renamed'
            Stop-GumloopSession -SessionId $s.Id -Confirm:$false -PassThru
            Invoke-GumloopApi GET models -Query @{ api_key = $key; token = $key; access_token = $key }
            Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(429, $null, '1'))
            Get-GumloopAgent -MaxRetryDelaySec 0
            Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::EchoAuthorization())
            Get-GumloopAgent -MaxRetryCount 0
            Fault 'GET' '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::HtmlBody(200))
            Get-GumloopSession -SessionId $completedId -MaxRetryCount 0
            Send-GumloopMessage -SessionId $s.Id -Input 'sim:echo-key'
            New-GumloopSession -AgentId $invoiceId -Input 'sim:echo-key'
            Send-GumloopMessage -SessionId $s.Id -Input 'sim:echo-key' -Stream
            Get-GumloopSession -SessionId 'sess_missing'
            Get-GumloopSession -SessionId '..'
            Fault 'GET' '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::Stall(1500))
            Get-GumloopSession -SessionId $completedId -Connection $short
            Get-GumloopAgent -Connection $deadConnection -MaxRetryCount 1 -MaxRetryDelaySec 0
            $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=3000'
            Wait-GumloopSession -SessionId $slow.Id -TimeoutSec 1
            Stop-GumloopSession -SessionId $slow.Id -Confirm:$false
            # Terminating errors: caught so the run goes on, and written out so they are scanned too.
            try { Connect-Gumloop -ApiKey (ConvertTo-SecureString "$key-wrong" -AsPlainText -Force) -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate } catch { $_ }
            # A key pasted into a rejected -BaseUri is not echoed back.
            try { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri "https://api.gumloop.com/api/v1?api_key=$key" } catch { $_ }
            try { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri "http://user:$key@example.com/api/v1" } catch { $_ }
            try { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri "http://example.com/$key" } catch { $_ }
        }
        $records = @(& $run *>&1)
        $sim.ClearFaults()
        $conn = $sim | Connect-Gumloop -PassThru

        $byStream = $records | Group-Object { $_.GetType().Name } -AsHashTable -AsString
        $metrics.RecordTypesScanned = @($byStream.Keys | Sort-Object)
        $metrics.RecordsScanned += $records.Count
        $debugText = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message) -join "`n"
        $verboseText = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
    }

    It 'exercised every stream and really sent the key' {
        foreach ($type in 'VerboseRecord', 'DebugRecord', 'ErrorRecord', 'InformationRecord') {
            $byStream.ContainsKey($type) | Should -BeTrue -Because "the run should write $type"
        }
        @($byStream['ErrorRecord']).Count | Should -BeGreaterOrEqual 8
        @($sim.RequestLog | Where-Object Credential -eq $key).Count | Should -BeGreaterThan 20
        # The echo directives and fault really put the key on the wire back to the client.
        @($sim.RequestLog | Where-Object StatusCode -eq 500).Count | Should -BeGreaterOrEqual 3
    }

    It 'shows no key in any record of any stream' {
        $leaks = 0
        foreach ($record in $records) {
            $t = ConvertTo-AllText $record
            $n = Measure-Secret $t
            if ($n) { Write-Host "LEAK in $($record.GetType().Name): $(($t -split "`n" | Select-String -SimpleMatch $key) -join ' | ')" }
            $leaks += $n
        }
        $leaks | Should -Be 0
    }

    It 'shows no key in $Error, including $Error[0] | Format-List * -Force' {
        $Error.Count | Should -BeGreaterThan 0
        $leaks = Measure-Secret (($Error[0] | Format-List * -Force | Out-String))
        foreach ($e in $Error) { $leaks += Measure-Secret (ConvertTo-AllText $e) }
        $leaks | Should -Be 0
    }

    It 'logs method, URL, status and timing in verbose, and each retry once' {
        $verboseText | Should -Match 'GET http://127\.0\.0\.1:\d+/api/v1/agents -> 200 \(\d+ ms\)'
        @([regex]::Matches($verboseText, '/agents -> HTTP 429; retry 1/3 in 0 s \(Retry-After\)')).Count | Should -Be 1
    }

    It 'masks the Authorization header in debug' {
        $debugText | Should -Match ('Authorization: Bearer \*{4}' + [regex]::Escape($key.Substring($key.Length - 4)))
        $debugText | Should -Not -Match 'Authorization: Bearer [^*]'
    }

    It 'redacts secret query parameters in the logged URL' {
        $verboseText | Should -Match 'models\?[^\s]*api_key=\*\*\*\*'
        $verboseText | Should -Match 'access_token=\*\*\*\*'
        $verboseText | Should -Match '[?&]token=\*\*\*\*'
    }
}

Describe 'Errors that echo the key' {
    BeforeEach { $sim.ClearFaults() }

    It 'the <Name> error keeps the body, redacted' -ForEach @(
        @{ Name = 'sim:echo-key on Send-GumloopMessage'; Script = { Send-GumloopMessage -SessionId 'sess_Pb9yE4uL6d' -Input 'please sim:echo-key' } }
        @{ Name = 'sim:echo-key on New-GumloopSession'; Script = { New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'sim:echo-key' } }
        @{ Name = 'EchoAuthorization fault on a GET'; Script = {
                $rule = [GumloopPS.Simulator.FaultRule]::new('GET', '/agents', [GumloopPS.Simulator.SimulatorFault[]]@([GumloopPS.Simulator.SimulatorFault]::EchoAuthorization()))
                $sim.AddFault($rule)
                Get-GumloopAgent -MaxRetryCount 0
            }
        }
    ) {
        $ErrorActionPreference = 'Continue'
        $err = @(& $Script 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $err.Count | Should -Be 1
        $err[0].Exception.StatusCode | Should -Be 500
        $err[0].Exception.ResponseBody | Should -Match 'Bearer \*\*\*\*'
        Measure-Secret (ConvertTo-AllText $err[0]) | Should -Be 0
        Measure-Secret ($err[0] | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) | Should -Be 0
        # The server really echoed it: the simulator saw the key on this request.
        ($sim.RequestLog | Select-Object -Last 1).Credential | Should -BeExactly $key
    }
}

Describe 'Runspace isolation' {
    BeforeAll {
        $users = 0..7 | ForEach-Object {
            $userId = "user_rs$_"
            $secure = $sim.AddUser($userId, 'Run', "Space$_")
            $agentId = "ag_rs_$_"
            $null = $sim.AddAgent($agentId, "Runspace $_ agent", $null)
            [pscustomobject]@{ Index = $_; UserId = $userId; Secure = $secure; Key = (Get-Plain $secure); AgentId = $agentId }
        }
        $connections = foreach ($u in $users) { Connect-Gumloop -ApiKey $u.Secure -UserId $u.UserId -BaseUri $sim.BaseUri -PassThru }
        $conn = $sim | Connect-Gumloop -PassThru

        # Each request names its runspace through the agent id in its path; its key must be that runspace's.
        function Measure-CrossKey([string] $Prefix) {
            $byAgent = @{}
            foreach ($u in $users) { $byAgent[$u.AgentId] = $u }
            $checked = 0; $wrong = 0
            foreach ($r in $sim.RequestLog) {
                if ($r.PathSegments.Count -ge 2 -and $byAgent.ContainsKey($r.PathSegments[1])) {
                    $u = $byAgent[$r.PathSegments[1]]
                    $checked++
                    if ($r.Credential -cne $u.Key -or $r.AuthKey -cne $u.UserId -or $r.StatusCode -ne 200) { $wrong++ }
                }
            }
            $metrics.CrossRunspaceKeyUses += $wrong
            [pscustomobject]@{ Checked = $checked; Wrong = $wrong }
        }
    }

    BeforeEach { $sim.ClearRequestLog() }

    It 'ForEach-Object -Parallel: 8 runspaces x 100 calls, each with its own key via -Connection $using:, never uses another''s key' {
        $results = 0..7 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:modulePath
            $c = ($using:connections)[$_]
            $agentId = ($using:users)[$_].AgentId
            $ok = 0
            foreach ($j in 1..100) { if ((Get-GumloopAgent -AgentId $agentId -Connection $c).Id -ceq $agentId) { $ok++ } }
            [pscustomobject]@{ Index = $_; Ok = $ok }
        }

        ($results | Measure-Object Ok -Sum).Sum | Should -Be 800
        $m = Measure-CrossKey
        $metrics.ParallelCalls += $m.Checked
        $m.Checked | Should -Be 800
        $m.Wrong | Should -Be 0
        foreach ($u in $users) { @($sim.RequestLog | Where-Object Credential -ceq $u.Key).Count | Should -Be 100 }
    }

    It 'Start-ThreadJob: 8 jobs x 100 calls, each connecting its own default, never uses another''s key' {
        Get-Command Start-ThreadJob -ErrorAction Stop | Should -Not -BeNullOrEmpty
        $jobs = foreach ($u in $users) {
            Start-ThreadJob -ThrottleLimit 8 -ArgumentList $modulePath, $u.Secure, $u.UserId, $u.AgentId, $sim.BaseUri -ScriptBlock {
                param($ModulePath, $Secure, $UserId, $AgentId, $BaseUri)
                Import-Module $ModulePath
                # The default connection of this job's runspace: no -Connection anywhere below.
                Connect-Gumloop -ApiKey $Secure -UserId $UserId -BaseUri $BaseUri
                $ok = 0
                foreach ($j in 1..100) { if ((Get-GumloopAgent -AgentId $AgentId).Id -ceq $AgentId) { $ok++ } }
                $ok
            }
        }
        $null = Wait-Job $jobs -Timeout 120
        $counts = $jobs | Receive-Job
        $jobs | Remove-Job -Force

        ($counts | Measure-Object -Sum).Sum | Should -Be 800
        $m = Measure-CrossKey
        $metrics.ThreadJobCalls += $m.Checked
        $m.Checked | Should -Be 800
        $m.Wrong | Should -Be 0
        # The jobs' Connect-Gumloop calls did not replace this runspace's default.
        (Get-GumloopConnection).MaskedKey | Should -BeExactly $conn.MaskedKey
    }

    It 'the default connection is not visible in a new runspace: clear GumloopNotConnected error' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath)
                    Import-Module $ModulePath
                    try { Get-GumloopAgent; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message; $_.ErrorDetails.RecommendedAction }
                }).AddArgument($modulePath)
            $out = @($ps.Invoke())
            $out[0] | Should -BeExactly 'GumloopNotConnected,GumloopPS.Commands.GetGumloopAgentCommand'
            $out[1] | Should -Match 'Run Connect-Gumloop'
            $out[2] | Should -Match 'Connect-Gumloop'
            @($sim.RequestLog).Count | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
        (Get-GumloopConnection).MaskedKey | Should -BeExactly $conn.MaskedKey
    }
}

Describe '-BaseUri' {
    It 'refuses <Uri>' -ForEach @(
        @{ Uri = 'http://api.gumloop.com/api/v1' }
        @{ Uri = 'http://example.com/api/v1' }
        @{ Uri = 'http://10.0.0.1/api/v1' }
        @{ Uri = 'http://localhost.evil.example/api/v1' }
        @{ Uri = 'ftp://127.0.0.1/api/v1' }
        @{ Uri = 'https://user:pass@api.gumloop.com/api/v1' }
        @{ Uri = 'https://api.gumloop.com/api/v1?api_key=x' }
    ) {
        $before = Get-GumloopConnection
        $err = $null
        try { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $Uri } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidConnectionSettings,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-GumloopConnection).BaseUri | Should -Be $before.BaseUri
    }

    It 'accepts <Uri>' -ForEach @(
        @{ Uri = 'https://api.gumloop.com/api/v1' }
        @{ Uri = 'http://localhost:8080/api/v1' }
        @{ Uri = 'http://127.0.0.1:8080/api/v1' }
        @{ Uri = 'http://127.10.20.30/api/v1' }
        @{ Uri = 'http://[::1]:8080/api/v1' }
    ) {
        $c = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $Uri -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        $c.BaseUri.AbsoluteUri.TrimEnd('/') | Should -BeExactly ([uri]$Uri).AbsoluteUri.TrimEnd('/')
    }
}
