#Requires -Version 7.4
# The error mapping table, path-segment safety and secret hygiene of error records.

BeforeDiscovery {
    # Ids that must never address another route: each is either refused before any request, or reaches
    # exactly the route it was meant for, as one escaped path segment.
    $hostileIds = @('../x', 'a/b', 'a?b', 'a#b', '..', '.', 'x/../../agents', "a`nb", '%2e%2e', 'a%2Fb', ' ', 'a b', '..\x')
    $routeCases = foreach ($id in $hostileIds) {
        @{ Id = $id; Shown = ($id -replace "`n", '\n'); Cmdlet = 'Get-GumloopSession'; Method = 'GET'; Prefix = 'sessions'; Suffix = @() }
    }
    $cmdletCases = @(
        @{ Cmdlet = 'Get-GumloopAgent'; Method = 'GET'; Prefix = 'agents'; Suffix = @() }
        @{ Cmdlet = 'Get-GumloopSession -AgentId'; Method = 'GET'; Prefix = 'agents'; Suffix = @('sessions') }
        @{ Cmdlet = 'New-GumloopSession'; Method = 'POST'; Prefix = 'agents'; Suffix = @('sessions') }
        @{ Cmdlet = 'Send-GumloopMessage'; Method = 'POST'; Prefix = 'sessions'; Suffix = @('messages') }
        @{ Cmdlet = 'Stop-GumloopSession'; Method = 'POST'; Prefix = 'sessions'; Suffix = @('cancel') }
        @{ Cmdlet = 'Rename-GumloopSession'; Method = 'PATCH'; Prefix = 'sessions'; Suffix = @() }
        @{ Cmdlet = 'Get-GumloopMessage'; Method = 'GET'; Prefix = 'sessions'; Suffix = @() }
        @{ Cmdlet = 'Wait-GumloopSession'; Method = 'GET'; Prefix = 'sessions'; Suffix = @() }
    )
    $routeCases += foreach ($case in $cmdletCases) {
        foreach ($id in '../x', 'a/b', 'a?b', '..') {
            $case + @{ Id = $id; Shown = $id }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $key = Get-Plain $sim.ApiKey
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $stackTracePattern = '(?m)^\s*at [\w.`<>]+[.(]|--- End of|\.cs:line \d+|   at System\.'

    function New-Fault([string] $Method, [string] $Path, [object] $Fault) {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new($Method, $Path, [GumloopPS.Simulator.SimulatorFault[]]@($Fault)))
    }

    # Every text a user could see or log for an error record.
    function Get-ErrorText($Record) {
        @(
            $Record.ToString()
            $Record.Exception.Message
            $Record.ErrorDetails.Message
            $Record.ErrorDetails.RecommendedAction
            ($Record | Out-String)
            ($Record | Format-List * -Force | Out-String)
            ($Record.Exception | Format-List * -Force | Out-String)
        ) -join "`n"
    }

    # What a user reads for an error: the message, the record's text and its details (not the exception's StackTrace property).
    function Get-ErrorMessageText($Record) {
        @(
            $Record.ToString()
            $Record.Exception.Message
            $Record.ErrorDetails.Message
            ($Record | Out-String)
        ) -join "`n"
    }

    function Invoke-ForId([string] $Cmdlet, [string] $Id) {
        switch ($Cmdlet) {
            'Get-GumloopSession' { Get-GumloopSession -SessionId $Id }
            'Get-GumloopAgent' { Get-GumloopAgent -AgentId $Id }
            'Get-GumloopSession -AgentId' { Get-GumloopSession -AgentId $Id -All }
            'New-GumloopSession' { New-GumloopSession -AgentId $Id -Input 'hi' }
            'Send-GumloopMessage' { Send-GumloopMessage -SessionId $Id -Input 'hi' }
            'Stop-GumloopSession' { Stop-GumloopSession -SessionId $Id -Confirm:$false }
            'Rename-GumloopSession' { Rename-GumloopSession -SessionId $Id -NewName 'x' }
            'Get-GumloopMessage' { Get-GumloopMessage -SessionId $Id }
            'Wait-GumloopSession' { Wait-GumloopSession -SessionId $Id -TimeoutSec 5 }
            default { throw "unknown cmdlet $Cmdlet" }
        }
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'Error mapping' {
    AfterEach {
        $sim.ClearFaults()
    }

    Context '401' {
        BeforeAll {
            $badKey = 'gl_sk_wrong_' + [guid]::NewGuid().ToString('N')
            $bad = Connect-Gumloop -ApiKey (ConvertTo-SecureString $badKey -AsPlainText -Force) -UserId $sim.UserId -BaseUri $sim.BaseUri -PassThru
            $sim | Connect-Gumloop
            $result = Invoke-Capture { Get-GumloopAgent -Connection $bad }
            $err = $result.Errors[0]
        }

        It 'a wrong key gives AuthenticationError' {
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $err.FullyQualifiedErrorId | Should -BeLike 'GumloopUnauthorized*'
        }

        It 'recommends Connect-Gumloop' {
            $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop'
        }

        It 'carries the status, the API code and the request id' {
            $err.Exception.StatusCode | Should -Be 401
            $err.Exception.ErrorCode | Should -BeExactly 'invalid_token'
            $err.Exception.RequestId | Should -Not -BeNullOrEmpty
            $logged = $sim.RequestLog | Where-Object StatusCode -eq 401 | Select-Object -Last 1
            $err.Exception.RequestId | Should -BeExactly $logged.RequestId
        }

        It 'is not retried' {
            $sim.ClearRequestLog()
            $null = Invoke-Capture { Get-GumloopAgent -Connection $bad }
            @($sim.RequestLog).Count | Should -Be 1
        }

        It 'never shows the wrong key' {
            Get-ErrorText $err | Should -Not -Match ([regex]::Escape($badKey))
        }

        It 'a key used with another user id gives AuthenticationError' {
            $mismatch = Connect-Gumloop -ApiKey $sim.ApiKey -UserId 'not_the_owner' -BaseUri $sim.BaseUri -PassThru
            $sim | Connect-Gumloop
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -Connection $mismatch }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_Vk3nQ8wT2p'
        }

        It 'an expired access token gives AuthenticationError' {
            $token = $sim.CreateAccessToken()
            $conn = Connect-Gumloop -AccessToken $token -BaseUri $sim.BaseUri -PassThru
            $sim | Connect-Gumloop
            $sim.ExpireAccessToken($token)
            $r = Invoke-Capture { Get-GumloopAgent -Connection $conn }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        }
    }

    Context '404' {
        It 'a missing session gives ObjectNotFound with the id as target' {
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_does_not_exist' }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_does_not_exist'
            $r.Errors[0].Exception.StatusCode | Should -Be 404
            $r.Errors[0].Exception.ErrorCode | Should -BeExactly 'session_not_found'
        }

        It 'a missing agent gives ObjectNotFound with the id as target' {
            $r = Invoke-Capture { Get-GumloopAgent -AgentId 'agent_does_not_exist' }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Errors[0].TargetObject | Should -BeExactly 'agent_does_not_exist'
            $r.Errors[0].Exception.ErrorCode | Should -BeExactly 'agent_not_found'
        }

        It 'the message is the API message, not a stack trace' {
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_does_not_exist' }
            $r.Errors[0].Exception.Message | Should -Match 'Session not found'
            Get-ErrorMessageText $r.Errors[0] | Should -Not -Match $stackTracePattern
        }
    }

    Context 'status codes from injected faults' {
        It '403 gives PermissionDenied' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(403))
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopForbidden*'
        }

        It '429 gives LimitsExceeded' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(429))
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $r.Errors[0].Exception.StatusCode | Should -Be 429
        }

        It '500 gives ConnectionError' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(500))
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].Exception.StatusCode | Should -Be 500
        }

        It '503 gives ConnectionError with the session id as target' {
            New-Fault 'GET' '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::Status(503))
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -MaxRetryCount 0 }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_Vk3nQ8wT2p'
        }

        It 'a gateway HTML page gives ConnectionError with a short message' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::HtmlBody(502))
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].Exception.StatusCode | Should -Be 502
            $r.Errors[0].Exception.Message | Should -Not -Match '<html'
            $r.Errors[0].Exception.Message.Length | Should -BeLessThan 1000
        }

        It 'malformed JSON in a 200 gives InvalidResult' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::MalformedJson())
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Output | Should -BeNullOrEmpty
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }

        It 'an empty 200 body gives InvalidResult' {
            New-Fault 'GET' '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::EmptyBody200())
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -MaxRetryCount 0 }
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_Vk3nQ8wT2p'
        }

        It 'a transient 503 on a GET is retried and succeeds' {
            $fast = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -MaxRetryDelaySec 0 -PassThru
            $sim | Connect-Gumloop
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(503))
            $sim.ClearRequestLog()
            $r = Invoke-Capture { Get-GumloopAgent -Connection $fast }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output.Count | Should -Be 3
            @($sim.RequestLog).Count | Should -Be 2
        }

        It '-MaxRetryCount 0 does not retry' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(503))
            $sim.ClearRequestLog()
            $null = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            @($sim.RequestLog).Count | Should -Be 1
        }
    }

    Context 'network and timeouts' {
        It 'a server that is not listening gives ConnectionError' {
            $dead = Start-GumloopSimulator -ReplyDelayMs 50
            $deadConnection = $dead | Connect-Gumloop -PassThru
            $dead | Stop-GumloopSimulator
            $sim | Connect-Gumloop
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -Connection $deadConnection -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_Vk3nQ8wT2p'
            Get-ErrorMessageText $r.Errors[0] | Should -Not -Match $stackTracePattern
        }

        It 'a request slower than the connection timeout gives OperationTimeout' {
            $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 1 -PassThru
            $sim | Connect-Gumloop
            New-Fault 'GET' '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::Stall(4000))
            $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -Connection $short -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $r.Errors[0].TargetObject | Should -BeExactly 'sess_Vk3nQ8wT2p'
        }

        It 'a connection reset gives ConnectionError' {
            New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::ResetBeforeHeaders())
            $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }
    }
}

