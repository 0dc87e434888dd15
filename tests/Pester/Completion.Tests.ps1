BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    function Get-Completion([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Tab completion' {
    It 'completes agent ids from the connection, with the name as tooltip' -TestCases @(
        @{ Line = 'New-GumloopSession -AgentId r4' }
        @{ Line = 'Get-GumloopSession -AgentId r4' }
        @{ Line = 'Get-GumloopAgent -AgentId r4' }
    ) {
        $matches_ = Get-Completion $Line
        $matches_.CompletionText | Should -Be @('r4Ts9Kq2MwX7bLn')
        $matches_[0].ToolTip | Should -Be 'Renewal desk assistant'
    }

    It 'matches agent names too, so a user can type part of a name' {
        (Get-Completion 'New-GumloopSession -AgentId Invoice').CompletionText | Should -Be @('Gz8pD3vN6yHq1Wm')
    }

    It 'completes nothing, quickly, when there is no connection' {
        Disconnect-Gumloop
        try {
            $elapsed = Measure-Command { $result = Get-Completion 'New-GumloopSession -AgentId r4' }
            @($result | Where-Object CompletionText -eq 'r4Ts9Kq2MwX7bLn') | Should -HaveCount 0
            $elapsed.TotalSeconds | Should -BeLessThan 5
        }
        finally {
            $sim | Connect-Gumloop
        }
    }

    It 'completes session states, including approval_required' {
        (Get-Completion 'Get-GumloopSession -AgentId x -State appr').CompletionText | Should -Be @('approval_required')
    }

    It 'completes message roles' {
        (Get-Completion 'Get-GumloopMessage -SessionId x -Role ass').CompletionText | Should -Be @('assistant')
    }
}
