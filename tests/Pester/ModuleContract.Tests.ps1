#Requires -Version 7.4
# What no other file pins down: the repository layout and README contract, GUMLOOP_TEAM_ID, Wait-GumloopSession
# progress, the busy advice, already_accepted, readable PendingApproval CSV, unreadable files and a format view for
# every output type.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection
    $savedEnv = Save-GumloopEnv

    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $leakPattern = '(GumloopPS\.(Core|Simulator)\.\w+|System\.Object\[\]|System\.Collections\.|System\.Management\.)'
    $readmeCommands = @(
        'dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo'
        'dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test'
    )

    function Get-Project([string] $RelativePath) {
        [xml](Get-Content -Raw -LiteralPath (Join-Path $repo $RelativePath))
    }

    function Get-PackageReference([xml] $Project, [string] $Name) {
        @($Project.Project.ItemGroup.PackageReference | Where-Object { $_ -and $_.Include -eq $Name })
    }
}

AfterAll {
    Restore-GumloopEnv $savedEnv
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Repository layout' {
    It 'has <_> at the top level' -ForEach 'src', 'tests', 'GumloopPS.psd1', 'build.ps1', 'GumloopPS.sln', 'README.md',
    '.config/dotnet-tools.json', '.ci/run', '.editorconfig', '.gitignore' {
        Join-Path $repo $_ | Should -Exist
    }

    It 'pins the PowerShell dotnet tool at 7.6.9' {
        $tools = Get-Content -Raw -LiteralPath (Join-Path $repo '.config/dotnet-tools.json') | ConvertFrom-Json
        $tools.tools.powershell.version | Should -BeExactly '7.6.9'
        $tools.tools.powershell.commands | Should -Contain 'pwsh'
    }

    It '.ci/run runs the README test command' {
        $run = Get-Content -LiteralPath (Join-Path $repo '.ci/run')
        $commands = @($run | Where-Object { $_ -notmatch '^\s*(#|$)' -and $_ -notmatch '^(set|cd) ' })
        $commands[-1] | Should -Be $readmeCommands[1]
        # Before it, .ci/run only installs what the tests need from apt (chromium, for the HTML render test).
        @($commands | Select-Object -SkipLast 1 | Where-Object { $_ -match 'dotnet|build\.ps1|pwsh' }) | Should -BeNullOrEmpty
    }

    It 'Core targets netstandard2.0 with System.Text.Json 8.0.x and no PowerShell reference' {
        $project = Get-Project 'src/GumloopPS.Core/GumloopPS.Core.csproj'
        $project.Project.PropertyGroup.TargetFramework | Where-Object { $_ } | Should -BeExactly 'netstandard2.0'
        (Get-PackageReference $project 'System.Text.Json').Version | Should -Match '^8\.0\.\d+$'
        Get-PackageReference $project 'PowerShellStandard.Library' | Should -BeNullOrEmpty
        Get-PackageReference $project 'System.Management.Automation' | Should -BeNullOrEmpty
    }

    It 'the cmdlets target netstandard2.0 with PowerShellStandard.Library 5.1.1 as a private asset' {
        $project = Get-Project 'src/GumloopPS/GumloopPS.csproj'
        $project.Project.PropertyGroup.TargetFramework | Where-Object { $_ } | Should -BeExactly 'netstandard2.0'
        $reference = Get-PackageReference $project 'PowerShellStandard.Library'
        $reference.Version | Should -BeExactly '5.1.1'
        $reference.PrivateAssets | Should -BeExactly 'all'
    }

    It 'the simulator targets netstandard2.0 and the xunit tests net10.0' {
        (Get-Project 'src/GumloopPS.Simulator/GumloopPS.Simulator.csproj').Project.PropertyGroup.TargetFramework | Where-Object { $_ } |
            Should -BeExactly 'netstandard2.0'
        $tests = Get-Project 'tests/GumloopPS.Tests/GumloopPS.Tests.csproj'
        $tests.Project.PropertyGroup.TargetFramework | Where-Object { $_ } | Should -BeExactly 'net10.0'
        Get-PackageReference $tests 'xunit' | Should -Not -BeNullOrEmpty
    }

    It 'restores Pester with a PackageDownload' {
        $tools = Get-Project 'tests/tools/Tools.csproj'
        $download = @($tools.Project.ItemGroup.PackageDownload | Where-Object { $_ -and $_.Include -eq 'Pester' })
        $download.Count | Should -Be 1
    }
}

Describe 'README' {
    BeforeAll {
        $readme = Get-Content -Raw -LiteralPath (Join-Path $repo 'README.md')
    }

    It 'gives exactly the two set-up commands' {
        $commands = @($readme -split "`n" | ForEach-Object Trim | Where-Object { $_ -like 'dotnet tool restore*' })
        $commands | Should -Be $readmeCommands
    }

    It 'lists every exported cmdlet' {
        foreach ($name in (Get-Command -Module GumloopPS).Name) {
            $readme | Should -Match "\| ``$([regex]::Escape($name))`` \|" -Because "$name is exported"
        }
    }

    It 'documents the environment variable <_>' -ForEach 'GUMLOOP_API_KEY', 'GUMLOOP_ACCESS_TOKEN', 'GUMLOOP_USER_ID', 'GUMLOOP_TEAM_ID', 'GUMLOOP_BASE_URL' {
        $readme | Should -Match "\| ``$_`` \|"
    }

    It 'has a quick start against the real service that starts with Connect-Gumloop' {
        $quick = ($readme -split '## Quick start against the real service')[1]
        $quick | Should -Match 'Connect-Gumloop -ApiKey'
        $quick | Should -Match "Get-GumloopAgent -Name 'Sales\*' \| New-GumloopSession -Input 'hi' -Wait"
    }
}

