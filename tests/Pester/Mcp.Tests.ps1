#Requires -Version 7.4
# The MCP cmdlets against the simulator: servers, tools, batched tool calls with per-call failures, resources and prompts.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopMcpServer' {
    It 'lists typed servers, and -ServerId fills the allowed tools' {
        $servers = Get-GumloopMcpServer
        $servers | Should -BeOfType ([GumloopPS.Core.McpServer])
        ($servers | Where-Object -not IsConnected).ServerId | Should -Be 'gumloop_zendesk'
        (Get-GumloopMcpServer -ServerId gumloop_hubspot).AllowedToolCallIds | Should -Contain 'gumloop_hubspot__hubspot_get_company'
    }

    It 'an unknown server is GumloopNotFound with the id as target' {
        $result = Invoke-Capture { Get-GumloopMcpServer -ServerId nope }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'nope'
    }
}

Describe 'Get-GumloopMcpTool' {
    It 'Get-GumloopMcpTool -ServerId gmail | Where-Object Name -like ''*send*'' finds the send tool' {
        $tools = @(Get-GumloopMcpTool -ServerId gmail | Where-Object Name -like '*send*')
        $tools.Count | Should -Be 1
        $tools[0] | Should -BeOfType ([GumloopPS.Core.McpTool])
        $tools[0].Name | Should -BeExactly 'gmail_send_email'
        $tools[0].Parameters | Should -BeExactly 'to*, subject*, body'
    }

    It 'takes servers from the pipeline and filters by -Name' {
        (Get-GumloopMcpServer -ServerId gumloop_hubspot | Get-GumloopMcpTool -Name '*company').Name | Should -BeExactly 'hubspot_get_company'
    }

    It 'a server that is not connected is a warning naming the URL to open, not an empty success' {
        $result = Invoke-Capture { Get-GumloopMcpTool -ServerId gumloop_zendesk }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0].Message | Should -Match 'not connected'
        $result.Warnings[0].Message | Should -Match ([regex]::Escape('Open https://www.gumloop.com/settings/profile/connectors?server=gumloop_zendesk'))
    }
}

Describe 'Invoke-GumloopMcpTool' {
    It 'calls a tool and exposes a JSON text block parsed as well as raw' {
        $result = Invoke-GumloopMcpTool -ServerId gumloop_hubspot -ToolName hubspot_get_company -Arguments @{ domain = 'northwindtraders.example' }
        $result | Should -BeOfType ([GumloopPS.Core.McpToolResult])
        $result.Status | Should -BeExactly 'success'
        $result.Data.employees | Should -Be 420
        $result.Text | Should -Match '"employees": ?420'
        $result.Content[0].Type | Should -BeExactly 'text'
    }

    It 'sends piped calls five per request; failures become errors with their ref and code, successes are output' {
        $calls = @(
            1..5 | ForEach-Object { [pscustomobject]@{ ServerId = 'gmail'; ToolName = 'gmail_send_email'; Ref = "mail$_"; Arguments = @{ to = "c$_@northwind.example"; subject = "Renewal $_" } } }
            [pscustomobject]@{ ServerId = 'gumloop_zendesk'; ToolName = 'zendesk_list_tickets'; Ref = 'tickets' }
            [pscustomobject]@{ ServerId = 'mcp_6Rk2Wn8x'; ToolName = 'quote_price'; Ref = 'price'; Arguments = @{ sku = 'NW-100' } }
        )
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $calls | Invoke-GumloopMcpTool -Confirm:$false }

        $posts = @(Get-Request POST '*/mcp/tools/call')
        $posts.Count | Should -Be 2
        $posts[0].StatusCode | Should -Be 200
        $posts[1].StatusCode | Should -Be 200
        ($posts[0].Body | ConvertFrom-Json).calls.Count | Should -Be 5
        $result.Output.Ref | Should -Be @('mail1', 'mail2', 'mail3', 'mail4', 'mail5')
        $sim.SentMailSubjects.Count | Should -Be 5

        $result.Errors.Count | Should -Be 2
        $tickets = $result.Errors | Where-Object TargetObject -eq 'tickets'
        $tickets.FullyQualifiedErrorId | Should -BeLike 'GumloopMcpNotConnected*'
        $tickets.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $tickets.Exception.ErrorCode | Should -BeExactly 'auth_required'
        $tickets.ErrorDetails.RecommendedAction | Should -Match 'connectors\?server=gumloop_zendesk'
        $price = $result.Errors | Where-Object TargetObject -eq 'price'
        $price.FullyQualifiedErrorId | Should -BeLike 'GumloopMcpToolFailed*'
        $price.Exception.ErrorCode | Should -BeExactly 'mcp_server_http_error'
        $price.Exception.Message | Should -Match "call 'price'"
    }

    It 'reports each failure of a mixed (207) batch and outputs the successes' {
        $sim.ClearRequestLog()
        $calls = @(
            [pscustomobject]@{ ServerId = 'gumloop_hubspot'; ToolName = 'hubspot_search_deals' }
            [pscustomobject]@{ ServerId = 'gmail'; ToolName = 'gmail_send_email'; Arguments = @{ to = 'x@y.example' } }
        )
        $result = Invoke-Capture { $calls | Invoke-GumloopMcpTool -Confirm:$false }
        (Get-Request POST '*/mcp/tools/call')[0].StatusCode | Should -Be 207
        $result.Output.ToolName | Should -BeExactly 'hubspot_search_deals'
        $result.Output[0].Data[0].id | Should -BeExactly '88213'
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].TargetObject | Should -BeExactly '1'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'tool_execution_failed'
    }

    It 'takes tools from Get-GumloopMcpTool' {
        $result = Get-GumloopMcpTool -ServerId gumloop_hubspot -Name hubspot_get_company | Invoke-GumloopMcpTool -Arguments @{ domain = 'contoso.example' }
        $result.Data.domain | Should -BeExactly 'contoso.example'
    }

    It '-WhatIf calls nothing' {
        $sim.ClearRequestLog()
        Invoke-GumloopMcpTool -ServerId gmail -ToolName gmail_send_email -Arguments @{ to = 'a@b.example'; subject = 'no' } -WhatIf | Should -BeNullOrEmpty
        Get-Request POST '*' | Should -BeNullOrEmpty
    }
}

