# Checks GumloopPS.Format.ps1xml through what users see: Get-FormatData, Format-Table, Format-List and the
# default output. Objects come from the built-in simulator, so they have the shapes the real API produces.
#
# To add a view: add it to the format file, then add a row to $viewCases with a sample built in BeforeAll.
# The coverage test fails for a view without a row, so new output types cannot ship untested.

BeforeDiscovery {
    # Sample: key into $samples (built in BeforeAll). Shows: a property whose value must appear in the output.
    $viewCases = @(
        @{ TypeName = 'GumloopPS.Core.GumloopConnection'; Views = @('Table', 'List'); Sample = 'Connection'; Shows = 'MaskedKey'; Header = 'BaseUri' }
        @{ TypeName = 'GumloopPS.Core.Agent'; Views = @('Table', 'List'); Sample = 'Agent'; Shows = 'Name'; Header = 'ModelName' }
        @{ TypeName = 'GumloopPS.Core.Session'; Views = @('Table', 'List'); Sample = 'Session'; Shows = 'Id'; Header = 'AgentName' }
        @{ TypeName = 'GumloopPS.Core.Message'; Views = @('Table', 'List'); Sample = 'Message'; Shows = 'AuthorName'; Header = 'AuthorName' }
        @{ TypeName = 'GumloopPS.Core.PendingApproval'; Views = @('Table', 'List'); Sample = 'PendingApproval'; Shows = 'ActionRequestId'; Header = 'ActionRequestId' }
        @{ TypeName = 'GumloopPS.Core.QueuedMessage'; Views = @('Table', 'List'); Sample = 'QueuedMessage'; Shows = 'Id'; Header = 'Position' }
        @{ TypeName = 'GumloopPS.Core.ApprovalOutcome'; Views = @('Table', 'List'); Sample = 'ApprovalOutcome'; Shows = 'Outcome'; Header = 'Outcome' }
        @{ TypeName = 'GumloopPS.Core.SessionFile'; Views = @('Table', 'List'); Sample = 'SessionFile'; Shows = 'FileName'; Header = 'MediaType' }
        @{ TypeName = 'GumloopPS.Simulator.GumloopSimulator'; Views = @('Table'); Sample = 'Simulator'; Shows = 'UserId'; Header = 'StreamBaseUri' }
        @{ TypeName = 'GumloopPS.Core.Flow'; Views = @('Table', 'List'); Sample = 'Flow'; Shows = 'Name'; Header = 'WorkbookName' }
        @{ TypeName = 'GumloopPS.Core.Workbook'; Views = @('Table', 'List'); Sample = 'Workbook'; Shows = 'Name'; Header = 'Flows' }
        @{ TypeName = 'GumloopPS.Core.FlowInput'; Views = @('Table', 'List'); Sample = 'FlowInput'; Shows = 'Description'; Header = 'DataType' }
        @{ TypeName = 'GumloopPS.Core.FlowRun'; Views = @('Table', 'List'); Sample = 'FlowRun'; Shows = 'RunId'; Header = 'FinishedAt' }
        @{ TypeName = 'GumloopPS.Core.StreamEvent'; Views = @('Table', 'List'); Sample = 'StreamEvent'; Shows = 'Delta'; Header = 'FinishReason' }
        @{ TypeName = 'GumloopPS.Core.Catalog.GumloopOperation'; Views = @('Table'); Sample = 'Operation'; Shows = 'OperationId'; Header = 'Command' }
        @{ TypeName = 'GumloopPS.TranscriptFile'; Views = @('Table', 'List'); Sample = 'TranscriptFile'; Shows = 'Name'; Header = 'Messages' }
        @{ TypeName = 'GumloopPS.Core.ChatCompletion'; Views = @('Table', 'List'); Sample = 'ChatCompletion'; Shows = 'Model'; Header = 'Finish' }
        @{ TypeName = 'GumloopPS.Core.ChatMessage'; Views = @('Table', 'List'); Sample = 'ChatMessage'; Shows = 'Content'; Header = 'Role' }
        @{ TypeName = 'GumloopPS.Core.Team'; Views = @('Table', 'List'); Sample = 'Team'; Shows = 'Name'; Header = 'Id' }
        @{ TypeName = 'GumloopPS.Core.Artifact'; Views = @('Table', 'List'); Sample = 'Artifact'; Shows = 'FileName'; Header = 'FileName' }
        @{ TypeName = 'GumloopPS.Core.BrowserProfile'; Views = @('Table', 'List'); Sample = 'BrowserProfile'; Shows = 'ProfileId'; Header = 'Cookies' }
        @{ TypeName = 'GumloopPS.Core.BrowserCookieImport'; Views = @('Table', 'List'); Sample = 'BrowserCookieImport'; Shows = 'ProfileId'; Header = 'Imported' }
        @{ TypeName = 'GumloopPS.Core.UploadedFlowFile'; Views = @('Table', 'List'); Sample = 'UploadedFlowFile'; Shows = 'FileName'; Header = 'SourcePath' }
        @{ TypeName = 'GumloopPS.Core.AgentVersion'; Views = @('Table', 'List'); Sample = 'AgentVersion'; Shows = 'VersionId'; Header = 'Deployed' }
        @{ TypeName = 'GumloopPS.Core.AgentVersionChange'; Views = @('Table', 'List'); Sample = 'AgentVersionChange'; Shows = 'Name'; Header = 'Kind' }
        @{ TypeName = 'GumloopPS.Core.AgentSkillUpdate'; Views = @('Table', 'List'); Sample = 'AgentSkillUpdate'; Shows = 'AgentId'; Header = 'Attached' }
        @{ TypeName = 'GumloopPS.Core.AgentMcpServer'; Views = @('Table', 'List'); Sample = 'AgentMcpServer'; Shows = 'ServerId'; Header = 'ApprovalMode' }
        @{ TypeName = 'GumloopPS.Core.AgentMcpServerDetachment'; Views = @('Table', 'List'); Sample = 'AgentMcpServerDetachment'; Shows = 'ServerId'; Header = 'Detached' }
        @{ TypeName = 'GumloopPS.Core.ModelInfo'; Views = @('Table', 'List'); Sample = 'ModelInfo'; Shows = 'Id'; Header = 'Provider' }
        @{ TypeName = 'GumloopPS.Core.ModelRoute'; Views = @('Table', 'List'); Sample = 'ModelRoute'; Shows = 'Model'; Header = 'VerdictLane' }
        @{ TypeName = 'GumloopPS.Core.ModelRouteCandidate'; Views = @('Table', 'List'); Sample = 'ModelRouteCandidate'; Shows = 'RequestedModel'; Header = 'Basis' }
        @{ TypeName = 'GumloopPS.Core.AgentEvaluation'; Views = @('Table', 'List'); Sample = 'AgentEvaluation'; Shows = 'SessionId'; Header = 'Grade' }
        @{ TypeName = 'GumloopPS.Core.OrganizationEvaluationResult'; Views = @('Table', 'List'); Sample = 'OrganizationEvaluationResult'; Shows = 'ResultId'; Header = 'AgentId' }
        @{ TypeName = 'GumloopPS.Core.EvaluationRunItem'; Views = @('Table'); Sample = 'EvaluationRunItem'; Shows = 'SessionId'; Header = 'ResultId' }
        @{ TypeName = 'GumloopPS.Core.EvaluationMetric'; Views = @('Table'); Sample = 'EvaluationMetric'; Shows = 'Tags'; Header = 'NeedsAttention' }
        @{ TypeName = 'GumloopPS.Core.AgentEvaluationConfig'; Views = @('Table', 'List'); Sample = 'AgentEvaluationConfig'; Shows = 'AgentId'; Header = 'DataPoints' }
        @{ TypeName = 'GumloopPS.Core.OrganizationEvaluation'; Views = @('Table', 'List'); Sample = 'OrganizationEvaluation'; Shows = 'Name'; Header = 'RunSummary' }
        @{ TypeName = 'GumloopPS.Core.EvaluationTargetSet'; Views = @('Table'); Sample = 'EvaluationTargetSet'; Shows = 'EvaluationId'; Header = 'CoveredAgentCount' }
        @{ TypeName = 'GumloopPS.Core.EvaluationOptions'; Views = @('Table'); Sample = 'EvaluationOptions'; Shows = 'Limits'; Header = 'CriterionTypes' }
        @{ TypeName = 'GumloopPS.Core.Organization'; Views = @('Table', 'List'); Sample = 'Organization'; Shows = 'OrganizationId'; Header = 'Name' }
        @{ TypeName = 'GumloopPS.Core.AuditLogEntry'; Views = @('Table', 'List'); Sample = 'AuditLogEntry'; Shows = 'EventType'; Header = 'SourceIp' }
        @{ TypeName = 'GumloopPS.Core.WorkspaceUserChange'; Views = @('Table', 'List'); Sample = 'WorkspaceUserChange'; Shows = 'Email'; Header = 'WorkspaceId' }
        @{ TypeName = 'GumloopPS.Core.RoleMemberChange'; Views = @('Table', 'List'); Sample = 'RoleMemberChange'; Shows = 'RoleId'; Header = 'RoleId' }
        @{ TypeName = 'GumloopPS.Core.RoleCreditLimit'; Views = @('Table', 'List'); Sample = 'RoleCreditLimit'; Shows = 'RoleName'; Header = 'MonthlyCreditLimit' }
        @{ TypeName = 'GumloopPS.Core.DataExport'; Views = @('Table', 'List'); Sample = 'DataExport'; Shows = 'ExportId'; Header = 'FinishedAt' }
        @{ TypeName = 'GumloopPS.Core.BrainSource'; Views = @('Table', 'List'); Sample = 'BrainSource'; Shows = 'Name'; Header = 'SourceType' }
        @{ TypeName = 'GumloopPS.Core.BrainFile'; Views = @('Table', 'List'); Sample = 'BrainFile'; Shows = 'Error'; Header = 'FileName' }
        @{ TypeName = 'GumloopPS.Core.BrainSearchResult'; Views = @('Table', 'List'); Sample = 'BrainSearchResult'; Shows = 'Title'; Header = 'Score' }
        @{ TypeName = 'GumloopPS.Core.BrainSourceEstimate'; Views = @('Table', 'List'); Sample = 'BrainSourceEstimate'; Shows = 'EstimatedCredits'; Header = 'EstimateStatus' }
        @{ TypeName = 'GumloopPS.Core.Skill'; Views = @('Table', 'List'); Sample = 'Skill'; Shows = 'Name'; Header = 'Uses' }
        @{ TypeName = 'GumloopPS.Core.McpServer'; Views = @('Table', 'List'); Sample = 'McpServer'; Shows = 'ServerId'; Header = 'Tools' }
        @{ TypeName = 'GumloopPS.Core.McpTool'; Views = @('Table', 'List'); Sample = 'McpTool'; Shows = 'Name'; Header = 'Parameters' }
        @{ TypeName = 'GumloopPS.Core.McpToolResult'; Views = @('Table'); Sample = 'McpToolResult'; Shows = 'ToolName'; Header = 'Status' }
        @{ TypeName = 'GumloopPS.Core.McpResource'; Views = @('Table'); Sample = 'McpResource'; Shows = 'Uri'; Header = 'MimeType' }
        @{ TypeName = 'GumloopPS.Core.McpResourceContent'; Views = @('Table'); Sample = 'McpResourceContent'; Shows = 'Uri'; Header = 'Length' }
        @{ TypeName = 'GumloopPS.Core.McpPrompt'; Views = @('Table'); Sample = 'McpPrompt'; Shows = 'Name'; Header = 'Arguments' }
        @{ TypeName = 'GumloopPS.Core.McpPromptResult'; Views = @('Table'); Sample = 'McpPromptResult'; Shows = 'Name'; Header = 'Messages' }
    )
    $renderCases = foreach ($case in $viewCases) {
        foreach ($view in $case.Views) { $case + @{ View = $view } }
    }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1

    function ConvertFrom-JsonModel {
        param([type] $Type, [string] $Json)
        $document = [System.Text.Json.JsonDocument]::Parse($Json)
        $Type::FromJson($document.RootElement.Clone())
    }

    # A type name or a collection that fell back to ToString() would look like one of these.
    $leakPattern = '(GumloopPS\.(Core|Simulator)\.\w+|System\.Object\[\]|System\.Collections\.|System\.Management\.|System\.Security\.|#ERR)'

    $simulator = Start-TestSimulator -ReplyDelayMs 20
    $connection = Get-GumloopConnection
    $agent = Get-GumloopAgent -Name 'Sales*' | Select-Object -First 1
    $session = $agent | New-GumloopSession -Input 'Email the renewal brief sim:approval sim:tool' -Wait -TimeoutSec 30
    $listed = Get-GumloopSession -AgentId $agent.Id -First 1

    $samples = @{
        Connection      = $connection
        Agent           = $agent
        Session         = $session
        Message         = $session | Get-GumloopMessage -Role assistant | Select-Object -Last 1
        PendingApproval = $session.PendingApprovals | Select-Object -First 1
        QueuedMessage   = ConvertFrom-JsonModel ([GumloopPS.Core.QueuedMessage]) '{"id":"qm_4Hx9Tn2c","input":"Also attach last quarter''s usage chart.","state":"queued","position":1,"created_at":"2026-09-14T16:35:30Z","updated_at":"2026-09-14T16:35:30Z"}'
        ApprovalOutcome = ConvertFrom-JsonModel ([GumloopPS.Core.ApprovalOutcome]) '{"action_request_id":"areq_7Tz2Wq9K","action":"accept","outcome":"already_accepted"}'
        SessionFile     = ConvertFrom-JsonModel ([GumloopPS.Core.SessionFile]) '{"file_name":"custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv","media_type":"text/csv","size":18342}'
        Simulator       = $simulator
        Flow            = Get-GumloopFlow | Select-Object -First 1
        Workbook        = Get-GumloopWorkbook | Select-Object -First 1
        FlowInput       = Get-GumloopFlowInput -FlowId 'fL4nT8wQ2xVd7kRb' | Select-Object -First 1
        FlowRun         = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'northwindtraders.example' } -Wait -TimeoutSec 30
        Operation       = Find-GumloopCommand -Path '/agents/{agent_id}/sessions' -Method GET
        StreamEvent     = $agent | New-GumloopSession -Input 'Stream a sample' -Stream -StreamEvents | Where-Object Type -eq 'text-delta' | Select-Object -First 1
        TranscriptFile  = $session | Export-GumloopTranscript -Path (Join-Path $TestDrive 'sample.html') -Format Html
        Skill              = Get-GumloopSkill -SkillId 'skill_b2Lq8rTn'
        McpServer          = Get-GumloopMcpServer -ServerId 'gumloop_hubspot'
        McpTool            = Get-GumloopMcpTool -ServerId 'gumloop_hubspot' | Select-Object -First 1
        McpToolResult      = Invoke-GumloopMcpTool -ServerId 'gumloop_hubspot' -ToolName 'hubspot_get_company' -Arguments @{ domain = 'northwindtraders.example' } -Confirm:$false
        McpResource        = Get-GumloopMcpResource -ServerId 'gumloop_hubspot' | Select-Object -First 1
        McpResourceContent = Get-GumloopMcpResource -ServerId 'gumloop_hubspot' -Uri 'hubspot://owners'
        McpPrompt          = Get-GumloopMcpPrompt -ServerId 'gumloop_hubspot'
        McpPromptResult    = Get-GumloopMcpPrompt -ServerId 'gumloop_hubspot' -Name 'summarize_deal' -Arguments @{ deal_id = '88213' }
    }

    # Chat completions, teams, artifacts, browser profiles and flow uploads.
    $samples.ChatCompletion = Invoke-GumloopChatCompletion -Message 'Name the capital of Portugal' -Model claude-sonnet-4-5
    $samples.ChatMessage = $samples.ChatCompletion.Messages[0]
    $samples.Team = Get-GumloopTeam | Select-Object -First 1
    $samples.Artifact = Get-GumloopArtifact -AgentId 'r4Ts9Kq2MwX7bLn' -First 1
    $samples.BrowserProfile = Get-GumloopBrowserProfile | Select-Object -First 1
    $cookieSample = Join-Path $TestDrive 'format-cookies.json'
    '[{"name":"SID","value":"format-sample","domain":".mail.google.com"}]' | Set-Content -LiteralPath $cookieSample
    $samples.BrowserCookieImport = Import-GumloopBrowserCookie -Path $cookieSample -Url 'https://mail.google.com' -Confirm:$false
    $uploadSample = Join-Path $TestDrive 'format-upload.csv'
    'a,b' | Set-Content -LiteralPath $uploadSample
    $samples.UploadedFlowFile = Add-GumloopFlowFile -Path $uploadSample

    # Agents administration and models.
    $renewal = 'r4Ts9Kq2MwX7bLn'
    $samples.AgentVersion = Get-GumloopAgentVersion -AgentId $renewal -First 1 | Get-GumloopAgentVersion
    $samples.AgentVersionChange = @($samples.AgentVersion.Changes)[0]
    $samples.AgentSkillUpdate = Add-GumloopAgentSkill -AgentId $renewal -SkillId 'skill_p7Tr4nGe' -Confirm:$false
    $samples.AgentMcpServer = Add-GumloopAgentMcpServer -AgentId $renewal -ServerId 'gumloop_zendesk' -ApprovalMode always -Confirm:$false -WarningAction SilentlyContinue
    $samples.AgentMcpServerDetachment = Remove-GumloopAgentMcpServer -AgentId $renewal -ServerId 'gumloop_zendesk' -PassThru -Confirm:$false
    $samples.ModelInfo = Get-GumloopModel | Select-Object -First 1
    $samples.ModelRoute = Resolve-GumloopModel -Input 'Compare these two contracts' -Confirm:$false
    $samples.ModelRouteCandidate = @($samples.ModelRoute.Candidates)[0]
    $samples += @{
        AgentEvaluation              = Get-GumloopAgentEvaluation -AgentId 'r4Ts9Kq2MwX7bLn' -Grade needs_review -First 1
        OrganizationEvaluationResult = Get-GumloopEvaluationResult -EvaluationId 'oev_3Hs8Kd' -ResultId 'oevr_4Nd7Ce'
        EvaluationRunItem            = [GumloopPS.Core.EvaluationRunItem]@{ AgentId = 'r4Ts9Kq2MwX7bLn'; EvaluationId = 'evr_9Mb4Rw1S'; ResultId = 'evr_9Mb4Rw1S'; SessionId = 'sess_Vk3nQ8wT2p'; Status = 'queued' }
        EvaluationMetric             = Get-GumloopAgentEvaluationMetric -AgentId 'r4Ts9Kq2MwX7bLn'
        AgentEvaluationConfig        = Get-GumloopAgentEvaluationConfig -AgentId 'r4Ts9Kq2MwX7bLn'
        OrganizationEvaluation       = Get-GumloopEvaluation -EvaluationId 'oev_3Hs8Kd'
        EvaluationTargetSet          = Set-GumloopEvaluationTarget -EvaluationId 'oev_3Hs8Kd' -Target 'team:tm_5c2d8e17', 'agent:Gz8pD3vN6yHq1Wm' -PassThru -Confirm:$false
        EvaluationOptions            = Get-GumloopEvaluationOption
    }

    # Organization administration.
    $samples.Organization = Get-GumloopOrganization
    $samples.AuditLogEntry = Get-GumloopAuditLog -Start (Get-Date).AddDays(-1) -End (Get-Date) -First 1
    $samples.WorkspaceUserChange = Add-GumloopWorkspaceUser -WorkspaceId 'tm_a93f0b42' -Email 'dana.ruiz@lumenfield.io'
    $samples.RoleMemberChange = Add-GumloopRoleMember -RoleId 'role_9Gh2Jk' -Email 'dana.ruiz@lumenfield.io'
    $samples.RoleCreditLimit = Get-GumloopCreditLimit -RoleId 'role_4Fz8Qp'
    $samples.DataExport = ConvertFrom-JsonModel ([GumloopPS.Core.DataExport]) '{"data_export_id":"dx_7Yw3Rt9Q","state":"COMPLETED","created_ts":"2026-09-14T17:30:00Z","finished_ts":"2026-09-14T17:31:45Z"}'

    # Company Brain samples, from the simulator's seeded sources.
    $samples.BrainSource = Get-GumloopBrainSource -SourceId 'bsrc_4Kq9Vn'
    $samples.BrainFile = Get-GumloopBrainFile -SourceId 'bsrc_4Kq9Vn' -Status failed | Select-Object -First 1
    $samples.BrainSearchResult = Search-GumloopBrain -Query 'Northwind MSA' -SourceType google_drive | Select-Object -First 1
    $samples.BrainSourceEstimate = Measure-GumloopBrainSource -SourceId 'bsrc_8Wm2Tz'
}

