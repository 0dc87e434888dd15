#Requires -Version 7.4
# Retries, timeouts, hostile responses and concurrency, end to end against injected simulator faults.
# Writes what it injected and observed to out/test-metrics/Reliability.json for the issue's closing table.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $modulePath = $env:GUMLOOPPS_TEST_MODULE
    $sim = Start-TestSimulator
    $conn = Get-GumloopConnection
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $completedId = 'sess_Vk3nQ8wT2p'

    # Parallel runspaces fall back to GUMLOOP_* variables; the not-connected checks need them absent.
    $savedEnvironment = Save-GumloopEnv

    $metrics = [ordered]@{
        FaultsInjected       = 0
        FaultKinds           = [System.Collections.Generic.SortedSet[string]]::new()
        RequestsRetried      = 0
        MessagesLost         = 0
        MessagesDuplicated   = 0
        ConcurrentSessions   = 0
        RateLimitedAbsorbed  = 0
        HostileResponses     = 0
    }

    function New-Fault([string] $Method, [string] $Path, [GumloopPS.Simulator.SimulatorFault[]] $Faults) {
        $rule = [GumloopPS.Simulator.FaultRule]::new($Method, $Path, $Faults)
        $rule.Host = 'api'
        $sim.AddFault($rule)
        $metrics.FaultsInjected += $Faults.Count
        foreach ($f in $Faults) { $null = $metrics.FaultKinds.Add($f.ToString()) }
    }

    function F { [GumloopPS.Simulator.SimulatorFault] }

    # Retry notices are verbose lines: captures here turn verbose on, and count those notices for the metrics.
    $captureStreams = ${function:Invoke-Capture}
    function Invoke-Capture([scriptblock] $Script) {
        $VerbosePreference = 'Continue'
        $captured = & $captureStreams $Script
        $retries = @($captured.Verbose | Where-Object { $_ -match '; retry \d+/\d+ in ' })
        $metrics.RequestsRetried += $retries.Count
        $captured | Add-Member -NotePropertyName Retries -NotePropertyValue $retries -PassThru
    }

    function Get-UserMessageCount([string] $SessionId, [string] $Text) {
        @((Get-GumloopSession -SessionId $SessionId).Messages | Where-Object { $_.Role -eq 'user' -and $_.Text -eq $Text }).Count
    }

    # Lost: the message never arrived although no error said so. Duplicated: it arrived more than once.
    function Measure-Delivery([string] $SessionId, [string] $Text, [bool] $Reported) {
        $count = Get-UserMessageCount $SessionId $Text
        if ($count -gt 1) { $metrics.MessagesDuplicated += $count - 1 }
        if ($count -eq 0 -and -not $Reported) { $metrics.MessagesLost++ }
        $count
    }
}

AfterAll {
    $sim.ClearFaults()
    $sim | Stop-GumloopSimulator
    Restore-GumloopEnv $savedEnvironment
    $report = [ordered]@{}
    foreach ($key in $metrics.Keys) { $report[$key] = if ($metrics[$key] -is [System.Collections.IEnumerable]) { @($metrics[$key]) } else { $metrics[$key] } }
    Save-TestMetrics 'Reliability' $report
}