Describe 'Get-GumloopMcpResource' {
    It 'lists every page of resources and reads text and blob contents' {
        $sim.ClearRequestLog()
        $resources = Get-GumloopMcpResource -ServerId gumloop_hubspot
        $resources.Count | Should -Be 3
        (Get-Request GET '*/resources').Count | Should -Be 2
        $contents = $resources | Where-Object Uri -eq 'hubspot://pipelines/renewals' | Get-GumloopMcpResource
        $contents[0].Text | Should -Match 'Discovery'
        $contents[1].IsBlob | Should -BeTrue
        [byte[]]$bytes = $contents[1].Bytes
        $bytes[1..3] | Should -Be @(80, 78, 71)
    }

    It '-OutFile saves blob bytes and never overwrites without -Force' {
        $path = Join-Path $TestDrive 'logo.png'
        $file = Get-GumloopMcpResource -ServerId gumloop_hubspot -Uri 'hubspot://brand/logo' -OutFile $path
        $file.Length | Should -Be 70
        [System.IO.File]::ReadAllBytes($path)[1..3] | Should -Be @(80, 78, 71)
        $again = Invoke-Capture { Get-GumloopMcpResource -ServerId gumloop_hubspot -Uri 'hubspot://brand/logo' -OutFile $path }
        $again.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
    }

    It 'a read of a server that is not connected is an error with the uri as target' {
        $result = Invoke-Capture { Get-GumloopMcpResource -ServerId gumloop_zendesk -Uri 'zendesk://views' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopConflict*'
        $result.Errors[0].TargetObject | Should -BeExactly 'zendesk://views'
    }
}

Describe 'Get-GumloopMcpPrompt' {
    It 'lists prompts and renders a piped one with arguments' {
        $prompt = Get-GumloopMcpPrompt -ServerId gumloop_hubspot
        $prompt.Name | Should -BeExactly 'summarize_deal'
        $prompt.Arguments.ToString() | Should -BeExactly 'deal_id*, tone'
        $rendered = $prompt | Get-GumloopMcpPrompt -Arguments @{ deal_id = '88213'; tone = 'brief' }
        $rendered | Should -BeOfType ([GumloopPS.Core.McpPromptResult])
        $rendered.Text | Should -BeExactly 'Summarise HubSpot deal 88213 in a brief tone for a renewal call.'
    }

    It 'a missing required argument is GumloopBadRequest' {
        $result = Invoke-Capture { Get-GumloopMcpPrompt -ServerId gumloop_hubspot -Name summarize_deal }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $result.Errors[0].TargetObject | Should -BeExactly 'summarize_deal'
    }
}

Describe 'Completion of skill and MCP ids' {
    BeforeAll {
        function Get-Completion([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        }
    }

    It 'completes -ServerId with servers, naming their state' {
        $found = @(Get-Completion 'Get-GumloopMcpTool -ServerId gm' | Where-Object CompletionText -eq 'gmail')
        $found.Count | Should -Be 1
        $found[0].ListItemText | Should -Match 'connected'
    }

    It 'completes -ToolName with the tools of the -ServerId given' {
        (Get-Completion 'Invoke-GumloopMcpTool -ServerId gmail -ToolName gmail_s').CompletionText | Should -Be @('gmail_send_email', 'gmail_search_messages')
    }

    It 'completes -SkillId with skills, matching on the name too' {
        (Get-Completion 'Save-GumloopSkill -SkillId renewal').CompletionText | Should -Contain 'skill_b2Lq8rTn'
    }
}