Describe 'Path segments' {
    It '<Cmdlet> with id "<Shown>" is refused or reaches exactly its own route' -ForEach $routeCases {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Invoke-ForId $Cmdlet $Id }
        $requests = @($sim.RequestLog | Where-Object Host -eq 'api')
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -BeGreaterOrEqual 1
        if ($requests.Count -eq 0) {
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        else {
            $requests.Count | Should -Be 1
            $request = $requests[0]
            $request.Method | Should -Be $Method
            # Nothing of the id may spill into the query string: only the cmdlet's own parameters are allowed there.
            foreach ($pair in @($request.Query -split '&' | Where-Object { $_ })) {
                ($pair -split '=')[0] | Should -BeIn @('page_size', 'cursor', 'state', 'search', 'type', 'team_id')
            }
            $expected = @($Prefix, $Id) + $Suffix
            $request.PathSegments.Count | Should -Be $expected.Count
            for ($i = 0; $i -lt $expected.Count; $i++) {
                $request.PathSegments[$i] | Should -BeExactly $expected[$i]
            }
            $request.StatusCode | Should -Be 404
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        $r.Errors[0].TargetObject | Should -BeExactly $Id
    }

    It 'an id with a slash is sent as one escaped segment' {
        $sim.ClearRequestLog()
        $null = Invoke-Capture { Get-GumloopSession -SessionId 'a/b' }
        $requests = @($sim.RequestLog)
        if ($requests.Count -gt 0) {
            $requests[0].Path | Should -Match '/sessions/a%2[fF]b$'
        }
        else {
            $requests.Count | Should -Be 0
        }
    }
}

Describe 'Secrets in errors' {
    AfterEach {
        $sim.ClearFaults()
    }

    It 'a 500 whose body echoes the Authorization header does not show the key' {
        New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::EchoAuthorization())
        $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
        $r.Errors.Count | Should -Be 1
        $text = Get-ErrorText $r.Errors[0]
        $text | Should -Not -Match ([regex]::Escape($key))
        "$($r.Errors[0].Exception.ResponseBody)" | Should -Not -Match ([regex]::Escape($key))
    }

    It 'the echoed body is kept, redacted' {
        New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::EchoAuthorization())
        $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 0 }
        "$($r.Errors[0].Exception.ResponseBody)" | Should -Not -BeNullOrEmpty
    }

    It 'the sim:echo-key directive on send does not show the key' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'sim:echo-key' -MaxRetryCount 0 }
        $r.Errors.Count | Should -Be 1
        Get-ErrorText $r.Errors[0] | Should -Not -Match ([regex]::Escape($key))
    }

    It 'the sim:echo-key directive on create does not show the key' {
        $r = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'sim:echo-key' -MaxRetryCount 0 }
        $r.Errors.Count | Should -Be 1
        Get-ErrorText $r.Errors[0] | Should -Not -Match ([regex]::Escape($key))
    }

    It '<Name> errors do not contain the key' -ForEach @(
        @{ Name = '404'; Script = { Get-GumloopSession -SessionId 'sess_nope' } }
        @{ Name = 'busy'; Script = { $s = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'x sim:delay=3000'; try { Send-GumloopMessage -SessionId $s.Id -Input 'y' } finally { Stop-GumloopSession -SessionId $s.Id -Confirm:$false } } }
        @{ Name = 'invalid id'; Script = { Get-GumloopSession -SessionId '..' } }
        @{ Name = 'wait timeout'; Script = { $s = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'x sim:delay=3000'; try { Wait-GumloopSession -SessionId $s.Id -TimeoutSec 1 } finally { Stop-GumloopSession -SessionId $s.Id -Confirm:$false } } }
    ) {
        $r = Invoke-Capture $Script
        $r.Errors.Count | Should -BeGreaterOrEqual 1
        foreach ($e in $r.Errors) {
            Get-ErrorText $e | Should -Not -Match ([regex]::Escape($key))
        }
    }
}

