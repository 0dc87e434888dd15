#Requires -Version 7.4
# New-, Get-, Wait-, Stop- and Rename-GumloopSession against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $renewalId = 'r4Ts9Kq2MwX7bLn'   # seeded sessions only; this file never adds to it
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $salesId = 'sAl3sAg3ntXyZ01'
    $completedId = 'sess_Vk3nQ8wT2p'
    $approvalId = 'sess_Hm5rZ1xJ7c'
    $idleId = 'sess_Pb9yE4uL6d'
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'New-GumloopSession' {
    It 'creates an idle session without -Input' {
        $session = New-GumloopSession -AgentId $invoiceId
        $session | Should -BeOfType ([GumloopPS.Core.Session])
        $session.State | Should -BeExactly 'idle'
        $session.AgentId | Should -BeExactly $invoiceId
        $session.Id | Should -Not -BeNullOrEmpty
        $session.Messages.Count | Should -Be 0
    }

    It 'sends one POST /agents/<id>/sessions' {
        $sim.ClearRequestLog()
        $null = New-GumloopSession -AgentId $invoiceId
        $requests = @($sim.RequestLog)
        $requests.Count | Should -Be 1
        $requests[0].Method | Should -Be 'POST'
        $requests[0].Path | Should -Match "/agents/$invoiceId/sessions$"
        $requests[0].StatusCode | Should -Be 201
    }

    It 'with -Input returns the processing session holding the first message' {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'Check invoice 1001'
        $session.State | Should -BeExactly 'processing'
        $session.Messages.Count | Should -Be 1
        $session.Messages[0].Role | Should -BeExactly 'user'
        $session.Messages[0].Content | Should -BeExactly 'Check invoice 1001'
        $session.CreatedAt | Should -BeOfType ([DateTimeOffset])
    }

    It '-Message is an alias of -Input' {
        $session = New-GumloopSession -AgentId $invoiceId -Message 'alias check'
        $session.Messages[0].Content | Should -BeExactly 'alias check'
    }

    It 'with -Wait returns the completed session with the reply' {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'hello there' -Wait
        $session.State | Should -BeExactly 'completed'
        $session.Messages.Count | Should -Be 2
        $session.Messages[1].Role | Should -BeExactly 'assistant'
        $session.Messages[1].Text | Should -BeExactly 'Reply 1 to "hello there"'
    }

    It '-Wait with -TimeoutSec 1 on a slow reply fails with OperationTimeout' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=5000' -Wait -TimeoutSec 1 }
        $sw.Stop()
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 4
    }

    It '-SessionId sets a client-chosen id' {
        $id = 'client-' + [guid]::NewGuid().ToString('N')
        $session = New-GumloopSession -AgentId $invoiceId -SessionId $id
        $session.Id | Should -BeExactly $id
        (Get-GumloopSession -SessionId $id).Id | Should -BeExactly $id
    }

    It 'an existing -SessionId fails with a non-terminating error' {
        $id = 'client-dup-' + [guid]::NewGuid().ToString('N')
        $null = New-GumloopSession -AgentId $invoiceId -SessionId $id
        $result = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -SessionId $id }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].Exception.StatusCode | Should -Be 409
        $result.Errors[0].TargetObject | Should -BeExactly $invoiceId
    }

    It '-Name names the session' {
        $session = New-GumloopSession -AgentId $invoiceId -Name 'Q3 invoices'
        $session.Name | Should -BeExactly 'Q3 invoices'
        (Get-GumloopSession -SessionId $session.Id).Name | Should -BeExactly 'Q3 invoices'
    }

    It 'a -Name of only spaces is refused and no session is created' {
        $before = @(Get-GumloopSession -AgentId $salesId -All).Count
        $result = Invoke-Capture { New-GumloopSession -AgentId $salesId -Name '   ' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-GumloopSession -AgentId $salesId -All).Count | Should -Be $before
    }

    It '-Metadata is sent and stored under metadata.client' {
        $session = New-GumloopSession -AgentId $invoiceId -Metadata @{ ticket = 'T-77'; priority = 2 }
        $full = Get-GumloopSession -SessionId $session.Id
        $metadata = $full.GetAdditionalProperty('metadata')
        $metadata | Should -Not -BeNullOrEmpty
        $metadata['client']['ticket'] | Should -BeExactly 'T-77'
        $metadata['client']['priority'] | Should -Be 2
    }

    It '-WhatIf sends nothing and writes nothing' {
        $sim.ClearRequestLog()
        $result = New-GumloopSession -AgentId $invoiceId -Input 'should not be sent' -WhatIf
        $result | Should -BeNullOrEmpty
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'takes the agent from Get-GumloopAgent through the pipeline' {
        $session = Get-GumloopAgent -AgentId $salesId | New-GumloopSession
        $session.AgentId | Should -BeExactly $salesId
        $session.AgentName | Should -BeExactly 'Sales assistant'
    }

    It 'creates one session per piped agent' {
        $sessions = @(Get-GumloopAgent -AgentId $salesId, $invoiceId | New-GumloopSession)
        $sessions.Count | Should -Be 2
        $sessions.AgentId | Should -Be @($salesId, $invoiceId)
    }

    It 'an unknown agent writes ObjectNotFound with the agent id as target' {
        $result = Invoke-Capture { New-GumloopSession -AgentId 'agent_nope' -Input 'hi' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_nope'
    }

    It 'a -Name longer than 256 characters is rejected before any request' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Name ('n' * 257) }
        $result.Errors.Count | Should -Be 1
        @($sim.RequestLog).Count | Should -Be 0
    }
}

