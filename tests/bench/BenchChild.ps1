#Requires -Version 7.4
<#
.SYNOPSIS
    One benchmark contender in a fresh process, started by Invoke-Benchmarks.ps1.
.DESCRIPTION
    Cold-start costs and peak memory are only attributable when nothing else ran in the process first, so each
    contender of the first-call and export scenarios runs here on its own. The simulator lives in the parent;
    its address and key arrive in GUMLOOP_BENCH_* environment variables, never on the command line.
    The result is written as JSON to -ResultFile.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [ValidateSet('FirstCallModule', 'FirstCallIrm', 'ExportModule', 'ExportIrm', 'ExportIrmForeach', 'TranscriptHtml')]
    [string] $Mode,

    [Parameter(Mandatory)] [string] $ResultFile,
    [string] $ModulePath,
    [string] $SessionId,
    [string] $WarmSessionId,
    [int] $Runs = 3,
    [string] $CsvPath,

    # TranscriptHtml: the agent whose sessions are exported, and the folder they go to.
    [string] $AgentId,
    [string] $OutFolder
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
$msPerTick = 1000.0 / [Diagnostics.Stopwatch]::Frequency

$baseUri = $env:GUMLOOP_BENCH_BASE
$userId = $env:GUMLOOP_BENCH_USER
$headers = @{
    Authorization  = "Bearer $env:GUMLOOP_BENCH_KEY"
    'x-auth-key'   = $userId
    Accept         = 'application/json'
}

function Get-ElapsedMs([long] $start) { ([Diagnostics.Stopwatch]::GetTimestamp() - $start) * $msPerTick }

function Connect-Bench {
    # NetworkCredential avoids autoloading Microsoft.PowerShell.Security for ConvertTo-SecureString.
    $secure = [Net.NetworkCredential]::new('', $env:GUMLOOP_BENCH_KEY).SecurePassword
    Connect-Gumloop -ApiKey $secure -UserId $userId -BaseUri $baseUri
}

# Resets the kernel's peak-RSS counter (Linux 4.0+), so the peak read afterwards belongs to what runs next.
function Reset-PeakWorkingSet {
    try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5'); $true } catch { $false }
}

function Invoke-Export([string] $Id, [string] $Path) {
    if ($Mode -eq 'ExportModule') {
        Get-GumloopMessage -SessionId $Id | Export-Csv -LiteralPath $Path -NoTypeInformation
    }
    elseif ($Mode -eq 'ExportIrmForeach') {
        # What a performance-minded admin writes: a foreach building [pscustomobject]s, about twice as fast as
        # Select-Object with a calculated property.
        $response = Invoke-RestMethod -Uri "$baseUri/sessions/$Id" -Headers $headers
        $rows = foreach ($m in $response.session.messages) {
            [pscustomobject]@{
                id = $m.id; role = $m.role; created_at = $m.created_at; creator_id = $m.creator_id
                text = if ($m.content) { $m.content } else { $m.parts.text -join "`n" }
            }
        }
        $rows | Export-Csv -LiteralPath $Path -NoTypeInformation
    }
    else {
        # What an admin writes without the module: Invoke-RestMethod parses the JSON (ConvertFrom-Json) and the
        # reply text, which assistant messages carry only in parts, needs a calculated property.
        $response = Invoke-RestMethod -Uri "$baseUri/sessions/$Id" -Headers $headers
        $response.session.messages |
            Select-Object id, role, created_at, creator_id,
                @{ Name = 'text'; Expression = { if ($_.content) { $_.content } else { $_.parts.text -join "`n" } } } |
            Export-Csv -LiteralPath $Path -NoTypeInformation
    }
}

