#Requires -Version 7.4
# The pipelines the product promises, end to end on the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $salesId = 'sAl3sAg3ntXyZ01'
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $typeNamePattern = 'System\.Object\[\]|System\.Collections|GumloopPS\.|System\.Text\.Json'

    # Export-Csv writes DateTimeOffset with the current culture, so parse it back the same way.
    function ConvertTo-Offset([string] $Text) {
        [DateTimeOffset]::Parse($Text, [cultureinfo]::CurrentCulture)
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe "Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'hi' -Wait" {
    BeforeAll {
        $sessions = @(Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'hi' -Wait)
    }

    It 'creates one session for the one matching agent' {
        $sessions.Count | Should -Be 1
        $sessions[0].AgentId | Should -BeExactly $salesId
        $sessions[0].AgentName | Should -BeExactly 'Sales assistant'
    }

    It 'returns it completed with the question and the answer' {
        $sessions[0].State | Should -BeExactly 'completed'
        $sessions[0].Messages.Role | Should -Be @('user', 'assistant')
        $sessions[0].Messages[0].Text | Should -BeExactly 'hi'
        $sessions[0].Messages[1].Text | Should -BeExactly 'Reply 1 to "hi"'
    }

    It 'the session exists on the server' {
        (Get-GumloopSession -SessionId $sessions[0].Id).State | Should -BeExactly 'completed'
    }
}

Describe "Get-GumloopSession -AgentId `$a -All | Where-Object State -eq 'failed'" {
    BeforeAll {
        $agentId = $sim.AddAgent('agt_failures', 'Failure mix')
        $failed = @(
            New-GumloopSession -AgentId $agentId -Input 'one sim:fail' -Wait -NoFailureError
            New-GumloopSession -AgentId $agentId -Input 'two sim:fail' -Wait -NoFailureError
        )
        $null = New-GumloopSession -AgentId $agentId -Input 'fine' -Wait
        $null = New-GumloopSession -AgentId $agentId -Input 'also fine' -Wait
        $null = New-GumloopSession -AgentId $agentId
        # Enough extra sessions to need more than one default-size page.
        $null = 1..25 | ForEach-Object { [pscustomobject]@{ AgentId = $agentId } } | New-GumloopSession
        $cancelled = New-GumloopSession -AgentId $agentId -Input 'cancel sim:delay=20000'
        Stop-GumloopSession -SessionId $cancelled.Id -Confirm:$false
        $result = @(Get-GumloopSession -AgentId $agentId -All | Where-Object State -eq 'failed')
    }

    It 'finds exactly the failed and the cancelled sessions' {
        $result.Count | Should -Be 3
        ($result.Id | Sort-Object) | Should -Be (@($failed.Id) + $cancelled.Id | Sort-Object)
    }

    It 'the listed sessions carry their state as the API sends it' {
        $result | ForEach-Object { $_.State | Should -BeExactly 'failed' }
    }

    It 'the whole list holds every session of the agent' {
        @(Get-GumloopSession -AgentId $agentId -All).Count | Should -Be 31
    }
}

Describe "Send-GumloopMessage -Wait | Get-GumloopMessage | Where-Object Role -eq 'assistant' | Export-Csv" {
    BeforeAll {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'first, with "quotes"' -Wait
        $session = Send-GumloopMessage -SessionId $session.Id -Input 'second' -Wait
        $csv = Join-Path $TestDrive 't.csv'
        Send-GumloopMessage -SessionId $session.Id -Input 'x' -Wait | Get-GumloopMessage | Where-Object Role -eq 'assistant' | Export-Csv -Path $csv
        $expected = @(Get-GumloopMessage -SessionId $session.Id -Role assistant)
        $raw = Get-Content -Raw -Path $csv
        $rows = @(Import-Csv -Path $csv)
    }

    It 'writes one row per assistant message' {
        $expected.Count | Should -Be 3
        $rows.Count | Should -Be 3
        $rows | ForEach-Object { $_.Role | Should -BeExactly 'assistant' }
    }

    It 'has no type names or System.Object[] in any cell' {
        $raw | Should -Not -Match $typeNamePattern
    }

    It 'has readable text in every cell of every column' {
        foreach ($row in $rows) {
            foreach ($property in $row.PSObject.Properties) {
                $property.Value | Should -Not -Match $typeNamePattern -Because "column $($property.Name) must be readable"
            }
        }
    }

    It 'Import-Csv gives back the same Id, Role and Text' {
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $rows[$i].Id | Should -BeExactly $expected[$i].Id
            $rows[$i].Role | Should -BeExactly $expected[$i].Role
            $rows[$i].Text | Should -BeExactly $expected[$i].Text
        }
        $rows[2].Text | Should -BeExactly 'Reply 3 to "x"'
    }

    It 'Import-Csv gives back the same CreatedAt' {
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $rows[$i].CreatedAt | Should -Not -BeNullOrEmpty
            (ConvertTo-Offset $rows[$i].CreatedAt) | Should -Be $expected[$i].CreatedAt -Because "the CSV cell '$($rows[$i].CreatedAt)' must round-trip to $($expected[$i].CreatedAt.ToString('o'))"
        }
    }

    It 'keeps the session and author columns' {
        $rows | ForEach-Object {
            $_.SessionId | Should -BeExactly $session.Id
            $_.AuthorName | Should -BeExactly 'Invoice checker'
        }
    }

    It 'writes the parts as readable text' {
        $rows[0].Parts | Should -Match 'Reply 1'
    }
}

