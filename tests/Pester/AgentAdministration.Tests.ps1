#Requires -Version 7.4
# New-, Set- and Remove-GumloopAgent, agent versions, skills and MCP servers against the simulator's agent state.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection

    $renewalId = 'r4Ts9Kq2MwX7bLn'
    $salesId = 'sAl3sAg3ntXyZ01'

    # A fresh agent per test, so that no test sees another's changes.
    function New-TestAgent([string] $Name = "Test agent $([guid]::NewGuid().ToString('n').Substring(0, 8))") {
        New-GumloopAgent -Name $Name -Model auto -SystemPrompt 'You help.'
    }

    function Get-Mutation { @($sim.RequestLog | Where-Object Method -ne 'GET') }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'New-GumloopAgent' {
    It 'creates a typed agent with what was given, and sends nothing else' {
        $sim.ClearRequestLog()
        $agent = New-GumloopAgent -Name 'Renewal helper' -Model auto -Description 'Drafts briefs' -SystemPrompt 'Be brief.' -SkillId 'skill_b2Lq8rTn' -Tool @{ type = 'gumcp_server'; server_id = 'gumloop_gmail' } -Metadata @{ owner = 'revops' }
        $agent | Should -BeOfType ([GumloopPS.Core.Agent])
        $agent.Name | Should -BeExactly 'Renewal helper'
        $agent.ModelName | Should -BeExactly 'auto'
        "$($agent.SkillIds)" | Should -Match 'skill_b2Lq8rTn'
        "$($agent.Tools)" | Should -Match 'gumloop_gmail'
        $post = @(Get-Request POST '*/agents')
        $post.Count | Should -Be 1
        $body = $post[0].Body | ConvertFrom-Json -AsHashtable
        ($body.Keys | Sort-Object) | Should -Be @('description', 'metadata', 'model_name', 'name', 'skill_ids', 'system_prompt', 'tools')
        (Get-GumloopAgent -AgentId $agent.Id).Description | Should -BeExactly 'Drafts briefs'
    }

    It 'reads the system prompt from -SystemPromptPath' {
        $file = Join-Path $TestDrive 'prompt.md'
        Set-Content -LiteralPath $file -Value "Line one`nLine two é" -Encoding utf8NoBOM
        $agent = New-GumloopAgent -Name 'From file' -Model auto -SystemPromptPath $file
        $agent.SystemPrompt.TrimEnd() | Should -BeExactly "Line one`nLine two é"
    }

    It 'a missing prompt file is a FileNotFound error and nothing is sent' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { New-GumloopAgent -Name 'Nope' -Model auto -SystemPromptPath (Join-Path $TestDrive 'missing.md') }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        Get-Mutation | Should -BeNullOrEmpty
    }

    It 'an unknown skill is a GumloopSkillNotFound error naming it, and no agent is made' {
        $before = @(Get-GumloopAgent).Count
        $result = Invoke-Capture { New-GumloopAgent -Name 'Orphan' -Model auto -SkillId 'skill_b2Lq8rTn', 'skill_ghost' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSkillNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'Orphan'
        "$($result.Errors[0])" | Should -Match 'skill_ghost'
        @(Get-GumloopAgent).Count | Should -Be $before
    }

    It '-WhatIf creates nothing' {
        $sim.ClearRequestLog()
        New-GumloopAgent -Name 'Imaginary' -Model auto -WhatIf | Should -BeNullOrEmpty
        Get-Mutation | Should -BeNullOrEmpty
    }

    It 'pipes into New-GumloopSession -Wait, which talks to the new agent' {
        $session = New-GumloopAgent -Name 'Pipeline agent' -Model auto | New-GumloopSession -Input 'hi' -Wait -WaitTimeoutSec 30
        $session | Should -BeOfType ([GumloopPS.Core.Session])
        $session.State | Should -BeExactly 'completed'
        $session.AgentId | Should -Be (Get-GumloopAgent -Name 'Pipeline agent').Id
        $session.Messages[-1].Role | Should -BeExactly 'assistant'
    }
}

