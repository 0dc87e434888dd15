#Requires -Version 7.4
# The Company Brain cmdlets against the simulator: search, sources, uploads in batches with -Wait, estimate and approval.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection
    $teamSource = 'bsrc_4Kq9Vn'
    $draftSource = 'bsrc_8Wm2Tz'
    $pausedSource = 'bsrc_6Rt2Pk'

    # A folder of $Count markdown files (and any extra files), each with its own words so searches can find it.
    function New-DocsFolder([int] $Count, [hashtable] $Extra = @{}) {
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        foreach ($i in 1..$Count) { Set-Content -LiteralPath (Join-Path $dir "doc$i.md") -Value "Document $i about quarterly pricing" }
        foreach ($name in $Extra.Keys) { Set-Content -LiteralPath (Join-Path $dir $name) -Value $Extra[$name] }
        $dir
    }

    function Get-Uploads([string] $SourceId) { Get-Request 'POST' "/api/v1/brain/sources/$SourceId/files" }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Coverage of API section 10.9' {
    It 'Find-GumloopCommand names a typed cmdlet for every Brain operation' {
        $operations = @(Find-GumloopCommand -Path '/brain/*')
        $operations.Count | Should -Be 10
        foreach ($op in $operations) {
            $op.Command | Should -Not -Be 'Invoke-GumloopApi' -Because "$($op.Method) $($op.Path) should have a typed cmdlet"
            Get-Command $op.Command -Module GumloopPS | Should -Not -BeNullOrEmpty
        }
        (Find-GumloopCommand -Path '/brain/sources/{source_id}/files' -Method POST).Command | Should -Be 'Add-GumloopBrainFile'
    }
}

