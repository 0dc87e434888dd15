#Requires -Version 7.4
# Agent evaluations (API.md 10.14) and organization evaluations (10.16) against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewalId = 'r4Ts9Kq2MwX7bLn'
    $orgId = 'org_7Hq2Lw9x'
    $seededOrgEvaluation = 'oev_3Hs8Kd'

    # A fresh agent with evaluation enabled and $Count completed sessions, so each test owns its results.
    function New-EvaluatedAgent([int] $Count) {
        $id = 'evag' + [guid]::NewGuid().ToString('N').Substring(0, 11)
        $null = $sim.AddAgent($id, "Evaluated $id", $null)
        $sim.EnableAgentEvaluation($id)
        for ($i = 0; $i -lt $Count; $i++) { $null = $sim.SeedSession($id, 2) }
        $id
    }

    function Get-RunBodies([string] $PathLike) {
        @(Get-Request POST $PathLike | ForEach-Object { $_.Body | ConvertFrom-Json })
    }

    # What -WhatIf and the confirmation prompt would tell the user: the host output of a -WhatIf run.
    function Get-WhatIfText([scriptblock] $Script) {
        $path = Join-Path $TestDrive ("whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        $null = Start-Transcript -Path $path
        try { $null = & $Script } finally { $null = Stop-Transcript }
        Get-Content -Raw $path
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Find-GumloopCommand covers every evaluation operation with a typed cmdlet' {
    It '<Method> <Path> is <Command>' -ForEach @(
        @{ Method = 'GET'; Path = '/agents/{agent_id}/evaluations'; Command = 'Get-GumloopAgentEvaluation' }
        @{ Method = 'POST'; Path = '/agents/{agent_id}/evaluations/run'; Command = 'Start-GumloopAgentEvaluation' }
        @{ Method = 'GET'; Path = '/agents/{agent_id}/evaluations/metrics'; Command = 'Get-GumloopAgentEvaluationMetric' }
        @{ Method = 'GET'; Path = '/agents/{agent_id}/evaluations/{evaluation_id}'; Command = 'Get-GumloopAgentEvaluation' }
        @{ Method = 'GET'; Path = '/agents/{agent_id}/evaluation-config'; Command = 'Get-GumloopAgentEvaluationConfig' }
        @{ Method = 'PATCH'; Path = '/agents/{agent_id}/evaluation-config'; Command = 'Set-GumloopAgentEvaluationConfig' }
        @{ Method = 'GET'; Path = '/evaluation-options'; Command = 'Get-GumloopEvaluationOption' }
        @{ Method = 'GET'; Path = '/evaluations'; Command = 'Get-GumloopEvaluation' }
        @{ Method = 'POST'; Path = '/evaluations'; Command = 'New-GumloopEvaluation' }
        @{ Method = 'GET'; Path = '/evaluations/{evaluation_id}'; Command = 'Get-GumloopEvaluation' }
        @{ Method = 'PATCH'; Path = '/evaluations/{evaluation_id}'; Command = 'Set-GumloopEvaluation' }
        @{ Method = 'DELETE'; Path = '/evaluations/{evaluation_id}'; Command = 'Remove-GumloopEvaluation' }
        @{ Method = 'PUT'; Path = '/evaluations/{evaluation_id}/targets'; Command = 'Set-GumloopEvaluationTarget' }
        @{ Method = 'POST'; Path = '/evaluations/{evaluation_id}/run'; Command = 'Start-GumloopEvaluation' }
        @{ Method = 'GET'; Path = '/evaluations/{evaluation_id}/results'; Command = 'Get-GumloopEvaluationResult' }
        @{ Method = 'GET'; Path = '/evaluations/{evaluation_id}/results/{result_id}'; Command = 'Get-GumloopEvaluationResult' }
        @{ Method = 'GET'; Path = '/evaluations/{evaluation_id}/metrics'; Command = 'Get-GumloopEvaluationMetric' }
    ) {
        $operation = Find-GumloopCommand -Path $Path -Method $Method | Where-Object Path -eq $Path
        @($operation).Count | Should -Be 1
        $operation.Command | Should -BeExactly $Command
        Get-Command -Module GumloopPS -Name $Command | Should -Not -BeNullOrEmpty
    }

    It 'tab completion offers target kinds, grades and statuses' -ForEach @(
        @{ Line = 'Set-GumloopEvaluationTarget -EvaluationId x -Target te'; Expected = @('team:') }
        @{ Line = 'Get-GumloopAgentEvaluation -AgentId x -Grade needs_'; Expected = @('needs_attention', 'needs_review') }
        @{ Line = 'Get-GumloopEvaluationResult -EvaluationId x -Status in'; Expected = @('in_progress') }
    ) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText | Should -Be $Expected
    }

    It 'the credit-spending runs and the delete ask first (ConfirmImpact High)' -ForEach 'Start-GumloopAgentEvaluation', 'Start-GumloopEvaluation', 'Remove-GumloopEvaluation' {
        $type = (Get-Command $_).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }
}

