#Requires -Version 7.4
# The flow cmdlets end to end against the simulator: flows, workbooks, inputs, runs, kills and file downloads.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $conn = Get-GumloopConnection

    $renewalFlow = 'fL4nT8wQ2xVd7kRb'
    $churnFlow = 'kP7vD2sM9qRw3zXc'
    $renewalBook = 'wb3Hs9QpZ1mC6yTe'
    $seedDoneRun = '6pWq2NzKc8YtR3vB9mLhXa'
    $seedFailedRun = 'Qm1xF5bV7rT2kW9nYs3Hd'
    $examples = Join-Path (Split-Path $PSScriptRoot) 'fixtures/gumloop-api/examples'

    function New-TestConnection([string] $Kind, $Target = $sim) {
        $options = [GumloopPS.Core.GumloopConnectionOptions]::new()
        $options.BaseUri = $Target.BaseUri
        $options.StreamBaseUri = $Target.StreamBaseUri
        switch ($Kind) {
            'Key' {
                $options.AuthKind = 'ApiKey'
                $options.Secret = $Target.ApiKey
                $options.UserId = $Target.UserId
            }
            'NoUser' {
                $options.AuthKind = 'AccessToken'
                $options.Secret = $sim.CreateAccessToken()
            }
            'Team' {
                $options.AuthKind = 'TeamKey'
                $options.Secret = $sim.TeamApiKey
                $options.UserId = $sim.UserId
                $options.TeamId = $sim.TeamId
            }
        }
        [GumloopPS.Core.GumloopConnection]::new($options)
    }

    function Start-DoneRun([string] $Domain = 'contoso.example') {
        Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = $Domain } -Wait -Confirm:$false
    }

    $doneRun = Start-DoneRun
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopFlow' {
    It 'lists the saved flows with the workbook each belongs to' {
        $flows = @(Get-GumloopFlow)
        $flows.Count | Should -Be 2
        $flows[0] | Should -BeOfType ([GumloopPS.Core.Flow])
        $flows.FlowId | Should -Be @($renewalFlow, $churnFlow)
        $flows[0].Name | Should -BeExactly 'Account renewal brief'
        $flows[0].WorkbookId | Should -BeExactly $renewalBook
        $flows[0].WorkbookName | Should -BeExactly 'Renewal research'
        $flows[0].CreatedAt | Should -BeOfType ([DateTimeOffset])
    }

    It 'filters by name wildcard, ignoring case' {
        $flows = @(Get-GumloopFlow -Name 'churn*')
        $flows.Count | Should -Be 1
        $flows[0].FlowId | Should -BeExactly $churnFlow
    }

    It 'gets flows by id from the pipeline and reports a missing id without stopping' {
        $result = Invoke-Capture { $churnFlow, 'nope', $renewalFlow | Get-GumloopFlow }
        $result.Output.FlowId | Should -Be @($churnFlow, $renewalFlow)
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It 'lists once however many ids are piped in' {
        $sim.ClearRequestLog()
        $null = $renewalFlow, $churnFlow, $renewalFlow | Get-GumloopFlow
        (Get-Request 'GET' '*/list_saved_items').Count | Should -Be 1
        (Get-Request 'GET' '*/list_workbooks').Count | Should -Be 1
    }

    It 'sends user_id from the connection' {
        $sim.ClearRequestLog()
        $null = Get-GumloopFlow
        $request = Get-Request 'GET' '*/list_saved_items'
        $request[0].Query | Should -Match "user_id=$($sim.UserId)"
        $request[0].Query | Should -Not -Match 'project_id'
    }

    It 'sends project_id (the team id) on a team connection' {
        $sim.ClearRequestLog()
        $flows = @(Get-GumloopFlow -Connection (New-TestConnection 'Team'))
        $flows.Count | Should -Be 2
        (Get-Request 'GET' '*/list_saved_items')[0].Query | Should -Match "project_id=$($sim.TeamId)"
    }

    It 'refuses a connection with neither user id nor team id, without sending anything' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Get-GumloopFlow -Connection (New-TestConnection 'NoUser') }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFlowScopeMissing,*'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match '-UserId'
        @($sim.RequestLog).Count | Should -Be 0
    }
}