Describe 'Add-GumloopBrainFile' {
    It 'Get-ChildItem <folder> -File | Add-GumloopBrainFile -SourceId $s -Wait uploads 30 files in batches of 25 and waits until indexed' {
        $source = New-GumloopBrainSource -Name 'Pricing docs'
        $dir = New-DocsFolder -Count 30
        $sim.ClearRequestLog()

        $files = @(Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $source.SourceId -Wait)

        $files.Count | Should -Be 30
        $files | Should -BeOfType ([GumloopPS.Core.BrainFile])
        @($files | Where-Object Status -ne 'indexed').Count | Should -Be 0
        ($files.SourcePath | Sort-Object) | Should -Be (Get-ChildItem $dir -File | Sort-Object FullName).FullName
        $files[0].SourceId | Should -Be $source.SourceId
        $uploads = @(Get-Uploads $source.SourceId)
        $uploads.Count | Should -Be 2
        ([regex]::Matches($uploads[0].Body, 'name="files"')).Count | Should -Be 25
        ([regex]::Matches($uploads[1].Body, 'name="files"')).Count | Should -Be 5
        # Uploads go before any poll, and the wait polls the list until every file is indexed.
        @(Get-Request 'GET' "/api/v1/brain/sources/$($source.SourceId)/files").Count | Should -BeGreaterOrEqual 2
        Search-GumloopBrain 'quarterly pricing' -SourceType direct_file_uploads -Limit 50 | Should -HaveCount 30
    }

    It 'shows a progress bar while it waits' {
        $source = New-GumloopBrainSource -Name 'Progress docs'
        $dir = New-DocsFolder -Count 3
        $run = Invoke-OnTextHost -Arguments @{ Text = $dir; Json = $source.SourceId } -Script 'Get-ChildItem $Text -File | Add-GumloopBrainFile -SourceId $Json -Wait -Connection $Connection'
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 3
        $run.Written | Should -Match "Uploading files to Brain source $($source.SourceId)"
        $run.Written | Should -Match "Indexing 3 files in Brain source $($source.SourceId) State: \d of 3 indexed"
    }

    It 'refuses unsupported types locally, reports server rejections and failed indexing per file, and outputs the rest' {
        $source = New-GumloopBrainSource -Name 'Mixed docs'
        $dir = New-DocsFolder -Count 2 -Extra @{ 'team-photo.heic' = 'x'; 'refused.txt' = 'sim:reject'; 'broken.txt' = 'sim:fail' }
        $sim.ClearRequestLog()

        $result = Invoke-Capture { Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $source.SourceId -Wait }

        @($result.Output | Where-Object Status -eq 'indexed').FileName | Sort-Object | Should -Be @('doc1.md', 'doc2.md')
        @($result.Output | Where-Object Status -eq 'failed').FileName | Should -Be 'broken.txt'
        $byId = @{}
        foreach ($err in $result.Errors) { $byId[($err.FullyQualifiedErrorId -split ',')[0]] = $err }
        $byId.Keys | Sort-Object | Should -Be @('GumloopBrainFileRejected', 'GumloopBrainIndexingFailed', 'GumloopUnsupportedFileType')
        $byId.GumloopUnsupportedFileType.TargetObject | Should -Be (Join-Path $dir 'team-photo.heic')
        $byId.GumloopUnsupportedFileType.CategoryInfo.Category | Should -Be 'InvalidType'
        $byId.GumloopBrainFileRejected.TargetObject | Should -Be (Join-Path $dir 'refused.txt')
        $byId.GumloopBrainFileRejected.CategoryInfo.Category | Should -Be 'InvalidData'
        $byId.GumloopBrainIndexingFailed.TargetObject | Should -Be (Join-Path $dir 'broken.txt')
        # The unsupported file was never sent.
        (Get-Uploads $source.SourceId)[0].Body | Should -Not -Match 'team-photo'
    }

    It 'writes one error for a paused source and sends nothing more' {
        $dir = New-DocsFolder -Count 30
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $pausedSource }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBrainSourcePaused,*'
        $result.Errors[0].TargetObject | Should -Be $pausedSource
        @(Get-Uploads $pausedSource).Count | Should -Be 1
        $result.Warnings | Should -Match '5 files were not uploaded'
    }

    It '-WhatIf uploads nothing' {
        $dir = New-DocsFolder -Count 3
        $sim.ClearRequestLog()
        Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $teamSource -WhatIf | Should -BeNullOrEmpty
        @(Get-Uploads $teamSource).Count | Should -Be 0
    }

    It 'does not wait on a draft source, whose files index only after approval' {
        $draft = New-GumloopBrainSource -Name 'Draft docs' -RequireApproval
        $dir = New-DocsFolder -Count 2
        $result = Invoke-Capture { Add-GumloopBrainFile -SourceId $draft.SourceId -Path (Join-Path $dir '*.md') -Wait }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output.Status | Should -Be @('uploaded', 'uploaded')
        $result.Warnings | Should -Match 'is a draft'
    }
}

Describe 'Search-GumloopBrain' {
    It 'writes ranked results with readable text' {
        $results = @(Search-GumloopBrain -Query 'Northwind renewal' -Limit 3)
        $results.Count | Should -BeGreaterThan 0
        $results | Should -BeOfType ([GumloopPS.Core.BrainSearchResult])
        # ForEach-Object, not $results.Rank: on an array that is the array's own Rank (its dimensions).
        ($results | ForEach-Object Rank) | Should -Be (1..$results.Count)
        $results[0].Query | Should -Be 'Northwind renewal'
        $results[0].Content | Should -Match 'Northwind'
        $csv = $results | ConvertTo-Csv | Out-String
        $csv | Should -Match 'Northwind'
        $csv | Should -Not -Match 'System\.|GumloopPS\.'
    }

    It 'reports a search the service refuses with the query as the target' {
        $result = Invoke-Capture { Search-GumloopBrain -Query 'renewal' -SourceType 'dropbox' }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest,*'
        $result.Errors[0].TargetObject | Should -Be 'renewal'
    }

    It '-WhatIf spends nothing' {
        $sim.ClearRequestLog()
        Search-GumloopBrain 'renewal' -WhatIf | Should -BeNullOrEmpty
        @(Get-Request 'POST' '/api/v1/brain/search').Count | Should -Be 0
    }
}