AfterAll {
    Disconnect-Gumloop
    if ($simulator) { $simulator | Stop-GumloopSimulator -Confirm:$false }
}

Describe 'Format views' {
    It 'the simulator produced every sample object' {
        foreach ($key in $samples.Keys) {
            $samples[$key] | Should -Not -BeNullOrEmpty -Because "sample '$key' is needed by the view tests"
        }
        $session.State | Should -Be 'approval_required'
    }

    It 'the format file has a test case for every type it formats' -TestCases @{ Covered = @($viewCases.TypeName) } {
        $module = Get-Module GumloopPS
        $xml = [xml](Get-Content -LiteralPath (Join-Path $module.ModuleBase 'GumloopPS.Format.ps1xml') -Raw)
        $formatted = @($xml.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName | Sort-Object -Unique)
        $formatted | Should -Be @($Covered | Sort-Object -Unique)
    }

    # Import-Module parses the whole file, so the build ships it without comments and indentation.
    It 'ships the source views without comments or indentation' {
        $module = Get-Module GumloopPS
        $shipped = Get-Content -LiteralPath (Join-Path $module.ModuleBase 'GumloopPS.Format.ps1xml') -Raw
        $shipped | Should -Not -Match '<!--'
        $shipped | Should -Not -Match '>\s+<'
        $source = [xml](Get-Content -LiteralPath (Join-Path $PSScriptRoot '../../src/GumloopPS/GumloopPS.Format.ps1xml') -Raw)
        $views = ([xml]$shipped).Configuration.ViewDefinitions.View
        @($views).Count | Should -Be @($source.Configuration.ViewDefinitions.View).Count
        @($views.Name) | Should -Be @($source.Configuration.ViewDefinitions.View.Name)
        ($views | ForEach-Object { $_.OuterXml }) -join '' | Should -Be (($source.Configuration.ViewDefinitions.View | ForEach-Object {
            [regex]::Replace([regex]::Replace($_.OuterXml, '<!--.*?-->', '', 'Singleline'), '>\s+<', '><') }) -join '')
    }

    It 'every view name is unique' {
        $module = Get-Module GumloopPS
        $xml = [xml](Get-Content -LiteralPath (Join-Path $module.ModuleBase 'GumloopPS.Format.ps1xml') -Raw)
        $names = @($xml.Configuration.ViewDefinitions.View.Name)
        @($names | Sort-Object -Unique).Count | Should -Be $names.Count
    }
}