Describe 'Retries of idempotent requests' {
    BeforeEach { $sim.ClearFaults(); $sim.ClearRequestLog() }

    It 'a GET rides out 429 (Retry-After seconds), 429 (Retry-After HTTP-date) and 503, then succeeds' {
        # An HTTP-date has whole seconds and the first retry waits 1 s first, so 3 s ahead leaves a 1-2 s wait.
        $date = [DateTimeOffset]::UtcNow.AddSeconds(3)
        New-Fault 'GET' '/agents' @((F)::Status(429, $null, '1'), (F)::Status(429, $null, $date), (F)::Status(503))

        $r = Invoke-Capture { Get-GumloopAgent -MaxRetryDelaySec 3 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -BeGreaterThan 0
        @(Get-ApiLog).StatusCode | Should -Be @(429, 429, 503, 200)
        $r.Retries.Count | Should -Be 3
        $r.Retries[0] | Should -Match 'GET \S+/agents -> HTTP 429; retry 1/3 in 1 s \(Retry-After\)'
        $r.Retries[1] | Should -Match 'HTTP 429; retry 2/3 in [0-9.]+ s \(Retry-After\)'
        $r.Retries[2] | Should -Match 'HTTP 503; retry 3/3 in [0-9.]+ s$'
        # Retry-After was really waited for: 1 s, then at least 1 s more until the date.
        $r.Seconds | Should -BeGreaterThan 1.9
    }

    It 'a per-call -MaxRetryDelaySec caps a long Retry-After' {
        New-Fault 'GET' '/agents' @((F)::Status(429, $null, '30'))

        $r = Invoke-Capture { Get-GumloopAgent -MaxRetryDelaySec 1 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Retries.Count | Should -Be 1
        $r.Retries[0] | Should -Match 'retry 1/3 in 1 s \(Retry-After\)'
        $r.Seconds | Should -BeLessThan 5
    }

    It 'every API cmdlet takes -MaxRetryCount, -MaxRetryDelaySec and -TimeoutSec' {
        $api = @(Get-Command -Module GumloopPS -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('Connection') })
        $api.Count | Should -BeGreaterThan 10
        foreach ($command in $api) {
            foreach ($name in 'MaxRetryCount', 'MaxRetryDelaySec', 'TimeoutSec') {
                $command.Parameters.ContainsKey($name) | Should -BeTrue -Because "$($command.Name) should take -$name"
            }
        }
    }

    It 'gives up after -MaxRetryCount and reports the last status' {
        New-Fault 'GET' '/agents' @((F)::Status(503), (F)::Status(503), (F)::Status(503), (F)::Status(503))

        $r = Invoke-Capture { Get-GumloopAgent -MaxRetryCount 2 -MaxRetryDelaySec 0 }

        @(Get-ApiLog).Count | Should -Be 3
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'GumloopServerError,GumloopPS.Commands.GetGumloopAgentCommand'
        $r.Retries.Count | Should -Be 2
    }

    It 'Connect-Gumloop -MaxRetryCount and -MaxRetryDelaySec apply to every call, and a call can override them' {
        $one = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -MaxRetryCount 1 -MaxRetryDelaySec 0 -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        $one.MaxRetryCount | Should -Be 1
        $one.MaxRetryDelaySec | Should -Be 0
        New-Fault 'GET' '/agents' @((F)::Status(502), (F)::Status(502), (F)::Status(502))

        $r = Invoke-Capture { Get-GumloopAgent -Connection $one }
        @(Get-ApiLog).Count | Should -Be 2
        $r.Errors.Count | Should -Be 1

        $sim.ClearRequestLog()
        $r = Invoke-Capture { Get-GumloopAgent -Connection $one -MaxRetryCount 3 }
        $r.Errors | Should -BeNullOrEmpty
        @(Get-ApiLog).StatusCode | Should -Be @(502, 200)
    }

    It 'a connection reset <When> the response headers is retried on a GET' -ForEach @(
        @{ When = 'before'; Fault = { [GumloopPS.Simulator.SimulatorFault]::ResetBeforeHeaders() } }
        @{ When = 'after'; Fault = { [GumloopPS.Simulator.SimulatorFault]::ResetAfterHeaders() } }
    ) {
        New-Fault 'GET' '/sessions/*' @(& $Fault)

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -MaxRetryDelaySec 0 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].Id | Should -BeExactly $completedId
        @(Get-ApiLog).Count | Should -Be 2
        $r.Retries.Count | Should -Be 1
        $r.Retries[0] | Should -Match 'connection'
    }

    It 'a truncated body on a GET is retried' {
        New-Fault 'GET' '/sessions/*' @((F)::TruncatedBody())

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -MaxRetryDelaySec 0 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].Messages.Count | Should -BeGreaterThan 0
        @(Get-ApiLog).Count | Should -Be 2
    }

    It 'Stop-GumloopSession (cancel) is retried on 503' {
        $s = New-GumloopSession -AgentId $invoiceId -Input 'long sim:delay=5000'
        $sim.ClearRequestLog()
        New-Fault 'POST' '/sessions/*/cancel' @((F)::Status(503))

        $r = Invoke-Capture { Stop-GumloopSession -SessionId $s.Id -Confirm:$false -MaxRetryDelaySec 0 }

        $r.Errors | Should -BeNullOrEmpty
        @(Get-ApiLog | Where-Object Method -eq 'POST').StatusCode | Should -Be @(503, 200)
    }
}

