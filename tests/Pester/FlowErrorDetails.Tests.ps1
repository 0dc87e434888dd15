#Requires -Version 7.4
# Every error the flow cmdlets and Invoke-GumloopApi raise must be one a script can act on: a specific category, a
# stable error id, the offending id as TargetObject and advice. Flows.Tests.ps1 checks what each error says; this
# file checks that each carries all four.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewalFlow = 'fL4nT8wQ2xVd7kRb'

    function Assert-ErrorRecord($Record, [string] $Id, [string] $Category, $Target) {
        $Record | Should -Not -BeNullOrEmpty
        $Record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.TargetObject | Should -BeExactly $Target
        $Record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Flow cmdlet errors' {
    It 'an unknown input names the flow and points to Get-GumloopFlowInput' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domian = 'x' } }
        Assert-ErrorRecord $result.Errors[0] 'GumloopUnknownFlowInput' 'InvalidArgument' $renewalFlow
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopFlowInput'
    }

    It 'a reserved input names the flow' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ user_id = 'x' } }
        Assert-ErrorRecord $result.Errors[0] 'GumloopReservedFlowInput' 'InvalidArgument' $renewalFlow
    }

    It '<Command> on an unknown id is ObjectNotFound with that id as the target' -TestCases @(
        @{ Command = 'Get-GumloopFlowInput'; Script = { Get-GumloopFlowInput -FlowId 'nOsUcHfLoW' } }
        @{ Command = 'Start-GumloopFlow'; Script = { Start-GumloopFlow -FlowId 'nOsUcHfLoW' -Inputs @{ a = 'b' } } }
        @{ Command = 'Get-GumloopFlowRun'; Script = { Get-GumloopFlowRun -RunId 'nOsUcHfLoW' } }
        @{ Command = 'Wait-GumloopFlowRun'; Script = { Wait-GumloopFlowRun -RunId 'nOsUcHfLoW' } }
        @{ Command = 'Stop-GumloopFlowRun'; Script = { Stop-GumloopFlowRun -RunId 'nOsUcHfLoW' -Confirm:$false } }
    ) {
        param($Command, $Script)
        $result = Invoke-Capture $Script
        Assert-ErrorRecord $result.Errors[0] 'GumloopNotFound' 'ObjectNotFound' 'nOsUcHfLoW'
    }

    It 'a FAILED run is InvalidResult with the run as the target and advice' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:fail' } -Wait }
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopFlowRunFailed,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidResult'
        $record.TargetObject.State | Should -BeExactly 'FAILED'
        $record.ErrorDetails.RecommendedAction | Should -Match 'Log'
    }
}

Describe 'Invoke-GumloopApi errors' {
    It 'an unfilled placeholder is InvalidArgument with the path as the target' {
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions' }
        Assert-ErrorRecord $result.Errors[0] 'GumloopApiPathPlaceholder' 'InvalidArgument' '/agents/{agent_id}/versions'
    }

    It '-Stream on a route that cannot stream is InvalidOperation with advice' {
        $result = Invoke-Capture { Invoke-GumloopApi POST /chat/completions -Body @{ model = 'auto' } -Stream -Confirm:$false }
        Assert-ErrorRecord $result.Errors[0] 'GumloopStreamingUnavailable' 'InvalidOperation' '/chat/completions'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'without -Stream'
    }

    # Under the default 90 s timeout the stalled call would succeed, so OperationTimeout can only be the connection's.
    It 'honours the connection''s timeout like every other cmdlet' {
        $short = Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -TimeoutSec 1 -PassThru
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', '/teams', [GumloopPS.Simulator.SimulatorFault[]]@([GumloopPS.Simulator.SimulatorFault]::Stall(4000))))
        try {
            $result = Invoke-Capture { Invoke-GumloopApi GET /teams -Connection $short -MaxRetryCount 0 }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $result.Errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }
        finally {
            $sim.ClearFaults()
            $short.Dispose()
        }
    }
}