Describe 'Get-GumloopSession' {
    Context 'by id' {
        It 'returns the full session with its transcript' {
            $session = Get-GumloopSession -SessionId $completedId
            $session | Should -BeOfType ([GumloopPS.Core.Session])
            $session.State | Should -BeExactly 'completed'
            $session.AgentId | Should -BeExactly $renewalId
            $session.AgentName | Should -BeExactly 'Renewal desk assistant'
            $session.Name | Should -BeExactly 'Northwind renewal brief'
            $session.Messages.Count | Should -Be 2
            "$($session.Creator)" | Should -BeExactly 'Priya Raman'
            $session.Usage.CreditCost | Should -Be 7.25
            "$($session.Participants)" | Should -Match 'Priya Raman'
        }

        It 'returns pending approvals of an approval_required session' {
            $session = Get-GumloopSession -SessionId $approvalId
            $session.State | Should -BeExactly 'approval_required'
            $session.PendingApprovals.Count | Should -Be 2
        }

        It '-Id is an alias of -SessionId' {
            (Get-GumloopSession -Id $idleId).State | Should -BeExactly 'idle'
        }

        It 'ok1,missing,ok2 writes two sessions and one non-terminating error for missing' {
            $result = Invoke-Capture { Get-GumloopSession -SessionId $completedId, 'missing', $idleId }
            $result.Output.Count | Should -Be 2
            $result.Output.Id | Should -Be @($completedId, $idleId)
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].TargetObject | Should -BeExactly 'missing'
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        }

        It 'the error for a missing id does not stop the statement' {
            $sessions = Get-GumloopSession -SessionId 'missing', $idleId -ErrorAction SilentlyContinue -ErrorVariable ev
            $sessions.Id | Should -BeExactly $idleId
            $ev.Count | Should -Be 1
        }

        It 'takes ids from the pipeline' {
            $sessions = @($completedId, $idleId | Get-GumloopSession)
            $sessions.Id | Should -Be @($completedId, $idleId)
        }

        It 'takes session objects from the pipeline by property name' {
            $listed = Get-GumloopSession -AgentId $renewalId -Search 'Northwind'
            $listed.Messages.Count | Should -Be 0
            $full = $listed | Get-GumloopSession
            $full.Id | Should -BeExactly $completedId
            $full.Messages.Count | Should -Be 2
        }
    }

    Context 'by agent' {
        BeforeAll {
            $pagingId = $sim.AddAgent('agt_paging45', 'Paging agent')
            1..45 | ForEach-Object { [pscustomobject]@{ AgentId = $pagingId; Name = "Paging $_" } } | ForEach-Object {
                $null = New-GumloopSession -AgentId $_.AgentId -Name $_.Name
            }
            $bulkId = $sim.AddAgent('agt_bulk130', 'Bulk agent')
            $null = 1..130 | ForEach-Object { [pscustomobject]@{ AgentId = $bulkId } } | New-GumloopSession
        }

        It 'lists the sessions of an agent without their messages' {
            $sessions = @(Get-GumloopSession -AgentId $renewalId)
            $sessions.Count | Should -Be 3
            $sessions.Id | Should -Contain $completedId
            $sessions | ForEach-Object { $_.Messages.Count | Should -Be 0 }
            $sessions | ForEach-Object { $_.AgentName | Should -BeExactly 'Renewal desk assistant' }
        }

        It '-All returns all 45 sessions, each once' {
            $sessions = @(Get-GumloopSession -AgentId $pagingId -All)
            $sessions.Count | Should -Be 45
            @($sessions.Id | Sort-Object -Unique).Count | Should -Be 45
        }

        It '-All follows next_cursor across pages' {
            $sim.ClearRequestLog()
            $sessions = @(Get-GumloopSession -AgentId $bulkId -All)
            $sessions.Count | Should -Be 130
            @($sessions.Id | Sort-Object -Unique).Count | Should -Be 130
            $pages = Get-Request GET "*/agents/$bulkId/sessions"
            $pages.Count | Should -BeGreaterThan 1
            $pages[0].Query | Should -Not -Match 'cursor='
            $pages[1..($pages.Count - 1)] | ForEach-Object { $_.Query | Should -Match 'cursor=' }
        }

        It 'without -All or -First returns the first page and warns that more exist' {
            $sessions = @(Get-GumloopSession -AgentId $pagingId -WarningVariable warnings -WarningAction SilentlyContinue)
            $sessions.Count | Should -Be 20
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Match '-All'
        }

        It '-First 25 returns 25 sessions' {
            @(Get-GumloopSession -AgentId $pagingId -First 25).Count | Should -Be 25
        }

        It '-First 5 returns the newest 5' {
            $all = @(Get-GumloopSession -AgentId $pagingId -All)
            $first = @(Get-GumloopSession -AgentId $pagingId -First 5)
            $first.Id | Should -Be @($all[0..4].Id)
            $first[0].Name | Should -BeExactly 'Paging 45'
        }

        It '-First larger than the total returns everything' {
            @(Get-GumloopSession -AgentId $pagingId -First 500).Count | Should -Be 45
        }

        It '-First 105 crosses a page boundary and stops at 105' {
            @(Get-GumloopSession -AgentId $bulkId -First 105).Count | Should -Be 105
        }

        It '-State filters on the server' {
            $sim.ClearRequestLog()
            $sessions = @(Get-GumloopSession -AgentId $renewalId -State completed -All)
            $sessions.Id | Should -Be @($completedId)
            (Get-Request GET "*/agents/$renewalId/sessions")[0].Query | Should -Match 'state=completed'
        }

        It '-State approval_required' {
            $sessions = @(Get-GumloopSession -AgentId $renewalId -State approval_required -All)
            $sessions.Id | Should -Be @($approvalId)
        }

        It '-Search finds by name' {
            $sessions = @(Get-GumloopSession -AgentId $renewalId -Search 'Contoso' -All)
            $sessions.Id | Should -Be @($approvalId)
        }

        It '-Type filters by session type' {
            $sessions = @(Get-GumloopSession -AgentId $renewalId -Type slack -All)
            $sessions.Id | Should -Be @($approvalId)
        }

        It 'Get-GumloopAgent | Get-GumloopSession lists the sessions of the piped agent' {
            $sessions = @(Get-GumloopAgent -AgentId $renewalId | Get-GumloopSession -All)
            $sessions.Count | Should -Be 3
            $sessions | ForEach-Object { $_.AgentId | Should -BeExactly $renewalId }
        }

        It 'Get-GumloopAgent | Get-GumloopSession covers every piped agent' {
            $sessions = @(Get-GumloopAgent | Where-Object Id -in $renewalId, $pagingId | Get-GumloopSession -All)
            $sessions.Count | Should -Be 48
        }

        It 'an unknown agent writes ObjectNotFound with the agent id as target' {
            $result = Invoke-Capture { Get-GumloopSession -AgentId 'agent_gone' -All }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $result.Errors[0].TargetObject | Should -BeExactly 'agent_gone'
        }
    }
}

