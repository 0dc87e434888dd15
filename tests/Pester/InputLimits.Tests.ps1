#Requires -Version 7.4
# Values and files from the user's side: hashtables that contain themselves, special files, and archives that
# expand without bound, over existing files or through links. Each is refused with a clear error.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewalFlow = 'fL4nT8wQ2xVd7kRb'
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("gumloop-limits-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder

    # A zip with the given entries, as the bytes the download route would answer with.
    function New-ZipBytes([hashtable] $Entries) {
        $stream = [IO.MemoryStream]::new()
        $zip = [IO.Compression.ZipArchive]::new($stream, [IO.Compression.ZipArchiveMode]::Create, $true)
        foreach ($name in $Entries.Keys) {
            $entry = $zip.CreateEntry($name).Open()
            $entry.Write($Entries[$name], 0, $Entries[$name].Length)
            $entry.Dispose()
        }
        $zip.Dispose()
        $stream.ToArray()
    }

    $doneRun = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'contoso.example' } -Wait -Confirm:$false
}

AfterAll {
    $sim.ClearFaults()
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'A value that contains itself' {
    It 'is a clean error for every parameter that takes one, in a process that survives' {
        # In a child process: before the fix a cycle here ended the whole process with a stack overflow.
        $child = Get-ChildPwsh
        $script = @'
param($Module, $BaseUri, $StreamBaseUri, $UserId)
$ErrorActionPreference = 'Continue'
Import-Module $Module
Connect-Gumloop -ApiKey (ConvertTo-SecureString $env:GUMLOOPPS_CHILD_KEY -AsPlainText -Force) -UserId $UserId -BaseUri $BaseUri -StreamBaseUri $StreamBaseUri
$h = @{ a = 1 }; $h.self = $h
$list = [System.Collections.ArrayList]::new(); $null = $list.Add($list)
$obj = [pscustomobject]@{ name = 'x'; items = $null }; $obj.items = @($obj)
$deep = @{}; $cursor = $deep; foreach ($i in 1..100) { $next = @{}; $cursor.n = $next; $cursor = $next }
$ask = [GumloopPS.Core.PendingApproval]::FromJson([System.Text.Json.JsonDocument]::Parse('{"action_request_id":"areq_1","type":"human_input"}').RootElement, 'sess_Cycle01')
$cases = [ordered]@{
    'Approve -Response'        = { $ask | Approve-GumloopApproval -Response $h -Confirm:$false }
    'New-GumloopSession -Metadata' = { New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Metadata $h -Confirm:$false }
    'New-GumloopSession -Metadata object' = { New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Metadata @{ o = $obj } -Confirm:$false }
    'Start-GumloopFlow -Inputs' = { Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = $h } -Confirm:$false }
    'Invoke-GumloopApi -Body'  = { Invoke-GumloopApi POST /agents -Body $h -Confirm:$false }
    'Invoke-GumloopApi -Query' = { Invoke-GumloopApi GET /agents -Query @{ ids = $list } }
    'Deep -Metadata'           = { New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Metadata $deep -Confirm:$false }
}
foreach ($name in $cases.Keys) {
    $errors = @()
    try { $null = & $cases[$name] 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors += $_ } } }
    catch { $errors += $_ }
    $first = $errors | Select-Object -First 1
    [pscustomobject]@{ Case = $name; Count = $errors.Count; Id = $first.FullyQualifiedErrorId; Type = $first.Exception.GetType().FullName; Message = $first.Exception.Message } | ConvertTo-Json -Compress
}
'DONE'
'@
        $scriptFile = Join-Path $folder 'cycles.ps1'
        Set-Content -LiteralPath $scriptFile -Value $script
        $env:GUMLOOPPS_CHILD_KEY = Get-Plain $sim.ApiKey
        $sim.ClearRequestLog()
        try {
            $lines = & $child.Path @($child.Arguments) -NoProfile -NonInteractive -File $scriptFile -Module $env:GUMLOOPPS_TEST_MODULE -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri -UserId $sim.UserId 2>&1
            $exit = $LASTEXITCODE
        }
        finally {
            $env:GUMLOOPPS_CHILD_KEY = $null
        }
        $exit | Should -Be 0
        $lines[-1] | Should -BeExactly 'DONE'
        $results = @($lines | Where-Object { "$_".StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json })
        $results.Count | Should -Be 7
        foreach ($r in $results) {
            $r.Count | Should -Be 1 -Because $r.Case
            $r.Type | Should -BeExactly 'System.ArgumentException' -Because $r.Case
            if ($r.Case -eq 'Deep -Metadata') {
                $r.Message | Should -Match 'nested more than 64 levels'
            }
            elseif ($r.Case -eq 'Invoke-GumloopApi -Query') {
                $r.Message | Should -Match 'contains itself'
            }
            else {
                $r.Id | Should -Match '^GumloopInvalid(Argument|Id),' -Because $r.Case
                $r.Message | Should -Match 'contains itself' -Because $r.Case
            }
        }
        # Nothing that spends credits or changes state was sent.
        @($sim.RequestLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -match 'sessions|start_pipeline|approvals|/agents$' -and $_.Path -notmatch 'get_' }).Count | Should -Be 0
    }
}