Describe 'Start-GumloopAgentEvaluation' {
    It 'evaluates every completed session piped from Get-GumloopSession, 200 ids per request' {
        $a = New-EvaluatedAgent 250
        $sim.ClearRequestLog()

        $queued = @(Get-GumloopSession -AgentId $a -State completed -All | Start-GumloopAgentEvaluation -AgentId $a -Confirm:$false)

        $queued.Count | Should -Be 250
        $queued | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.EvaluationRunItem]) }
        @($queued.Status | Sort-Object -Unique) | Should -Be @('queued')
        @($queued.SessionId | Sort-Object -Unique).Count | Should -Be 250
        $bodies = Get-RunBodies "/api/v1/agents/$a/evaluations/run"
        $bodies.Count | Should -Be 2
        $bodies[0].session_ids.Count | Should -Be 200
        $bodies[1].session_ids.Count | Should -Be 50
        @($bodies.session_ids | Sort-Object -Unique).Count | Should -Be 250
        $bodies[0].PSObject.Properties.Name | Should -Not -Contain 'dry_run'
        @(Get-GumloopAgentEvaluation -AgentId $a -Status queued -All).Count | Should -Be 250
    }

    It 'takes the agent from the piped sessions when -AgentId is not given' {
        $a = New-EvaluatedAgent 2
        $queued = @(Get-GumloopSession -AgentId $a -All | Start-GumloopAgentEvaluation -Confirm:$false)
        $queued.Count | Should -Be 2
        $queued.AgentId | Should -Be @($a, $a)
    }

    It '-Wait polls until every result is completed or failed and writes the results' {
        $a = New-EvaluatedAgent 3
        $results = @(Get-GumloopSession -AgentId $a -All | Start-GumloopAgentEvaluation -AgentId $a -Wait -Confirm:$false)
        $results.Count | Should -Be 3
        $results | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.AgentEvaluation]) }
        @($results.Status | Sort-Object -Unique) | Should -Be @('completed')
        $results.Grade | ForEach-Object { $_ | Should -BeIn 'pass', 'needs_review', 'needs_attention' }
        $results.CriteriaResults.Count | Should -BeGreaterThan 0
    }

    It 'piping the queued sessions to Get-GumloopAgentEvaluation reads their results' {
        $a = New-EvaluatedAgent 2
        $queued = @(Get-GumloopSession -AgentId $a -All | Start-GumloopAgentEvaluation -AgentId $a -Confirm:$false)
        $read = @($queued | Get-GumloopAgentEvaluation)
        $read.EvaluationId | Should -Be $queued.EvaluationId
        $read.Status | ForEach-Object { $_ | Should -BeIn 'queued', 'in_progress' }
    }

    It 'warns about each skipped session by name, and -DryRun plans without charging' {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { 'sess_Vk3nQ8wT2p', 'sess_Pb9yE4uL6d' | Start-GumloopAgentEvaluation -AgentId $renewalId -DryRun -InformationVariable info }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 1
        $r.Output[0].Status | Should -BeExactly 'planned'
        $r.Output[0].SessionId | Should -BeExactly 'sess_Vk3nQ8wT2p'
        $r.Output[0].DryRun | Should -BeTrue
        $r.Warnings.Count | Should -Be 1
        [string]$r.Warnings[0] | Should -Match 'sess_Pb9yE4uL6d'
        [string]$r.Warnings[0] | Should -Match 'not eligible'
        (Get-RunBodies "/api/v1/agents/$renewalId/evaluations/run")[0].dry_run | Should -BeTrue
        @(Get-GumloopAgentEvaluation -AgentId $renewalId -SessionId 'sess_Vk3nQ8wT2p' -Status queued).Count | Should -Be 0
    }

    It 'warns about a session already being evaluated, naming it' {
        $a = New-EvaluatedAgent 1
        $session = Get-GumloopSession -AgentId $a -All
        $first = $session | Start-GumloopAgentEvaluation -AgentId $a -Confirm:$false
        $r = Invoke-Capture { $session, $session.Id | Start-GumloopAgentEvaluation -AgentId $a -Confirm:$false }
        $r.Output | Should -BeNullOrEmpty
        ($r.Warnings -join "`n") | Should -Match ([regex]::Escape($session.Id))
        ($r.Warnings -join "`n") | Should -Match ([regex]::Escape($first.ResultId))
    }

    It '-WhatIf sends nothing and says how many sessions and credits' {
        $a = New-EvaluatedAgent 3
        $sessions = @(Get-GumloopSession -AgentId $a -All)
        $sim.ClearRequestLog()
        $text = Get-WhatIfText { $sessions | Start-GumloopAgentEvaluation -AgentId $a -WhatIf }
        Get-Request POST '*/evaluations/run' | Should -BeNullOrEmpty
        $text | Should -Match '3 sessions'
        $text | Should -Match '3 credits'
    }

    It 'an agent without evaluation enabled gets a clear error with the agent as target' {
        $plain = 'evoff' + [guid]::NewGuid().ToString('N').Substring(0, 10)
        $null = $sim.AddAgent($plain, 'Not evaluated', $null)
        $null = $sim.SeedSession($plain, 2)
        $r = Invoke-Capture { Get-GumloopSession -AgentId $plain -All | Start-GumloopAgentEvaluation -AgentId $plain -Confirm:$false }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $r.Errors[0].TargetObject | Should -BeExactly $plain
        $r.Errors[0].Exception.ErrorCode | Should -BeExactly 'evaluations_not_configured'
    }

    It 'stops after running out of credits and says how many sessions were not sent' {
        $a = New-EvaluatedAgent 201
        $sim.EvaluationCredits = 0
        try {
            $r = Invoke-Capture { Get-GumloopSession -AgentId $a -All | Start-GumloopAgentEvaluation -AgentId $a -Confirm:$false }
        }
        finally { $sim.EvaluationCredits = $null }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInsufficientCredits*'
        ($r.Warnings -join "`n") | Should -Match '1 more sessions'
        @(Get-Request POST "/api/v1/agents/$a/evaluations/run").Count | Should -Be 1
    }
}