Describe 'Wait-GumloopSession' {
    It 'waits until the session is completed' {
        $started = New-GumloopSession -AgentId $invoiceId -Input 'wait for me'
        $started.State | Should -BeExactly 'processing'
        $done = Wait-GumloopSession -SessionId $started.Id -TimeoutSec 20
        $done.State | Should -BeExactly 'completed'
        $done.Messages.Count | Should -Be 2
    }

    It 'stops on failed (sim:fail)' {
        $started = New-GumloopSession -AgentId $invoiceId -Input 'break sim:fail'
        $done = Wait-GumloopSession -SessionId $started.Id -WaitTimeoutSec 20 -NoFailureError
        $done.State | Should -BeExactly 'failed'
    }

    It 'stops on approval_required (sim:approval) with its two pending asks' {
        $started = New-GumloopSession -AgentId $invoiceId -Input 'needs ok sim:approval'
        $done = Wait-GumloopSession -SessionId $started.Id -TimeoutSec 20
        $done.State | Should -BeExactly 'approval_required'
        $done.PendingApprovals.Count | Should -Be 2
    }

    It 'returns an idle session at once' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
        (Wait-GumloopSession -SessionId $idle.Id -TimeoutSec 5).State | Should -BeExactly 'idle'
        @($sim.RequestLog).Count | Should -Be 1
    }

    It 'takes sessions from the pipeline' {
        $done = New-GumloopSession -AgentId $invoiceId -Input 'piped wait' | Wait-GumloopSession -TimeoutSec 20
        $done.State | Should -BeExactly 'completed'
    }

    It 'waits for several sessions' {
        $a = New-GumloopSession -AgentId $invoiceId -Input 'first of two'
        $b = New-GumloopSession -AgentId $salesId -Input 'second of two'
        $done = @(Wait-GumloopSession -SessionId $a.Id, $b.Id -TimeoutSec 20)
        $done.Id | Should -Be @($a.Id, $b.Id)
        $done.State | Should -Be @('completed', 'completed')
    }

    It '-TimeoutSec 1 on a slow reply fails with OperationTimeout targeting the session' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow one sim:delay=5000'
        try {
            # How long the wait takes is the deadline's logic, tested on a fake clock in WaitDeadlineTests.
            $result = Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -TimeoutSec 1 }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $result.Errors[0].TargetObject | Should -BeExactly $slow.Id
            $result.Errors[0].Exception.Message | Should -Match 'processing'
        }
        finally {
            Stop-GumloopSession -SessionId $slow.Id -Confirm:$false
        }
    }

    It 'an unknown id writes ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Wait-GumloopSession -SessionId 'sess_missing_w' -TimeoutSec 5 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing_w'
    }

    It 'stops within 2 s when the pipeline is stopped (Ctrl+C)' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'very slow sim:delay=60000'
        $connection = Get-GumloopConnection
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $Id)
                    Import-Module $ModulePath
                    Wait-GumloopSession -SessionId $Id -Connection $Connection
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE).AddArgument($connection).AddArgument($slow.Id)
            $sim.ClearRequestLog()
            $async = $ps.BeginInvoke()
            # Stop only once the cmdlet is inside its polling loop (its first poll after the initial GET).
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ((Get-Request GET "*/sessions/$($slow.Id)").Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 20
            }
            (Get-Request GET "*/sessions/$($slow.Id)").Count | Should -BeGreaterOrEqual 2
            $async.IsCompleted | Should -BeFalse

            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
            Stop-GumloopSession -SessionId $slow.Id -Confirm:$false
        }
    }

    It 'stops within 2 s while a request hangs (Ctrl+C cancels the HTTP call itself)' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'hung sim:delay=60000'
        $connection = Get-GumloopConnection
        # Every GET of this session hangs for 30 s, so the cmdlet writes nothing that could notice the stop for it.
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', "/sessions/$($slow.Id)", [GumloopPS.Simulator.SimulatorFault[]]@(
                    [GumloopPS.Simulator.SimulatorFault]::Stall(30000), [GumloopPS.Simulator.SimulatorFault]::Stall(30000))))
        $ps = [powershell]::Create()
        $output = [System.Management.Automation.PSDataCollection[object]]::new()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $Id)
                    Import-Module $ModulePath
                    'ready'
                    Wait-GumloopSession -SessionId $Id -Connection $Connection
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE).AddArgument($connection).AddArgument($slow.Id)
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[object]]::new(), $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while ($output.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $output.Count | Should -Be 1
            Start-Sleep -Milliseconds 700
            $async.IsCompleted | Should -BeFalse

            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
            $sim.ClearFaults()
            Stop-GumloopSession -SessionId $slow.Id -Confirm:$false
        }
    }
}