Describe 'Brain sources' {
    It 'Get-GumloopBrainSource lists, filters and gets by id from the pipeline' {
        $all = @(Get-GumloopBrainSource -All)
        $all.SourceId | Should -Contain $teamSource
        $all | Should -BeOfType ([GumloopPS.Core.BrainSource])
        @(Get-GumloopBrainSource -Scope organization -All).Scope | Sort-Object -Unique | Should -Be 'organization'
        @(Get-GumloopBrainSource -SourceType notion).SourceId | Should -Be 'bsrc_1Pd6Hx'
        $first = @(Invoke-Capture { Get-GumloopBrainSource -First 1 })
        $first.Output.Count | Should -Be 1
        (Get-GumloopBrainFile -SourceId $teamSource -First 1 | Get-GumloopBrainSource).Name | Should -Be 'Renewal playbooks'
        ($teamSource | Get-GumloopBrainSource).Status | Should -Be 'active'
    }

    It 'an unknown source is ObjectNotFound naming the Brain source' {
        $result = Invoke-Capture { Get-GumloopBrainSource -SourceId 'bsrc_missing' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -Be 'bsrc_missing'
        $result.Errors[0].ErrorDetails.Message | Should -Match "No Brain source 'bsrc_missing'"
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopBrainSource'
    }

    It 'New-GumloopBrainSource creates a team draft and checks the scope rules before sending' {
        $created = New-GumloopBrainSource -Name 'Legal archive' -Scope team -TeamId $sim.TeamId -RequireApproval
        $created.Status | Should -Be 'draft'
        $created.TeamId | Should -Be $sim.TeamId

        $sim.ClearRequestLog()
        $result = Invoke-Capture { New-GumloopBrainSource -Name 'No team' -Scope team }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument,*'
        $result.Errors[0].TargetObject | Should -Be 'No team'
        $result = Invoke-Capture { New-GumloopBrainSource -Name 'Stray team' -TeamId $sim.TeamId }
        $result.Errors[0].Exception.Message | Should -Match 'only with team scope'
        @(Get-Request 'POST' '/api/v1/brain/sources').Count | Should -Be 0
        New-GumloopBrainSource -Name 'Not made' -WhatIf | Should -BeNullOrEmpty
        @(Get-Request 'POST' '/api/v1/brain/sources').Count | Should -Be 0
    }

    It 'Remove-GumloopBrainSource deletes a piped source, and -WhatIf deletes nothing' {
        $doomed = New-GumloopBrainSource -Name 'Doomed'
        $doomed | Remove-GumloopBrainSource -WhatIf
        (Get-GumloopBrainSource -SourceId $doomed.SourceId).SourceId | Should -Be $doomed.SourceId
        $doomed | Remove-GumloopBrainSource -Confirm:$false | Should -BeNullOrEmpty
        (Invoke-Capture { Get-GumloopBrainSource -SourceId $doomed.SourceId }).Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        (Invoke-Capture { Remove-GumloopBrainSource -SourceId 'bsrc_missing' -Confirm:$false }).Errors[0].TargetObject | Should -Be 'bsrc_missing'
        $other = New-GumloopBrainSource -Name 'Also doomed'
        (Remove-GumloopBrainSource -SourceId $other.SourceId -Confirm:$false -PassThru).Name | Should -Be 'Also doomed'
    }

    It 'Remove-GumloopBrainSource refuses piped files, so they never delete their source' {
        $file = Get-GumloopBrainFile -SourceId $teamSource -First 1
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $file | Remove-GumloopBrainSource -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        @($sim.RequestLog | Where-Object Method -eq 'DELETE').Count | Should -Be 0
    }

    It '<_> refuses a piped agent instead of taking its id or name as a source id' -ForEach @(
        'Get-GumloopBrainSource', 'Get-GumloopBrainFile', 'Measure-GumloopBrainSource', 'Approve-GumloopBrainSource -WhatIf', 'Remove-GumloopBrainSource -WhatIf'
    ) {
        $agent = Get-GumloopAgent -AgentId 'r4Ts9Kq2MwX7bLn'
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $agent | & ([scriptblock]::Create("`$input | $_")) }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -Match 'Parameter'
        @($sim.RequestLog | Where-Object Path -like '*/brain/*').Count | Should -Be 0
    }

    It 'is ConfirmImpact High for removal and approval, Low for search' {
        (Get-Command Remove-GumloopBrainSource).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Approve-GumloopBrainSource).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        (Get-Command Search-GumloopBrain).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'Low'
    }
}

