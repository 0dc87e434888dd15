#Requires -Version 7.4
<#
.SYNOPSIS
    Benchmarks GumloopPS against hand-written Invoke-RestMethod scripts and a raw C# floor. The first-result,
    per-call and export scenarios run against the simulator hosted in a separate process (BenchServer.ps1); fan-out,
    streaming and the split transcript against the in-process one, whose connection count and stream clock they read.
.DESCRIPTION
    Machines here are noisy, so every figure is a ratio against a baseline measured in the same run:
      first result process start to first result in a fresh pwsh: Import-Module + Connect-Gumloop +
                  Get-GumloopSession vs the same script with Invoke-RestMethod; again on a copy of pwsh whose
                  PowerShell assemblies crossgen2 precompiled, as PowerShell's release packages ship them
      import      cold pwsh + Import-Module minus cold bare pwsh; first call after import vs Invoke-RestMethod's
      per-call    sequential Get-GumloopSession vs a raw HttpClient + JsonDocument loop in C# (the floor), the Core
                  client in C#, Write-Output + the Core client in a PowerShell loop (PowerShell's invocation floor),
                  Invoke-RestMethod -WebSession and plain Invoke-RestMethod; the server's service time
      export      Get-GumloopMessage | Export-Csv vs Invoke-RestMethod + foreach [pscustomobject] (baseline) and
                  + Select-Object, for 1k, 10k, 100k and 1,000,000 messages (1k and 10k with -Quick): the first run in
                  a fresh process (cold), later runs (warm), and the peak memory the cold run added; the largest size
                  up to 100k once more on the precompiled pwsh and once with DOTNET_TieredPGO=0
      fan-out     sessions created and waited for with ForEach-Object -Parallel, one shared connection vs
                  Invoke-RestMethod; throughput, errors, TCP connections the simulator saw
      streaming   time to the first text delta and added latency per delta, against the simulator's own clock for
                  the same turn: a C# SSE reader (floor), -Stream's text on the Information stream, -StreamEvents
      transcript  Get-GumloopSession -All | Export-GumloopTranscript -Format Html -SplitBySession of 1,000 sessions of
                  50 messages (100 with -Quick) in a fresh process: time and the process's peak working set
    Writes results.json and results.md to -OutDirectory and prints the markdown table.
    Timing targets are reported, never enforced: the exit code only says whether every scenario completed.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/bench/Invoke-Benchmarks.ps1 -ModulePath out/GumloopPS -OutDirectory out/bench -Quick
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory,

    # The reduced run (under a minute) that the Test task uses.
    [switch] $Quick,

    # Lets a developer rerun one scenario while optimising it.
    [ValidateSet('import', 'per-call', 'export', 'fan-out', 'streaming', 'transcript')]
    [string[]] $Scenario = @('import', 'per-call', 'export', 'fan-out', 'streaming', 'transcript')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$runClock = [Diagnostics.Stopwatch]::StartNew()

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$null = New-Item -ItemType Directory -Force -Path $OutDirectory
$OutDirectory = (Resolve-Path -LiteralPath $OutDirectory).Path
$childScript = Join-Path $PSScriptRoot 'BenchChild.ps1'
$workDir = Join-Path ([IO.Path]::GetTempPath()) ("gumloopps-bench-" + [Guid]::NewGuid().ToString('n').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $workDir

$settings = if ($Quick) {
    @{ ImportRuns = 3; FirstCallRuns = 1; FirstResultRuns = 1; PerCallCount = 200; ExportSizes = @(1000, 10000); ExportRuns = @{ 1000 = 2; 10000 = 1 }
       FanOutCount = 50; FanOutRounds = 1; StreamRuns = 3; WarmColdStarts = $false; TranscriptSessions = 100 }
}
else {
    @{ ImportRuns = 10; FirstCallRuns = 5; FirstResultRuns = 7; PerCallCount = 1000; ExportSizes = @(1000, 10000, 100000, 1000000)
       ExportRuns = @{ 1000 = 5; 10000 = 5; 100000 = 3; 1000000 = 2 }
       FanOutCount = 200; FanOutRounds = 2; StreamRuns = 10; WarmColdStarts = $true; TranscriptSessions = 1000 }
}
$throttle = 25
$agentId = 'r4Ts9Kq2MwX7bLn'        # seeded renewal agent
$perCallSessionId = 'sess_Vk3nQ8wT2p'  # seeded completed session with a text and a tool part
$replyDelayMs = 50

#region helpers

# Same rule as build.ps1's Invoke-ChildPwsh: under `dotnet pwsh` this process is the dotnet host running pwsh.dll.
$childHost = [Environment]::ProcessPath
$childPrefix = @(if ([IO.Path]::GetFileNameWithoutExtension($childHost) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
# How a child pwsh starts: the program and its leading arguments (another pwsh, such as the precompiled copy, too).
$childPwsh = [pscustomobject]@{ Path = $childHost; Arguments = @($childPrefix) }

function Measure-ColdStart([string] $Command) {
    $psi = [Diagnostics.ProcessStartInfo]::new($childHost)
    foreach ($a in @($childPrefix) + @('-NoProfile', '-Command', $Command)) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($psi)
    $process.WaitForExit()
    $sw.Stop()
    if ($process.ExitCode -ne 0) { throw "Child pwsh '$Command' exited with $($process.ExitCode)." }
    $sw.Elapsed.TotalMilliseconds
}

# -Environment: variables the child starts with (the runtime reads its DOTNET_* settings only at process start).
function Invoke-BenchChild([hashtable] $Parameters, [hashtable] $Environment = @{}, [pscustomobject] $Pwsh = $childPwsh) {
    $resultFile = Join-Path $workDir ("child-" + [Guid]::NewGuid().ToString('n') + '.json')
    $arguments = [Collections.Generic.List[string]]::new()
    foreach ($key in $Parameters.Keys) { $arguments.Add("-$key"); $arguments.Add([string]$Parameters[$key]) }
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    $leading = $Pwsh.Arguments
    try { & $Pwsh.Path @leading -NoProfile -File $childScript -ResultFile $resultFile @arguments | Out-Host }
    finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $resultFile)) {
        throw "Benchmark child $($Parameters.Mode) failed with exit code $LASTEXITCODE."
    }
    $result = Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json
    Remove-Item -LiteralPath $resultFile
    $result
}

function Get-Stats([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    # Nearest rank: with few runs p95 is the slowest run, which is the honest reading.
    $p95 = $sorted[[Math]::Max(0, [int][Math]::Ceiling(0.95 * $n) - 1)]
    [pscustomobject]@{ Median = $median; P95 = $p95; Count = $n; Mean = ($sorted | Measure-Object -Average).Average }
}

$rows = [Collections.Generic.List[object]]::new()
$scenarioFailed = $false
$targets = [Collections.Generic.List[object]]::new()
$extra = [ordered]@{}

function Add-Row {
    param(
        [string] $Scenario, [string] $Contender, [object] $Stats, [Nullable[double]] $Ratio, [string] $RatioOf,
        [Nullable[double]] $PeakMB, [string] $TargetMet = '', [string] $Notes = '', [switch] $Baseline,
        [hashtable] $Data = @{}
    )
    $row = [ordered]@{
        scenario         = $Scenario
        contender        = $Contender
        baseline         = [bool]$Baseline
        runs             = if ($Stats) { $Stats.Count } else { 0 }
        medianMs         = if ($Stats) { [Math]::Round($Stats.Median, 4) } else { $null }
        p95Ms            = if ($Stats) { [Math]::Round($Stats.P95, 4) } else { $null }
        ratio            = if ($null -ne $Ratio) { [Math]::Round($Ratio, 4) } else { $null }
        ratioOf          = $RatioOf
        peakWorkingSetMB = if ($null -ne $PeakMB) { [Math]::Round($PeakMB, 1) } else { $null }
        targetMet        = $TargetMet
        notes            = $Notes
    }
    foreach ($k in $Data.Keys) { $row[$k] = $Data[$k] }
    $rows.Add([pscustomobject]$row)
}

function Add-Target([string] $Name, [double] $Value, [string] $Unit, [string] $Limit, [bool] $Met) {
    $targets.Add([pscustomobject][ordered]@{ target = $Name; value = [Math]::Round($Value, 3); unit = $Unit; limit = $Limit; met = $Met })
    if ($Met) { 'yes' } else { 'no' }
}

function Format-Number($Value) {
    if ($null -eq $Value) { return '' }
    $v = [double]$Value
    if ([Math]::Abs($v) -lt 10) { return $v.ToString('0.000', [Globalization.CultureInfo]::InvariantCulture) }
    if ([Math]::Abs($v) -lt 1000) { return $v.ToString('0.0', [Globalization.CultureInfo]::InvariantCulture) }
    $v.ToString('0', [Globalization.CultureInfo]::InvariantCulture)
}

function F([double] $Value, [int] $Digits = 2) { $Value.ToString("F$Digits", [Globalization.CultureInfo]::InvariantCulture) }

function Get-ServiceTime($Simulator) {
    $s = $Simulator.ServiceTime
    [pscustomobject]@{ Count = [double]$s.RequestCount; TotalMs = [double]$s.TotalMilliseconds; MaxMs = [double]$s.MaxMilliseconds }
}

#endregion

# Parallel runspaces find the module by autoloading, as they would an installed one.
$env:PSModulePath = (Split-Path $ModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
Import-Module $ModulePath
# The simulator type is only reachable through the cmdlet: importing the module does not load its assembly.
$sim = Start-GumloopSimulator -ReplyDelayMs $replyDelayMs
$apiKeyText = [Net.NetworkCredential]::new('', $sim.ApiKey).Password
$env:GUMLOOP_BENCH_BASE = $sim.BaseUri.AbsoluteUri.TrimEnd('/')
$env:GUMLOOP_BENCH_KEY = $apiKeyText
$env:GUMLOOP_BENCH_USER = $sim.UserId
$baseUri = $env:GUMLOOP_BENCH_BASE
$headers = @{ Authorization = "Bearer $apiKeyText"; 'x-auth-key' = $sim.UserId; Accept = 'application/json' }
function Connect-Main {
    Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri -PassThru
}
$conn = Connect-Main
# The loaded Core assembly, not a path guess: the C# floor must call the very code the cmdlets run.
$coreAssembly = $conn.GetType().Assembly.Location

Add-Type -Path (Join-Path $PSScriptRoot 'BenchNative.cs') -ReferencedAssemblies $coreAssembly, 'System.Net.Http', 'System.Net.Primitives', 'System.Text.Json', 'System.Memory', 'System.Runtime', 'System.Collections', 'netstandard'

# The server of the per-call, first-call and export scenarios runs in a process of its own (the simulator hosted
# out of process), so neither its work nor its GC lands in a measured process. Fan-out, streaming and the split
# transcript still use the in-process simulator above: they read its connection count and stream clock.
$serverPsi = [Diagnostics.ProcessStartInfo]::new($childHost)
foreach ($a in @($childPrefix) + @('-NoProfile', '-File', (Join-Path $PSScriptRoot 'BenchServer.ps1'), '-ModulePath', $ModulePath,
        '-ExportSizes', ($settings.ExportSizes -join ','), '-ReplyDelayMs', $replyDelayMs)) { $serverPsi.ArgumentList.Add($a) }
$serverPsi.UseShellExecute = $false
$serverPsi.RedirectStandardInput = $true
$serverPsi.RedirectStandardOutput = $true
$server = [Diagnostics.Process]::Start($serverPsi)
$serverInfo = $server.StandardOutput.ReadLine() | ConvertFrom-Json
if (-not $serverInfo) { throw 'The benchmark server did not start.' }
$serverKey = $serverInfo.apiKey
$serverHeaders = @{ Authorization = "Bearer $serverKey"; 'x-auth-key' = $serverInfo.userId; Accept = 'application/json' }
function Get-ServerServiceTime {
    $server.StandardInput.WriteLine('stats')
    $server.StandardInput.Flush()
    $s = $server.StandardOutput.ReadLine() | ConvertFrom-Json
    [pscustomobject]@{ Count = [double]$s.count; TotalMs = [double]$s.totalMs; MaxMs = [double]$s.maxMs }
}
# Children started from here reach the out-of-process server unless a scenario says otherwise.
function Use-Server([switch] $InProcess) {
    if ($InProcess) {
        $env:GUMLOOP_BENCH_BASE = $baseUri; $env:GUMLOOP_BENCH_KEY = $apiKeyText; $env:GUMLOOP_BENCH_USER = $sim.UserId
    }
    else {
        $env:GUMLOOP_BENCH_BASE = $serverInfo.baseUri; $env:GUMLOOP_BENCH_KEY = $serverKey; $env:GUMLOOP_BENCH_USER = $serverInfo.userId
    }
}
$serverSecure = [Net.NetworkCredential]::new('', $serverKey).SecurePassword
$serverConn = Connect-Gumloop -ApiKey $serverSecure -UserId $serverInfo.userId -BaseUri $serverInfo.baseUri -StreamBaseUri $serverInfo.streamBaseUri -PassThru
$conn = Connect-Main
Use-Server

# Process start to first result, end to end: the child prints the machine's monotonic clock (shared by every process)
# when it has its first result, and the parent took the same clock just before starting it.
function Measure-FirstResult([string] $Command, [pscustomobject] $Pwsh = $childPwsh) {
    $psi = [Diagnostics.ProcessStartInfo]::new($Pwsh.Path)
    foreach ($a in @($Pwsh.Arguments) + @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $start = [Diagnostics.Stopwatch]::GetTimestamp()
    $process = [Diagnostics.Process]::Start($psi)
    $text = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "First-result child exited with $($process.ExitCode): $text" }
    $stamp = [long](($text -split "`n" | Where-Object { $_ -match '^FIRST (\d+)' } | Select-Object -First 1) -replace '^FIRST (\d+).*$', '$1')
    ($stamp - $start) * 1000.0 / [Diagnostics.Stopwatch]::Frequency
}

# The pwsh tool package this project pins ships PowerShell's own assemblies as IL only, while PowerShell's release
# packages (deb, rpm, tar.gz, MSI) are built with Start-PSBuild -Crossgen and carry ReadyToRun code. Every fresh-process
# figure on the tool package therefore includes JIT-compiling PowerShell itself. A copy of $PSHOME whose PowerShell
# assemblies are precompiled with the crossgen2 package that the module's own ReadyToRun build restored stands in for
# a release install. Returns how to start it (dotnet and the copy's pwsh.dll), or a string saying why there is none.
function New-PrecompiledPwsh {
    $sma = Join-Path $PSHOME 'System.Management.Automation.dll'
    if (Test-ReadyToRun $sma) { return 'this pwsh is precompiled already: the main rows are the release-package case' }
    $dotnet = if ([IO.Path]::GetFileNameWithoutExtension($childHost) -eq 'dotnet') { $childHost } else { (Get-Command dotnet -ErrorAction SilentlyContinue).Source }
    if (-not $dotnet) { return 'no dotnet host to run a copy of pwsh.dll' }
    $os = if ($IsLinux) { 'linux' } elseif ($IsMacOS) { 'osx' } else { 'win' }
    $rid = "$os-$([Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant())"
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $major = [Environment]::Version.Major
    $packageDir = Join-Path $nugetRoot "microsoft.netcore.app.crossgen2.$rid"
    $version = Get-ChildItem -LiteralPath $packageDir -Directory -ErrorAction SilentlyContinue |
        Where-Object { $_.Name -like "$major.*" } | Sort-Object { [version]($_.Name -replace '-.*$', '') } | Select-Object -Last 1
    $crossgen = if ($version) { Join-Path $version.FullName "tools/crossgen2$(if ($IsWindows) { '.exe' })" }
    if (-not $crossgen -or -not (Test-Path -LiteralPath $crossgen)) { return "no crossgen2 $major.x for $rid in the NuGet cache (build.ps1 -Task Build restores it)" }
    $copy = Join-Path $workDir 'pwsh-precompiled'
    Copy-Item -LiteralPath $PSHOME -Destination $copy -Recurse
    $framework = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $compiled = 0
    foreach ($dll in Get-ChildItem -LiteralPath $PSHOME -Filter '*.dll') {
        if ($dll.Name -notmatch '^(System\.Management\.Automation|Microsoft\.PowerShell\..*|pwsh)\.dll$' -or (Test-ReadyToRun $dll.FullName)) { continue }
        # A response file, because pwsh on Unix expands the reference wildcards itself and crossgen2 wants them whole.
        $rsp = Join-Path $workDir 'crossgen.rsp'
        Set-Content -LiteralPath $rsp -Value @(
            $dll.FullName, '-o', (Join-Path $copy $dll.Name), '-r', (Join-Path $framework '*.dll'), '-r', (Join-Path $PSHOME '*.dll'),
            '--targetos', $os, '--targetarch', ([Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()), '-O')
        $out = & $crossgen "@$rsp" 2>&1
        if ($LASTEXITCODE -ne 0) { return "crossgen2 failed on $($dll.Name): $($out | Select-Object -Last 1)" }
        $compiled++
    }
    $check = & $dotnet (Join-Path $copy 'pwsh.dll') -NoProfile -NonInteractive -Command '[Environment]::Version.Major' 2>&1
    if ($LASTEXITCODE -ne 0 -or "$check".Trim() -ne "$major") { return "the precompiled copy did not start: $check" }
    Write-Host "precompiled pwsh: $compiled PowerShell assemblies compiled with crossgen2 $($version.Name)"
    [pscustomobject]@{ Path = $dotnet; Arguments = @(Join-Path $copy 'pwsh.dll') }
}

function Test-ReadyToRun([string] $Path) {
    $stream = [IO.File]::OpenRead($Path)
    try {
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        $pe.HasMetadata -and $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0
    }
    finally { $stream.Dispose() }
}

$precompiled = $null
$precompiledAbsent = 'not run'
if ('import' -in $Scenario -or 'export' -in $Scenario) {
    Write-Host 'precompiled pwsh: crossgen2 over a copy of PowerShell...'
    $made = try { New-PrecompiledPwsh } catch { "failed: $($_.Exception.Message)" }
    if ($made -is [string]) { $precompiledAbsent = $made; Write-Host "precompiled pwsh: none, $made" } else { $precompiled = $made }
}

try {
    #region 0. first result, end to end in fresh processes
    if ('import' -in $Scenario) {
        $runs = $settings.FirstResultRuns
        Write-Host "first result: $runs fresh processes per contender, process start to the first session..."
        $quotedModule = "'" + $ModulePath.Replace("'", "''") + "'"
        $modScript = "Import-Module $quotedModule; Connect-Gumloop -ApiKey ([Net.NetworkCredential]::new('', `$env:GUMLOOP_BENCH_KEY).SecurePassword) -UserId `$env:GUMLOOP_BENCH_USER -BaseUri `$env:GUMLOOP_BENCH_BASE; " +
            "`$s = Get-GumloopSession -SessionId '$perCallSessionId'; 'FIRST ' + [Diagnostics.Stopwatch]::GetTimestamp() + ' ' + `$s.Id"
        $irmScript = "`$h = @{ Authorization = 'Bearer ' + `$env:GUMLOOP_BENCH_KEY; 'x-auth-key' = `$env:GUMLOOP_BENCH_USER; Accept = 'application/json' }; " +
            "`$s = (Invoke-RestMethod -Uri (`$env:GUMLOOP_BENCH_BASE + '/sessions/$perCallSessionId') -Headers `$h).session; 'FIRST ' + [Diagnostics.Stopwatch]::GetTimestamp() + ' ' + `$s.id"
        # The floor: a pwsh that starts and prints the stamp without any request. No script run by pwsh can come in
        # under it, so it says how much of either contender's time is pwsh's own start.
        $bareScript = "'FIRST ' + [Diagnostics.Stopwatch]::GetTimestamp()"
        # The three contenders on one pwsh, interleaved and in alternating order so drift favours none of them.
        function Measure-FirstResults([pscustomobject] $Pwsh, [bool] $WarmUp) {
            $scripts = [ordered]@{ irm = $irmScript; mod = $modScript; bare = $bareScript }
            $times = @{}
            foreach ($k in $scripts.Keys) {
                $times[$k] = [Collections.Generic.List[double]]::new()
                if ($WarmUp) { $null = Measure-FirstResult $scripts[$k] $Pwsh }   # warms the file cache for all alike
            }
            for ($i = 0; $i -lt $runs; $i++) {
                $order = if ($i % 2) { 'mod', 'bare', 'irm' } else { 'irm', 'bare', 'mod' }
                foreach ($k in $order) { $times[$k].Add((Measure-FirstResult $scripts[$k] $Pwsh)) }
            }
            [pscustomobject]@{ Irm = Get-Stats $times.irm; Mod = Get-Stats $times.mod; Bare = Get-Stats $times.bare }
        }
        $measured = Measure-FirstResults $childPwsh $settings.WarmColdStarts
        $irmStats = $measured.Irm; $modStats = $measured.Mod; $bareStats = $measured.Bare
        $ratio = $modStats.Median / $irmStats.Median
        $floorRatio = $bareStats.Median / $irmStats.Median
        $met = Add-Target 'First result in a fresh process (import + connect + call) <= 0.7x Invoke-RestMethod' $ratio 'x' '<= 0.7' ($ratio -le 0.7)
        Add-Row 'first result' 'Invoke-RestMethod script, process start to first result' $irmStats 1 'Invoke-RestMethod' $null -Baseline -Notes 'fresh pwsh; GET /sessions/{id}; baseline'
        Add-Row 'first result' 'Import-Module + Connect-Gumloop + Get-GumloopSession, process start to first result' $modStats $ratio 'Invoke-RestMethod' $null $met `
            -Notes "fresh pwsh, end to end; target <= 0.7x"
        $modAdded = $modStats.Median - $bareStats.Median; $irmAdded = $irmStats.Median - $bareStats.Median
        $addedRatio = if ($irmAdded -gt 0) { $modAdded / $irmAdded } else { $null }
        Add-Row 'first result' 'pwsh start alone, process start to a printed stamp (floor)' $bareStats $floorRatio 'Invoke-RestMethod' $null `
            -Notes ("no request; the least any pwsh script can take. Over this floor the module adds $(F $modAdded 0) ms and Invoke-RestMethod $(F $irmAdded 0) ms" +
                $(if ($null -ne $addedRatio) { " ($(F $addedRatio)x)" } else { '' }) + "; a target under $(F $floorRatio)x cannot be met by any script") `
            -Data @{ moduleAddedMs = [Math]::Round($modAdded, 1); irmAddedMs = [Math]::Round($irmAdded, 1) }

        if ($precompiled) {
            Write-Host "first result on the precompiled pwsh: $runs fresh processes per contender..."
            # Always warmed: its files were just written, so a first start would also pay for reading them in.
            $measured = Measure-FirstResults $precompiled $true
            $pIrmStats = $measured.Irm; $pModStats = $measured.Mod; $pBareStats = $measured.Bare
            $pRatio = $pModStats.Median / $pIrmStats.Median
            $pMet = Add-Target 'First result, on a precompiled pwsh (as release packages ship) <= 0.7x Invoke-RestMethod' $pRatio 'x' '<= 0.7' ($pRatio -le 0.7)
            Add-Row 'first result, precompiled pwsh' 'Invoke-RestMethod script, process start to first result' $pIrmStats 1 'Invoke-RestMethod' $null -Baseline `
                -Notes "PowerShell's assemblies precompiled with crossgen2, as in its release packages; baseline"
            Add-Row 'first result, precompiled pwsh' 'Import-Module + Connect-Gumloop + Get-GumloopSession, process start to first result' $pModStats $pRatio 'Invoke-RestMethod' $null $pMet `
                -Notes "target <= 0.7x; the module adds $(F ($pModStats.Median - $pBareStats.Median) 0) ms over pwsh's start, Invoke-RestMethod $(F ($pIrmStats.Median - $pBareStats.Median) 0) ms"
            Add-Row 'first result, precompiled pwsh' 'pwsh start alone, process start to a printed stamp (floor)' $pBareStats ($pBareStats.Median / $pIrmStats.Median) 'Invoke-RestMethod' $null `
                -Notes "no request; against $(F $bareStats.Median 0) ms for the pwsh tool package's own start"
        }
        else {
            Add-Row 'first result, precompiled pwsh' 'not measured' $null $null '' $null -Notes $precompiledAbsent
        }
    }
    #endregion

    #region 1. import and first call
    if ('import' -in $Scenario) {
        Write-Host "import: $($settings.ImportRuns) cold starts each..."
        $quoted = "'" + $ModulePath.Replace("'", "''") + "'"
        $importCommand = "Import-Module $quoted"
        $bareCommand = '$null'
        if ($settings.WarmColdStarts) {
            # One unmeasured start of each warms the file cache for both equally.
            $null = Measure-ColdStart $bareCommand
            $null = Measure-ColdStart $importCommand
        }
        $bare = [Collections.Generic.List[double]]::new()
        $imported = [Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $settings.ImportRuns; $i++) {
            # Alternating the order keeps drift (thermal, other load) from favouring either side.
            if ($i % 2) { $imported.Add((Measure-ColdStart $importCommand)); $bare.Add((Measure-ColdStart $bareCommand)) }
            else { $bare.Add((Measure-ColdStart $bareCommand)); $imported.Add((Measure-ColdStart $importCommand)) }
        }
        $bareStats = Get-Stats $bare
        $importStats = Get-Stats $imported
        $added = $importStats.Median - $bareStats.Median
        $met = Add-Target 'Import adds < 150 ms (cold pwsh, medians)' $added 'ms' '< 150' ($added -lt 150)
        Add-Row 'import' "pwsh -NoProfile -Command '`$null'" $bareStats 1 'bare pwsh' $null -Baseline -Notes 'cold start, baseline'
        Add-Row 'import' "pwsh -NoProfile -Command 'Import-Module GumloopPS'" $importStats ($importStats.Median / $bareStats.Median) 'bare pwsh' $null $met `
            -Notes "adds $(F $added 0) ms (target < 150 ms); a difference of two noisy cold starts, so it can come out negative" -Data @{ addedMs = [Math]::Round($added, 1) }

        Write-Host "first call: $($settings.FirstCallRuns) fresh processes each..."
        $irmFirst = [Collections.Generic.List[double]]::new()
        $modFirst = [Collections.Generic.List[double]]::new()
        $modSecond = [Collections.Generic.List[double]]::new()
        $modImport = [Collections.Generic.List[double]]::new()
        $modConnect = [Collections.Generic.List[double]]::new()
        $modJit = [Collections.Generic.List[double]]::new()
        $modJitMethods = [Collections.Generic.List[double]]::new()
        $simulatorLoaded = $false
        for ($i = 0; $i -lt $settings.FirstCallRuns; $i++) {
            $r = Invoke-BenchChild @{ Mode = 'FirstCallIrm'; SessionId = $perCallSessionId }
            $irmFirst.Add($r.firstCallMs)
            $r = Invoke-BenchChild @{ Mode = 'FirstCallModule'; SessionId = $perCallSessionId; ModulePath = $ModulePath }
            $modFirst.Add($r.firstCallMs); $modSecond.Add($r.secondCallMs); $modImport.Add($r.importMs); $modConnect.Add($r.connectMs)
            $modJit.Add($r.firstCallJitMs); $modJitMethods.Add($r.firstCallJitMethods)
            $simulatorLoaded = $simulatorLoaded -or $r.simulatorLoaded
        }
        $irmStats = Get-Stats $irmFirst
        $firstStats = Get-Stats $modFirst
        $connectMedian = (Get-Stats $modConnect).Median
        $met = Add-Target 'First call after import < 100 ms' $firstStats.Median 'ms' '< 100' ($firstStats.Median -lt 100)
        Add-Row 'first call' 'Invoke-RestMethod, first in a fresh pwsh' $irmStats 1 'Invoke-RestMethod' $null -Baseline -Notes 'GET /sessions/{id}, baseline'
        Add-Row 'first call' 'Get-GumloopSession, first after Import-Module + Connect-Gumloop' $firstStats ($firstStats.Median / $irmStats.Median) 'Invoke-RestMethod' $null $met `
            -Notes ("target < 100 ms; JIT on all threads meanwhile $(F (Get-Stats $modJit).Median 0) ms for $(F (Get-Stats $modJitMethods).Median 0) methods (the pwsh tool package is not precompiled; the module is); " +
                "Connect-Gumloop $(F $connectMedian 1) ms before it; second call $(F (Get-Stats $modSecond).Median 2) ms; " +
                "in-process Import-Module $(F (Get-Stats $modImport).Median 1) ms; simulator assembly loaded by import: $(if ($simulatorLoaded) { 'yes' } else { 'no' })") `
            -Data @{ connectMs = [Math]::Round($connectMedian, 2); simulatorAssemblyLoaded = $simulatorLoaded
                jitMs = [Math]::Round((Get-Stats $modJit).Median, 1); jitMethods = (Get-Stats $modJitMethods).Median }
    }
    #endregion

    #region 2. per call
    if ('per-call' -in $Scenario) {
        $count = $settings.PerCallCount
        Write-Host "per-call: $count sequential calls per contender..."
        $url = "$($serverInfo.baseUri)/sessions/$perCallSessionId"
        $msPerTick = 1000.0 / [Diagnostics.Stopwatch]::Frequency
        # The session -WebSession reuses, with its connection, as an admin's loop would hold it.
        $null = Invoke-RestMethod -Uri $url -Headers $serverHeaders -SessionVariable webSession
        $perCallClient = [GumloopPS.Core.GumloopClient]::new($serverConn)
        $contenders = [ordered]@{
            raw        = { param($n) [GumloopPS.Bench.Native]::RawHttpLoop($url, $serverKey, $serverInfo.userId, $n) }
            core       = { param($n) [GumloopPS.Bench.Native]::CoreClientLoop($serverConn, $perCallSessionId, $n) }
            irm        = {
                param($n)
                $t = [double[]]::new($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $s = [Diagnostics.Stopwatch]::GetTimestamp()
                    $null = Invoke-RestMethod -Uri $url -Headers $serverHeaders
                    $t[$i] = ([Diagnostics.Stopwatch]::GetTimestamp() - $s) * $msPerTick
                }
                , $t
            }
            irmSession = {
                param($n)
                $t = [double[]]::new($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $s = [Diagnostics.Stopwatch]::GetTimestamp()
                    $null = Invoke-RestMethod -Uri $url -Headers $serverHeaders -WebSession $webSession
                    $t[$i] = ([Diagnostics.Stopwatch]::GetTimestamp() - $s) * $msPerTick
                }
                , $t
            }
            # PowerShell's own floor for a cmdlet that makes this request: a trivial command, then the same Core call.
            # Any command invocation (even `& { 1 }`) between two requests slows the next one on this machine, so
            # this row, not the C# floor, is the least a per-call cmdlet can take.
            psFloor    = {
                param($n)
                $t = [double[]]::new($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $s = [Diagnostics.Stopwatch]::GetTimestamp()
                    $null = Write-Output -InputObject $perCallSessionId
                    [GumloopPS.Bench.Native]::CoreClientOnce($perCallClient, $perCallSessionId)
                    $t[$i] = ([Diagnostics.Stopwatch]::GetTimestamp() - $s) * $msPerTick
                }
                , $t
            }
            module     = {
                param($n)
                $t = [double[]]::new($n)
                for ($i = 0; $i -lt $n; $i++) {
                    $s = [Diagnostics.Stopwatch]::GetTimestamp()
                    $null = Get-GumloopSession -SessionId $perCallSessionId -Connection $serverConn
                    $t[$i] = ([Diagnostics.Stopwatch]::GetTimestamp() - $s) * $msPerTick
                }
                , $t
            }
        }
        foreach ($c in $contenders.Values) { $null = & $c 30 }   # JIT and connection warm-up
        $times = @{}; foreach ($k in $contenders.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }
        $service = [pscustomobject]@{ Count = 0.0; TotalMs = 0.0; MaxMs = 0.0 }
        # Blocks of 100 rotate through the contenders, so a slow patch of the machine hits all of them alike.
        $block = [Math]::Min(100, $count)
        for ($done = 0; $done -lt $count; $done += $block) {
            $n = [Math]::Min($block, $count - $done)
            foreach ($k in $contenders.Keys) {
                $before = Get-ServerServiceTime
                $times[$k].AddRange([double[]](& $contenders[$k] $n))
                $after = Get-ServerServiceTime
                $service.Count += $after.Count - $before.Count
                $service.TotalMs += $after.TotalMs - $before.TotalMs
                $service.MaxMs = [Math]::Max($service.MaxMs, $after.MaxMs)
            }
        }
        $raw = Get-Stats $times.raw
        $core = Get-Stats $times.core
        $irm = Get-Stats $times.irm
        $irmSession = Get-Stats $times.irmSession
        $mod = Get-Stats $times.module
        $psFloor = Get-Stats $times.psFloor
        $vsFloor = $mod.Median / $raw.Median
        $vsSession = $mod.Median / $irmSession.Median
        $vsIrm = $mod.Median / $irm.Median
        $metFloor = Add-Target 'Per call <= 1.3x the raw HttpClient + JsonDocument floor (median)' $vsFloor 'x' '<= 1.3' ($vsFloor -le 1.3)
        $metSession = Add-Target 'Per call <= 0.5x Invoke-RestMethod -WebSession (median)' $vsSession 'x' '<= 0.5' ($vsSession -le 0.5)
        Add-Row 'per call' 'raw HttpClient + JsonDocument in C# (floor)' $raw 1 'floor' $null -Baseline -Notes "GET /sessions/{id} x $count against the out-of-process server; no models, retries or checks; baseline"
        Add-Row 'per call' 'GumloopPS.Core client in a C# loop' $core ($core.Median / $raw.Median) 'floor' $null -Notes 'the client the cmdlets wrap, without PowerShell'
        Add-Row 'per call' 'Invoke-RestMethod -WebSession loop' $irmSession ($irmSession.Median / $raw.Median) 'floor' $null -Notes 'same headers, one session: connections are reused'
        Add-Row 'per call' 'Invoke-RestMethod loop' $irm ($irm.Median / $raw.Median) 'floor' $null -Notes 'same headers, no session'
        Add-Row 'per call' 'Write-Output + the Core client in a PowerShell loop (invocation floor)' $psFloor ($psFloor.Median / $raw.Median) 'floor' $null `
            -Notes ("a trivial command, then the cmdlet's own request through the Core client; the least any per-call cmdlet takes. " +
                "Get-GumloopSession is $(F ($mod.Median / $psFloor.Median))x this row")
        Add-Row 'per call' 'Get-GumloopSession loop' $mod $vsFloor 'floor' $null $(if ($metFloor -eq 'yes' -and $metSession -eq 'yes') { 'yes' } else { 'no' }) `
            -Notes "$(F $vsFloor)x floor (target <= 1.3x), $(F $vsSession)x Invoke-RestMethod -WebSession (target <= 0.5x), $(F $vsIrm)x Invoke-RestMethod" `
            -Data @{ ratioVsIrm = [Math]::Round($vsIrm, 4); ratioVsIrmWebSession = [Math]::Round($vsSession, 4) }
        $avgService = if ($service.Count) { $service.TotalMs / $service.Count } else { 0 }
        $extra.simulatorServiceTime = [ordered]@{ requests = $service.Count; averageMs = [Math]::Round($avgService, 4); maxMs = [Math]::Round($service.MaxMs, 3); process = 'separate' }
        Add-Row 'simulator' 'service time per GET /sessions/{id}, out-of-process server' ([pscustomobject]@{ Median = $avgService; P95 = $service.MaxMs; Count = $service.Count }) `
            ($avgService / $raw.Median) 'floor' $null -Notes ("average (median column) and max (p95 column) by the server's own clock over every contender's calls; " +
                "included in every contender's time alike")
    }
    #endregion

    #region 3. transcript export
    if ('export' -in $Scenario) {
        $exportMedians = @{}
        $labels = [ordered]@{
            ExportIrmForeach = 'Invoke-RestMethod + foreach [pscustomobject] + Export-Csv'
            ExportIrm        = 'Invoke-RestMethod + Select-Object + Export-Csv'
            ExportModule     = 'Get-GumloopMessage | Export-Csv'
        }
        foreach ($size in $settings.ExportSizes) {
            $runs = $settings.ExportRuns[$size]
            $id = $serverInfo.sessions."$size"
            # Invoke-RestMethod parses the whole body into objects: a million messages would need gigabytes and many
            # minutes, so at that size only the module runs.
            $modes = if ($size -ge 1000000) { @('ExportModule') } else { @($labels.Keys) }
            Write-Host "export: $size messages, 1 cold + $runs warm runs per contender ($($modes -join ', '))..."
            $payload = [GumloopPS.Bench.Native]::PayloadBytes("$($serverInfo.baseUri)/sessions/$id", $serverKey, $serverInfo.userId)
            $payloadMB = $payload / 1MB
            $byMode = @{}
            foreach ($mode in $modes) {
                $byMode[$mode] = Invoke-BenchChild @{
                    Mode = $mode; SessionId = $id; Runs = $runs; ModulePath = $ModulePath
                    CsvPath = (Join-Path $workDir "$mode-$size.csv")
                }
                if ($byMode[$mode].csvRows -ne $size) { throw "$mode wrote $($byMode[$mode].csvRows) rows for $size messages." }
            }
            $baseline = if ($byMode.ContainsKey('ExportIrmForeach')) { Get-Stats $byMode.ExportIrmForeach.timesMs } else { $null }
            foreach ($mode in $modes) {
                $r = $byMode[$mode]
                $stats = Get-Stats $r.timesMs
                $added = ($r.peakWorkingSetBytes - $r.startWorkingSetBytes) / 1MB
                $coldRatio = $r.coldMs / $stats.Median
                $met = ''
                if ($mode -eq 'ExportModule') {
                    $exportMedians[$size] = $stats.Median
                    if ($size -eq 100000) {
                        $met = Add-Target 'First 100k export in a fresh process <= 1.5x a warm one' $coldRatio 'x' '<= 1.5' ($coldRatio -le 1.5)
                    }
                    if ($size -eq 1000000) {
                        $met = Add-Target 'Export of 1,000,000 messages adds < 100 MB over the idle process' $added 'MB' '< 100' ($added -lt 100)
                    }
                }
                $ratio = if ($baseline) { $stats.Median / $baseline.Median } else { $null }
                Add-Row "export $size" $labels[$mode] $stats $ratio $(if ($baseline) { 'foreach + [pscustomobject]' } else { '' }) ($r.peakWorkingSetBytes / 1MB) $met `
                    -Baseline:($mode -eq 'ExportIrmForeach') `
                    -Notes ("warm median; cold (first in a fresh process) $(F $r.coldMs 0) ms = $(F $coldRatio)x warm; payload $(F $payloadMB 1) MB; " +
                        "peak +$(F $added 1) MB over the idle process$(if ($size -ge 1000000) { '; Invoke-RestMethod not run at this size' })") `
                    -Data @{ payloadBytes = $payload; coldMs = [Math]::Round($r.coldMs, 1); coldOverWarm = [Math]::Round($coldRatio, 3)
                        addedPeakMB = [Math]::Round($added, 1); startWorkingSetMB = [Math]::Round($r.startWorkingSetBytes / 1MB, 1) }
            }
        }
        $coldSize = [int](($settings.ExportSizes | Where-Object { $_ -le 100000 } | Measure-Object -Maximum).Maximum)
        if ($precompiled -and $coldSize) {
            Write-Host "export: $coldSize messages on the precompiled pwsh, 1 cold + $($settings.ExportRuns[$coldSize]) warm runs..."
            $r = Invoke-BenchChild @{
                Mode = 'ExportModule'; SessionId = $serverInfo.sessions."$coldSize"; Runs = $settings.ExportRuns[$coldSize]; ModulePath = $ModulePath
                CsvPath = (Join-Path $workDir "ExportModule-precompiled-$coldSize.csv")
            } -Pwsh $precompiled
            if ($r.csvRows -ne $coldSize) { throw "ExportModule on the precompiled pwsh wrote $($r.csvRows) rows for $coldSize messages." }
            $stats = Get-Stats $r.timesMs
            $coldRatio = $r.coldMs / $stats.Median
            $met = if ($coldSize -eq 100000) { Add-Target 'First 100k export, on a precompiled pwsh (as release packages ship) <= 1.5x a warm one' $coldRatio 'x' '<= 1.5' ($coldRatio -le 1.5) } else { '' }
            $ratio = if ($exportMedians.ContainsKey($coldSize)) { $stats.Median / $exportMedians[$coldSize] } else { $null }
            Add-Row "export $coldSize" 'Get-GumloopMessage | Export-Csv, precompiled pwsh' $stats $ratio 'the same on the pwsh tool package' ($r.peakWorkingSetBytes / 1MB) $met `
                -Notes "warm median; cold (first in a fresh process) $(F $r.coldMs 0) ms = $(F $coldRatio)x warm; PowerShell's assemblies precompiled as in its release packages" `
                -Data @{ coldMs = [Math]::Round($r.coldMs, 1); coldOverWarm = [Math]::Round($coldRatio, 3) }
        }
        elseif ($coldSize) {
            Add-Row "export $coldSize" 'Get-GumloopMessage | Export-Csv, precompiled pwsh' $null $null '' $null -Notes "not measured: $precompiledAbsent"
        }
        # Why a cold export is slower than a warm one: in a fresh process the runtime's tiered PGO first runs hot
        # methods (PowerShell's pipeline and Export-Csv, which the pwsh tool package ships without ReadyToRun code,
        # and ours) in instrumented code. The same export with DOTNET_TieredPGO=0 in the child's environment shows
        # how much of the cold cost that is; the setting is the user's, made before pwsh starts.
        $pgoSize = [int](($settings.ExportSizes | Where-Object { $_ -le 100000 } | Measure-Object -Maximum).Maximum)
        if ($pgoSize) {
            Write-Host "export: $pgoSize messages with DOTNET_TieredPGO=0, 1 cold + $($settings.ExportRuns[$pgoSize]) warm runs..."
            $r = Invoke-BenchChild @{
                Mode = 'ExportModule'; SessionId = $serverInfo.sessions."$pgoSize"; Runs = $settings.ExportRuns[$pgoSize]; ModulePath = $ModulePath
                CsvPath = (Join-Path $workDir "ExportModule-nopgo-$pgoSize.csv")
            } -Environment @{ DOTNET_TieredPGO = '0' }
            if ($r.csvRows -ne $pgoSize) { throw "ExportModule with DOTNET_TieredPGO=0 wrote $($r.csvRows) rows for $pgoSize messages." }
            $stats = Get-Stats $r.timesMs
            $coldRatio = $r.coldMs / $stats.Median
            $ratio = if ($exportMedians.ContainsKey($pgoSize)) { $stats.Median / $exportMedians[$pgoSize] } else { $null }
            Add-Row "export $pgoSize" 'Get-GumloopMessage | Export-Csv, DOTNET_TieredPGO=0' $stats $ratio 'the same with default settings' ($r.peakWorkingSetBytes / 1MB) `
                -Notes "warm median; cold (first in a fresh process) $(F $r.coldMs 0) ms = $(F $coldRatio)x warm; tiered PGO off in the child's environment, for diagnosis" `
                -Data @{ coldMs = [Math]::Round($r.coldMs, 1); coldOverWarm = [Math]::Round($coldRatio, 3) }
        }
        if ($exportMedians.ContainsKey(100000) -and $exportMedians.ContainsKey(10000)) {
            $growth = $exportMedians[100000] / $exportMedians[10000]
            $met = Add-Target 'Export time 100k/10k < 12 (linear)' $growth 'x' '< 12' ($growth -lt 12)
            Add-Row 'export growth' 'Get-GumloopMessage | Export-Csv, 100k / 10k' $null $growth 'own 10k median' $null $met -Notes 'warm medians'
        }
        elseif ($exportMedians.ContainsKey(10000) -and $exportMedians.ContainsKey(1000)) {
            $growth = $exportMedians[10000] / $exportMedians[1000]
            Add-Row 'export growth' 'Get-GumloopMessage | Export-Csv, 10k / 1k' $null $growth 'own 1k median' $null -Notes 'quick run: no 100k size; the target applies to 100k/10k'
        }
    }
    #endregion

    #region 4. fan-out
    if ('fan-out' -in $Scenario) {
        $count = $settings.FanOutCount
        $irmLatency = [Collections.Generic.List[double]]::new(); $modLatency = [Collections.Generic.List[double]]::new()
        $irmWall = 0.0; $modWall = 0.0; $irmErrors = 0; $modErrors = 0; $irmConns = 0; $modConns = 0
        for ($round = 0; $round -lt $settings.FanOutRounds; $round++) {
            foreach ($contender in 'irm', 'module') {
                Write-Host "fan-out: $count sessions, ThrottleLimit $throttle, $contender (round $($round + 1))..."
                # A fresh simulator per run makes its connection count belong to this contender alone.
                $fanSim = Start-GumloopSimulator -ReplyDelayMs $replyDelayMs
                try {
                    $fanBase = $fanSim.BaseUri.AbsoluteUri.TrimEnd('/')
                    $fanHeaders = @{ Authorization = "Bearer $([Net.NetworkCredential]::new('', $fanSim.ApiKey).Password)"; 'x-auth-key' = $fanSim.UserId; Accept = 'application/json' }
                    $fanConn = Connect-Gumloop -ApiKey $fanSim.ApiKey -UserId $fanSim.UserId -BaseUri $fanSim.BaseUri -PassThru
                    $sw = [Diagnostics.Stopwatch]::StartNew()
                    if ($contender -eq 'module') {
                        $out = 1..$count | ForEach-Object -ThrottleLimit $throttle -Parallel {
                            $start = [Diagnostics.Stopwatch]::GetTimestamp()
                            try {
                                $s = New-GumloopSession -AgentId $using:agentId -Input "Fan-out $_" -Wait -Connection $using:fanConn -ErrorAction Stop
                                $ok = $s.State -eq 'completed'
                            }
                            catch { $ok = $false }
                            [pscustomobject]@{ Ok = $ok; Ms = ([Diagnostics.Stopwatch]::GetTimestamp() - $start) * 1000.0 / [Diagnostics.Stopwatch]::Frequency }
                        }
                    }
                    else {
                        $out = 1..$count | ForEach-Object -ThrottleLimit $throttle -Parallel {
                            $start = [Diagnostics.Stopwatch]::GetTimestamp()
                            try {
                                $body = @{ input = "Fan-out $_" } | ConvertTo-Json
                                $s = (Invoke-RestMethod -Method Post -Uri "$($using:fanBase)/agents/$($using:agentId)/sessions" -Headers $using:fanHeaders -Body $body -ContentType 'application/json').session
                                # The same first poll interval as Wait-GumloopSession, so both wait alike.
                                while ($s.state -in 'processing', 'queued') {
                                    Start-Sleep -Milliseconds 100
                                    $s = (Invoke-RestMethod -Uri "$($using:fanBase)/sessions/$($s.id)" -Headers $using:fanHeaders).session
                                }
                                $ok = $s.state -eq 'completed'
                            }
                            catch { $ok = $false }
                            [pscustomobject]@{ Ok = $ok; Ms = ([Diagnostics.Stopwatch]::GetTimestamp() - $start) * 1000.0 / [Diagnostics.Stopwatch]::Frequency }
                        }
                    }
                    $sw.Stop()
                    $errors = $count - @($out | Where-Object Ok).Count
                    if ($contender -eq 'module') {
                        $modWall += $sw.Elapsed.TotalMilliseconds; $modErrors += $errors; $modConns = [Math]::Max($modConns, $fanSim.ConnectionCount)
                        $modLatency.AddRange([double[]]@($out.Ms))
                    }
                    else {
                        $irmWall += $sw.Elapsed.TotalMilliseconds; $irmErrors += $errors; $irmConns = [Math]::Max($irmConns, $fanSim.ConnectionCount)
                        $irmLatency.AddRange([double[]]@($out.Ms))
                    }
                    $fanConn.Dispose()
                }
                finally {
                    $fanSim | Stop-GumloopSimulator
                }
            }
        }
        # Connect-Gumloop made each fan-out connection the default; later scenarios need the main simulator's.
        $conn = Connect-Main
        $total = $count * $settings.FanOutRounds
        $irmRate = $total / ($irmWall / 1000)
        $modRate = $total / ($modWall / 1000)
        $connLimit = $throttle + 5
        $a = Add-Target 'Fan-out throughput >= Invoke-RestMethod' ($modRate / $irmRate) 'x' '>= 1' ($modRate -ge $irmRate)
        $b = Add-Target "Fan-out TCP connections <= throttle + 5 ($connLimit)" $modConns 'connections' "<= $connLimit" ($modConns -le $connLimit)
        $c = Add-Target 'Fan-out errors = 0' $modErrors 'errors' '= 0' ($modErrors -eq 0)
        $met = if ($a -eq 'yes' -and $b -eq 'yes' -and $c -eq 'yes') { 'yes' } else { 'no' }
        Add-Row "fan-out $count" 'Invoke-RestMethod in ForEach-Object -Parallel' (Get-Stats $irmLatency) 1 'Invoke-RestMethod wall time' $null -Baseline `
            -Notes "$(F $irmRate 1) sessions/s, $irmErrors errors, $irmConns TCP connections; median/p95 = one session created and waited for" `
            -Data @{ sessionsPerSecond = [Math]::Round($irmRate, 2); errors = $irmErrors; tcpConnections = $irmConns; wallMs = [Math]::Round($irmWall, 1) }
        Add-Row "fan-out $count" 'New-GumloopSession -Wait, one shared -Connection' (Get-Stats $modLatency) ($modWall / $irmWall) 'Invoke-RestMethod wall time' $null $met `
            -Notes "$(F $modRate 1) sessions/s ($(F ($modRate / $irmRate))x Invoke-RestMethod), $modErrors errors, $modConns TCP connections (target <= $connLimit)" `
            -Data @{ sessionsPerSecond = [Math]::Round($modRate, 2); errors = $modErrors; tcpConnections = $modConns; wallMs = [Math]::Round($modWall, 1) }
    }
    #endregion

    #region 5. streaming
    if ('streaming' -in $Scenario) {
        Write-Host "streaming: $($settings.StreamRuns) turns per contender..."
        try {
            $streamSession = New-GumloopSession -AgentId $agentId -Connection $conn
            $streamUrl = "$($sim.StreamBaseUri.AbsoluteUri.TrimEnd('/'))/sessions/$($streamSession.Id)/messages"
            $streamBody = '{"input":"Stream benchmark","stream":true}'
            # A hosted runspace is non-interactive whatever console runs this script, so -Stream writes its text to the
            # Information stream, and 6>&1 hands each record over the moment it is written: the text path a runbook sees.
            $iss = [initialsessionstate]::CreateDefault2()
            $iss.ImportPSModule($ModulePath)
            $streamRunspace = [runspacefactory]::CreateRunspace($iss)
            $streamRunspace.Open()
            $streamRunspace.SessionStateProxy.SetVariable('conn', $conn)
            $turnScript = @'
param($SessionId, [switch] $Events)
$start = [Diagnostics.Stopwatch]::GetTimestamp()
$times = [Collections.Generic.List[double]]::new()
if ($Events) {
    Send-GumloopMessage -Connection $conn -SessionId $SessionId -Input 'Stream benchmark' -Stream -StreamEvents | ForEach-Object {
        if ($_.Type -eq 'text-delta') { $times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds) }
    }
}
else {
    Send-GumloopMessage -Connection $conn -SessionId $SessionId -Input 'Stream benchmark' -Stream 6>&1 | ForEach-Object {
        if ($_ -is [Management.Automation.InformationRecord] -and $_.Tags -contains 'GumloopStream') {
            $times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds)
        }
    }
}
$times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds)
, $times.ToArray()
'@
            # Each returns the client's time from the call to every text-delta, then to the end of the turn.
            $streamContenders = [ordered]@{
                floor  = { [GumloopPS.Bench.Native]::SseFloor($streamUrl, $apiKeyText, $sim.UserId, $streamBody) }
                text   = { Invoke-StreamTurn }
                events = { Invoke-StreamTurn -Events }
            }
            function Invoke-StreamTurn([switch] $Events) {
                $ps = [powershell]::Create()
                $ps.Runspace = $streamRunspace
                try {
                    $null = $ps.AddScript($turnScript).AddParameter('SessionId', $streamSession.Id).AddParameter('Events', [bool]$Events)
                    $result = $ps.Invoke()
                    if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0].Exception }
                    [double[]]$result[0]
                }
                finally { $ps.Dispose() }
            }
            $samples = @{}
            foreach ($k in $streamContenders.Keys) { $samples[$k] = [Collections.Generic.List[object]]::new() }
            $names = @($streamContenders.Keys)
            for ($i = -1; $i -lt $settings.StreamRuns; $i++) {
                # Rotating the order keeps any contender from always following the same one.
                $k = ($i + 1) % $names.Count
                foreach ($name in @($names[$k..($names.Count - 1)]) + @(if ($k) { $names[0..($k - 1)] })) {
                    $client = [double[]](& $streamContenders[$name])
                    # The simulator's own clock for this very turn: from the request's arrival to each delta written.
                    $server = $sim.LastStreamTextDeltaMilliseconds
                    if ($client.Count - 1 -ne $server.Count -or $server.Count -eq 0) {
                        throw "streaming ${name}: the client saw $($client.Count - 1) text deltas, the simulator wrote $($server.Count)."
                    }
                    if ($i -lt 0) { continue }   # warm-up turn
                    $added = for ($d = 0; $d -lt $server.Count; $d++) { $client[$d] - $server[$d] }
                    $samples[$name].Add([pscustomobject]@{
                            First = $client[0]; ServerFirst = $server[0]; AddedFirst = $client[0] - $server[0]
                            AddedEach = ($added | Measure-Object -Average).Average; Deltas = $server.Count
                        })
                }
            }
            $all = @($samples.Values | ForEach-Object { $_ })
            $serverStats = Get-Stats @($all.ServerFirst)
            Add-Row 'streaming' "simulator's own time to the first text-delta" $serverStats 1 'simulator' $null -Baseline `
                -Notes "from the request's arrival to the first delta written, by the simulator's clock, over every turn below; reply delay $replyDelayMs ms, $(F $sim.Options.ChunkDelay.TotalMilliseconds 0) ms between events; $($all[0].Deltas) deltas a turn"
            $labels = [ordered]@{
                floor  = 'raw HttpClient SSE reader in C# (floor)'
                text   = 'Send-GumloopMessage -Stream, text to the Information stream'
                events = 'Send-GumloopMessage -Stream -StreamEvents'
            }
            foreach ($name in $labels.Keys) {
                $s = $samples[$name]
                $firstStats = Get-Stats @($s.First)
                $addedFirst = (Get-Stats @($s.AddedFirst)).Median
                $addedEach = (Get-Stats @($s.AddedEach)).Median
                $met = ''
                if ($name -eq 'text') {
                    $met = Add-Target 'Streaming text path adds < 5 ms per delta (simulator clock)' $addedEach 'ms' '< 5' ($addedEach -lt 5)
                }
                # Against the simulator's figure for this contender's own turns, so pooling never blurs the ratio.
                $ownServer = (Get-Stats @($s.ServerFirst)).Median
                Add-Row 'streaming' $labels[$name] $firstStats ($firstStats.Median / $ownServer) 'simulator' $null $met `
                    -Notes "time to the first delta; $(F $addedFirst 2) ms after the simulator wrote it, $(F $addedEach 2) ms per delta on average" `
                    -Data @{ addedFirstMs = [Math]::Round($addedFirst, 3); addedPerEventMs = [Math]::Round($addedEach, 3) }
            }
        }
        catch {
            # One broken scenario must not hide the others' figures, but the run still fails.
            $script:scenarioFailed = $true
            Add-Row 'streaming' 'Send-GumloopMessage -Stream' $null $null '' $null -Notes "failed: $($_.Exception.Message)"
            Write-Warning "streaming failed: $_"
        }
        finally {
            if (Get-Variable streamRunspace -ErrorAction Ignore) { $streamRunspace.Dispose() }
        }
    }
    #endregion

    #region 6. transcript export to split HTML
    if ('transcript' -in $Scenario) {
        $sessionCount = $settings.TranscriptSessions
        $messagesEach = 50
        Write-Host "transcript: $sessionCount sessions of $messagesEach messages to split HTML..."
        # An agent of its own, so the listing holds exactly the seeded sessions.
        Use-Server -InProcess
        $transcriptAgent = $sim.AddAgent('benchTranscriptAgent', 'Transcript benchmark agent')
        for ($i = 0; $i -lt $sessionCount; $i++) { $null = $sim.SeedSession($transcriptAgent, $messagesEach) }
        $r = Invoke-BenchChild @{
            Mode = 'TranscriptHtml'; AgentId = $transcriptAgent; ModulePath = $ModulePath; OutFolder = (Join-Path $workDir 'transcripts')
        }
        if ($r.files -ne $sessionCount -or $r.messages -ne $sessionCount * $messagesEach) {
            throw "transcript: wrote $($r.files) files and $($r.messages) messages for $sessionCount sessions of $messagesEach."
        }
        $peakMB = $r.peakWorkingSetBytes / 1MB
        $met = ''
        if ($sessionCount -eq 1000) {
            $met = Add-Target 'Transcript export 1,000 x 50 to split HTML: peak working set < 200 MB' $peakMB 'MB' '< 200' ($peakMB -lt 200)
        }
        Add-Row "transcript $sessionCount" "Get-GumloopSession -All | Export-GumloopTranscript -Format Html -SplitBySession" (Get-Stats $r.timesMs) $null '' $peakMB $met `
            -Notes ("$sessionCount sessions x $messagesEach messages, $(F ($r.bytesWritten / 1MB) 1) MB of HTML; peak working set of the whole process $(F $peakMB 1) MB " +
                "(idle after import $(F ($r.startWorkingSetBytes / 1MB) 1) MB)$(if ($sessionCount -eq 1000) { '; target < 200 MB' })") `
            -Data @{ sessions = $sessionCount; messagesPerSession = $messagesEach; bytesWritten = $r.bytesWritten; startWorkingSetMB = [Math]::Round($r.startWorkingSetBytes / 1MB, 1) }
    }
    #endregion
}
finally {
    $sim | Stop-GumloopSimulator
    try { $server.StandardInput.WriteLine('quit'); $server.StandardInput.Flush(); if (-not $server.WaitForExit(10000)) { $server.Kill() } } catch { }
    Remove-Item -LiteralPath $workDir -Recurse -Force -ErrorAction SilentlyContinue
}

#region report
$environment = [ordered]@{
    quick          = [bool]$Quick
    processorCount = [Environment]::ProcessorCount
    os             = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    powershell     = $PSVersionTable.PSVersion.ToString()
    dotnet         = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    moduleVersion  = (Get-Module GumloopPS).Version.ToString()
    durationSec    = [Math]::Round($runClock.Elapsed.TotalSeconds, 1)
}
$results = [ordered]@{
    schema      = 1
    generatedAt = [DateTimeOffset]::UtcNow.ToString('o')
    environment = $environment
    scenarios   = @($rows | ForEach-Object scenario | Select-Object -Unique)
    rows        = $rows
    targets     = $targets
}
foreach ($k in $extra.Keys) { $results[$k] = $extra[$k] }
$results | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $OutDirectory 'results.json') -Encoding utf8

$md = [Text.StringBuilder]::new()
$null = $md.AppendLine("# GumloopPS benchmarks$(if ($Quick) { ' (quick)' })").AppendLine()
$null = $md.AppendLine("$($environment.processorCount) cores, $($environment.os), PowerShell $($environment.powershell), $($environment.dotnet); $($environment.durationSec) s.").AppendLine()
$null = $md.AppendLine('Ratio: the median over the median of the baseline named in the same scenario and run (fan-out: wall time of the whole fan-out). Peak WS: peak working set of the process that ran that contender alone.').AppendLine()
$null = $md.AppendLine('| Scenario | Contender | Median ms | p95 ms | Ratio | Peak WS MB | Target met | Notes |')
$null = $md.AppendLine('| --- | --- | ---: | ---: | ---: | ---: | --- | --- |')
foreach ($r in $rows) {
    $ratio = if ($null -ne $r.ratio) { (F $r.ratio 3) + "x $($r.ratioOf)" } else { '' }
    $cells = @($r.scenario, $r.contender, (Format-Number $r.medianMs), (Format-Number $r.p95Ms), $ratio, (Format-Number $r.peakWorkingSetMB), $r.targetMet, $r.notes)
    $null = $md.AppendLine('| ' + (($cells | ForEach-Object { "$_".Replace('|', '\|') }) -join ' | ') + ' |')
}
if ($targets.Count) {
    $null = $md.AppendLine().AppendLine('| Target | Measured | Met |').AppendLine('| --- | ---: | --- |')
    foreach ($t in $targets) { $null = $md.AppendLine("| $($t.target) | $(F $t.value 3) $($t.unit) | $(if ($t.met) { 'yes' } else { 'no' }) |") }
}
$markdown = $md.ToString()
Set-Content -LiteralPath (Join-Path $OutDirectory 'results.md') -Value $markdown -Encoding utf8
Write-Host $markdown
Write-Host "Wrote $(Join-Path $OutDirectory 'results.json') and results.md in $(F $runClock.Elapsed.TotalSeconds 1) s."
if ($scenarioFailed) { exit 1 }
#endregion