Describe 'Get-GumloopWorkbook' {
    It 'lists the workbooks with their flows' {
        $books = @(Get-GumloopWorkbook)
        $books.Count | Should -Be 2
        $books[0] | Should -BeOfType ([GumloopPS.Core.Workbook])
        $books[0].Flows.Count | Should -Be 2
        $books[0].Flows[0] | Should -BeOfType ([GumloopPS.Core.Flow])
        $books[0].Flows[0].WorkbookName | Should -BeExactly 'Renewal research'
        $books[1].Name | Should -BeExactly 'Billing ops'
        $books[1].Flows.Count | Should -Be 0
    }

    It 'filters by name and by id' {
        (Get-GumloopWorkbook -Name 'billing*').WorkbookId | Should -BeExactly 'wbN6tQ1fLy8Kx4Ga'
        (Get-GumloopWorkbook -WorkbookId $renewalBook).Name | Should -BeExactly 'Renewal research'
    }

    It 'reports an unknown workbook id as not found' {
        $result = Invoke-Capture { Get-GumloopWorkbook -WorkbookId 'wb_nope' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'wb_nope'
    }

    It 'hands its flows on to the flow cmdlets' {
        $inputs = @((Get-GumloopWorkbook -WorkbookId $renewalBook).Flows | Get-GumloopFlowInput)
        $inputs.Name | Should -Be @('account_domain', 'usage_export', 'segment')
    }
}

Describe 'Get-GumloopFlowInput' {
    It 'gives the typed input schema' {
        $inputs = @(Get-GumloopFlowInput -FlowId $renewalFlow)
        $inputs.Count | Should -Be 2
        $inputs[0] | Should -BeOfType ([GumloopPS.Core.FlowInput])
        $inputs[0].Name | Should -BeExactly 'account_domain'
        $inputs[0].DataType | Should -BeExactly 'string'
        $inputs[0].Description | Should -BeExactly 'Company website domain, without https://'
        $inputs[0].FlowId | Should -BeExactly $renewalFlow
        $inputs[1].DataType | Should -BeExactly 'file'
        $inputs[1].Description | Should -BeNullOrEmpty
    }

    It 'takes flows from the pipeline' {
        (Get-GumloopFlow -Name 'Churn*' | Get-GumloopFlowInput).Name | Should -BeExactly 'segment'
    }

    It 'reports an unknown flow as not found and goes on' {
        $result = Invoke-Capture { Get-GumloopFlowInput -FlowId 'nope', $churnFlow }
        $result.Output.Name | Should -BeExactly 'segment'
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }
}

Describe 'Start-GumloopFlow' {
    It 'starts a run and writes it with ids, link and a state' {
        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'northwind.example' } -Confirm:$false
        $run | Should -BeOfType ([GumloopPS.Core.FlowRun])
        $run.RunId | Should -Not -BeNullOrEmpty
        $run.FlowId | Should -BeExactly $renewalFlow
        $run.WorkbookId | Should -BeExactly $renewalBook
        $run.Url | Should -BeLike "https://www.gumloop.com/pipeline?run_id=$($run.RunId)*"
        $run.State | Should -BeIn @('QUEUED', 'RUNNING', 'DONE')
        $run.CreatedAt | Should -BeOfType ([DateTimeOffset])
    }

    It 'checks the inputs, then starts: get_inputs, start_pipeline, one get_pl_run' {
        $sim.ClearRequestLog()
        $null = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'x.example' }
        @($sim.RequestLog | ForEach-Object { $_.PathSegments[0] }) | Should -Be @('get_inputs', 'start_pipeline', 'get_pl_run')
    }

    It 'sends the inputs as top-level body keys next to saved_item_id and user_id' {
        $sim.ClearRequestLog()
        $null = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'x.example'; usage_export = 'q3.csv' }
        $body = (Get-Request 'POST' '*/start_pipeline')[0].Body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('account_domain', 'saved_item_id', 'usage_export', 'user_id')
        $body.account_domain | Should -BeExactly 'x.example'
        $body.saved_item_id | Should -BeExactly $renewalFlow
        $body.user_id | Should -BeExactly $sim.UserId
    }

    It 'with -Wait writes the finished run with outputs, log and finish time' {
        $doneRun.State | Should -BeExactly 'DONE'
        $doneRun.Outputs.renewal_summary | Should -BeExactly 'Renewal brief for contoso.example: renews on 2026-11-30; seat usage is 82% of plan.'
        $doneRun.Outputs['risk_score'] | Should -BeExactly '0.31'
        $doneRun.Log[0] | Should -BeExactly '__system__: Run started'
        $doneRun.Log | Should -Contain 'Input: Received account_domain'
        $doneRun.Log[-1] | Should -BeExactly '__system__: Run finished'
        $doneRun.FinishedAt | Should -BeOfType ([DateTimeOffset])
        $doneRun.Url | Should -Not -BeNullOrEmpty
    }

    It 'takes the flow from the pipeline' {
        $run = Get-GumloopFlow -Name 'Churn*' | Start-GumloopFlow -Inputs @{ segment = 'enterprise' } -Wait
        $run.Outputs.digest | Should -BeExactly '3 accounts in enterprise show churn signals.'
    }

    It 'sends values wrapped in PSObject as their values' {
        $value = [psobject]'wrapped.example'
        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = $value } -Wait
        $run.Outputs.renewal_summary | Should -BeLike 'Renewal brief for wrapped.example:*'
    }

    It 'shows progress while it waits' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $FlowId)
                    Import-Module $ModulePath
                    Start-GumloopFlow -Connection $Connection -FlowId $FlowId -Inputs @{ account_domain = 'slow.example sim:delay=700' } -Wait
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE).AddArgument($conn).AddArgument($renewalFlow)
            $output = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $output[0].State | Should -BeExactly 'DONE'
            $progress = @($ps.Streams.Progress | Where-Object Activity -like 'Waiting for Gumloop flow run*')
            $progress.Count | Should -BeGreaterThan 2
            $progress[0].Activity | Should -BeLike "Waiting for Gumloop flow run $($output[0].RunId)"
            @($progress | Where-Object StatusDescription -Match 'State: RUNNING').Count | Should -BeGreaterThan 0
            @($progress | Where-Object { $_.CurrentOperation -like 'Input: Received*' -or $_.CurrentOperation -like 'Web Scraper*' }).Count | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'refuses an unknown input name, lists the valid ones and starts nothing' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domian = 'x' } }
        $result.Output.Count | Should -Be 0
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopUnknownFlowInput,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -Match 'account_domian'
        $result.Errors[0].Exception.Message | Should -Match 'Valid inputs: account_domain, usage_export'
        $result.Errors[0].Exception.ValidNames | Should -Be @('account_domain', 'usage_export')
        (Get-Request 'POST' '*/start_pipeline').Count | Should -Be 0
    }

    It 'refuses a reserved input name without sending anything' -TestCases @(
        @{ Name = 'user_id' }, @{ Name = 'saved_item_id' }, @{ Name = 'pipeline_inputs' }, @{ Name = 'API_KEY' }
    ) {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ $Name = 'x' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopReservedFlowInput,*'
        $result.Errors[0].Exception.Message | Should -Match 'Reserved names'
        @($sim.RequestLog).Count | Should -Be 0
    }

    It '-WhatIf sends nothing' {
        $sim.ClearRequestLog()
        $null = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'x' } -WhatIf
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'reports an unknown flow as not found' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId 'nope' -Inputs @{ a = 'b' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It 'turns a FAILED run into a non-terminating error carrying the log' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:fail' } -Wait }
        $result.Output.Count | Should -Be 0
        $result.Errors.Count | Should -Be 1
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopFlowRunFailed,*'
        $record.Exception.Message | Should -Match 'Error - the sim:fail directive failed this step'
        $record.Exception.Message | Should -Match '__system__: Run failed'
        $record.TargetObject | Should -BeOfType ([GumloopPS.Core.FlowRun])
        $record.TargetObject.State | Should -BeExactly 'FAILED'
        $record.TargetObject.Log[-1] | Should -BeExactly '__system__: Run failed'
        $record.TargetObject.FlowId | Should -BeExactly $renewalFlow
    }

    It 'stops waiting at -TimeoutSec with an OperationTimeout error; the run goes on' {
        $result = Invoke-Capture { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=5000' } -Wait -TimeoutSec 1 }
        $record = $result.Errors[0]
        $record.FullyQualifiedErrorId | Should -BeLike 'GumloopFlowRunTimeout,*'
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.TargetObject.State | Should -BeIn @('QUEUED', 'RUNNING')
        (Get-GumloopFlowRun -RunId $record.TargetObject.RunId).State | Should -BeIn @('QUEUED', 'RUNNING')
        $record.TargetObject | Stop-GumloopFlowRun -Confirm:$false
    }
}