Describe 'Brain files' {
    It 'Get-GumloopBrainFile lists a piped source and filters by status' {
        $files = @(Get-GumloopBrainSource -SourceId $teamSource | Get-GumloopBrainFile -All)
        $files.FileName | Should -Contain 'renewal-playbook-v3.pdf'
        $failed = @(Get-GumloopBrainFile -SourceId $teamSource -Status failed)
        $failed.FileName | Should -Be 'pricing-faq.md'
        $failed.Error | Should -Be 'The file could not be parsed.'
        (Invoke-Capture { Get-GumloopBrainFile -SourceId 'bsrc_missing' }).Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
    }

    It 'Remove-GumloopBrainFile deletes piped files, and -WhatIf and unknown ids delete nothing' {
        $source = New-GumloopBrainSource -Name 'Scratch'
        $dir = New-DocsFolder -Count 2
        $null = Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $source.SourceId
        Get-GumloopBrainFile -SourceId $source.SourceId | Remove-GumloopBrainFile -WhatIf
        @(Get-GumloopBrainFile -SourceId $source.SourceId).Count | Should -Be 2
        $removed = Get-GumloopBrainFile -SourceId $source.SourceId | Where-Object FileName -eq 'doc1.md' | Remove-GumloopBrainFile -PassThru
        $removed.FileName | Should -Be 'doc1.md'
        @(Get-GumloopBrainFile -SourceId $source.SourceId).FileName | Should -Be 'doc2.md'
        $result = Invoke-Capture { Remove-GumloopBrainFile -SourceId $source.SourceId -FileId 'bfile_missing' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].TargetObject | Should -Be 'bfile_missing'
    }
}

Describe 'Estimate and approval' {
    It 'Measure-GumloopBrainSource reads the estimate, flattened' {
        $estimate = Measure-GumloopBrainSource -SourceId $draftSource
        $estimate | Should -BeOfType ([GumloopPS.Core.BrainSourceEstimate])
        $estimate.HasEstimate | Should -BeTrue
        $estimate.EstimatedCredits | Should -Be 135
        $estimate.DocumentCount | Should -Be 37
        $estimate.EstimateStatus | Should -Be 'paused_for_approval'
        (Invoke-Capture { Measure-GumloopBrainSource -SourceId 'bsrc_missing' }).Errors[0].TargetObject | Should -Be 'bsrc_missing'
    }

    It 'Approve-GumloopBrainSource shows the estimated credits in its prompt, and a No approves nothing' {
        $draft = New-GumloopBrainSource -Name 'Prompted draft' -RequireApproval
        $dir = New-DocsFolder -Count 2
        $null = Get-ChildItem $dir -File | Add-GumloopBrainFile -SourceId $draft.SourceId
        $run = Invoke-OnTextHost -Answer 2 -Arguments @{ Json = $draft.SourceId } -Script 'Approve-GumloopBrainSource -SourceId $Json -Connection $Connection'
        $run.Prompts.Count | Should -Be 1
        $run.Prompts[0] | Should -Match 'index 2 documents for an estimated 5 credits'
        (Get-GumloopBrainSource -SourceId $draft.SourceId).Status | Should -Be 'draft'
    }

    It 'approves a draft, -WhatIf approves nothing, and a second approval is GumloopBrainSourceNotDraft' {
        $draft = New-GumloopBrainSource -Name 'Approved draft' -RequireApproval
        $draft | Approve-GumloopBrainSource -WhatIf | Should -BeNullOrEmpty
        @(Get-Request 'POST' "/api/v1/brain/sources/$($draft.SourceId)/approve").Count | Should -Be 0
        ($draft | Approve-GumloopBrainSource -Confirm:$false).Status | Should -Be 'active'
        $result = Invoke-Capture { Approve-GumloopBrainSource -SourceId $draft.SourceId -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBrainSourceNotDraft,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $result.Errors[0].TargetObject | Should -Be $draft.SourceId
    }
}