Describe 'No stack traces in error messages' {
    AfterEach {
        $sim.ClearFaults()
    }

    It '<Name> error has no .NET stack trace in its message' -ForEach @(
        @{ Name = '404'; Script = { Get-GumloopSession -SessionId 'sess_nope' } }
        @{ Name = '500'; Setup = { New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::Status(500)) }; Script = { Get-GumloopAgent -MaxRetryCount 0 } }
        @{ Name = 'malformed JSON'; Setup = { New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::MalformedJson()) }; Script = { Get-GumloopAgent -MaxRetryCount 0 } }
        @{ Name = 'reset'; Setup = { New-Fault 'GET' '/agents' ([GumloopPS.Simulator.SimulatorFault]::ResetBeforeHeaders()) }; Script = { Get-GumloopAgent -MaxRetryCount 0 } }
        @{ Name = 'invalid id'; Script = { Get-GumloopSession -SessionId '..' } }
        @{ Name = 'wait timeout'; Script = { $s = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'x sim:delay=3000'; try { Wait-GumloopSession -SessionId $s.Id -TimeoutSec 1 } finally { Stop-GumloopSession -SessionId $s.Id -Confirm:$false } } }
        @{ Name = 'not connected'; Script = { try { Disconnect-Gumloop; Get-GumloopAgent } finally { $sim | Connect-Gumloop } } }
    ) {
        if ($Setup) { & $Setup }
        $r = Invoke-Capture $Script
        $r.Errors.Count | Should -BeGreaterOrEqual 1
        foreach ($e in $r.Errors) {
            $e.Exception.Message | Should -Not -Match $stackTracePattern
            $e.ToString() | Should -Not -Match $stackTracePattern
            "$($e.ErrorDetails.Message)" | Should -Not -Match $stackTracePattern
            ($e | Out-String) | Should -Not -Match $stackTracePattern
        }
    }
}