Describe 'Get-GumloopFlowRun' {
    It 'reads a run by id, from a string in the pipeline' {
        $run = $doneRun.RunId | Get-GumloopFlowRun
        $run.RunId | Should -BeExactly $doneRun.RunId
        $run.State | Should -BeExactly 'DONE'
        $run.Outputs.risk_score | Should -BeExactly '0.31'
        $run.UserId | Should -BeExactly $sim.UserId
    }

    It 'keeps the flow id, workbook id and link of a piped run, which get_pl_run does not return' {
        $run = $doneRun | Get-GumloopFlowRun
        $run.FlowId | Should -BeExactly $renewalFlow
        $run.WorkbookId | Should -BeExactly $renewalBook
        $run.Url | Should -BeExactly $doneRun.Url
        (Get-GumloopFlowRun -RunId $doneRun.RunId).FlowId | Should -BeNullOrEmpty
    }

    It 'binds RunId from other objects by property name' {
        ([pscustomobject]@{ RunId = $seedDoneRun } | Get-GumloopFlowRun).State | Should -BeExactly 'DONE'
    }

    It 'reports an unknown run as not found and goes on' {
        $result = Invoke-Capture { Get-GumloopFlowRun -RunId 'nope', $seedDoneRun }
        $result.Output.RunId | Should -BeExactly $seedDoneRun
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }

    It '-History lists the recent runs of a flow, newest first' {
        $history = @(Get-GumloopFlowRun -FlowId $renewalFlow -History)
        $history.Count | Should -BeGreaterOrEqual 3
        $history.Count | Should -BeLessOrEqual 10
        $history | ForEach-Object { $_.FlowId | Should -BeExactly $renewalFlow }
        $created = $history.CreatedAt
        $created | Should -Be ($created | Sort-Object -Descending)
        $history.RunId | Should -Contain $doneRun.RunId
    }

    It '-History of a fresh simulator holds the two seeded runs of the example' {
        # A simulator of its own: the shared one has enough new runs to push the seeded ones past the 10 kept.
        $fresh = Start-GumloopSimulator
        try {
            $history = @(Get-GumloopFlowRun -FlowId $renewalFlow -History -Connection (New-TestConnection 'Key' $fresh))
            $history.RunId | Should -Be @($seedDoneRun, $seedFailedRun)
            $history.State | Should -Be @('DONE', 'FAILED')
            $history[0].FinishedAt | Should -Be ([DateTimeOffset]::Parse('2026-09-14T16:03:19.902551+00:00', [cultureinfo]::InvariantCulture))
        }
        finally {
            $fresh | Stop-GumloopSimulator
        }
    }

    It '-History takes flows from the pipeline, and history items read back in full' {
        $failed = Get-GumloopFlow -Name 'Account*' | Get-GumloopFlowRun -History | Where-Object RunId -eq $seedFailedRun
        $failed.Log.Count | Should -Be 0
        ($failed | Get-GumloopFlowRun).Log | Should -Contain 'Google Sheets Reader: Error - spreadsheet not found'
    }

    It '-History -WorkbookId covers every flow of the workbook' {
        $null = Start-GumloopFlow -FlowId $churnFlow -Inputs @{ segment = 'smb' }
        $flows = @(Get-GumloopFlowRun -WorkbookId $renewalBook -History | Select-Object -ExpandProperty FlowId -Unique)
        $flows | Should -Contain $renewalFlow
        $flows | Should -Contain $churnFlow
    }

    It '-History on an unknown workbook is not found' {
        $result = Invoke-Capture { Get-GumloopFlowRun -WorkbookId 'wb_nope' -History }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
    }
}

