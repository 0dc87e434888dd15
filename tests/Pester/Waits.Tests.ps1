#Requires -Version 7.4
# -WaitTimeoutSec against -TimeoutSec, deadlines that hold against stalled polls, failed sessions as errors, and
# the overall progress of waiting on several sessions.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $invoiceId = 'Gz8pD3vN6yHq1Wm'

    function New-Fault([string] $Method, [string] $Path, [object[]] $Faults) {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new($Method, $Path, [GumloopPS.Simulator.SimulatorFault[]]$Faults))
    }

    # Runs a script in a fresh PowerShell with the module and the simulator's connection, and keeps its progress records.
    function Invoke-WithProgress([scriptblock] $Script) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:GUMLOOPPS_TEST_MODULE'; `$args[0] | Connect-Gumloop; & ([scriptblock]::Create(`$args[1]))").AddArgument($sim).AddArgument($Script.ToString())
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe '-WaitTimeoutSec and -TimeoutSec' {
    It 'every waiting cmdlet has -WaitTimeoutSec, and -TimeoutSec is the per-request one everywhere' -ForEach @(
        'New-GumloopSession', 'Send-GumloopMessage', 'Send-GumloopQueuedMessage', 'Wait-GumloopSession',
        'Approve-GumloopApproval', 'Deny-GumloopApproval', 'Start-GumloopFlow', 'Wait-GumloopFlowRun'
    ) {
        $command = Get-Command $_
        $command.Parameters.ContainsKey('WaitTimeoutSec') | Should -BeTrue
        # One -TimeoutSec, declared once on the base of every cmdlet that sends requests: not redeclared with a whole-wait meaning.
        $command.ImplementingType.GetProperty('TimeoutSec').DeclaringType.Name | Should -Be 'GumloopApiCmdlet'
    }

    It '-WaitTimeoutSec ends a wait with GumloopWaitTimeout and no deprecation warning' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=20000'
        try {
            $result = Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -WaitTimeoutSec 1 }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopWaitTimeout,*'
            $result.Warnings | Should -BeNullOrEmpty
        }
        finally { Stop-GumloopSession -SessionId $slow.Id -Confirm:$false -WarningAction SilentlyContinue }
    }

    It 'the old -TimeoutSec on a wait still limits the whole wait, with a deprecation warning' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=20000'
        try {
            $result = Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -TimeoutSec 1 }
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopWaitTimeout,*'
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0].Message | Should -Match '-WaitTimeoutSec 1'
        }
        finally { Stop-GumloopSession -SessionId $slow.Id -Confirm:$false -WarningAction SilentlyContinue }
    }

    It 'with both, -TimeoutSec limits each request inside the wait' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=20000'
        try {
            New-Fault 'GET' "/sessions/$($slow.Id)" @([GumloopPS.Simulator.SimulatorFault]::Stall(8000))
            $result = Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -TimeoutSec 1 -WaitTimeoutSec 30 -MaxRetryCount 0 }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopTimeout,*'
            $result.Warnings | Should -BeNullOrEmpty
        }
        finally { Stop-GumloopSession -SessionId $slow.Id -Confirm:$false -WarningAction SilentlyContinue }
    }

    It 'a stalled poll does not keep Wait-GumloopSession -WaitTimeoutSec 3 running for the stall' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'slow sim:delay=60000'
        try {
            # Every poll stalls 40 s; before the deadline logic the wait returned after the stall, not after 3 s.
            New-Fault 'GET' "/sessions/$($slow.Id)" @(1..10 | ForEach-Object { [GumloopPS.Simulator.SimulatorFault]::Stall(40000) })
            $result = Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -WaitTimeoutSec 3 }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopWaitTimeout,*'
            # Generous margin: 3 s asked, a stall of 40 s; anything near 40 s means the poll was not cut.
            $result.Seconds | Should -BeLessThan 20
        }
        finally {
            $sim.ClearFaults()
            Stop-GumloopSession -SessionId $slow.Id -Confirm:$false -WarningAction SilentlyContinue
        }
    }
}