Describe 'Set-GumloopAgent' {
    It 'sends only the parameters given and writes the agent with -PassThru' {
        $agent = New-TestAgent
        $sim.ClearRequestLog()
        $updated = $agent | Set-GumloopAgent -Model 'gpt-4o-mini' -Description $null -PassThru
        $updated.ModelName | Should -BeExactly 'gpt-4o-mini'
        $updated.SystemPrompt | Should -BeExactly 'You help.'
        $patch = @(Get-Request PATCH "*/agents/$($agent.Id)")
        $patch.Count | Should -Be 1
        $patch[0].Body | Should -BeExactly '{"model_name":"gpt-4o-mini","description":null}'
    }

    It 'writes nothing without -PassThru' {
        $agent = New-TestAgent
        Set-GumloopAgent -AgentId $agent.Id -Name 'Renamed' | Should -BeNullOrEmpty
        (Get-GumloopAgent -AgentId $agent.Id).Name | Should -BeExactly 'Renamed'
    }

    It 'without a field to change it is an InvalidArgument error and sends nothing' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Set-GumloopAgent -AgentId $renewalId }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $result.Errors[0].TargetObject | Should -BeExactly $renewalId
        Get-Mutation | Should -BeNullOrEmpty
    }

    It 'an unknown agent is ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Set-GumloopAgent -AgentId 'agent_missing_1' -Name 'x' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_1'
    }

    It '-WhatIf changes nothing' {
        $sim.ClearRequestLog()
        Set-GumloopAgent -AgentId $renewalId -Name 'Changed' -WhatIf
        Get-Mutation | Should -BeNullOrEmpty
        (Get-GumloopAgent -AgentId $renewalId).Name | Should -BeExactly 'Renewal desk assistant'
    }
}

Describe 'Remove-GumloopAgent' {
    It 'retires the agent: it leaves the list and answers not found' {
        $agent = New-TestAgent
        $retired = $agent | Remove-GumloopAgent -Confirm:$false -PassThru
        $retired.IsActive | Should -BeFalse
        (Get-Request PATCH "*/agents/$($agent.Id)")[-1].Body | Should -BeExactly '{"is_active":false}'
        @(Get-GumloopAgent).Id | Should -Not -Contain $agent.Id
        $result = Invoke-Capture { Get-GumloopAgent -AgentId $agent.Id }
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'retiring an unknown agent is ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Remove-GumloopAgent -AgentId 'agent_missing_2' -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_2'
    }

    It '-WhatIf retires nothing' {
        $agent = New-TestAgent
        $sim.ClearRequestLog()
        Remove-GumloopAgent -AgentId $agent.Id -WhatIf
        Get-Mutation | Should -BeNullOrEmpty
        (Get-GumloopAgent -AgentId $agent.Id).IsActive | Should -BeTrue
    }

    It 'has ConfirmImpact High and its prompt says the retirement cannot be undone; No keeps the agent' {
        $agent = New-TestAgent
        $run = Invoke-OnTextHost -Answer 2 -Arguments @{ AgentId = $agent.Id } -Script 'Remove-GumloopAgent -AgentId $AgentId -Connection $Connection'
        $run.Prompts.Count | Should -Be 1
        $run.Prompts[0] | Should -Match 'cannot be undone'
        $run.Prompts[0] | Should -Match ([regex]::Escape($agent.Id))
        (Get-GumloopAgent -AgentId $agent.Id).IsActive | Should -BeTrue
        (Get-Command Remove-GumloopAgent).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Get-GumloopAgentVersion' {
    It 'Get-GumloopAgent -Name Sales* | Get-GumloopAgentVersion -First 3 lists the sales agent''s versions' {
        $agent = New-GumloopAgent -Name 'Sales follow-up' -Model auto
        $agent | Set-GumloopAgent -Model 'gpt-4.1'
        $agent | Set-GumloopAgent -Description 'Chases open deals'
        $agent | Set-GumloopAgent -Model 'auto'
        $versions = @(Get-GumloopAgent -Name 'Sales*' | Get-GumloopAgentVersion -First 3)
        $versions | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.AgentVersion]) }
        ($versions | Where-Object AgentId -eq $agent.Id).MajorVersion | Should -Be @(4, 3, 2)
        ($versions | Where-Object AgentId -eq $salesId).MajorVersion | Should -Be @(1)
        ($versions | Where-Object IsDeployed).Count | Should -Be 2
    }

    It 'a listed version piped back gets its Changes' {
        $agent = New-TestAgent
        $agent | Set-GumloopAgent -Model 'gpt-4.1'
        $version = Get-GumloopAgentVersion -AgentId $agent.Id -First 1 | Get-GumloopAgentVersion
        $version.BaseVersionId | Should -Not -BeNullOrEmpty
        $change = @($version.Changes) | Where-Object Name -eq 'model_name'
        $change.Kind | Should -BeExactly 'field'
        $change.OldValue | Should -BeExactly 'auto'
        $change.NewValue | Should -BeExactly 'gpt-4.1'
        $version.ModelName | Should -BeExactly 'gpt-4.1'
        ($version | ConvertTo-Csv | Out-String) | Should -Not -Match 'System\.'
    }

    It 'reads one page by default and warns when there are more; -All reads them all' {
        $result = Invoke-Capture { Get-GumloopAgentVersion -AgentId $renewalId }
        $result.Output.Count | Should -BeGreaterOrEqual 7
        $all = @(Get-GumloopAgentVersion -AgentId $renewalId -All)
        $all.Count | Should -Be $result.Output.Count
        $first = @(Get-GumloopAgentVersion -AgentId $renewalId -First 2)
        $first.Count | Should -Be 2
        (Get-Request GET "*/agents/$renewalId/versions")[-1].Query | Should -Match 'page_size=2'
    }

    It 'an unknown version is ObjectNotFound with the version id as target' {
        $result = Invoke-Capture { Get-GumloopAgentVersion -AgentId $renewalId -VersionId 'av_nope' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'av_nope'
    }
}