Describe 'Wait-GumloopFlowRun' {
    It 'waits for piped runs and writes them finished' {
        $runs = 'a.example', 'b.example' | ForEach-Object { Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = "$_ sim:delay=200" } }
        $done = @($runs | Wait-GumloopFlowRun -TimeoutSec 30)
        $done.Count | Should -Be 2
        $done.State | Should -Be @('DONE', 'DONE')
        $done[1].Outputs.renewal_summary | Should -BeLike 'Renewal brief for b.example*'
        $done[0].FlowId | Should -BeExactly $renewalFlow
    }

    It 'waits for run ids' {
        $run = Start-GumloopFlow -FlowId $churnFlow -Inputs @{ segment = 'x' }
        (Wait-GumloopFlowRun -RunId $run.RunId).State | Should -BeExactly 'DONE'
    }

    It 'returns at once for a finished run' {
        $sim.ClearRequestLog()
        (Wait-GumloopFlowRun -RunId $seedDoneRun).State | Should -BeExactly 'DONE'
        @($sim.RequestLog).Count | Should -Be 1
    }

    It 'writes a FAILED run as an error whose target is the run' {
        $result = Invoke-Capture { Wait-GumloopFlowRun -RunId $seedFailedRun }
        $result.Output.Count | Should -Be 0
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFlowRunFailed,*'
        $result.Errors[0].Exception.Message | Should -Match 'spreadsheet not found'
        $result.Errors[0].TargetObject.RunId | Should -BeExactly $seedFailedRun
    }

    It 'times out with OperationTimeout and goes on to the next run' {
        $slow = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=5000' }
        $result = Invoke-Capture { Wait-GumloopFlowRun -RunId $slow.RunId, $seedDoneRun -TimeoutSec 1 }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFlowRunTimeout,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $result.Errors[0].TargetObject.RunId | Should -BeExactly $slow.RunId
        $result.Output.RunId | Should -BeExactly $seedDoneRun
        $slow | Stop-GumloopFlowRun -Confirm:$false
    }

    It 'ends with a TERMINATED run when the run is killed during the wait' {
        $slow = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=5000' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $RunId)
                    Import-Module $ModulePath
                    Start-Sleep -Milliseconds 300
                    Stop-GumloopFlowRun -Connection $Connection -RunId $RunId -Confirm:$false
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE).AddArgument($conn).AddArgument($slow.RunId)
            $pending = $ps.BeginInvoke()
            $final = $slow | Wait-GumloopFlowRun -TimeoutSec 20
            $null = $ps.EndInvoke($pending)
        }
        finally {
            $ps.Dispose()
        }
        $final.State | Should -BeExactly 'TERMINATED'
        $final.Log[-1] | Should -BeExactly '__system__: Run terminated by API request'
    }
}