Describe 'Get-GumloopAgentEvaluation' {
    It 'lists completed and failed results newest first by default' {
        $results = @(Get-GumloopAgentEvaluation -AgentId $renewalId -All)
        $results.Count | Should -BeGreaterOrEqual 4
        $results.Status | ForEach-Object { $_ | Should -BeIn 'completed', 'failed' }
        $results[0].CreatedAt | Should -BeGreaterThan $results[-1].CreatedAt
        $reviewed = $results | Where-Object EvaluationId -eq 'evr_6Tq2Nb8Z'
        $reviewed.Grade | Should -BeExactly 'needs_review'
        $reviewed.CriteriaResults.ToString() | Should -Be 'Cites sources: failure; Professional tone: success'
        $reviewed.AppliedTags.ToString() | Should -Be 'RENEWAL_PREP'
    }

    It 'sends its filters, with dates as ISO 8601 in UTC' {
        $sim.ClearRequestLog()
        $after = [datetime]::SpecifyKind([datetime]'2026-09-01T12:00:00', 'Utc')
        $null = Get-GumloopAgentEvaluation -AgentId $renewalId -Grade needs_review -After $after -Before $after.AddDays(400)
        $query = (Get-Request GET "/api/v1/agents/$renewalId/evaluations")[0].Query
        $query | Should -Match 'grade=needs_review'
        [uri]::UnescapeDataString($query) | Should -Match 'created_after=2026-09-01T12:00:00.000Z'
        [uri]::UnescapeDataString($query) | Should -Match 'created_before=2027-10-06T12:00:00.000Z'
    }

    It 'refuses -Before earlier than -After before sending' {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Get-GumloopAgentEvaluation -AgentId $renewalId -After (Get-Date) -Before (Get-Date).AddDays(-1) }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'reports an unknown result id as not found, with the id as target' {
        $r = Invoke-Capture { Get-GumloopAgentEvaluation -AgentId $renewalId -EvaluationId 'evr_missing' }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $r.Errors[0].TargetObject | Should -BeExactly 'evr_missing'
    }

    It 'exports to CSV as readable text' {
        $path = Join-Path $TestDrive 'evaluations.csv'
        Get-GumloopAgentEvaluation -AgentId $renewalId -All | Export-Csv $path
        $csv = Get-Content -Raw $path
        $csv | Should -Not -Match 'System\.|GumloopPS\.Core'
        $csv | Should -Match 'Renewal date mentioned=true'
    }
}

