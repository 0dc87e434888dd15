#Requires -Version 7.4
# What a piped object binds to: typed ids in default sets, no object of the wrong kind ever taken as an id, and
# workbooks and agents piped where a new user would pipe them.

BeforeDiscovery {
    # Cmdlets that take pipeline input, called so that nothing changes on the server (-WhatIf where it would).
    $pipelineCmdlets = @(
        'Get-GumloopAgent', 'Get-GumloopSession', 'Get-GumloopMessage', 'Get-GumloopApproval', 'Get-GumloopQueuedMessage',
        'Wait-GumloopSession -WaitTimeoutSec 5', 'Stop-GumloopSession -WhatIf', 'Rename-GumloopSession -NewName x -WhatIf',
        'Send-GumloopMessage -Input hi -WhatIf', 'Add-GumloopQueuedMessage -Input hi -WhatIf', 'New-GumloopSession -WhatIf',
        'Set-GumloopQueuedMessage -Input x -WhatIf', 'Remove-GumloopQueuedMessage -WhatIf', 'Send-GumloopQueuedMessage -WhatIf',
        'Get-GumloopFlow', 'Get-GumloopWorkbook', 'Get-GumloopFlowInput', 'Get-GumloopFlowRun', 'Get-GumloopFlowRun -History',
        'Wait-GumloopFlowRun -WaitTimeoutSec 5', 'Stop-GumloopFlowRun -WhatIf', 'Start-GumloopFlow -WhatIf'
    )
    $kinds = 'Agent', 'Session', 'Message', 'PendingApproval', 'QueuedMessage', 'Flow', 'Workbook', 'FlowRun', 'FlowInput', 'Connection'
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $exported = (Get-Command -Module GumloopPS -CommandType Cmdlet).Name
    $matrix = foreach ($cmdlet in $pipelineCmdlets) { foreach ($kind in $kinds) { @{ Cmdlet = $cmdlet; Kind = $kind } } }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewalId = 'r4Ts9Kq2MwX7bLn'

    $agent = Get-GumloopAgent -AgentId $renewalId
    $paused = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'brief sim:approval' -WaitTimeoutSec 20 -Wait
    $flow = Get-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb'
    $run = Start-GumloopFlow -FlowId $flow.FlowId -Inputs @{ account_domain = 'northwindtraders.example' } -Wait -WaitTimeoutSec 30 -Confirm:$false
    $samples = @{
        Agent           = $agent
        Session         = $paused
        Message         = @(Get-GumloopMessage -SessionId $paused.Id)[0]
        PendingApproval = @(Get-GumloopApproval -SessionId $paused.Id)[0]
        QueuedMessage   = [GumloopPS.Core.QueuedMessage]::FromJson([System.Text.Json.JsonDocument]::Parse('{"id":"qm_4Hx9Tn2cQw8Lz","input":"later","state":"queued","position":1}').RootElement.Clone(), $paused.Id)
        Flow            = $flow
        Workbook        = @(Get-GumloopWorkbook)[0]
        FlowRun         = $run
        FlowInput       = @(Get-GumloopFlowInput -FlowId $flow.FlowId)[0]
        Connection      = Get-GumloopConnection
    }

    # Each sample's own ids: an id the cmdlet sends must be one of these for a kind it takes.
    function Get-SampleIds($Object) {
        @('Id', 'SessionId', 'AgentId', 'FlowId', 'WorkbookId', 'RunId', 'ActionRequestId') |
            ForEach-Object { $Object.PSObject.Properties[$_].Value } | Where-Object { $_ }
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Piping every output type into every cmdlet that takes pipeline input' {
    It '<Kind> | <Cmdlet> works or fails with a binding error, never with a wrong-kind id' -ForEach $matrix {
        $object = $samples[$Kind]
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $object | & ([scriptblock]::Create("`$input | $Cmdlet")) }
        foreach ($err in $result.Errors) {
            # A binding refusal names the parameter; an API error here would mean a wrong id reached the server.
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'GumloopNotFound*' -Because "$Kind | $Cmdlet must not send a wrong-kind id: $err"
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'GumloopInvalidId*' -Because "$Kind | $Cmdlet must not send a wrong-kind id: $err"
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'GumloopBadRequest*' -Because "$Kind | $Cmdlet must not send a wrong-kind id: $err"
        }
        # Whatever was requested names only ids the piped object carries, or fixed routes.
        $ids = @(Get-SampleIds $object)
        foreach ($request in $sim.RequestLog) {
            $segments = @($request.Path -split '/' | Where-Object { $_ -and $_ -notin 'api', 'v1' })
            foreach ($segment in $segments) {
                if ($segment -match '^[A-Za-z0-9_]{12,}$' -and $segment -notmatch '^(get_|list_|kill_|start_)') {
                    $ids | Should -Contain ([uri]::UnescapeDataString($segment)) -Because "$Kind | $Cmdlet requested $($request.Path)"
                }
            }
        }
    }
}