$result = [ordered]@{ mode = $Mode }
switch ($Mode) {
    'FirstCallModule' {
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        Import-Module $ModulePath
        $result.importMs = Get-ElapsedMs $t
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        Connect-Bench
        $result.connectMs = Get-ElapsedMs $t
        # JIT time shows how much of the first call is compiling code rather than doing work.
        $jitBefore = [Runtime.JitInfo]::GetCompilationTime($false)
        $methodsBefore = [Runtime.JitInfo]::GetCompiledMethodCount($false)
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        $null = Get-GumloopSession -SessionId $SessionId
        $result.firstCallMs = Get-ElapsedMs $t
        $result.firstCallJitMs = ([Runtime.JitInfo]::GetCompilationTime($false) - $jitBefore).TotalMilliseconds
        $result.firstCallJitMethods = [Runtime.JitInfo]::GetCompiledMethodCount($false) - $methodsBefore
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        $null = Get-GumloopSession -SessionId $SessionId
        $result.secondCallMs = Get-ElapsedMs $t
        $result.simulatorLoaded = [bool]([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'GumloopPS.Simulator' })
    }
    'FirstCallIrm' {
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        $null = Invoke-RestMethod -Uri "$baseUri/sessions/$SessionId" -Headers $headers
        $result.firstCallMs = Get-ElapsedMs $t
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        $null = Invoke-RestMethod -Uri "$baseUri/sessions/$SessionId" -Headers $headers
        $result.secondCallMs = Get-ElapsedMs $t
    }
    { $_ -in 'ExportModule', 'ExportIrm', 'ExportIrmForeach' } {
        if ($Mode -eq 'ExportModule') {
            Import-Module $ModulePath
            Connect-Bench
        }

        # No warm-up: the first export in this fresh process is the cold figure, the later ones the warm figures.
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $process.Refresh()
        $result.startWorkingSetBytes = $process.WorkingSet64
        $result.peakResetWorked = Reset-PeakWorkingSet

        $times = [Collections.Generic.List[double]]::new()
        for ($i = 0; $i -le $Runs; $i++) {
            $t = [Diagnostics.Stopwatch]::GetTimestamp()
            Invoke-Export $SessionId $CsvPath
            $elapsed = Get-ElapsedMs $t
            if ($i -eq 0) {
                $result.coldMs = $elapsed
                # Memory is taken from the first export alone: later runs would also see the garbage of earlier ones.
                $process.Refresh()
                $result.peakWorkingSetBytes = $process.PeakWorkingSet64
            }
            else {
                $times.Add($elapsed)
            }
        }

        $result.timesMs = $times.ToArray()
        $result.csvBytes = (Get-Item -LiteralPath $CsvPath).Length
        $result.csvRows = [Linq.Enumerable]::Count([IO.File]::ReadLines($CsvPath)) - 1
        Remove-Item -LiteralPath $CsvPath
    }
    'TranscriptHtml' {
        Import-Module $ModulePath
        Connect-Bench
        # Warm-up: JIT and first-use costs, on two sessions into a folder of their own.
        $null = Get-GumloopSession -AgentId $AgentId -First 2 | Export-GumloopTranscript -Path (Join-Path $OutFolder 'warm') -Format Html -SplitBySession
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $process.Refresh()
        $result.startWorkingSetBytes = $process.WorkingSet64
        $t = [Diagnostics.Stopwatch]::GetTimestamp()
        $written = Get-GumloopSession -AgentId $AgentId -All |
            Export-GumloopTranscript -Path (Join-Path $OutFolder 'split') -Format Html -SplitBySession |
            Where-Object Name -ne 'index.html' | Measure-Object -Property MessageCount -Sum
        $result.timesMs = @(Get-ElapsedMs $t)
        $process.Refresh()
        # The whole process's peak since it started (import and warm-up included), never reset: the honest figure.
        $result.peakWorkingSetBytes = $process.PeakWorkingSet64
        $result.files = $written.Count
        $result.messages = $written.Sum
        $result.bytesWritten = (Get-ChildItem (Join-Path $OutFolder 'split') -File | Measure-Object Length -Sum).Sum
        Remove-Item -LiteralPath $OutFolder -Recurse -Force
    }
}

$result.processMs = $clock.Elapsed.TotalMilliseconds
$result | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $ResultFile -Encoding utf8