Describe 'Uploading a special file' {
    # A FIFO is covered by UploadFileKindTests, which checks it without ever opening it: here a regression would
    # block the whole run in open().
    It '<Path> is refused at once with a clear error' -Skip:$IsWindows -ForEach @(
        @{ Path = '/dev/zero'; Kind = 'character device' }
    ) {
        $target = $Path
        $session = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path $target -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileError*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $result.Errors[0].Exception.Message | Should -Match $Kind
        $result.Output | Should -BeNullOrEmpty
        @(Get-Request POST '*/files').Count | Should -Be 0
    }
}

Describe 'Save-GumloopFlowFile -Expand' {
    BeforeEach { $sim.ClearFaults() }

    It 'refuses to overwrite an existing file without -Force, and replaces it with -Force' {
        $target = Join-Path $folder 'overwrite'
        $null = New-Item -ItemType Directory -Path $target -Force
        $existing = Join-Path $target 'renewal_brief.csv'
        Set-Content -LiteralPath $existing -Value 'mine' -NoNewline
        $result = Invoke-Capture { $doneRun | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'call_notes.md' -OutFile $target -Expand }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileWriteFailed*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $result.Errors[0].Exception.Message | Should -Match '-Force'
        Get-Content -LiteralPath $existing -Raw | Should -BeExactly 'mine'
        Test-Path (Join-Path $target 'call_notes.md') | Should -BeFalse

        $files = @($doneRun | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'call_notes.md' -OutFile $target -Expand -Force)
        $files.Count | Should -Be 2
        [IO.File]::ReadAllBytes($existing) | Should -Be $sim.GetFlowRunFile($doneRun.RunId, 'renewal_brief.csv')
    }

    It 'does not follow a symbolic link inside the folder' -Skip:$IsWindows {
        $target = Join-Path $folder 'linked'
        $outside = Join-Path $folder 'outside'
        $null = New-Item -ItemType Directory -Path $target, $outside -Force
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $target 'call_notes.md') -Target (Join-Path $outside 'victim.md')
        $result = Invoke-Capture { $doneRun | Save-GumloopFlowFile -FileName 'renewal_brief.csv', 'call_notes.md' -OutFile $target -Expand -Force }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        Test-Path (Join-Path $outside 'victim.md') | Should -BeFalse
    }

    It 'stops a zip bomb and leaves no partial file' {
        $bomb = New-ZipBytes @{ 'readme.txt' = [byte[]](65..90); 'zeros.bin' = [byte[]]::new(64MB) }
        $bomb.Length | Should -BeLessThan 1MB
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', '/download_files', @([GumloopPS.Simulator.SimulatorFault]::RawBytes(200, $bomb, 'application/zip'))))
        $target = Join-Path $folder 'bomb'
        $result = Invoke-Capture { $doneRun | Save-GumloopFlowFile -FileName 'a', 'b' -OutFile $target -Expand }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Errors[0].Exception.Message | Should -Match 'zip bomb'
        @(Get-ChildItem -LiteralPath $target -Recurse -File -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'stops at -MaxExpandedSizeMB, which can be raised' {
        $random = [byte[]]::new(3MB); [Random]::new(7).NextBytes($random)
        $zip = New-ZipBytes @{ 'a.bin' = $random }
        $target = Join-Path $folder 'capped'
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', '/download_files', @([GumloopPS.Simulator.SimulatorFault]::RawBytes(200, $zip, 'application/zip'))))
        $result = Invoke-Capture { $doneRun | Save-GumloopFlowFile -FileName 'a', 'b' -OutFile $target -Expand -MaxExpandedSizeMB 2 }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].Exception.Message | Should -Match '-MaxExpandedSizeMB'
        @(Get-ChildItem -LiteralPath $target -Recurse -File -ErrorAction SilentlyContinue).Count | Should -Be 0

        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', '/download_files', @([GumloopPS.Simulator.SimulatorFault]::RawBytes(200, $zip, 'application/zip'))))
        $files = @($doneRun | Save-GumloopFlowFile -FileName 'a', 'b' -OutFile $target -Expand -MaxExpandedSizeMB 4)
        $files.Count | Should -Be 1
        $files[0].Length | Should -Be 3MB
    }
}
