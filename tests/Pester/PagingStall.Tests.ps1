#Requires -Version 7.4
# Every paged read follows next_cursor through one guard: a cursor handed out twice ends the read with
# GumloopPagingStalled instead of an endless loop, after at most two requests for that cursor.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    # A fault rule that answers the same page, with the same next_cursor, every time.
    function Set-RepeatingPage([string] $PathPattern, [string] $Body) {
        $faults = [GumloopPS.Simulator.SimulatorFault[]]@(1..10 | ForEach-Object { [GumloopPS.Simulator.SimulatorFault]::Status(200, $Body) })
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', $PathPattern, $faults))
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'A cursor that repeats' {
    BeforeEach {
        $sim.ClearFaults()
        $sim.ClearRequestLog()
    }

    It 'ends Get-GumloopSession -All with GumloopPagingStalled, keeping the sessions already written' {
        Set-RepeatingPage '/agents/r4Ts9Kq2MwX7bLn/sessions*' '{"sessions":[{"id":"sess_Loop1","agent_id":"r4Ts9Kq2MwX7bLn","state":"completed","created_at":"2026-09-14T16:02:41Z"}],"next_cursor":"c_again"}'
        $result = Invoke-Capture { Get-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -All }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPagingStalled,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $result.Errors[0].TargetObject | Should -Be 'r4Ts9Kq2MwX7bLn'
        @($result.Output).Count | Should -Be 2
        $requests = @(Get-Request GET '*/agents/r4Ts9Kq2MwX7bLn/sessions')
        $requests.Count | Should -Be 2
        @($requests | Where-Object Query -like '*cursor=c_again*').Count | Should -Be 1
    }

    It 'ends Invoke-GumloopApi -All with GumloopPagingStalled' {
        Set-RepeatingPage '/skills*' '{"skills":[{"id":"skill_loop"}],"next_cursor":"c_again"}'
        $result = Invoke-Capture { Invoke-GumloopApi GET /skills -All }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPagingStalled,*'
        @(Get-Request GET '*/skills').Count | Should -Be 2
    }

    It 'ends Get-GumloopAgent with GumloopPagingStalled' {
        Set-RepeatingPage '/agents' '{"agents":[{"id":"r4Ts9Kq2MwX7bLn","name":"Loop"}],"next_cursor":"c_again"}'
        $result = Invoke-Capture { Get-GumloopAgent }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPagingStalled,*'
        @(Get-Request GET '*/agents').Count | Should -Be 2
    }
}
