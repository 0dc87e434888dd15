#Requires -Version 7.4
# A server (or a path) that misbehaves: malformed bodies stay per-id errors, keys never show in targets or verbose
# lines, chosen timeouts hold on the stream host, escaped dot segments stay below the base, endless streams end.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection
    $key = Get-Plain $sim.ApiKey
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $completedId = 'sess_Vk3nQ8wT2p'
    $idleId = 'sess_Pb9yE4uL6d'
    $badId = 'sess_BadUtf8x1'

    function Add-Fault([string] $Method, [string] $Path, $Fault) {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new($Method, $Path, @($Fault)))
    }

    # A session body with bytes that are not UTF-8 inside a JSON string.
    function New-BadUtf8Fault {
        $head = [Text.Encoding]::UTF8.GetBytes("{`"session`":{`"id`":`"$badId`",`"agent_id`":`"$invoiceId`",`"state`":`"completed`",`"name`":`"bad ")
        $tail = [Text.Encoding]::UTF8.GetBytes('","messages":[]}}')
        [GumloopPS.Simulator.SimulatorFault]::RawBytes(200, [byte[]]($head + [byte[]](0xC3, 0x28, 0xFF) + $tail), 'application/json')
    }
}

AfterAll {
    $sim.ClearFaults()
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Invalid UTF-8 in one response' {
    AfterEach { $sim.ClearFaults() }

    It '<Name> reports the bad id and still returns the next one' -ForEach @(
        @{ Name = 'Get-GumloopSession'; Script = { Get-GumloopSession -SessionId $completedId, $badId, $idleId } }
        @{ Name = 'Get-GumloopMessage'; Script = { $completedId, $badId, $idleId | Get-GumloopMessage } }
        @{ Name = 'Wait-GumloopSession'; Script = { Wait-GumloopSession -SessionId $completedId, $badId, $idleId -TimeoutSec 20 } }
    ) {
        Add-Fault GET "/sessions/$badId" (New-BadUtf8Fault)
        $result = Invoke-Capture $Script
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidResponse*'
        $result.Errors[0].Exception | Should -BeOfType ([GumloopPS.Core.GumloopResponseException])
        $result.Errors[0].Exception.Message | Should -Match 'not valid UTF-8'
        $result.Errors[0].TargetObject | Should -BeExactly $badId
        if ($Name -eq 'Get-GumloopMessage') {
            @($result.Output.SessionId | Select-Object -Unique) | Should -Be @($completedId)
        }
        else {
            @($result.Output.Id) | Should -Be @($completedId, $idleId)
        }
    }
}

Describe 'A key in the query of Invoke-GumloopApi' {
    BeforeEach { $sim.ClearFaults() }

    It 'is masked in the -WhatIf line' {
        $run = Invoke-OnTextHost -Arguments @{ Text = $key } -Script @'
Invoke-GumloopApi POST /start_pipeline -Query @{ api_key = $Text; user_id = 'u1' } -Body @{ saved_item_id = 'f1' } -Connection $Connection -WhatIf
'@
        $run.Written | Should -Match 'What if:.*api_key=\*\*\*\*'
        $run.Written | Should -Not -Match ([regex]::Escape($key))
    }

    It 'is masked in the verbose line, the error target and its category' {
        Add-Fault POST '/start_pipeline' ([GumloopPS.Simulator.SimulatorFault]::Status(500))
        $result = Invoke-Capture { Invoke-GumloopApi POST '/start_pipeline' -Query @{ api_key = $key; user_id = 'u1' } -Body @{ saved_item_id = 'f1' } -Confirm:$false -Verbose -MaxRetryCount 0 }
        $result.Verbose | Should -Not -BeNullOrEmpty
        ($result.Verbose -join "`n") | Should -Match 'Performing the operation "POST" on target ".*api_key=\*\*\*\*'
        ($result.Verbose -join "`n") | Should -Not -Match ([regex]::Escape($key))
        $result.Errors.Count | Should -Be 1
        $err = $result.Errors[0]
        "$($err.TargetObject)" | Should -Match 'api_key=\*\*\*\*'
        "$($err.TargetObject)" | Should -Not -Match ([regex]::Escape($key))
        ($err.CategoryInfo | Out-String) | Should -Not -Match ([regex]::Escape($key))
        ($err | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($key))
    }

    It 'is masked in the target of an error raised before sending' {
        $result = Invoke-Capture { Invoke-GumloopApi GET "/agents/{agent_id}?api_key=$key" }
        $result.Errors.Count | Should -Be 1
        "$($result.Errors[0].TargetObject)" | Should -Not -Match ([regex]::Escape($key))
        "$($result.Errors[0].TargetObject)" | Should -Match 'api_key=\*\*\*\*'
    }
}

