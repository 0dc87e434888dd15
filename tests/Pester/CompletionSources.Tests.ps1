#Requires -Version 7.4
# Tab completion of ids, names and enum-like values, and its time limit.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 20
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $session = New-GumloopSession -AgentId $invoiceId -Name 'Completion sample'
    $run = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'northwind.example' } -Confirm:$false

    function Get-Completion([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Completion of ids and names' {
    It 'completes -SessionId with recent sessions, the name as tooltip: <Line>' -ForEach @(
        @{ Line = 'Get-GumloopMessage -SessionId ' }
        @{ Line = 'Wait-GumloopSession -SessionId ' }
        @{ Line = "Get-GumloopSession -AgentId Gz8pD3vN6yHq1Wm -SessionId " }
        @{ Line = 'Send-GumloopMessage -SessionId ' }
    ) {
        $found = @(Get-Completion $Line | Where-Object CompletionText -eq $session.Id)
        $found.Count | Should -Be 1
        $found[0].ToolTip | Should -Match 'Completion sample'
    }

    It 'completes -FlowId with saved flows' -ForEach @(
        @{ Line = 'Get-GumloopFlowInput -FlowId fL4' }
        @{ Line = 'Start-GumloopFlow -FlowId fL4' }
        @{ Line = 'Get-GumloopFlowRun -History -FlowId fL4' }
    ) {
        (Get-Completion $Line).CompletionText | Should -Contain 'fL4nT8wQ2xVd7kRb'
    }

    It 'completes -RunId with recent runs' {
        (Get-Completion 'Get-GumloopFlowRun -RunId ').CompletionText | Should -Contain $run.RunId
    }

    It 'completes -Name of Get-GumloopAgent with names, quoted when they have spaces' {
        (Get-Completion 'Get-GumloopAgent -Name Ren').CompletionText | Should -Contain "'Renewal desk assistant'"
    }

    It 'completes -Name of Get-GumloopFlow and Get-GumloopWorkbook' {
        (Get-Completion 'Get-GumloopFlow -Name Acc').CompletionText | Should -Contain "'Account renewal brief'"
        (Get-Completion 'Get-GumloopWorkbook -Name Ren').CompletionText | Should -Contain "'Renewal research'"
    }
}

Describe 'Completion of enum-like parameters' {
    It '<Line> offers <Expected>' -ForEach @(
        @{ Line = 'Get-GumloopSession -AgentId x -State appr'; Expected = 'approval_required' }
        @{ Line = 'Get-GumloopSession -AgentId x -Type sla'; Expected = 'slack' }
        @{ Line = 'Get-GumloopMessage -SessionId x -Role assi'; Expected = 'assistant' }
        @{ Line = 'Send-GumloopMessage -SessionId x -Input y -WhenBusy Q'; Expected = 'Queue' }
        @{ Line = 'Invoke-GumloopApi -Method PA'; Expected = 'PATCH' }
    ) {
        (Get-Completion $Line).CompletionText | Should -Contain $Expected
    }
}

Describe 'Completion never blocks the prompt and never throws' {
    It 'a stalled service completes nothing within about a second' {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', '/agents/*', [GumloopPS.Simulator.SimulatorFault[]]@(1..5 | ForEach-Object { [GumloopPS.Simulator.SimulatorFault]::Stall(15000) })))
        try {
            # A fresh -AgentId scope is not cached yet, so the completer has to ask the stalled service.
            $elapsed = Measure-Command { $result = @(Get-Completion 'Get-GumloopSession -AgentId r4Ts9Kq2MwX7bLn -SessionId ') }
            # Generous margin over the 0.9 s budget, far below the 15 s stall.
            $elapsed.TotalSeconds | Should -BeLessThan 5
            @($sim.RequestLog | Where-Object Path -like '*/agents/r4Ts9Kq2MwX7bLn/sessions*').Count | Should -BeGreaterThan 0 -Because 'the completer did ask the stalled service'
        }
        finally { $sim.ClearFaults() }
    }

    It 'a failing service completes nothing and throws nothing' {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', '/list_saved_items*', [GumloopPS.Simulator.SimulatorFault[]]@(1..5 | ForEach-Object { [GumloopPS.Simulator.SimulatorFault]::Status(500) })))
        try {
            Disconnect-Gumloop
            $sim | Connect-Gumloop   # a new connection object: nothing cached for it
            { Get-Completion 'Start-GumloopFlow -FlowId fL4' } | Should -Not -Throw
            @(Get-Completion 'Start-GumloopFlow -FlowId fL4' | Where-Object CompletionText -eq 'fL4nT8wQ2xVd7kRb').Count | Should -Be 0
        }
        finally { $sim.ClearFaults() }
    }
}