Describe 'Stop-GumloopFlowRun' {
    It 'is a Medium-impact ShouldProcess cmdlet' {
        $attribute = (Get-Command Stop-GumloopFlowRun).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }

    It '-WhatIf sends nothing' {
        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=3000' }
        $sim.ClearRequestLog()
        $run | Stop-GumloopFlowRun -WhatIf
        Stop-GumloopFlowRun -RunId $run.RunId -WhatIf
        @($sim.RequestLog).Count | Should -Be 0
        (Get-GumloopFlowRun -RunId $run.RunId).State | Should -BeIn @('QUEUED', 'RUNNING')
        $run | Stop-GumloopFlowRun -Confirm:$false
    }

    It 'kills a run; -PassThru writes it TERMINATED' {
        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=3000' }
        $sim.ClearRequestLog()
        $stopped = $run | Stop-GumloopFlowRun -Confirm:$false -PassThru
        $stopped.State | Should -BeExactly 'TERMINATED'
        $stopped.FlowId | Should -BeExactly $renewalFlow
        $stopped.FinishedAt | Should -BeOfType ([DateTimeOffset])
        (Get-Request 'POST' '*/kill_pipeline').Count | Should -Be 1
    }

    It 'writes nothing without -PassThru' {
        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=3000' }
        $out = Stop-GumloopFlowRun -RunId $run.RunId -Confirm:$false
        $out | Should -BeNullOrEmpty
        (Get-GumloopFlowRun -RunId $run.RunId).State | Should -BeExactly 'TERMINATED'
    }

    It 'warns when the run had already finished' {
        $warnings = $null
        Stop-GumloopFlowRun -RunId $seedDoneRun -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0] | Should -Match 'finished'
    }

    It 'reports an unknown run as not found' {
        $result = Invoke-Capture { Stop-GumloopFlowRun -RunId 'nope' -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }
}