Describe 'A key the server echoes with JSON escapes' {
    AfterEach { $sim.ClearFaults() }

    It 'never shows in the error, decoded or not' {
        $escaped = '\u{0:x4}{1}' -f [int]$key[0], $key.Substring(1)
        Add-Fault GET '/sessions/*' ([GumloopPS.Simulator.SimulatorFault]::Status(400, "{`"error`":{`"code`":`"bad`",`"type`":`"invalid_request_error`",`"message`":`"echo $escaped`",`"details`":{`"k`":`"$escaped`"}}}"))
        $result = Invoke-Capture { Get-GumloopSession -SessionId $completedId -MaxRetryCount 0 }
        $result.Errors.Count | Should -Be 1
        $e = $result.Errors[0]
        $all = @($e.Exception.Message, $e.ErrorDetails.Message, $e.Exception.ApiMessage, $e.Exception.ResponseBody, "$($e.Exception.Details)", ($e | Format-List * -Force | Out-String)) -join "`n"
        $all | Should -Not -Match ([regex]::Escape($key))
        [regex]::Unescape($all) | Should -Not -Match ([regex]::Escape($key))
        $e.Exception.ApiMessage | Should -BeExactly 'echo ****'
    }
}

Describe 'Timeouts of stream-host calls' {
    AfterEach { $sim.ClearFaults() }

    It 'POST /chat/completions honours -TimeoutSec' {
        Add-Fault POST '/chat/completions' ([GumloopPS.Simulator.SimulatorFault]::Stall(8000))
        $result = Invoke-Capture { Invoke-GumloopApi POST /chat/completions -Body @{ model = 'gpt-4o'; messages = @(@{ role = 'user'; content = 'hi' }) } -TimeoutSec 1 -MaxRetryCount 0 -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopTimeout*'
        $result.Errors[0].Exception.Timeout | Should -Be ([timespan]::FromSeconds(1))
    }

    It 'POST /chat/completions honours the timeout chosen with Connect-Gumloop' {
        $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri -TimeoutSec 1 -PassThru
        try {
            Add-Fault POST '/chat/completions' ([GumloopPS.Simulator.SimulatorFault]::Stall(8000))
            $result = Invoke-Capture { Invoke-GumloopApi POST /chat/completions -Body @{ model = 'gpt-4o'; messages = @(@{ role = 'user'; content = 'hi' }) } -Connection $short -MaxRetryCount 0 -Confirm:$false }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopTimeout*'
            $result.Errors[0].Exception.Timeout | Should -Be ([timespan]::FromSeconds(1))
        }
        finally {
            $sim | Connect-Gumloop
        }
    }
}

Describe 'Escaped dot segments' {
    It '<Path> is refused before anything is sent' -ForEach @(
        @{ Path = '/agents/%2e%2e/%2e%2e/x' }
        @{ Path = '/agents/%2E%2E/%2E%2E/%2E%2E/x' }
        @{ Path = '/sessions/.%2e/x' }
    ) {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi GET $Path }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].Exception.Message | Should -Match "'\.' or '\.\.'"
        @($sim.RequestLog).Count | Should -Be 0
    }
}

Describe 'A stream that never ends' {
    It '-StreamTimeoutSec ends a stream of keep-alives' {
        $session = New-GumloopSession -AgentId $invoiceId
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'go sim:keepalive sim:stall=20000' -Stream -StreamTimeoutSec 1 6>$null }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopTimeout*'
        $result.Errors[0].Exception.Message | Should -Match 'did not finish within 1 s'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match "Receive-GumloopSessionStream -SessionId $($session.Id)"
        $result.Seconds | Should -BeLessThan 15
        Stop-GumloopSession -SessionId $session.Id -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
    }

    It '-StreamTimeoutSec is offered by every streaming cmdlet' -ForEach @(
        @{ Name = 'Send-GumloopMessage' }, @{ Name = 'New-GumloopSession' }, @{ Name = 'Receive-GumloopSessionStream' },
        @{ Name = 'Approve-GumloopApproval' }, @{ Name = 'Deny-GumloopApproval' }
    ) {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'StreamTimeoutSec'
    }
}
