#Requires -Version 7.4
# What users see and export: views at 80 and 120 columns, blank message counts for listed sessions, readable
# tools and questions, one kind of output from approvals, Get-Item objects from downloads, and the -PassThru rule.

BeforeDiscovery {
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $changing = Get-Command -Module GumloopPS -Verb Set, Rename, Stop, Remove | Where-Object Noun -ne 'GumloopSimulator' | ForEach-Object Name
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 20
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $renewalId = 'r4Ts9Kq2MwX7bLn'

    function ConvertFrom-JsonModel([type] $Type, [string] $Json) {
        $Type::FromJson([System.Text.Json.JsonDocument]::Parse($Json).RootElement.Clone())
    }

    $paused = New-GumloopSession -AgentId $invoiceId -Input 'brief sim:approval sim:tool' -Wait -WaitTimeoutSec 20
    $samples = @{
        Connection      = Get-GumloopConnection
        Agent           = Get-GumloopAgent -AgentId $renewalId
        Session         = $paused
        ListedSession   = Get-GumloopSession -AgentId $invoiceId -First 1
        Message         = @(Get-GumloopMessage -SessionId $paused.Id)[-1]
        PendingApproval = @($paused.PendingApprovals)[1]
        QueuedMessage   = ConvertFrom-JsonModel ([GumloopPS.Core.QueuedMessage]) '{"id":"qm_4Hx9Tn2cQw8Lz","input":"Also attach last quarter''s usage chart.","state":"queued","position":1,"created_at":"2026-09-14T16:35:30Z"}'
        SessionFile     = ConvertFrom-JsonModel ([GumloopPS.Core.SessionFile]) '{"file_name":"custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv","media_type":"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet","size":18342}'
        Flow            = @(Get-GumloopFlow)[0]
        Workbook        = @(Get-GumloopWorkbook)[0]
        FlowRun         = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'northwind.example' } -Wait -WaitTimeoutSec 30 -Confirm:$false
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Table views at 80 and 120 columns' {
    It '<_> keeps its header on one line, each column name whole' -ForEach @(
        'Connection', 'Agent', 'Session', 'ListedSession', 'Message', 'PendingApproval', 'QueuedMessage', 'SessionFile', 'Flow', 'Workbook', 'FlowRun'
    ) {
        $object = $samples[$_]
        $format = Get-FormatData -TypeName $object.GetType().FullName
        $labels = @($format.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] } |
            Select-Object -First 1 | ForEach-Object { $_.Control.Headers.Label })
        foreach ($width in 80, 120) {
            $lines = @(($object | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
            # Header, dashes, row: a header that wraps adds lines before the dashes.
            $lines[1] | Should -Match '^[\s-]+$' -Because "the $_ header wraps at $width columns"
            foreach ($label in $labels) { $lines[0] | Should -Match "\b$([regex]::Escape($label))\b" -Because "$label is dropped at $width columns" }
        }
    }

    It 'the queued-message State and Id columns are narrow' {
        $lines = @(($samples.QueuedMessage | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })
        $dashes = [regex]::Matches($lines[1], '-+') | ForEach-Object Length
        $dashes[1] | Should -BeLessOrEqual 8
        $dashes[2] | Should -BeLessOrEqual 20
    }

    It 'the uploaded-file table shows the stored name whole at 80 columns' {
        $lines = @(($samples.SessionFile | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
        $start = $lines[0].IndexOf('FileName')
        # The FileName column of every row line, joined: the wrapped path comes back whole.
        $column = -join ($lines | Select-Object -Skip 2 | ForEach-Object { if ($_.Length -gt $start) { $_.Substring($start).Trim() } })
        $column | Should -BeExactly 'custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv'
    }

    It 'the session table keeps AgentName at 80 columns' {
        $out = $samples.Session | Format-Table | Out-String -Width 80
        $out | Should -Match 'AgentName'
    }
}

Describe 'List views and stream events' {
    It 'Tools, AgentTools and Questions read as text, not JSON' {
        $agentList = $samples.Agent | Format-List | Out-String -Width 120
        $agentList | Should -Match 'gumloop_gmail \(approval: always\)'
        $agentList | Should -Not -Match '\{"type"'
        $sessionList = $samples.Session | Format-List | Out-String -Width 120
        $sessionList | Should -Match 'AgentTools'
        $sessionList | Should -Not -Match 'AgentTools\s*:\s*\['
        $question = @($paused.PendingApprovals) | Where-Object Type -eq 'human_input' | Select-Object -First 1
        $questionList = $question | Format-List | Out-String -Width 120
        $questionList | Should -Match 'email_tone: .*\[formal, friendly\]'
        $questionList | Should -Not -Match '\{"name"'
    }

    It '-StreamEvents has a ToolName column, and tool-output-available names its tool' {
        $events = @(New-GumloopSession -AgentId $invoiceId -Input 'tool please sim:tool' -Stream -StreamEvents)
        $output = $events | Where-Object Type -eq 'tool-output-available' | Select-Object -First 1
        $output | Should -Not -BeNullOrEmpty
        $output.ToolName | Should -Not -BeNullOrEmpty
        ($events | Select-Object -First 1 | Format-Table | Out-String -Width 120) | Should -Match 'ToolName'
    }
}

Describe 'Exports' {
    It 'a listed session exports an empty Messages cell; a full one counts its messages' {
        $rows = @($samples.ListedSession, $samples.Session) | ConvertTo-Csv | ConvertFrom-Csv
        $rows[0].Messages | Should -BeExactly ''
        $rows[1].Messages | Should -Match '^\d+ messages?$'
    }
}

Describe 'Approve and Deny write one kind of object' {
    It 'Deny-GumloopApproval writes only outcomes; the session comes with -PassThru' {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'deny me sim:approval' -Wait -WaitTimeoutSec 20
        $out = @($session.PendingApprovals | Deny-GumloopApproval -Reason 'No.')
        $out | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.ApprovalOutcome]) }
        $again = New-GumloopSession -AgentId $invoiceId -Input 'deny me too sim:approval' -Wait -WaitTimeoutSec 20
        $withSession = @($again.PendingApprovals | Deny-GumloopApproval -Reason 'No.' -PassThru)
        $withSession[-1] | Should -BeOfType ([GumloopPS.Core.Session])
    }
}

