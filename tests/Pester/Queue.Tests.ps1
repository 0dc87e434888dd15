#Requires -Version 7.4
# The message queue cmdlets and Send-GumloopMessage -WhenBusy against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection

    $invoiceId = 'Gz8pD3vN6yHq1Wm'

    # A session whose first turn runs for $Ms milliseconds.
    function New-BusySession([int] $Ms = 4000, [string] $Text = 'long job') {
        $session = New-GumloopSession -AgentId $invoiceId -Input "$Text sim:delay=$Ms"
        $session.State | Should -BeExactly 'processing'
        $session
    }

    function Get-Writes {
        @($sim.RequestLog | Where-Object Method -ne 'GET')
    }

    function Get-UserInputs([string] $SessionId) {
        @((Get-GumloopSession -SessionId $SessionId).Messages | Where-Object Role -eq 'user' | ForEach-Object Content)
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Add-GumloopQueuedMessage and Get-GumloopQueuedMessage' {
    It 'queues behind a running turn with positions from 1, and lists the queue in order' {
        $busy = New-BusySession
        $first = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'second'
        $second = $busy | Add-GumloopQueuedMessage -Input 'third'

        $first | Should -BeOfType ([GumloopPS.Core.QueuedMessage])
        $first.Position | Should -Be 1
        $second.Position | Should -Be 2
        $first.SessionId | Should -BeExactly $busy.Id
        $first.State | Should -BeExactly 'queued'
        $first.Input | Should -BeExactly 'second'

        $queue = @(Get-GumloopQueuedMessage -SessionId $busy.Id)
        $queue.Id | Should -Be @($first.Id, $second.Id)
        $queue.Position | Should -Be @(1, 2)
        @($busy | Get-GumloopQueuedMessage).Count | Should -Be 2
        @($busy.Id | Get-GumloopQueuedMessage).Count | Should -Be 2
    }

    It 'sends queued messages in order when the turns end' {
        $busy = New-BusySession -Ms 300
        $null = 'two', 'three' | ForEach-Object { Add-GumloopQueuedMessage -SessionId $busy.Id -Input $_ }
        $deadline = (Get-Date).AddSeconds(15)
        do {
            Start-Sleep -Milliseconds 100
            $session = Get-GumloopSession -SessionId $busy.Id
        } while (($session.State -ne 'completed' -or $session.Messages.Count -lt 6) -and (Get-Date) -lt $deadline)
        Get-UserInputs $busy.Id | Should -Be @('long job sim:delay=300', 'two', 'three')
        Get-GumloopQueuedMessage -SessionId $busy.Id | Should -BeNullOrEmpty
    }

    It 'reports the 21st message as queue_full (GumloopQueueFull, LimitsExceeded)' {
        $busy = New-BusySession -Ms 20000
        1..20 | ForEach-Object { $null = Add-GumloopQueuedMessage -SessionId $busy.Id -Input "m$_" }
        $result = Invoke-Capture { Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'one too many' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopQueueFull*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'queue_full'
        $result.Errors[0].TargetObject | Should -BeExactly $busy.Id
        $null = Stop-GumloopSession -SessionId $busy.Id -Confirm:$false
    }

    It '-WhatIf sends nothing' {
        $busy = New-BusySession
        $sim.ClearRequestLog()
        Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'not queued' -WhatIf | Should -BeNullOrEmpty
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'reports an unknown session as GumloopNotFound' {
        $result = Invoke-Capture { Get-GumloopQueuedMessage -SessionId 'sess_missing'; Add-GumloopQueuedMessage -SessionId 'sess_missing' -Input 'x' }
        $result.Errors.Count | Should -Be 2
        $result.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*' }
    }
}

Describe 'Set-, Remove- and Send-GumloopQueuedMessage' {
    It 'Set replaces the text, binding SessionId and Id from the pipeline' {
        $busy = New-BusySession
        $null = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'typo hre'
        $updated = Get-GumloopQueuedMessage -SessionId $busy.Id | Set-GumloopQueuedMessage -Input 'typo here' -PassThru
        $updated.Input | Should -BeExactly 'typo here'
        $updated.Position | Should -Be 1
        $patch = @($sim.RequestLog | Where-Object Method -eq 'PATCH') | Select-Object -Last 1
        $patch.Path | Should -BeExactly "/api/v1/sessions/$($busy.Id)/queue/$($updated.Id)"
        ($patch.Body | ConvertFrom-Json).input | Should -BeExactly 'typo here'
    }

    It 'Remove deletes from the pipeline and renumbers the rest (-PassThru)' {
        $busy = New-BusySession
        $a = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'a'
        $b = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'b'
        $rest = $a | Remove-GumloopQueuedMessage -Confirm:$false -PassThru
        $rest.Id | Should -Be @($b.Id)
        $rest.Position | Should -Be @(1)
        $b | Remove-GumloopQueuedMessage -Confirm:$false | Should -BeNullOrEmpty
        Get-GumloopQueuedMessage -SessionId $busy.Id | Should -BeNullOrEmpty
    }

    It 'Set, Remove and Send honour -WhatIf' {
        $busy = New-BusySession
        $queued = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'keep me'
        $sim.ClearRequestLog()
        $queued | Set-GumloopQueuedMessage -Input 'changed' -WhatIf
        $queued | Remove-GumloopQueuedMessage -WhatIf
        $queued | Send-GumloopQueuedMessage -WhatIf
        Get-Writes | Should -BeNullOrEmpty
        (Get-GumloopQueuedMessage -SessionId $busy.Id).Input | Should -BeExactly 'keep me'
    }

    It 'Send sends now, aborting the running turn, and has ConfirmImpact High' {
        $attribute = [GumloopPS.Commands.SendGumloopQueuedMessageCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $busy = New-BusySession -Ms 20000 -Text 'slow report'
        $null = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'first in line'
        $jump = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'jump the queue'
        $session = $jump | Send-GumloopQueuedMessage -Confirm:$false
        $session | Should -BeOfType ([GumloopPS.Core.Session])
        $session.State | Should -BeExactly 'processing'
        $session.Messages[-1].Content | Should -BeExactly 'jump the queue'
        $final = $session | Wait-GumloopSession -TimeoutSec 20
        $final.State | Should -BeExactly 'completed'
        $final.Messages | Where-Object Role -eq 'assistant' | ForEach-Object Text | Should -Contain 'Reply 2 to "jump the queue"'
    }

    It 'Send -Wait writes the finished session' {
        $busy = New-BusySession -Ms 20000
        $queued = Add-GumloopQueuedMessage -SessionId $busy.Id -Input 'now please'
        $final = $queued | Send-GumloopQueuedMessage -Confirm:$false -Wait -TimeoutSec 20
        $final.State | Should -BeExactly 'completed'
        $final.Messages[-1].Text | Should -BeExactly 'Reply 2 to "now please"'
    }

    It 'reports an unknown queued message id as GumloopNotFound on every cmdlet' {
        $busy = New-BusySession
        $result = Invoke-Capture {
            Set-GumloopQueuedMessage -SessionId $busy.Id -QueuedMessageId 'qm_nope' -Input 'x'
            Remove-GumloopQueuedMessage -SessionId $busy.Id -QueuedMessageId 'qm_nope' -Confirm:$false
            Send-GumloopQueuedMessage -SessionId $busy.Id -QueuedMessageId 'qm_nope' -Confirm:$false
        }
        $result.Errors.Count | Should -Be 3
        foreach ($e in $result.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $e.TargetObject | Should -BeExactly 'qm_nope'
            $e.Exception.ErrorCode | Should -BeExactly 'queued_message_not_found'
        }
    }

    It '<Name> declares its output type' -ForEach @(
        @{ Name = 'Get-GumloopQueuedMessage'; Type = 'GumloopPS.Core.QueuedMessage' }
        @{ Name = 'Add-GumloopQueuedMessage'; Type = 'GumloopPS.Core.QueuedMessage' }
        @{ Name = 'Set-GumloopQueuedMessage'; Type = 'GumloopPS.Core.QueuedMessage' }
        @{ Name = 'Remove-GumloopQueuedMessage'; Type = 'GumloopPS.Core.QueuedMessage' }
        @{ Name = 'Send-GumloopQueuedMessage'; Type = 'GumloopPS.Core.Session' }
    ) {
        @((Get-Command $Name).OutputType.Name) | Should -Contain $Type
    }
}

Describe 'Send-GumloopMessage -WhenBusy' {
    It 'Fail (the default) keeps the 409 as GumloopSessionBusy' {
        $busy = New-BusySession
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'too early' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSessionBusy*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'WhenBusy'
    }

    It 'Queue adds the message to the queue of a busy session and writes the QueuedMessage' {
        $busy = New-BusySession -Ms 500
        $sim.ClearRequestLog()
        $queued = Send-GumloopMessage -SessionId $busy.Id -Input 'queued follow-up' -WhenBusy Queue
        $queued | Should -BeOfType ([GumloopPS.Core.QueuedMessage])
        $queued.Position | Should -Be 1
        $queued.Input | Should -BeExactly 'queued follow-up'
        @($sim.RequestLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/queue' }).Count | Should -Be 1
        $final = Wait-GumloopSession -SessionId $busy.Id -TimeoutSec 20
        Start-Sleep -Milliseconds 200
        $final = Wait-GumloopSession -SessionId $busy.Id -TimeoutSec 20
        Get-UserInputs $busy.Id | Should -Be @('long job sim:delay=500', 'queued follow-up')
    }

    It 'Queue sends at once when the session is free' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $session = Send-GumloopMessage -SessionId $idle.Id -Input 'straight in' -WhenBusy Queue
        $session | Should -BeOfType ([GumloopPS.Core.Session])
        $session.State | Should -BeExactly 'processing'
    }

    It 'Wait waits for the turn to end, then sends once' {
        $busy = New-BusySession -Ms 600
        $sim.ClearRequestLog()
        $session = Send-GumloopMessage -SessionId $busy.Id -Input 'after the wait' -WhenBusy Wait -Wait -TimeoutSec 20
        $session.State | Should -BeExactly 'completed'
        Get-UserInputs $busy.Id | Should -Be @('long job sim:delay=600', 'after the wait')
        $sends = @($sim.RequestLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/messages' })
        @($sends | Where-Object StatusCode -eq 202).Count | Should -Be 1
        @($sends | Where-Object StatusCode -eq 409).Count | Should -Be 1
    }

    It 'Wait with -TimeoutSec gives up with GumloopWaitTimeout and sends nothing' {
        $busy = New-BusySession -Ms 20000
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'never sent' -WhenBusy Wait -TimeoutSec 1 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopWaitTimeout*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        @($sim.RequestLog | Where-Object { $_.Path -like '*/messages' -and $_.StatusCode -eq 202 }) | Should -BeNullOrEmpty
        Get-UserInputs $busy.Id | Should -Not -Contain 'never sent'
        $null = Stop-GumloopSession -SessionId $busy.Id -Confirm:$false
    }

    It 'Wait stops cleanly when the pipeline is stopped (Ctrl+C) and sends nothing' {
        $busy = New-BusySession -Ms 3000 -Text 'interrupted'
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($Module, $Connection, $SessionId) Import-Module $Module; Send-GumloopMessage -Connection $Connection -SessionId $SessionId -Input ''stopped before sending'' -WhenBusy Wait')
        $null = $ps.AddParameter('Module', $env:GUMLOOPPS_TEST_MODULE).AddParameter('Connection', $connection).AddParameter('SessionId', $busy.Id)
        try {
            $handle = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 700
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $handle.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
        }
        $final = Wait-GumloopSession -SessionId $busy.Id -TimeoutSec 20
        Start-Sleep -Milliseconds 300
        Get-UserInputs $busy.Id | Should -Be @('interrupted sim:delay=3000')
    }

    It 'Queue refuses attachments before sending anything' {
        $busy = New-BusySession
        $file = Join-Path $TestDrive 'q.txt'
        'x' | Set-Content -LiteralPath $file
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'with file' -WhenBusy Queue -Attachment $file }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        Get-Writes | Should -BeNullOrEmpty
    }
}
