#Requires -Version 7.4
# Server text that reaches the terminal (prompts, -WhatIf, -Stream text, errors, format views) is neutralised:
# escape sequences and control characters are shown, never executed; the objects keep the raw text.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $esc = [char]27
    $bel = [char]7

    # True when the text holds anything a terminal acts on: C0/C1 controls other than LF and TAB, DEL, a CR not before LF.
    function Test-Live([string] $Text) {
        $Text -match '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]' -or $Text -match "`r(?!`n)"
    }

    # An ask whose title and display fields a prompt injection steered.
    $forged = @{
        session_id        = 'sess_Forged01'
        action_request_id = 'areq_Forged01'
        type              = 'tool_approval'
        title             = "Read calendar`r`nTool: calendar_read"
        tool_name         = 'gmail_send'
        server_label      = 'Gmail'
        reason            = "Routine$esc[8m hidden text$esc[0m"
        display_fields    = @(, @('To', "attacker@evil.example$esc[2K`r  To:      boss@corp.example"))
    } | ConvertTo-Json -Depth 5

    $newAsk = '$ask = [GumloopPS.Core.PendingApproval]::FromJson([System.Text.Json.JsonDocument]::Parse($Json).RootElement, ''sess_Forged01'')'
}

AfterAll {
    $sim.ClearFaults()
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'The approval prompt cannot be forged' {
    It 'shows each field on one line with its controls visible, and sends nothing when refused' {
        $sim.ClearRequestLog()
        $run = Invoke-OnTextHost -Answer 2 -Arguments @{ Json = $forged } -Script @"
$newAsk
`$ask | Approve-GumloopApproval -Connection `$Connection -Confirm
"@
        $run.Errors | Should -BeNullOrEmpty
        $run.Prompts.Count | Should -Be 1
        $prompt = $run.Prompts[0]
        Test-Live $prompt | Should -BeFalse
        $prompt | Should -Not -Match "(?m)^\s*To:\s+boss@corp\.example"
        $prompt | Should -Not -Match "(?m)^\s*Tool:\s+calendar_read"
        $prompt | Should -Match "(?m)^\s+To:\s+attacker@evil\.example\u241b\[2K\u240d"
        $prompt | Should -Match 'Read calendar\u240d\u240aTool: calendar_read \[areq_Forged01\]'
        $prompt | Should -Match 'Routine\u241b\[8m hidden text'
        @(Get-Request POST '*/approvals').Count | Should -Be 0
    }

    It 'neutralises the -WhatIf line the same way' {
        $run = Invoke-OnTextHost -Arguments @{ Json = $forged } -Script @"
$newAsk
`$ask | Approve-GumloopApproval -Connection `$Connection -WhatIf
"@
        $run.Written | Should -Match 'What if:'
        $run.Written | Should -Match 'attacker@evil\.example'
        Test-Live $run.Written | Should -BeFalse
        ($run.Written -split "`n" | Where-Object { $_ -match '^\s*To:' }) | Should -BeNullOrEmpty
    }

    It 'keeps the raw values on the object for scripts, while its list and table views are neutralised' {
        $ask = [GumloopPS.Core.PendingApproval]::FromJson([System.Text.Json.JsonDocument]::Parse($forged).RootElement, 'sess_Forged01')
        $ask.DisplayFields[0].Value | Should -BeExactly "attacker@evil.example$esc[2K`r  To:      boss@corp.example"
        $ask.Title | Should -BeExactly "Read calendar`r`nTool: calendar_read"
        $table = $ask | Format-Table | Out-String -Width 200
        $list = $ask | Format-List | Out-String -Width 200
        Test-Live $table | Should -BeFalse
        Test-Live $list | Should -BeFalse
        $list | Should -Match 'attacker@evil\.example\u241b\[2K\u240d'
        $list | Should -Not -Match "(?m)^\s*To:\s+boss"
    }
}

Describe 'Agent text never drives the terminal' {
    BeforeAll {
        # The simulator's reply quotes the input, as an agent echoing injected text would.
        $attack = "title $esc]0;owned$bel clear $esc[2J link $esc]8;;https://evil.example$esc\click$esc]8;;$esc\ hide $esc[8msecret$esc[0m clip $esc]52;c;ZXZpbA==$bel"
    }

    It '-Stream text on an interactive host shows the sequences as symbols' {
        $session = New-GumloopSession -AgentId $invoiceId
        $run = Invoke-OnTextHost -Arguments @{ Json = $session.Id; Text = $attack } -Script @'
Send-GumloopMessage -SessionId $Json -Input $Text -Stream -Connection $Connection
'@
        $run.Errors | Should -BeNullOrEmpty
        $run.Written | Should -Match 'Reply \d+ to'
        Test-Live $run.Written | Should -BeFalse
        $run.Written | Should -Match '\u241b\]52;c;ZXZpbA==\u2407'
        $run.Written | Should -Match '\u241b\[2J'
        # The session written to the pipeline keeps the raw reply.
        $run.Output[-1].Messages[-1].Text | Should -Match ([regex]::Escape("$esc]52;c;"))
    }

    It '-Stream text on the Information stream is neutralised too' {
        $session = New-GumloopSession -AgentId $invoiceId
        $info = @(Send-GumloopMessage -SessionId $session.Id -Input $attack -Stream 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
        $info.Count | Should -BeGreaterThan 0
        $text = -join ($info | ForEach-Object { "$($_.MessageData)" })
        Test-Live $text | Should -BeFalse
        $text | Should -Match '\u241b\]0;owned\u2407'
    }

    It 'session and message views show the sequences as symbols; the objects keep them' {
        $session = New-GumloopSession -AgentId $invoiceId -Name "Q3 $esc]0;owned$bel$esc[2J" -Input $attack -Wait -TimeoutSec 20
        $session.Name | Should -BeExactly "Q3 $esc]0;owned$bel$esc[2J"
        foreach ($view in @(
                ($session | Format-Table | Out-String -Width 200),
                ($session | Format-List | Out-String -Width 200),
                ($session.Messages | Format-Table | Out-String -Width 200),
                ($session.Messages | Format-List | Out-String -Width 200),
                (Get-GumloopAgent -AgentId $invoiceId | Format-List | Out-String -Width 200))) {
            Test-Live $view | Should -BeFalse
        }
        ($session | Format-Table | Out-String -Width 200) | Should -Match 'Q3 \u241b\]0;owned\u2407\u241b\[2J'
    }

    It 'an API error message is neutralised in what the host shows, and kept raw on the exception' {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', '/sessions/*', [GumloopPS.Simulator.SimulatorFault]::Status(400,
            (@{ error = @{ code = 'invalid_request'; type = 'invalid_request_error'; message = "Bad $esc]52;c;ZXZpbA==$bel request`rFAKE" } } | ConvertTo-Json))))
        $result = Invoke-Capture { Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' -MaxRetryCount 0 }
        $result.Errors.Count | Should -Be 1
        $err = $result.Errors[0]
        $err.Exception.Message | Should -Match ([regex]::Escape("$esc]52;"))
        Test-Live $err.ErrorDetails.Message | Should -BeFalse
        $err.ErrorDetails.Message | Should -Match 'Bad \u241b\]52;c;ZXZpbA==\u2407 request\u240dFAKE'
        Test-Live ($err | Out-String) | Should -BeFalse
    }
}
