#Requires -Version 7.4
# Get-GumloopAgent against the simulator's seeded agents.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $renewalId = 'r4Ts9Kq2MwX7bLn'
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopAgent' {
    Context 'listing' {
        It 'lists every agent as typed Agent objects' {
            $agents = @(Get-GumloopAgent)
            $agents.Count | Should -Be 3
            $agents | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.Agent]) }
            $agents.Id | Should -Contain $renewalId
            $agents.Id | Should -Contain $invoiceId
        }

        It 'sends one GET /agents' {
            $sim.ClearRequestLog()
            $null = Get-GumloopAgent
            $requests = @($sim.RequestLog)
            $requests.Count | Should -Be 1
            $requests[0].Method | Should -Be 'GET'
            $requests[0].Path | Should -Match '/agents$'
        }

        It 'fills the agent properties from the API' {
            $agent = Get-GumloopAgent | Where-Object Id -eq $renewalId
            $agent.Name | Should -BeExactly 'Renewal desk assistant'
            $agent.Description | Should -BeExactly 'Prepares renewal briefs for account managers'
            $agent.TeamId | Should -BeExactly 'tm_5c2d8e17'
            $agent.IsActive | Should -BeTrue
            $agent.CreatedAt | Should -BeOfType ([DateTimeOffset])
            $agent.CreatedAt.UtcDateTime | Should -Be ([datetime]::new(2026, 8, 3, 11, 42, 17, [DateTimeKind]::Utc))
        }

        It 'exposes nested values with readable text, not type names' {
            $agent = Get-GumloopAgent | Where-Object Id -eq $renewalId
            "$($agent.Tools)" | Should -Match 'gumloop_hubspot'
            "$($agent.Metadata)" | Should -Match 'revops'
            "$($agent.Tools)" | Should -Not -Match 'System\.'
        }

        It '-Name filters with a wildcard' {
            $agents = @(Get-GumloopAgent -Name 'Sales*')
            $agents.Count | Should -Be 1
            $agents[0].Name | Should -BeExactly 'Sales assistant'
        }

        It '-Name is case-insensitive' {
            @(Get-GumloopAgent -Name 'sALES*').Count | Should -Be 1
        }

        It '-Name matches an exact name' {
            $agents = @(Get-GumloopAgent -Name 'Invoice checker')
            $agents.Count | Should -Be 1
            $agents[0].Id | Should -BeExactly $invoiceId
        }

        It '-Name supports wildcards in the middle' {
            $names = @(Get-GumloopAgent -Name '*a*s*').Name
            $names | Should -Contain 'Sales assistant'
            $names | Should -Contain 'Renewal desk assistant'
            $names | Should -Not -Contain 'Invoice checker'
        }

        It '-Name without a match writes nothing and no error' {
            $result = Invoke-Capture { Get-GumloopAgent -Name 'No such agent*' }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors | Should -BeNullOrEmpty
        }

        It '-TeamId sends team_id' {
            $sim.ClearRequestLog()
            $agents = @(Get-GumloopAgent -TeamId $sim.TeamId)
            $agents.Count | Should -Be 3
            $sim.RequestLog[0].Query | Should -Match "team_id=$([regex]::Escape($sim.TeamId))"
        }

        It '-TeamId of a team the caller is not in fails with PermissionDenied' {
            $result = Invoke-Capture { Get-GumloopAgent -TeamId 'tm_someone_else' }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $result.Errors[0].TargetObject | Should -Be 'tm_someone_else'
        }
    }

    Context 'service filters and paging' {
        It '-Search, -Creator, -HasTrigger, -Tool, -Flow, -SortOrder and -IncludeLastUsed become query values' {
            $sim.ClearRequestLog()
            $null = Get-GumloopAgent -Search 'desk' -Creator 'u1' -HasTrigger -Tool 'gumloop_hubspot' -Flow 'fL4nT8wQ2xVd7kRb' -SortOrder name_asc -IncludeLastUsed -IncludeLastUpdated
            $query = $sim.RequestLog[0].Query
            foreach ($pair in 'search=desk', 'creator=u1', 'has_triggers=true', 'tool=gumloop_hubspot', 'flow=fL4nT8wQ2xVd7kRb', 'sort_order=name_asc', 'include_last_used=true', 'include_last_updated=true') {
                $query | Should -Match ([regex]::Escape($pair))
            }
            $query | Should -Not -Match 'page_size'
        }

        It 'the service filters: -Tool gumloop_gmail finds the renewal agent, -HasTrigger only agents with triggers' {
            @(Get-GumloopAgent -Tool 'gumloop_gmail').Id | Should -Be @($renewalId)
            @(Get-GumloopAgent -HasTrigger).Id | Should -Be @($renewalId)
            @(Get-GumloopAgent -Search 'INVOICE').Id | Should -Be @($invoiceId)
        }

        It '-SortOrder name_asc sorts by name and -IncludeLastUsed fills LastUsedAt' {
            $agents = @(Get-GumloopAgent -SortOrder name_asc -IncludeLastUsed)
            $agents.Name | Should -Be @($agents.Name | Sort-Object)
            $agents | ForEach-Object { $_.LastUsedAt | Should -BeOfType ([DateTimeOffset]) }
        }

        It '-First reads that many with page_size, and -All pages through everything' {
            $sim.ClearRequestLog()
            @(Get-GumloopAgent -First 2).Count | Should -Be 2
            $sim.RequestLog[0].Query | Should -Match 'page_size=2'
            $sim.ClearRequestLog()
            @(Get-GumloopAgent -All).Count | Should -Be 3
            $sim.RequestLog[0].Query | Should -Match 'page_size=100'
        }

        It '-First counts agents that -Name matches' {
            $agents = @(Get-GumloopAgent -Name '*assistant' -First 1 -SortOrder name_asc)
            $agents.Name | Should -Be @('Renewal desk assistant')
        }

        It 'an invalid -SortOrder is refused by parameter validation' {
            { Get-GumloopAgent -SortOrder sideways } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        }
    }

    Context 'by id' {
        It '-AgentId returns that agent from GET /agents/<id>' {
            $sim.ClearRequestLog()
            $agent = Get-GumloopAgent -AgentId $invoiceId
            $agent.Id | Should -BeExactly $invoiceId
            $agent.Name | Should -BeExactly 'Invoice checker'
            $sim.RequestLog[0].Path | Should -Match "/agents/$invoiceId$"
        }

        It 'returns the creator of the agent' {
            $agent = Get-GumloopAgent -AgentId $renewalId
            $agent.Creator | Should -Not -BeNullOrEmpty
            "$($agent.Creator)" | Should -BeExactly 'Priya Raman'
        }

        It '-AgentId takes several ids' {
            $agents = @(Get-GumloopAgent -AgentId $renewalId, $invoiceId)
            $agents.Id | Should -Be @($renewalId, $invoiceId)
        }

        It 'takes ids from the pipeline' {
            $agents = @($invoiceId, $renewalId | Get-GumloopAgent)
            $agents.Id | Should -Be @($invoiceId, $renewalId)
        }

        It 'takes agents from the pipeline by property name' {
            $agent = Get-GumloopAgent -Name 'Sales*' | Get-GumloopAgent
            $agent.Name | Should -BeExactly 'Sales assistant'
        }

        It 'an unknown id writes an ObjectNotFound error whose target is the id' {
            $result = Invoke-Capture { Get-GumloopAgent -AgentId 'agent_missing_42' }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_42'
            $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        }

        It 'an unknown id among good ones does not stop the others' {
            $result = Invoke-Capture { Get-GumloopAgent -AgentId $renewalId, 'agent_missing_43', $invoiceId }
            $result.Output.Id | Should -Be @($renewalId, $invoiceId)
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_43'
        }

        It 'the not-found error is non-terminating' {
            $after = $false
            Get-GumloopAgent -AgentId 'agent_missing_44' -ErrorAction SilentlyContinue -ErrorVariable ev
            $after = $true
            $after | Should -BeTrue
            $ev.Count | Should -Be 1
        }

        It 'an empty id is rejected before any request' {
            $sim.ClearRequestLog()
            $result = Invoke-Capture { Get-GumloopAgent -AgentId '' }
            $result.Errors.Count | Should -Be 1
            @($sim.RequestLog).Count | Should -Be 0
        }
    }
}