Describe 'One definition of a settled session' {
    It 'the waiters use Session.IsTerminalState; no second definition is left' {
        $assembly = [GumloopPS.Commands.GumloopCmdlet].Assembly
        $flags = [System.Reflection.BindingFlags]'Public, NonPublic, Static'
        $assembly.GetType('GumloopPS.Internal.SessionWaiter').GetMethod('IsSettled', $flags) | Should -BeNullOrEmpty
        [GumloopPS.Core.Session]::IsTerminalState('approval_required') | Should -BeTrue
        [GumloopPS.Core.Session]::IsTerminalState('processing') | Should -BeFalse
    }
}

Describe 'A session that ends failed' {
    It 'New-GumloopSession -Wait writes the session and a GumloopSessionFailed error with the failure detail' {
        $result = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'do it sim:fail' -Wait -WaitTimeoutSec 20 }
        $result.Output.Count | Should -Be 1
        $result.Output[0].State | Should -BeExactly 'failed'
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSessionFailed,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $result.Errors[0].TargetObject.Id | Should -BeExactly $result.Output[0].Id
        $result.Errors[0].Exception.Message | Should -Match 'sim:fail'
    }

    It 'stops a runbook under $ErrorActionPreference = Stop' {
        $ErrorActionPreference = 'Stop'
        { New-GumloopSession -AgentId $invoiceId -Input 'do it sim:fail' -Wait -WaitTimeoutSec 20 } | Should -Throw -ErrorId 'GumloopSessionFailed*'
    }

    It '-NoFailureError keeps the old quiet output' {
        $result = Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'do it sim:fail' -Wait -WaitTimeoutSec 20 -NoFailureError }
        $result.Output[0].State | Should -BeExactly 'failed'
        $result.Errors | Should -BeNullOrEmpty
    }

    It 'Wait-GumloopSession applies the same rule' {
        $failing = New-GumloopSession -AgentId $invoiceId -Input 'later sim:fail sim:delay=300'
        $result = Invoke-Capture { Wait-GumloopSession -SessionId $failing.Id -WaitTimeoutSec 20 }
        $result.Output[0].State | Should -BeExactly 'failed'
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSessionFailed,*'
        (Invoke-Capture { Wait-GumloopSession -SessionId $failing.Id -NoFailureError }).Errors | Should -BeNullOrEmpty
    }

    It 'a completed session is not an error' {
        (Invoke-Capture { New-GumloopSession -AgentId $invoiceId -Input 'fine' -Wait -WaitTimeoutSec 20 }).Errors | Should -BeNullOrEmpty
    }
}

Describe 'Waiting on several sessions' {
    It 'shows an overall n-of-m bar with a child bar per session' {
        $a = New-GumloopSession -AgentId $invoiceId -Input 'one sim:delay=400'
        $b = New-GumloopSession -AgentId $invoiceId -Input 'two sim:delay=400'
        $script = [scriptblock]::Create("'$($a.Id)', '$($b.Id)' | Wait-GumloopSession -WaitTimeoutSec 20")
        $result = Invoke-WithProgress $script
        $result.Output.Count | Should -Be 2
        $overall = @($result.Progress | Where-Object Activity -eq 'Waiting for Gumloop sessions')
        $overall.Count | Should -BeGreaterThan 0
        $overall[0].StatusDescription | Should -Match '0 of 2'
        $overall.StatusDescription -match '1 of 2' | Should -Not -BeNullOrEmpty
        $children = @($result.Progress | Where-Object Activity -like 'Waiting for Gumloop session sess*')
        $children.Count | Should -BeGreaterThan 0
        $children | ForEach-Object { $_.ParentActivityId | Should -Be $overall[0].ActivityId }
    }
}