Describe 'Save-GumloopFlowFile' {
    BeforeAll {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("gumloop-flows-" + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $folder
    }

    AfterAll {
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'saves one file byte for byte' {
        $path = Join-Path $folder 'chart.png'
        $file = $doneRun | Save-GumloopFlowFile -FileName 'usage_chart.png' -OutFile $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $expected = $sim.GetFlowRunFile($doneRun.RunId, 'usage_chart.png')
        $expected.Length | Should -Be 4096
        [IO.File]::ReadAllBytes($path) | Should -Be $expected
    }

    It 'keeps the file name when -OutFile is a folder' {
        $file = Save-GumloopFlowFile -RunId $doneRun.RunId -FileName 'call_notes.md' -OutFile $folder
        $file.Name | Should -BeExactly 'call_notes.md'
        [IO.File]::ReadAllBytes($file.FullName) | Should -Be $sim.GetFlowRunFile($doneRun.RunId, 'call_notes.md')
    }

    It 'saves the example file of the seeded run exactly' {
        $path = Join-Path $folder 'seed.csv'
        $null = Save-GumloopFlowFile -RunId $seedDoneRun -FileName 'renewal_brief.csv' -OutFile $path
        [IO.File]::ReadAllBytes($path) | Should -Be ([IO.File]::ReadAllBytes((Join-Path $examples 'files.download_file.200.txt')))
    }

    It 'saves several files as one zip whose entries match' {
        $path = Join-Path $folder 'run.zip'
        $names = 'renewal_brief.csv', 'usage_chart.png'
        $file = $doneRun | Save-GumloopFlowFile -FileName $names -OutFile $path
        $file.Name | Should -BeExactly 'run.zip'
        $zip = [System.IO.Compression.ZipFile]::OpenRead($path)
        try {
            $zip.Entries.FullName | Should -Be $names
            foreach ($entry in $zip.Entries) {
                $stream = $entry.Open()
                $buffer = [System.IO.MemoryStream]::new()
                $stream.CopyTo($buffer)
                $stream.Dispose()
                $buffer.ToArray() | Should -Be $sim.GetFlowRunFile($doneRun.RunId, $entry.FullName)
            }
        }
        finally {
            $zip.Dispose()
        }
    }

    It 'names the zip after the run when -OutFile is a folder' {
        $file = $doneRun | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'call_notes.md' -OutFile $folder
        $file.Name | Should -BeExactly "$($doneRun.RunId).zip"
    }

    It '-Expand unpacks the files and writes each' {
        $target = Join-Path $folder 'expanded'
        $files = @($doneRun | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'usage_chart.png', 'call_notes.md' -OutFile $target -Expand)
        $files.Count | Should -Be 3
        $files.Name | Should -Be @('renewal_brief.csv', 'usage_chart.png', 'call_notes.md')
        foreach ($file in $files) {
            $file.DirectoryName | Should -Be $target
            [IO.File]::ReadAllBytes($file.FullName) | Should -Be $sim.GetFlowRunFile($doneRun.RunId, $file.Name)
        }
    }

    It 'reports a run that is not DONE, and a missing file' {
        $slow = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'sim:delay=3000' }
        $result = Invoke-Capture { $slow | Save-GumloopFlowFile -FileName 'renewal_brief.csv' -OutFile (Join-Path $folder 'x.csv') }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest,*'
        $result.Errors[0].TargetObject | Should -BeExactly $slow.RunId
        $slow | Stop-GumloopFlowRun -Confirm:$false

        $missing = Invoke-Capture { $doneRun | Save-GumloopFlowFile -FileName 'nope.txt' -OutFile (Join-Path $folder 'y.txt') }
        $missing.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        Join-Path $folder 'y.txt' | Should -Not -Exist
    }
}

Describe 'FlowRun output' {
    It 'exports readably with Export-Csv: outputs as name=value pairs, log as lines' {
        $path = Join-Path ([IO.Path]::GetTempPath()) ("flowrun-" + [guid]::NewGuid() + '.csv')
        try {
            $doneRun | Export-Csv -LiteralPath $path
            $text = Get-Content -LiteralPath $path -Raw
            $text | Should -Not -Match 'System\.'
            $text | Should -Not -Match 'GumloopPS\.'
            $row = Import-Csv -LiteralPath $path
            $row.RunId | Should -BeExactly $doneRun.RunId
            $row.Outputs | Should -BeExactly 'renewal_summary=Renewal brief for contoso.example: renews on 2026-11-30; seat usage is 82% of plan.; risk_score=0.31'
            ($row.Log -split "`n") | Should -Be @($doneRun.Log)
            $row.State | Should -BeExactly 'DONE'
            $row.Url | Should -BeExactly $doneRun.Url
        }
        finally {
            Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue
        }
    }

    It 'exports flows, workbooks and inputs without type names' {
        $csv = @(Get-GumloopFlow | ConvertTo-Csv) + @(Get-GumloopWorkbook | ConvertTo-Csv) + @(Get-GumloopFlowInput -FlowId $renewalFlow | ConvertTo-Csv)
        ($csv -join "`n") | Should -Not -Match 'System\.|GumloopPS\.'
        (Get-GumloopWorkbook -WorkbookId $renewalBook | ConvertTo-Csv | ConvertFrom-Csv).Flows | Should -BeExactly 'Account renewal brief; Churn signal digest'
    }

    It 'shows as a table by default and lists outputs and log in the list view' {
        ($doneRun | Out-String -Width 200) | Should -Match 'RunId\s+State'
        $list = $doneRun | Format-List | Out-String -Width 200
        $list | Should -Match 'risk_score = 0\.31'
        $list | Should -Match '__system__: Run finished'
    }
}