Describe 'Get-GumloopAgentEvaluationMetric' {
    It 'counts the grades and tags of the last days' {
        $m = Get-GumloopAgentEvaluationMetric -AgentId $renewalId -Days 30
        $m | Should -BeOfType ([GumloopPS.Core.EvaluationMetric])
        $m.Days | Should -Be 30
        $m.NeedsReview | Should -BeGreaterOrEqual 1
        $m.Pass | Should -BeGreaterOrEqual 1
        $m.Tags['RENEWAL_PREP'] | Should -BeGreaterOrEqual 1
        $m.AgentId | Should -BeExactly $renewalId
    }

    It 'an unknown agent is not found' {
        $r = Invoke-Capture { Get-GumloopAgentEvaluationMetric -AgentId 'no_such_agent' }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
    }
}

Describe 'Get- and Set-GumloopAgentEvaluationConfig' {
    It 'reads the configuration with its criteria, tags and data points' {
        $config = Get-GumloopAgentEvaluationConfig -AgentId $renewalId
        $config.Enabled | Should -BeTrue
        $config.Criteria.Name | Should -Contain 'Cites sources'
        $config.Tags.Name | Should -Contain 'RENEWAL_PREP'
        $config.DataPoints.DataType | Should -Contain 'boolean'
    }

    It 'replaces a list wholesale and sends only what was given' {
        $a = New-EvaluatedAgent 0
        $sim.ClearRequestLog()
        $updated = Set-GumloopAgentEvaluationConfig -AgentId $a -Tag @{ name = 'refund request'; description = 'Asked for money back' } -Criterion @{ name = 'Polite'; prompt = 'The agent was polite.'; priority = 'needs_attention' } -PassThru -Confirm:$false
        $updated.Tags.Name | Should -Be @('REFUND_REQUEST')
        $updated.Criteria.Name | Should -Be @('Polite')
        $body = (Get-Request PATCH "/api/v1/agents/$a/evaluation-config")[0].Body | ConvertFrom-Json
        @($body.PSObject.Properties.Name | Sort-Object) | Should -Be @('criteria', 'tags')
    }

    It 'round-trips the criteria it read: adding one keeps the others' {
        $a = New-EvaluatedAgent 0
        $config = Get-GumloopAgentEvaluationConfig -AgentId $a
        $criteria = @($config.Criteria) + @{ name = 'Cites sources'; prompt = 'Claims link to documents.' }
        $updated = Set-GumloopAgentEvaluationConfig -AgentId $a -Criterion $criteria -PassThru -Confirm:$false
        $updated.Criteria.Name | Should -Be @($config.Criteria[0].Name, 'Cites sources')
        $updated.Criteria[0].Id | Should -BeExactly $config.Criteria[0].Id
    }

    It '-WhatIf names what a list would replace and sends no change' {
        $sim.ClearRequestLog()
        $text = Get-WhatIfText { Set-GumloopAgentEvaluationConfig -AgentId $renewalId -Criterion @{ name = 'Only this'; prompt = 'x' } -WhatIf }
        Get-Request PATCH '*' | Should -BeNullOrEmpty
        $text | Should -Match 'criteria: replaces 2 \(Cites sources; Professional tone\) with 1 \(Only this\)'
        (Get-GumloopAgentEvaluationConfig -AgentId $renewalId).Criteria.Count | Should -Be 2
    }

    It 'refuses more than 30 criteria, or one without a prompt, before sending' {
        $sim.ClearRequestLog()
        $many = 1..31 | ForEach-Object { @{ name = "c$_"; prompt = 'p' } }
        $r = Invoke-Capture { Set-GumloopAgentEvaluationConfig -AgentId $renewalId -Criterion $many -Confirm:$false }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $r.Errors[0].TargetObject | Should -BeExactly $renewalId
        $r = Invoke-Capture { Set-GumloopAgentEvaluationConfig -AgentId $renewalId -Criterion @{ name = 'no prompt' } -Confirm:$false }
        $r.Errors[0].Exception.Message | Should -Match "'prompt'"
        Get-ApiLog | Should -BeNullOrEmpty
    }
}