Describe 'Timeouts' {
    BeforeEach { $sim.ClearFaults(); $sim.ClearRequestLog() }

    It 'a stall before the headers longer than -TimeoutSec is OperationTimeout, not retried' {
        New-Fault 'GET' '/sessions/*' @((F)::Stall(2000))

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -TimeoutSec 1 }
        $r.Retries.Count | Should -Be 0

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'GumloopTimeout,GumloopPS.Commands.GetGumloopSessionCommand'
        $r.Errors[0].TargetObject | Should -BeExactly $completedId
        $r.Seconds | Should -BeLessThan 1.9
        # The simulator logs a stalled request once it answers it.
        $deadline = [DateTime]::UtcNow.AddSeconds(3)
        while (@(Get-ApiLog).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Milliseconds 100
        @(Get-ApiLog).Count | Should -Be 1
    }

    It 'headers followed by silence count against -TimeoutSec' {
        New-Fault 'GET' '/sessions/*' @((F)::StallAfterHeaders(5000))

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -TimeoutSec 1 }

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Seconds | Should -BeLessThan 3
        # The server sent its 200 status line: only the body stalled.
        (Get-ApiLog)[0].StatusCode | Should -Be 200
    }

    It 'a per-call -TimeoutSec overrides the connection''s' {
        $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 1 -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        New-Fault 'GET' '/sessions/*' @((F)::Stall(1500))

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -Connection $short -TimeoutSec 10 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].Id | Should -BeExactly $completedId
    }

    It 'Ctrl+C during a <Name> stops the pipeline and is not reported as a timeout' -ForEach @(
        @{ Name = 'stalled response'; Fault = { [GumloopPS.Simulator.SimulatorFault]::StallAfterHeaders(8000) }; Extra = @{} }
        @{ Name = 'retry wait'; Fault = { [GumloopPS.Simulator.SimulatorFault]::Status(429, $null, '30') }; Extra = @{ MaxRetryDelaySec = 60 } }
    ) {
        New-Fault 'GET' '/sessions/*' @(& $Fault)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $Id, $Extra)
                    Import-Module $ModulePath
                    Get-GumloopSession -SessionId $Id -Connection $Connection -TimeoutSec 30 @Extra
                }).AddArgument($modulePath).AddArgument($conn).AddArgument($completedId).AddArgument($Extra)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (@(Get-ApiLog).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds 300
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 3
            @($ps.Streams.Error | Where-Object { $_.CategoryInfo.Category -eq 'OperationTimeout' -or $_.FullyQualifiedErrorId -like 'GumloopTimeout*' }).Count | Should -Be 0
            $thrown = try { $null = $ps.EndInvoke($async) } catch { $_.Exception.GetBaseException() }
            $thrown | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'Message-creating requests' {
    BeforeEach {
        $sim.ClearFaults()
        $idle = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
    }

    It 'Send-GumloopMessage is not retried on <Status>: exactly one POST, and the error says to check the session' -ForEach @(
        @{ Status = 500 }, @{ Status = 502 }, @{ Status = 503 }, @{ Status = 504 }
    ) {
        New-Fault 'POST' '/sessions/*/messages' @((F)::Status($Status))

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input "once $Status" -MaxRetryDelaySec 0 }

        @(Get-ApiLog | Where-Object Method -eq 'POST').Count | Should -Be 1
        $r.Retries.Count | Should -Be 0
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        Measure-Delivery $idle.Id "once $Status" ($r.Errors.Count -gt 0) | Should -BeLessOrEqual 1
    }

    It 'Send-GumloopMessage is retried on 429 and the message arrives once' {
        New-Fault 'POST' '/sessions/*/messages' @((F)::Status(429), (F)::Status(429, $null, '1'))

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'after 429s' -MaxRetryDelaySec 1 }

        $r.Errors | Should -BeNullOrEmpty
        @(Get-ApiLog | Where-Object Method -eq 'POST').StatusCode | Should -Be @(429, 429, 202)
        $r.Retries.Count | Should -Be 2
        Measure-Delivery $idle.Id 'after 429s' $false | Should -Be 1
    }

    It 'Send-GumloopMessage is retried when the connection failed before any byte was sent' {
        $dead = Start-GumloopSimulator -ReplyDelayMs 50
        $deadConnection = $dead | Connect-Gumloop -PassThru
        $dead | Stop-GumloopSimulator
        $conn = $sim | Connect-Gumloop -PassThru

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'refused' -Connection $deadConnection -MaxRetryCount 2 -MaxRetryDelaySec 0 }

        # Nothing can have reached a server that refused the connection, so retrying is safe.
        $r.Retries.Count | Should -Be 2
        $r.Retries[0] | Should -Match 'POST \S+/messages -> connection failed'
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNetworkError,*'
        $r.Errors[0].Exception.RequestSent | Should -BeFalse
    }

    It 'Send-GumloopMessage is not retried when the server reset the connection after reading the request' {
        New-Fault 'POST' '/sessions/*/messages' @((F)::ResetBeforeHeaders())

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'read then reset' -MaxRetryDelaySec 0 }

        # The client cannot tell whether the server acted, so it reports instead of sending again.
        @(Get-ApiLog | Where-Object Method -eq 'POST').Count | Should -Be 1
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        Measure-Delivery $idle.Id 'read then reset' $true | Should -Be 0
    }

    It 'Send-GumloopMessage is not retried when the connection drops after the server acted' {
        New-Fault 'POST' '/sessions/*/messages' @((F)::ResetBeforeHeaders($true))

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'acted then dropped' -MaxRetryDelaySec 0 }

        @(Get-ApiLog | Where-Object Method -eq 'POST').Count | Should -Be 1
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNetworkError,*'
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        Measure-Delivery $idle.Id 'acted then dropped' $true | Should -Be 1
    }

    It 'Send-GumloopMessage is not retried after a timeout once the request was sent' {
        $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 1 -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        New-Fault 'POST' '/sessions/*/messages' @((F)::Stall(1500))

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'slow server' -Connection $short }

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        Start-Sleep -Milliseconds 900
        # The server handled the POST after the client gave up: a retry would have sent it twice.
        @(Get-ApiLog | Where-Object Method -eq 'POST').Count | Should -Be 1
        Measure-Delivery $idle.Id 'slow server' $true | Should -Be 1
    }

    It 'Send-GumloopMessage is not retried after a truncated response' {
        New-Fault 'POST' '/sessions/*/messages' @((F)::TruncatedBody())

        $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'cut short' -MaxRetryDelaySec 0 }

        @(Get-ApiLog | Where-Object Method -eq 'POST').Count | Should -Be 1
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        Measure-Delivery $idle.Id 'cut short' $true | Should -Be 1
    }

    It 'New-GumloopSession -SessionId maps a retried 409 session_already_exists to the session' {
        $id = 'ticket-' + [guid]::NewGuid().ToString('N')
        New-Fault 'POST' '/agents/*/sessions' @((F)::ResetBeforeHeaders($true))

        $r = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -SessionId $id -Input 'exactly once' -MaxRetryDelaySec 0 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].Id | Should -BeExactly $id
        $log = @(Get-ApiLog)
        $log.Method | Should -Be @('POST', 'POST', 'GET')
        $log.StatusCode | Should -Be @(0, 409, 200)
        $r.Verbose -join "`n" | Should -Match 'already exists'
        Measure-Delivery $id 'exactly once' $false | Should -Be 1
    }

    It 'New-GumloopSession -SessionId on a first-attempt 409 is a real conflict' {
        $r = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -SessionId $idle.Id -Input 'dup' }

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopConflict,*'
    }

    It 'New-GumloopSession -Input without -SessionId is not retried on 502' {
        New-Fault 'POST' '/agents/*/sessions' @((F)::Status(502))

        $r = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'no retry' -MaxRetryDelaySec 0 }

        @(Get-ApiLog).Count | Should -Be 1
        $r.Errors[0].Exception.Message | Should -Match 'check the session'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
    }
}