Describe '<TypeName>' -ForEach $viewCases {
    BeforeAll {
        $sample = $samples[$Sample]
        $views = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition)
    }

    It 'is registered with PowerShell' {
        $views.Count | Should -BeGreaterThan 0
    }

    It 'has a table view first, so the table is the default' {
        $views[0].Control | Should -BeOfType ([System.Management.Automation.TableControl])
    }

    It 'is shown as a table by default' {
        $out = $sample | Out-String -Width 250
        $out | Should -Match "\b$Header\b"
        $out | Should -Not -Match $leakPattern
    }
}

Describe '<TypeName> <View> view' -ForEach $renderCases {
    BeforeAll {
        $sample = $samples[$Sample]
        $expected = [string]$sample.$Shows
    }

    It 'exists' {
        $controls = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name })
        $controls | Should -Contain "${View}Control"
    }

    It 'renders without errors, type names or System.Object[]' {
        $out = if ($View -eq 'Table') { $sample | Format-Table -DisplayError | Out-String -Width 250 } else { $sample | Format-List -DisplayError | Out-String -Width 250 }
        $out.Trim() | Should -Not -BeNullOrEmpty
        $out | Should -Not -Match $leakPattern
        $expected | Should -Not -BeNullOrEmpty
        $out | Should -Match ([regex]::Escape($expected))
    }

    It 'renders under Set-StrictMode -Version Latest' {
        $out = & {
            Set-StrictMode -Version Latest
            if ($View -eq 'Table') { $sample | Format-Table -DisplayError | Out-String -Width 250 } else { $sample | Format-List -DisplayError | Out-String -Width 250 }
        }
        $out | Should -Not -Match '#ERR'
    }
}