Describe 'Downloaded flow files' {
    It 'Save-GumloopFlowFile returns Get-Item objects with their provider properties' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("gl-items-" + [guid]::NewGuid())
        $null = New-Item -ItemType Directory $folder
        try {
            $file = $samples.FlowRun | Save-GumloopFlowFile -FileName 'call_notes.md' -OutFile $folder
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.PSPath | Should -Not -BeNullOrEmpty
            $file.PSProvider.Name | Should -Be 'FileSystem'
            $file.Length | Should -BeGreaterThan 0
            if (-not $IsWindows) { $file.UnixMode | Should -Not -BeNullOrEmpty }
        }
        finally { Remove-Item -Recurse -Force $folder }
    }
}

Describe 'State-changing cmdlets follow one rule' {
    It 'Rename-GumloopSession writes nothing without -PassThru' {
        $s = New-GumloopSession -AgentId $invoiceId -Name 'quiet'
        Rename-GumloopSession -SessionId $s.Id -NewName 'still quiet' | Should -BeNullOrEmpty
        (Rename-GumloopSession -SessionId $s.Id -NewName 'loud' -PassThru).Name | Should -BeExactly 'loud'
    }

    It 'Stop-GumloopSession on a finished session warns, as Stop-GumloopFlowRun does' {
        $done = New-GumloopSession -AgentId $invoiceId -Input 'finish' -Wait -WaitTimeoutSec 20
        $result = Invoke-Capture { Stop-GumloopSession -SessionId $done.Id -Confirm:$false }
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0].Message | Should -Match 'not running'
    }

    It 'Stop-GumloopSession on a running session does not warn' {
        $running = New-GumloopSession -AgentId $invoiceId -Input 'long sim:delay=20000'
        (Invoke-Capture { Stop-GumloopSession -SessionId $running.Id -Confirm:$false }).Warnings | Should -BeNullOrEmpty
    }

    It 'every Set-, Rename-, Stop- and Remove- cmdlet takes -PassThru' -ForEach $changing {
        (Get-Command $_).Parameters.ContainsKey('PassThru') | Should -BeTrue
    }
}