Describe 'Stop-GumloopSession' {
    It 'cancels a processing session, which becomes failed' {
        $running = New-GumloopSession -AgentId $invoiceId -Input 'cancel me sim:delay=20000'
        $running.State | Should -BeExactly 'processing'
        $sim.ClearRequestLog()
        $out = Stop-GumloopSession -SessionId $running.Id -Confirm:$false
        $out | Should -BeNullOrEmpty
        (Get-Request POST "*/sessions/$($running.Id)/cancel").Count | Should -Be 1
        (Get-GumloopSession -SessionId $running.Id).State | Should -BeExactly 'failed'
    }

    It '-PassThru returns the cancelled session with its transcript' {
        $running = New-GumloopSession -AgentId $invoiceId -Input 'cancel and show sim:delay=20000'
        $stopped = Stop-GumloopSession -SessionId $running.Id -Confirm:$false -PassThru
        $stopped.Id | Should -BeExactly $running.Id
        $stopped.State | Should -BeExactly 'failed'
        $stopped.Messages.Count | Should -BeGreaterOrEqual 1
        $stopped.Messages[0].Content | Should -BeExactly 'cancel and show sim:delay=20000'
    }

    It '-WhatIf sends no POST and leaves the session running' {
        $running = New-GumloopSession -AgentId $invoiceId -Input 'keep running sim:delay=20000'
        try {
            $sim.ClearRequestLog()
            Stop-GumloopSession -SessionId $running.Id -WhatIf
            @($sim.RequestLog | Where-Object Method -eq 'POST').Count | Should -Be 0
            (Get-GumloopSession -SessionId $running.Id).State | Should -BeExactly 'processing'
        }
        finally {
            Stop-GumloopSession -SessionId $running.Id -Confirm:$false
        }
    }

    It 'takes sessions from the pipeline' {
        $a = New-GumloopSession -AgentId $invoiceId -Input 'pipe cancel a sim:delay=20000'
        $b = New-GumloopSession -AgentId $salesId -Input 'pipe cancel b sim:delay=20000'
        $a, $b | Stop-GumloopSession -Confirm:$false
        (Get-GumloopSession -SessionId $a.Id, $b.Id).State | Should -Be @('failed', 'failed')
    }

    It 'leaves a completed session unchanged' {
        $done = New-GumloopSession -AgentId $invoiceId -Input 'already done' -Wait
        Stop-GumloopSession -SessionId $done.Id -Confirm:$false
        (Get-GumloopSession -SessionId $done.Id).State | Should -BeExactly 'completed'
    }

    It 'an unknown id writes ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Stop-GumloopSession -SessionId 'sess_missing_s' -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing_s'
    }
}