Describe 'Organization evaluations' {
    It 'create, target, enable, run with -Wait, read results and metrics, delete' {
        $name = 'Tone check ' + [guid]::NewGuid().ToString('N').Substring(0, 6)
        $created = New-GumloopEvaluation -OrganizationId $orgId -Name $name -Criterion @{ name = 'Polite'; prompt = 'The agent was polite.'; type = 'voice_tone' } -Tag @{ name = 'greeting' } -Confirm:$false
        $created | Should -BeOfType ([GumloopPS.Core.OrganizationEvaluation])
        $created.Enabled | Should -BeFalse
        $created.Config.Tags.Name | Should -Be @('GREETING')

        $a = New-EvaluatedAgent 2
        $created | Set-GumloopEvaluationTarget -Target "agent:$a" -Confirm:$false | Should -BeNullOrEmpty
        $set = $created | Set-GumloopEvaluationTarget -Target "agent:$a" -PassThru -Confirm:$false
        $set.CoveredAgentCount | Should -Be 1
        $set.Targets.ToString() | Should -Be "agent:$a"

        $enabled = $created | Set-GumloopEvaluation -Enabled $true -PassThru -Confirm:$false
        $enabled.Enabled | Should -BeTrue

        $results = @(Get-GumloopSession -AgentId $a -All | Start-GumloopEvaluation -EvaluationId $created.EvaluationId -Wait -Confirm:$false)
        $results.Count | Should -Be 2
        $results | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.OrganizationEvaluationResult]) }
        @($results.Status | Sort-Object -Unique) | Should -Be @('completed')
        $results.EvaluationId | Should -Be @($created.EvaluationId, $created.EvaluationId)

        $listed = @(Get-GumloopEvaluationResult -EvaluationId $created.EvaluationId -All)
        @($listed.ResultId | Sort-Object) | Should -Be @($results.ResultId | Sort-Object)
        $metric = Get-GumloopEvaluationMetric -EvaluationId $created.EvaluationId
        $metric.Total | Should -Be 2

        Get-GumloopEvaluation -OrganizationId $orgId -All | Where-Object EvaluationId -eq $created.EvaluationId | Should -Not -BeNullOrEmpty
        $removed = $created | Remove-GumloopEvaluation -PassThru -Confirm:$false
        $removed.Name | Should -BeExactly $name
        $r = Invoke-Capture { Get-GumloopEvaluation -EvaluationId $created.EvaluationId }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $r.Errors[0].Exception.ErrorCode | Should -BeExactly 'organization_evaluation_not_found'
    }

    It 'Start-GumloopEvaluation without -Wait writes queued sessions that Get-GumloopEvaluationResult reads' {
        $queued = @('sess_Vk3nQ8wT2p' | Start-GumloopEvaluation -EvaluationId $seededOrgEvaluation -Confirm:$false)
        $queued.Count | Should -Be 1
        $queued[0].ResultId | Should -Not -BeNullOrEmpty
        $queued[0].EvaluationId | Should -BeExactly $seededOrgEvaluation
        $read = $queued | Get-GumloopEvaluationResult
        $read.ResultId | Should -BeExactly $queued[0].ResultId
    }

    It 'lists, gets and reads the options and metrics of the seeded evaluation' {
        $e = Get-GumloopEvaluation -EvaluationId $seededOrgEvaluation
        $e.Name | Should -BeExactly 'Customer-facing quality bar'
        $e.Config.Criteria[0].Type | Should -BeExactly 'prohibited_action'
        $e.RunSummary.ToString() | Should -Match 'graded'
        $options = Get-GumloopEvaluationOption
        $options.TargetTypes | Should -Contain 'team'
        $options.Limits['session_ids_per_run'] | Should -Be 200
        (Get-GumloopEvaluationMetric -EvaluationId $seededOrgEvaluation -Days 30).NeedsReview | Should -BeGreaterOrEqual 1
    }

    It 'Set-GumloopEvaluation -WhatIf names the criteria a new list would replace and sends nothing' {
        $sim.ClearRequestLog()
        $text = Get-WhatIfText { Set-GumloopEvaluation -EvaluationId $seededOrgEvaluation -Criterion @{ name = 'New one'; prompt = 'p' } -WhatIf }
        Get-Request PATCH '*' | Should -BeNullOrEmpty
        $text | Should -Match 'criteria: replaces 1 \(No pricing promises\) with 1 \(New one\)'
    }

    It 'Remove-GumloopEvaluation and Set-GumloopEvaluationTarget -WhatIf send nothing' {
        $sim.ClearRequestLog()
        Remove-GumloopEvaluation -EvaluationId $seededOrgEvaluation -WhatIf
        Set-GumloopEvaluationTarget -EvaluationId $seededOrgEvaluation -Target organization -WhatIf
        'sess_Vk3nQ8wT2p' | Start-GumloopEvaluation -EvaluationId $seededOrgEvaluation -WhatIf
        New-GumloopEvaluation -OrganizationId $orgId -Name 'never made' -WhatIf
        @(Get-ApiLog | Where-Object Method -ne 'GET') | Should -BeNullOrEmpty
        Get-GumloopEvaluation -EvaluationId $seededOrgEvaluation | Should -Not -BeNullOrEmpty
    }

    It 'refuses a target without an id before sending' {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Set-GumloopEvaluationTarget -EvaluationId $seededOrgEvaluation -Target 'team' -Confirm:$false }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $r.Errors[0].TargetObject | Should -BeExactly $seededOrgEvaluation
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'a taken name is a conflict' {
        $r = Invoke-Capture { New-GumloopEvaluation -OrganizationId $orgId -Name 'Customer-facing quality bar' -Confirm:$false }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopConflict*'
        $r.Errors[0].Exception.ErrorCode | Should -BeExactly 'organization_evaluation_name_taken'
    }

    It 'a caller without organization:manage_evaluations is refused with 403' {
        $userId = 'user_noeval01'
        $secure = $sim.AddUser($userId, 'No', 'Permission')
        $connection = Connect-Gumloop -ApiKey $secure -UserId $userId -BaseUri $sim.BaseUri -PassThru
        $sim | Connect-Gumloop
        $r = Invoke-Capture { Get-GumloopEvaluation -OrganizationId $orgId -Connection $connection }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopForbidden*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $sim.SetEvaluationManager($userId, $true)
        @(Get-GumloopEvaluation -OrganizationId $orgId -Connection $connection).Count | Should -BeGreaterOrEqual 1
    }
}