Describe 'GUMLOOP_TEAM_ID' {
    AfterEach {
        Clear-GumloopEnv
        $sim | Connect-Gumloop
    }

    It 'makes a team connection from the environment that sends team_id' {
        Disconnect-Gumloop
        $env:GUMLOOP_API_KEY = Get-Plain $sim.TeamApiKey
        $env:GUMLOOP_USER_ID = $sim.UserId
        $env:GUMLOOP_TEAM_ID = $sim.TeamId
        $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
        $from = Get-GumloopConnection
        $from.TeamId | Should -BeExactly $sim.TeamId
        $from.AuthKind.ToString() | Should -Be 'TeamKey'
        $sim.ClearRequestLog()
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
        $request = Get-ApiLog | Select-Object -Last 1
        $request.StatusCode | Should -Be 200
        $request.Query | Should -Match "(^|&)team_id=$([regex]::Escape($sim.TeamId))(&|$)"
    }
}

Describe 'Wait-GumloopSession progress' {
    It 'shows the state while it waits and completes the progress bar' {
        $slow = New-GumloopSession -AgentId $invoiceId -Input 'progress please sim:delay=900'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Connection, $Id)
                    Import-Module $ModulePath
                    Wait-GumloopSession -SessionId $Id -Connection $Connection -TimeoutSec 20
                }).AddArgument($env:GUMLOOPPS_TEST_MODULE).AddArgument($connection).AddArgument($slow.Id)
            $output = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
            $output[0].State | Should -BeExactly 'completed'
            $progress = @($ps.Streams.Progress | Where-Object Activity -eq "Waiting for Gumloop session $($slow.Id)")
            $progress.Count | Should -BeGreaterThan 2
            @($progress | Where-Object StatusDescription -Match '^State: processing').Count | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'The busy error' {
    It 'tells the user to wait or to queue the message' {
        $busy = New-GumloopSession -AgentId $invoiceId -Input 'long job sim:delay=20000'
        try {
            $result = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'now?' }
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
            $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Wait-GumloopSession'
            $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match '-WhenBusy Queue'
        }
        finally {
            Stop-GumloopSession -SessionId $busy.Id -Confirm:$false
        }
    }
}

Describe 'Approval outcomes and export' {
    BeforeEach {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'email the brief sim:approval' -Wait -TimeoutSec 20
        $session.State | Should -BeExactly 'approval_required'
        $asks = @(Get-GumloopApproval -SessionId $session.Id)
    }

    It 'writes already_accepted for an ask that was approved before' {
        $first = @($asks[0] | Approve-GumloopApproval -Confirm:$false)
        $first[0].Outcome | Should -BeExactly 'accepted'
        $again = @($asks[0] | Approve-GumloopApproval -Confirm:$false -PassThru)
        $again[0] | Should -BeOfType ([GumloopPS.Core.ApprovalOutcome])
        $again[0].Outcome | Should -BeExactly 'already_accepted'
        $again[0].ActionRequestId | Should -BeExactly $asks[0].ActionRequestId
        $again[-1] | Should -BeOfType ([GumloopPS.Core.Session])
    }

    It 'exports pending asks to CSV as readable text, display fields included' {
        $csv = Join-Path $TestDrive 'asks.csv'
        $asks | Export-Csv -LiteralPath $csv
        Get-Content -Raw -LiteralPath $csv | Should -Not -Match $leakPattern
        $rows = @(Import-Csv -LiteralPath $csv)
        $rows.Count | Should -Be 2
        $rows[0].DisplayFields | Should -BeExactly 'To=x@example.com; Subject=Renewal'
        $rows.ActionRequestId | Should -Be @($asks.ActionRequestId)
        $rows[1].Questions | Should -Match 'email_tone'
    }
}

Describe 'An unreadable file' {
    It 'is a clear error with advice, sends nothing for it, and the other files still upload' {
        $session = New-GumloopSession -AgentId $invoiceId
        $locked = Join-Path $TestDrive 'locked.csv'
        $good = Join-Path $TestDrive 'good.csv'
        Set-Content -LiteralPath $locked -Value 'a,b'
        Set-Content -LiteralPath $good -Value 'c,d'
        # An exclusive handle makes the file unreadable to every other opener, root included.
        $handle = [System.IO.File]::Open($locked, 'Open', 'ReadWrite', 'None')
        try {
            $sim.ClearRequestLog()
            $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path $locked, $good }
        }
        finally {
            $handle.Dispose()
        }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileError*'
        $result.Errors[0].CategoryInfo.Category | Should -BeIn 'ReadError', 'PermissionDenied'
        $result.Errors[0].TargetObject | Should -BeExactly $locked
        $result.Errors[0].Exception.Message | Should -Match 'cannot be read'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $result.Output.Count | Should -Be 1
        $result.Output[0].FileName | Should -BeLike '*/input/good.csv'
        $uploads = @(Get-Request POST '*/files')
        $uploads.Count | Should -Be 1
        ($uploads[0].Body | ConvertFrom-Json).file_name | Should -BeExactly 'good.csv'
    }
}

Describe 'Output types' {
    It 'every GumloopPS type a cmdlet declares as output has a format view' {
        $declared = foreach ($command in Get-Command -Module GumloopPS) {
            foreach ($type in $command.OutputType) {
                if ($type.Name -like 'GumloopPS.*') { [pscustomobject]@{ Command = $command.Name; Type = $type.Name } }
            }
        }
        @($declared).Count | Should -BeGreaterThan 10
        foreach ($entry in $declared) {
            Get-FormatData -TypeName $entry.Type | Should -Not -BeNullOrEmpty -Because "$($entry.Command) outputs $($entry.Type)"
        }
    }
}