Describe 'Add-GumloopAgentSkill and Remove-GumloopAgentSkill' {
    It 'attach and detach write the full skill set and what changed' {
        $agent = New-TestAgent
        $added = $agent | Add-GumloopAgentSkill -SkillId 'skill_p7Tr4nGe', 'skill_x5Vd1kMc'
        $added | Should -BeOfType ([GumloopPS.Core.AgentSkillUpdate])
        @($added.SkillIds) | Should -Be @('skill_p7Tr4nGe', 'skill_x5Vd1kMc')
        @($added.Attached) | Should -Be @('skill_p7Tr4nGe', 'skill_x5Vd1kMc')
        $again = Add-GumloopAgentSkill -AgentId $agent.Id -SkillId 'skill_p7Tr4nGe'
        @($again.AlreadyAttached) | Should -Be @('skill_p7Tr4nGe')
        Remove-GumloopAgentSkill -AgentId $agent.Id -SkillId 'skill_x5Vd1kMc', 'skill_never' -Confirm:$false | Should -BeNullOrEmpty
        $null = Add-GumloopAgentSkill -AgentId $agent.Id -SkillId 'skill_x5Vd1kMc'
        $removed = Remove-GumloopAgentSkill -AgentId $agent.Id -SkillId 'skill_p7Tr4nGe' -Confirm:$false -PassThru
        @($removed.SkillIds) | Should -Be @('skill_x5Vd1kMc')
        @($removed.Detached) | Should -Be @('skill_p7Tr4nGe')
        (Get-Request PATCH "*/agents/$($agent.Id)/skills")[-1].Body | Should -BeExactly '{"detach":["skill_p7Tr4nGe"]}'
    }

    It 'an unknown skill is GumloopSkillNotFound naming it, with the agent as target, and nothing changes' {
        $agent = New-TestAgent
        $result = Invoke-Capture { Add-GumloopAgentSkill -AgentId $agent.Id -SkillId 'skill_p7Tr4nGe', 'skill_nope' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopSkillNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly $agent.Id
        "$($result.Errors[0])" | Should -Match 'skill_nope'
        @((Get-GumloopAgent -AgentId $agent.Id).SkillIds).Count | Should -Be 0
    }

    It 'detaching from an unknown agent is ObjectNotFound' {
        $result = Invoke-Capture { Remove-GumloopAgentSkill -AgentId 'agent_missing_3' -SkillId 'skill_p7Tr4nGe' -Confirm:$false }
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_3'
    }

    It '-WhatIf attaches and detaches nothing' {
        $sim.ClearRequestLog()
        Add-GumloopAgentSkill -AgentId $renewalId -SkillId 'skill_p7Tr4nGe' -WhatIf | Should -BeNullOrEmpty
        Remove-GumloopAgentSkill -AgentId $renewalId -SkillId 'skill_b2Lq8rTn' -WhatIf | Should -BeNullOrEmpty
        Get-Mutation | Should -BeNullOrEmpty
    }
}

Describe 'Agent MCP servers' {
    It 'Get-GumloopAgentMcpServer lists the attached servers, filtered by a wildcard' {
        $servers = @(Get-GumloopAgentMcpServer -AgentId $renewalId)
        $servers.ServerId | Should -Be @('gumloop_hubspot', 'gumloop_gmail')
        $servers | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.AgentMcpServer]) }
        $servers.AgentId | Should -Be @($renewalId, $renewalId)
        (Get-GumloopAgentMcpServer -AgentId $renewalId -ServerId '*gmail').ApprovalMode | Should -BeExactly 'always'
    }

    It 'Get-GumloopAgentMcpServer for an unknown agent is ObjectNotFound' {
        $result = Invoke-Capture { Get-GumloopAgentMcpServer -AgentId 'agent_missing_4' }
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_4'
    }

    It 'Add- attaches then updates (Created, AuthStatus) and warns while the server is not connected' {
        $agent = New-TestAgent
        $result = Invoke-Capture { $agent | Add-GumloopAgentMcpServer -ServerId 'gumloop_zendesk' -ApprovalMode always -Config @{ restricted_tools = @('zendesk_delete_ticket') } }
        $server = $result.Output[0]
        $server.Created | Should -BeTrue
        $server.AuthStatus | Should -BeExactly 'unauthenticated'
        $server.ApprovalMode | Should -BeExactly 'always'
        "$($server.Config)" | Should -Match 'zendesk_delete_ticket'
        $result.Warnings.Count | Should -Be 1
        $updated = Add-GumloopAgentMcpServer -AgentId $agent.Id -ServerId 'gumloop_hubspot' -ApprovalMode off
        $updated.Created | Should -BeTrue
        $again = Add-GumloopAgentMcpServer -AgentId $agent.Id -ServerId 'gumloop_hubspot' -ApprovalMode always
        $again.Created | Should -BeFalse
        $again.AuthStatus | Should -BeExactly 'connected'
        @(Get-GumloopAgentMcpServer -AgentId $agent.Id).ServerId | Should -Be @('gumloop_zendesk', 'gumloop_hubspot')
    }

    It 'Add- with a server outside the catalogue is ObjectNotFound with the server id as target' {
        $result = Invoke-Capture { Add-GumloopAgentMcpServer -AgentId $renewalId -ServerId 'gumloop_unknown' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'gumloop_unknown'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match '/mcp/servers'
    }

    It 'Remove- detaches piped servers, idempotently' {
        $agent = New-TestAgent
        $null = Add-GumloopAgentMcpServer -AgentId $agent.Id -ServerId 'gumloop_hubspot'
        $results = @(Get-GumloopAgentMcpServer -AgentId $agent.Id | Remove-GumloopAgentMcpServer -Confirm:$false -PassThru)
        $results.Detached | Should -Be @($true)
        Get-GumloopAgentMcpServer -AgentId $agent.Id | Should -BeNullOrEmpty
        $again = Remove-GumloopAgentMcpServer -AgentId $agent.Id -ServerId 'gumloop_hubspot' -Confirm:$false -PassThru
        $again.Detached | Should -BeFalse
    }

    It 'Remove- from an unknown agent is ObjectNotFound with the agent id as target' {
        $result = Invoke-Capture { Remove-GumloopAgentMcpServer -AgentId 'agent_missing_5' -ServerId 'gumloop_hubspot' -Confirm:$false }
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'agent_missing_5'
    }

    It '-WhatIf attaches and detaches nothing' {
        $sim.ClearRequestLog()
        Add-GumloopAgentMcpServer -AgentId $renewalId -ServerId 'gumloop_zendesk' -WhatIf | Should -BeNullOrEmpty
        Remove-GumloopAgentMcpServer -AgentId $renewalId -ServerId 'gumloop_gmail' -WhatIf
        Get-Mutation | Should -BeNullOrEmpty
        @(Get-GumloopAgentMcpServer -AgentId $renewalId).Count | Should -Be 2
    }
}

Describe 'Find-GumloopCommand covers agents administration and models' {
    It 'names a typed cmdlet for <_>' -ForEach @('listAgents', 'createAgent', 'retrieveAgent', 'updateAgent', 'listAgentVersions', 'retrieveAgentVersion',
        'updateAgentSkills', 'listAgentMcpServers', 'attachAgentMcpServer', 'detachAgentMcpServer', 'listModels', 'routeModel') {
        $op = Find-GumloopCommand -OperationId $_
        $op.Command | Should -Not -Be 'Invoke-GumloopApi'
        $command = Get-Command $op.Command -Module GumloopPS
        $command.OutputType.Count | Should -BeGreaterThan 0
        (Get-Help $op.Command).Examples | Should -Not -BeNullOrEmpty
    }
}