Describe 'Hostile responses' {
    BeforeEach { $sim.ClearFaults(); $sim.ClearRequestLog() }

    It '<Name> becomes one clean <Id> error record' -ForEach @(
        @{ Name = 'malformed JSON'; Fault = { [GumloopPS.Simulator.SimulatorFault]::MalformedJson() }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
        @{ Name = 'an HTML page with 200'; Fault = { [GumloopPS.Simulator.SimulatorFault]::HtmlBody(200) }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
        @{ Name = 'an HTML gateway page with 502'; Fault = { [GumloopPS.Simulator.SimulatorFault]::HtmlBody(502) }; Id = 'GumloopServerError'; Category = 'ConnectionError' }
        @{ Name = 'a 200 with an empty body'; Fault = { [GumloopPS.Simulator.SimulatorFault]::EmptyBody200() }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
        @{ Name = 'JSON nested 100,000 deep'; Fault = { [GumloopPS.Simulator.SimulatorFault]::DeepJson(100000) }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
        @{ Name = 'a 300 MB body'; Fault = { [GumloopPS.Simulator.SimulatorFault]::HugeBody(300MB) }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
        @{ Name = 'JSON of the wrong shape'; Fault = { [GumloopPS.Simulator.SimulatorFault]::Status(200, '[1,2,3]') }; Id = 'GumloopInvalidResponse'; Category = 'InvalidResult' }
    ) {
        New-Fault 'GET' '/sessions/*' @(& $Fault)
        $before = [GC]::GetTotalAllocatedBytes($false)

        $r = Invoke-Capture { Get-GumloopSession -SessionId $completedId -MaxRetryCount 0 }

        $allocated = [GC]::GetTotalAllocatedBytes($false) - $before
        $metrics.HostileResponses++
        $r.Output | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeExactly "$Id,GumloopPS.Commands.GetGumloopSessionCommand"
        $r.Errors[0].CategoryInfo.Category | Should -Be $Category
        $r.Errors[0].TargetObject | Should -BeExactly $completedId
        $r.Errors[0].Exception.Message.Length | Should -BeLessThan 1000
        $r.Errors[0].Exception.Message | Should -Not -Match '<html|   at System\.'
        # Nothing beyond the 128 MB default cap is buffered, whatever the server offers.
        $allocated | Should -BeLessThan 700MB
        $r.Seconds | Should -BeLessThan 15
    }

    It 'a 300 MB body stops at the connection''s -MaxResponseSizeMB' {
        $small = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -MaxResponseSizeMB 4 -PassThru
        $conn = $sim | Connect-Gumloop -PassThru
        $small.MaxResponseBytes | Should -Be 4MB
        New-Fault 'GET' '/agents' @((F)::HugeBody(300MB))
        $before = [GC]::GetTotalAllocatedBytes($false)

        $r = Invoke-Capture { Get-GumloopAgent -Connection $small }

        ([GC]::GetTotalAllocatedBytes($false) - $before) | Should -BeLessThan 64MB
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidResponse,*'
        $r.Errors[0].Exception.Message | Should -Match '4,194,304-byte limit'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Gumloop -MaxResponseSizeMB'
        @(Get-ApiLog).Count | Should -Be 1
    }

    It 'unknown enum values pass through as strings and settle a wait' {
        $body = '{"session":{"id":"sess_future","agent_id":"a","state":"hyperspace","type":"carrier_pigeon","messages":[{"id":"m1","role":"oracle","content":"hi","parts":[{"type":"hologram"}]}]}}'
        New-Fault 'GET' '/sessions/*' @((F)::Status(200, $body), (F)::Status(200, $body))

        $r = Invoke-Capture { Get-GumloopSession -SessionId 'sess_future' | Wait-GumloopSession -TimeoutSec 5 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].State | Should -BeExactly 'hyperspace'
        $r.Output[0].Type | Should -BeExactly 'carrier_pigeon'
        $r.Output[0].Messages[0].Role | Should -BeExactly 'oracle'
        { $r.Output[0] | Format-Table | Out-String; $r.Output[0] | Format-List * | Out-String } | Should -Not -Throw
    }
}

Describe 'Concurrency' {
    BeforeEach { $sim.ClearFaults(); $sim.ClearRequestLog() }

    It 'with a concurrency limit of <N>, 3N parallel New-GumloopSession -Wait all complete, none lost or duplicated' -ForEach @(@{ N = 2 }) {
        $agentId = 'ag_conc_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $null = $sim.AddAgent($agentId, 'Concurrency probe', $null)
        $sim.Options.ConcurrencyLimit = $N
        try {
            # All runspaces fire together, and each turn lasts long enough that the limit is certainly hit.
            $start = [DateTime]::UtcNow.AddSeconds(2)
            $results = 1..(3 * $N) | ForEach-Object -ThrottleLimit (3 * $N) -Parallel {
                Import-Module $using:modulePath
                $ErrorActionPreference = 'Continue'
                $wait = ($using:start) - [DateTime]::UtcNow
                if ($wait -gt [TimeSpan]::Zero) { Start-Sleep -Milliseconds $wait.TotalMilliseconds }
                New-GumloopSession -AgentId $using:agentId -Input "job $_ sim:delay=400" -Name "job $_" -Wait -TimeoutSec 60 -MaxRetryCount 8 -Connection $using:conn 2>&1
            }
        }
        finally {
            $sim.Options.ConcurrencyLimit = $null
        }

        $errors = @($results | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $sessions = @($results | Where-Object { $_ -is [GumloopPS.Core.Session] })
        $errors | Should -BeNullOrEmpty
        $sessions.Count | Should -Be (3 * $N)
        $sessions.State | Sort-Object -Unique | Should -Be 'completed'

        # Counted in the simulator: every job exists exactly once.
        $stored = @(Get-GumloopSession -AgentId $agentId -All)
        $expected = 1..(3 * $N) | ForEach-Object { "job $_" }
        $names = @($stored.Name | Sort-Object)
        $metrics.ConcurrentSessions += $stored.Count
        $metrics.MessagesLost += @($expected | Where-Object { $names -notcontains $_ }).Count
        $metrics.MessagesDuplicated += $names.Count - @($names | Sort-Object -Unique).Count
        $names | Should -Be @($expected | Sort-Object)

        $posts = @(Get-ApiLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -like "*/agents/$agentId/sessions" })
        $limited = @($posts | Where-Object StatusCode -eq 429)
        $limited.Count | Should -BeGreaterThan 0
        @($posts | Where-Object StatusCode -eq 202).Count | Should -Be (3 * $N)
        $metrics.RateLimitedAbsorbed += $limited.Count
        $metrics.RequestsRetried += $limited.Count
    }

    It 'eight runspaces share one connection''s pool safely' {
        $connectionsBefore = $sim.ConnectionCount
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:modulePath
            $c = $using:conn
            foreach ($i in 1..25) { (Get-GumloopSession -SessionId $using:completedId -Connection $c).Id }
        }

        $results.Count | Should -Be 200
        @($results | Sort-Object -Unique) | Should -Be $completedId
        @(Get-ApiLog | Where-Object StatusCode -ne 200).Count | Should -Be 0
        # One HttpClient: a handful of pooled sockets, not one per call.
        ($sim.ConnectionCount - $connectionsBefore) | Should -BeLessOrEqual 16
    }

    It 'without -Connection a parallel runspace gives the clear "run Connect-Gumloop" error' {
        $results = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:modulePath
            try { Get-GumloopAgent }
            catch { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Advice = $_.ErrorDetails.RecommendedAction } }
        }

        $results.Count | Should -Be 2
        foreach ($r in $results) {
            $r.Id | Should -BeExactly 'GumloopNotConnected,GumloopPS.Commands.GetGumloopAgentCommand'
            $r.Message | Should -Match 'Run Connect-Gumloop'
            $r.Advice | Should -Match 'Connect-Gumloop'
        }
    }

    It 'Start-ThreadJob works with -Connection and fails clearly without it' {
        $with = Start-ThreadJob -ScriptBlock {
            param($ModulePath, $Connection, $Id)
            Import-Module $ModulePath
            (Get-GumloopSession -SessionId $Id -Connection $Connection).State
        } -ArgumentList $modulePath, $conn, $completedId
        $without = Start-ThreadJob -ScriptBlock {
            param($ModulePath)
            Import-Module $ModulePath
            try { Get-GumloopAgent } catch { $_.FullyQualifiedErrorId }
        } -ArgumentList $modulePath

        $null = Wait-Job $with, $without -Timeout 60
        Receive-Job $with | Should -BeExactly 'completed'
        Receive-Job $without | Should -BeExactly 'GumloopNotConnected,GumloopPS.Commands.GetGumloopAgentCommand'
        Remove-Job $with, $without -Force
    }
}
