#Requires -Version 7.4
# Get-GumloopArtifact and Save-GumloopArtifact against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewal = 'r4Ts9Kq2MwX7bLn'

    function Get-StorageRequests { @($sim.RequestLog | Where-Object { $_.Path -like '/storage/*' }) }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopArtifact' {
    It 'lists an agent''s artifacts newest first as typed objects' {
        $items = @(Get-GumloopArtifact -AgentId $renewal)

        $items[0] | Should -BeOfType ([GumloopPS.Core.Artifact])
        $items.Id | Should -Be @('art_Q3m9Xk2L', 'art_W8n4Jc6V', 'art_Fc2Lp9Hs')
        $items[0].FileName | Should -BeExactly 'northwind-renewal-brief.docx'
        $items[0].VersionId | Should -BeExactly 'artv_7Rp1Tz'
        $items[0].CreatorName | Should -BeExactly 'Priya Raman'
    }

    It 'pages with -First and -All through the one pager, warning when more exist' {
        1..25 | ForEach-Object { $null = $sim.AddArtifact($renewal, $null, "report-$_.txt", [byte[]](1, 2, 3), 'text/plain') }
        $default = Invoke-Capture { Get-GumloopArtifact -AgentId $renewal }
        $default.Output.Count | Should -Be 20
        $default.Warnings.Count | Should -Be 1
        $default.Warnings[0].Message | Should -Match '-All'
        @(Get-GumloopArtifact -AgentId $renewal -First 3).Count | Should -Be 3
        $sim.ClearRequestLog()
        @(Get-GumloopArtifact -AgentId $renewal -All).Count | Should -Be 28
        @($sim.RequestLog | Where-Object Path -like '*/artifacts').Count | Should -Be 1 -Because '-All reads pages of 100'
    }

    It 'lists the artifacts of piped sessions, and of piped agents' {
        $bySession = @(Get-GumloopSession -SessionId 'sess_Hm5rZ1xJ7c' | Get-GumloopArtifact)
        $bySession.Id | Should -Be @('art_W8n4Jc6V')
        $request = @($sim.RequestLog | Where-Object Path -like '*/artifacts')[-1]
        $request.Query | Should -Match 'session_id=sess_Hm5rZ1xJ7c'
        @(Get-GumloopAgent -AgentId $renewal | Get-GumloopArtifact -Search 'northwind').Id | Should -Be @('art_Q3m9Xk2L')
    }

    It 'reports an unknown agent as GumloopNotFound with the agent id as the target' {
        $result = Invoke-Capture { Get-GumloopArtifact -AgentId 'ghost-agent' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'ghost-agent'
    }

    It 'exports to CSV as readable text' {
        $row = Get-GumloopArtifact -AgentId $renewal -Search 'northwind' | ConvertTo-Csv | ConvertFrom-Csv
        $row.Creator | Should -BeExactly 'Priya Raman'
        $row.Metadata | Should -Match '"media_type"'
    }
}

Describe 'Save-GumloopArtifact' {
    It 'saves piped artifacts into a folder under their own names, fetching without Gumloop credentials' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'out1')
        $sim.ClearRequestLog()

        $files = @(Get-GumloopArtifact -AgentId $renewal -Search 'q3-usage' | Save-GumloopArtifact -Destination $folder)

        $files.Count | Should -Be 1
        $files[0].Name | Should -BeExactly 'q3-usage-summary.csv'
        Get-Content -Raw $files[0].FullName | Should -BeExactly "account,seats,active`nNorthwind,240,231`n"
        $storage = Get-StorageRequests
        $storage.Count | Should -Be 1
        $storage[0].Credential | Should -BeNullOrEmpty
        $storage[0].AuthKey | Should -BeNullOrEmpty
    }

    It 'saves a chosen version to a file path' {
        $target = Join-Path $TestDrive 'first-draft.docx'
        $file = Save-GumloopArtifact -ArtifactId 'art_Q3m9Xk2L' -VersionId 'artv_4Kd8Wn' -Destination $target
        $file.FullName | Should -BeExactly $target
        Get-Content -Raw $target | Should -BeExactly "Northwind renewal brief, first draft.`n"
    }

    It 'never overwrites without -Force, and replaces with it' {
        $target = Join-Path $TestDrive 'keep.docx'
        Set-Content -LiteralPath $target -Value 'mine' -NoNewline
        $sim.ClearRequestLog()

        $result = Invoke-Capture { Save-GumloopArtifact -ArtifactId 'art_Q3m9Xk2L' -Destination $target }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $result.Errors[0].TargetObject | Should -BeExactly $target
        Get-Content -Raw $target | Should -BeExactly 'mine'
        $sim.RequestLog | Should -BeNullOrEmpty

        Save-GumloopArtifact -ArtifactId 'art_Q3m9Xk2L' -Destination $target -Force | Out-Null
        Get-Content -Raw $target | Should -Match '^Northwind renewal brief\.'
    }

    It 'refuses an existing file found only once the name is known, in a folder' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'out2')
        Set-Content -LiteralPath (Join-Path $folder 'q3-usage-summary.csv') -Value 'mine'
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Save-GumloopArtifact -ArtifactId 'art_Fc2Lp9Hs' -Destination $folder }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        $result.Errors[0].TargetObject | Should -BeExactly (Join-Path $folder 'q3-usage-summary.csv')
        Get-StorageRequests | Should -BeNullOrEmpty -Because 'the file name was known from the download answer, before any byte was fetched'
        (Get-Content -Raw (Join-Path $folder 'q3-usage-summary.csv')).Trim() | Should -BeExactly 'mine'
    }

    It 'reports an unknown artifact as GumloopNotFound' {
        $result = Invoke-Capture { Save-GumloopArtifact -ArtifactId 'art_nope' -Destination $TestDrive }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'art_nope'
    }

    It '-WhatIf downloads nothing' {
        $target = Join-Path $TestDrive 'whatif.docx'
        $sim.ClearRequestLog()
        Save-GumloopArtifact -ArtifactId 'art_Q3m9Xk2L' -Destination $target -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
        Test-Path $target | Should -BeFalse
    }

    It 'is the typed command for both artifact operations' {
        (Find-GumloopCommand -Path '/agents/{agent_id}/artifacts' -Method GET).Command | Should -BeExactly 'Get-GumloopArtifact'
        (Find-GumloopCommand -Path '/artifacts/{artifact_id}/download' -Method GET).Command | Should -BeExactly 'Save-GumloopArtifact'
    }
}