Describe 'Get-GumloopSession -AgentId $a -All | Get-GumloopMessage | Export-Csv all.csv' {
    BeforeAll {
        $agentId = $sim.AddAgent('agt_transcripts', 'Transcript agent')
        $s1 = New-GumloopSession -AgentId $agentId -Input 'alpha' -Wait
        $s1 = Send-GumloopMessage -SessionId $s1.Id -Input 'beta' -Wait
        $s2 = New-GumloopSession -AgentId $agentId -Input 'gamma sim:fail' -Wait -NoFailureError
        $s3 = New-GumloopSession -AgentId $agentId
        $s4 = New-GumloopSession -AgentId $agentId -Input 'delta sim:approval' -Wait
        $all = Join-Path $TestDrive 'all.csv'
        $sim.ClearRequestLog()
        Get-GumloopSession -AgentId $agentId -All | Get-GumloopMessage | Export-Csv -Path $all
        $requests = @($sim.RequestLog)
        $rows = @(Import-Csv -Path $all)
    }

    It 'exports one row per message of every session' {
        $rows.Count | Should -Be (4 + 2 + 0 + 2)
    }

    It 'covers every session that has messages' {
        ($rows.SessionId | Sort-Object -Unique) | Should -Be (@($s1.Id, $s2.Id, $s4.Id) | Sort-Object)
    }

    It 'keeps the messages of one session together and in order' {
        $mine = @($rows | Where-Object SessionId -eq $s1.Id)
        $mine.Role | Should -Be @('user', 'assistant', 'user', 'assistant')
        $mine[0].Text | Should -BeExactly 'alpha'
        $mine[2].Text | Should -BeExactly 'beta'
    }

    It 'makes one list request and one GET per session' {
        @($requests | Where-Object { $_.Path -like "*/agents/$agentId/sessions" }).Count | Should -Be 1
        @($requests | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/sessions/*' -and $_.Path -notlike '*/agents/*' }).Count | Should -Be 4
    }

    It 'has no type names in the file' {
        Get-Content -Raw -Path $all | Should -Not -Match $typeNamePattern
    }
}

Describe 'Exporting every transcript streams instead of collecting' {
    BeforeAll {
        # Three pages of sessions: if the cmdlets gathered everything before writing, all three pages
        # would be read before the first message reached the end of the pipeline.
        $bigAgent = $sim.AddAgent('agt_many', 'Many sessions')
        1..250 | ForEach-Object { $null = $sim.SeedSession($bigAgent, 2) }
        $sim.ClearRequestLog()
        $firstThree = @(Get-GumloopSession -AgentId $bigAgent -All | Get-GumloopMessage | Select-Object -First 3)
        $listRequests = @($sim.RequestLog | Where-Object { $_.Path -like "*/agents/$bigAgent/sessions" })
        $getRequests = @($sim.RequestLog | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/sessions/*' -and $_.Path -notlike '*/agents/*' })
    }

    It 'writes the first messages while later pages are still unread' {
        $firstThree.Count | Should -Be 3
        $listRequests.Count | Should -Be 1
    }

    It 'fetches only the sessions whose messages were asked for' {
        $getRequests.Count | Should -BeLessOrEqual 3
    }

    It 'still pages through all 250 sessions when the whole list is consumed' {
        @(Get-GumloopSession -AgentId $bigAgent -All).Count | Should -Be 250
    }
}

Describe 'Runbook-style transcript' {
    It 'a session with two follow-ups has three questions and three answers' {
        $agent = Get-GumloopAgent -Name 'Invoice*'
        $session = $agent | New-GumloopSession -Input 'Which invoices are overdue?' -Wait
        foreach ($followUp in 'And the largest?', 'Draft a reminder.') {
            $session = Send-GumloopMessage -SessionId $session.Id -Input $followUp -Wait
        }
        $messages = @($session | Get-GumloopMessage)
        $messages.Count | Should -Be 6
        @($messages | Where-Object Role -eq 'user').Count | Should -Be 3
        @($messages | Where-Object Role -eq 'assistant').Count | Should -Be 3
        $table = $messages | Format-Table Role, AuthorName, Text | Out-String
        $table | Should -Match 'Draft a reminder\.'
    }

    It 'works from ForEach-Object -Parallel with an explicit -Connection' {
        $connection = Get-GumloopConnection
        $module = $env:GUMLOOPPS_TEST_MODULE
        $sessions = @(1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:module
                New-GumloopSession -AgentId $using:salesId -Input "parallel $_" -Connection $using:connection
            })
        $sessions.Count | Should -Be 3
        @($sessions.Id | Sort-Object -Unique).Count | Should -Be 3
        $sessions | ForEach-Object { $_.AgentId | Should -BeExactly $salesId }
    }

    It 'Get-GumloopSession | Wait-GumloopSession | Get-GumloopMessage chains on ids' {
        $started = New-GumloopSession -AgentId $salesId -Input 'chain'
        $messages = @(Get-GumloopSession -SessionId $started.Id | Wait-GumloopSession -TimeoutSec 20 | Get-GumloopMessage -Role assistant)
        $messages.Count | Should -Be 1
        $messages[0].Text | Should -BeExactly 'Reply 1 to "chain"'
    }
}