Describe 'Session table' {
    It 'shows the number of messages of a full session' {
        $count = @($session.Messages).Count
        $count | Should -BeGreaterThan 0
        $row = ($session | Format-Table | Out-String -Width 250) -split "`n" | Where-Object { $_ -match [regex]::Escape($session.Id) }
        $row | Should -Match "\s$count\s+$([regex]::Escape($session.AgentName))"
    }

    It 'leaves the message count blank for a listed session, which never carries messages' {
        $row = ($listed | Format-Table | Out-String -Width 250) -split "`n" | Where-Object { $_ -match [regex]::Escape($listed.Id) }
        $row | Should -Not -BeNullOrEmpty
        $row | Should -Not -Match "\s0\s+$([regex]::Escape($listed.AgentName))"
        $row | Should -Match "\s{5}$([regex]::Escape($listed.AgentName))" -Because 'the count column is blank'
    }

    It 'shows CreatedAt as a local, sortable timestamp' {
        $out = $session | Format-Table | Out-String -Width 250
        $out | Should -Match ([regex]::Escape($session.CreatedAt.ToLocalTime().ToString('yyyy-MM-dd HH:mm')))
    }

    It 'fits the id, name, state and time of sample sessions in an 80-column console' {
        $header = (@($listed) + $session | Out-String -Width 80) -split "`n" | Where-Object { $_ -match '^Id\b' } | Select-Object -First 1
        $header | Should -Match '\bName\b'
        $header | Should -Match '\bState\b'
        $header | Should -Match '\bCreatedAt\b'
    }

    It 'streams rows instead of sizing columns to the whole pipeline' {
        $xml = [xml](Get-Content -LiteralPath (Join-Path (Get-Module GumloopPS).ModuleBase 'GumloopPS.Format.ps1xml') -Raw)
        $xml.SelectNodes('//AutoSize').Count | Should -Be 0
    }
}