Describe 'Typed pipelines a new user tries' {
    It 'Get-GumloopWorkbook | Get-GumloopFlow lists the flows of each workbook' {
        $workbook = $samples.Workbook
        $flows = @($workbook | Get-GumloopFlow)
        $flows.Count | Should -BeGreaterThan 0
        $flows.WorkbookId | Sort-Object -Unique | Should -Be $workbook.WorkbookId
    }

    It 'Get-GumloopWorkbook | Get-GumloopFlowRun -History reads the history of the workbook' {
        $sim.ClearRequestLog()
        $runs = @($samples.Workbook | Get-GumloopFlowRun -History)
        $runs.Count | Should -BeGreaterThan 0
        (Get-Request GET '*get_plrun_saved_item_map*').Count | Should -Be 1
        $sim.RequestLog[0].Query | Should -Match ('workbook_id=' + $samples.Workbook.WorkbookId)
    }

    It 'Get-GumloopAgent | Get-GumloopMessage is refused as a binding error naming what to pipe instead' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $agent | Get-GumloopMessage }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        $result.Errors[0].ToString() | Should -Match 'Get-GumloopSession'
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'Get-GumloopAgent | Wait-GumloopSession does not take the agent id as a session id' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $agent | Wait-GumloopSession -WaitTimeoutSec 5 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'a refused object does not stop the ones after it' {
        $result = Invoke-Capture { $agent, $paused | Get-GumloopMessage }
        $result.Errors.Count | Should -Be 1
        @($result.Output).Count | Should -BeGreaterThan 0
        $result.Output[0].SessionId | Should -BeExactly $paused.Id
    }
}

Describe 'Mandatory prompts ask for ids' {
    # Export-GumloopTranscript keeps its Session set as the default so that piped Session objects bind as
    # themselves (its tests depend on it); its prompt asks for a Session until it gets the id-first sets.
    It '<_>: every mandatory parameter of the default set can be typed at a prompt' -ForEach @($exported | Where-Object { $_ -ne 'Export-GumloopTranscript' }) {
        $command = Get-Command $_
        $default = $command.ParameterSets | Where-Object IsDefault
        if (-not $default) { $default = $command.ParameterSets[0] }
        foreach ($parameter in $default.Parameters | Where-Object IsMandatory) {
            $type = $parameter.ParameterType
            if ($type.IsArray) { $type = $type.GetElementType() }
            # An enum is typed by name at the prompt, and a date as text such as 2026-09-01 (the audit-log and export ranges).
            if ($type.IsEnum) { continue }
            $type.FullName | Should -BeIn @('System.String', 'System.Security.SecureString', 'System.Collections.Hashtable', 'System.Collections.IDictionary', 'System.Management.Automation.PSCredential', 'System.Object', 'System.Management.Automation.SwitchParameter', 'System.Int32', 'System.Uri', 'System.DateTime') -Because "-$($parameter.Name) of $_ is prompted for when missing"
        }
    }

    It 'Get-GumloopSession, Get-GumloopMessage and the flow-run cmdlets default to their id set' -ForEach @(
        @{ Name = 'Get-GumloopSession'; Id = 'AgentId' }
        @{ Name = 'Get-GumloopMessage'; Id = 'SessionId' }
        @{ Name = 'Get-GumloopFlowRun'; Id = 'RunId' }
        @{ Name = 'Wait-GumloopFlowRun'; Id = 'RunId' }
        @{ Name = 'Stop-GumloopFlowRun'; Id = 'RunId' }
        @{ Name = 'Approve-GumloopApproval'; Id = 'SessionId' }
    ) {
        $default = (Get-Command $Name).ParameterSets | Where-Object IsDefault
        ($default.Parameters | Where-Object IsMandatory).Name | Should -Contain $Id
    }
}

Describe 'Positional ids, exact names and state validation' {
    It 'Get-GumloopAgent <id> in position 0 finds the agent' {
        (Get-GumloopAgent $renewalId).Id | Should -BeExactly $renewalId
    }

    It 'Get-GumloopAgent -Name without wildcards that matches nothing writes ObjectNotFound' {
        $result = Invoke-Capture { Get-GumloopAgent -Name Nope }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'Nope'
    }

    It 'a wildcard that matches nothing is not an error' {
        $result = Invoke-Capture { Get-GumloopAgent -Name 'Nope*' }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output | Should -BeNullOrEmpty
    }

    It 'Get-GumloopFlow -Name without wildcards that matches nothing writes ObjectNotFound' {
        $result = Invoke-Capture { Get-GumloopFlow -Name 'No such flow' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Get-GumloopSession -State bogus is refused before any request' {
        $sim.ClearRequestLog()
        { Get-GumloopSession -AgentId $renewalId -State bogus } | Should -Throw -ErrorId 'ParameterArgumentValidationError,GumloopPS.Commands.GetGumloopSessionCommand'
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'unknown states the server sends still come back in output' {
        (Get-GumloopSession -AgentId $renewalId -State completed -First 1).State | Should -BeExactly 'completed'
    }
}