Describe 'Rename-GumloopSession' {
    BeforeAll {
        $target = New-GumloopSession -AgentId $invoiceId -Name 'Before rename'
    }

    It 'renames the session and returns it' {
        $renamed = Rename-GumloopSession -SessionId $target.Id -NewName 'After rename' -PassThru
        $renamed.Id | Should -BeExactly $target.Id
        $renamed.Name | Should -BeExactly 'After rename'
        (Get-GumloopSession -SessionId $target.Id).Name | Should -BeExactly 'After rename'
    }

    It 'sends one PATCH /sessions/<id>' {
        $sim.ClearRequestLog()
        $null = Rename-GumloopSession -SessionId $target.Id -NewName 'Patched'
        $requests = @($sim.RequestLog)
        $requests.Count | Should -Be 1
        $requests[0].Method | Should -Be 'PATCH'
        $requests[0].Path | Should -Match "/sessions/$($target.Id)$"
    }

    It 'trims the new name' {
        (Rename-GumloopSession -SessionId $target.Id -NewName '  Padded name  ' -PassThru).Name | Should -BeExactly 'Padded name'
    }

    It 'takes the session from the pipeline' {
        $renamed = Get-GumloopSession -SessionId $target.Id | Rename-GumloopSession -NewName 'From pipeline' -PassThru
        $renamed.Name | Should -BeExactly 'From pipeline'
    }

    It 'an empty name is rejected before any request' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Rename-GumloopSession -SessionId $target.Id -NewName '' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'a whitespace name is rejected with InvalidArgument before any request' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Rename-GumloopSession -SessionId $target.Id -NewName "  `t " }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].TargetObject | Should -BeExactly $target.Id
        @($sim.RequestLog).Count | Should -Be 0
    }

    It '-WhatIf sends nothing' {
        $sim.ClearRequestLog()
        Rename-GumloopSession -SessionId $target.Id -NewName 'Not applied' -WhatIf
        @($sim.RequestLog).Count | Should -Be 0
        (Get-GumloopSession -SessionId $target.Id).Name | Should -Not -Be 'Not applied'
    }

    It 'an unknown id writes ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Rename-GumloopSession -SessionId 'sess_missing_r' -NewName 'x' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing_r'
    }
}