Describe 'Message table' {
    BeforeAll {
        $long = ConvertFrom-JsonModel ([GumloopPS.Core.Message]) (@{
                id         = 'msg_long'
                role       = 'assistant'
                content    = "First line of a long answer.`nSecond line.`r`n`tIndented third line. " + ('word ' * 100)
                created_at = '2026-09-14T16:30:24Z'
                parts      = $null
            } | ConvertTo-Json)
    }

    It 'shows the text column in an 80-column console' {
        $out = $session | Get-GumloopMessage | Out-String -Width 80
        $out | Should -Match '\bText\b'
        $out | Should -Match 'Reply'
    }

    It 'collapses a multi-line text into one row' {
        $lines = @(($long | Format-Table | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 3 -Because 'a header, a separator and one row'
        $lines[2] | Should -Match 'First line of a long answer\. Second line\. Indented third line\.'
    }

    It 'shortens a long text and marks the cut' {
        $row = @(($long | Format-Table | Out-String -Width 400) -split "`r?`n" | Where-Object { $_.Trim() })[2]
        $row.TrimEnd() | Should -Match '\.\.\.$'
        $row.Length | Should -BeLessThan 300
    }

    It 'keeps the full text in the list view' {
        $out = $long | Format-List | Out-String -Width 2000
        ($out -replace '\s+', ' ') | Should -Match (('word ' * 100).Trim())
    }

    It 'does not change what Export-Csv writes' {
        $csv = $long | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Text | Should -Be $long.Text
    }
}
