<#
.SYNOPSIS
    Builds, tests, benchmarks and demonstrates GumloopPS.
.DESCRIPTION
    Build lays out out/GumloopPS so that Import-Module ./out/GumloopPS works.
    Test runs xunit, then Pester in a child pwsh against the built module, and ends with one line
    "N passed, N failed" covering both.
    Demo runs a runbook-style script against the built-in simulator.
    Bench runs the benchmarks (tests/bench) and writes out/bench/results.{json,md}.
    Package writes out/package/GumloopPS.<version>.nupkg (Publish-PSResource to a temporary local repository) and
    out/package/GumloopPS.zip (the module folder at its root, for Azure Automation). Test runs it too, for the
    install test.
    SecretScan runs the Pester suite with -Verbose and -Debug on, keeps every stream in out/test/secret-scan.log
    and fails if any simulator key or token appears in it.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
#Requires -Version 7.4
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'SecretScan', 'Clean', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench only: the reduced run (under a minute) that the Test task also uses.
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'GumloopPS'

function Invoke-Native {
    param([string] $Description, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Description failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "Building GumloopPS ($Configuration)..."
    $binOut = Join-Path $out "bin/$Configuration"
    # -nologo and quiet verbosity keep the build to errors and the summary.
    # Publishing the ReadyToRun project builds the module (IL, into $binOut as before) and precompiles GumloopPS.dll
    # and GumloopPS.Core.dll for this machine's runtime identifier and this PowerShell's .NET major version (the only
    # one whose runtime uses the native code) into $binOut/r2r, which cuts the JIT work of a fresh process's first
    # call. Other runtimes JIT the IL inside as before. Should the precompiler be unavailable, the IL build ships.
    $r2rOut = Join-Path $binOut 'r2r'
    if (Test-Path $r2rOut) { Remove-Item $r2rOut -Recurse -Force }
    $rid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    dotnet publish (Join-Path $root 'tools/ReadyToRun/GumloopPS.ReadyToRun.csproj') -c $Configuration -nologo -v quiet `
        -r $rid -p:GumloopReadyToRunFramework="net$([Environment]::Version.Major).0" -p:GumloopPSHome="$PSHOME" -p:OutDir="$binOut/" -o $r2rOut 2>&1 | Where-Object { $_ -match 'error|warn' -and $_ -notmatch ' 0 (Error|Warning)' }
    $precompiled = $LASTEXITCODE -eq 0
    if (-not $precompiled) {
        Write-Warning "ReadyToRun precompilation failed for $rid; building the IL-only module."
        Invoke-Native 'dotnet build' {
            dotnet build (Join-Path $root 'src/GumloopPS/GumloopPS.csproj') -c $Configuration -nologo -v quiet `
                -p:OutDir="$binOut/" 2>&1 | Where-Object { $_ -match 'error|warn' -and $_ -notmatch ' 0 (Error|Warning)' }
        }
    }
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut
    Copy-Item (Join-Path $root 'GumloopPS.psd1') $moduleOut
    # Only our own assemblies ship: System.Text.Json comes with PowerShell 7.4+, and a second copy would clash.
    foreach ($dll in 'GumloopPS.dll', 'GumloopPS.Core.dll', 'GumloopPS.Simulator.dll') {
        # The simulator stays IL: it loads only when a simulator cmdlet runs.
        $from = if ($precompiled -and $dll -ne 'GumloopPS.Simulator.dll') { $r2rOut } else { $binOut }
        Copy-Item (Join-Path $from $dll) $moduleOut
    }
    $src = Join-Path $root 'src/GumloopPS'
    # Import-Module parses the whole format file; without its comments and indentation that takes about a quarter
    # less time (measured on a precompiled pwsh: 10 of about 40 ms). The source keeps both for its readers.
    $format = [Xml.XmlDocument]::new()
    $format.PreserveWhitespace = $false
    $format.Load((Join-Path $src 'GumloopPS.Format.ps1xml'))
    foreach ($comment in @($format.SelectNodes('//comment()'))) { $null = $comment.ParentNode.RemoveChild($comment) }
    $writer = [Xml.XmlWriter]::Create((Join-Path $moduleOut 'GumloopPS.Format.ps1xml'), [Xml.XmlWriterSettings]@{ Indent = $false; Encoding = [Text.UTF8Encoding]::new($false) })
    try { $format.Save($writer) } finally { $writer.Dispose() }
    if (Test-Path (Join-Path $src 'en-US')) { Copy-Item (Join-Path $src 'en-US') $moduleOut -Recurse }
    if (Test-Path (Join-Path $src 'Examples')) { Copy-Item (Join-Path $src 'Examples') $moduleOut -Recurse }
    # MAML help is generated from the built cmdlets plus src/GumloopPS/help, so it cannot drift from the code.
    Invoke-Native 'help generation' {
        Invoke-ChildPwsh -File (Join-Path $root 'tools/Build-Help.ps1') -ModulePath $moduleOut `
            -HelpSource (Join-Path $src 'help') -OutFile (Join-Path $moduleOut 'en-US/GumloopPS.dll-Help.xml')
    }
    Write-Host "Module laid out in $moduleOut"
}

# The child pwsh must be this same PowerShell. Under `dotnet pwsh` the process is the dotnet host, which
# runs pwsh.dll; elsewhere the process is pwsh itself.
function Invoke-ChildPwsh {
    $host_ = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') {
        & $host_ (Join-Path $PSHOME 'pwsh.dll') -NoProfile @args
    }
    else {
        & $host_ -NoProfile @args
    }
}

function Invoke-Package {
    $packageOut = Join-Path $out 'package'
    if (Test-Path $packageOut) { Remove-Item $packageOut -Recurse -Force }
    # On Unix PSResourceGet keeps its repository list under HOME; a throwaway HOME keeps the temporary
    # repository out of the user's own settings (Windows relies on its unique name and unregistering).
    $tempHome = Join-Path ([IO.Path]::GetTempPath()) ('gumloopps-psresource-' + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path (Join-Path $tempHome '.local/share')
    $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME }
    if (-not $IsWindows) {
        $env:HOME = $tempHome
        $env:XDG_DATA_HOME = Join-Path $tempHome '.local/share'
    }
    try {
        Invoke-Native 'packaging' {
            Invoke-ChildPwsh -File (Join-Path $root 'tools/Publish-ModulePackage.ps1') -ModulePath $moduleOut -OutDirectory $packageOut
        }
    }
    finally {
        $env:HOME = $saved.HOME
        $env:XDG_DATA_HOME = $saved.XDG_DATA_HOME
        Remove-Item -Recurse -Force $tempHome -ErrorAction SilentlyContinue
    }
}

function Get-PesterPath {
    Invoke-Native 'restore of test tools' {
        dotnet restore (Join-Path $root 'tests/tools/Tools.csproj') -nologo -v quiet
    }
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester was not restored to $pester." }
    $pester
}

function Invoke-XunitTests {
    $results = Join-Path $out 'test'
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    dotnet test (Join-Path $root 'tests/GumloopPS.Tests/GumloopPS.Tests.csproj') -c $Configuration -nologo -v quiet `
        --logger "trx;LogFileName=xunit.trx" --logger 'console;verbosity=minimal' --results-directory $results | Out-Host
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    # Anything that did not pass (failed, errored, skipped, not executed) counts as a failure.
    [pscustomobject]@{
        Passed = [int]$counters.passed
        Failed = [int]$counters.total - [int]$counters.passed
    }
}

function Invoke-PesterTests {
    $pester = Get-PesterPath
    $resultFile = Join-Path $out 'test/pester.json'
    $runner = Join-Path $root 'tests/Pester/Invoke-PesterRun.ps1'
    # A child pwsh loads the built module fresh, so tests never see a stale assembly from this process.
    Invoke-ChildPwsh -File $runner `
        -PesterPath $pester -ModulePath $moduleOut -ResultFile $resultFile | Out-Host
    if (-not (Test-Path $resultFile)) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    Get-Content $resultFile -Raw | ConvertFrom-Json
}

switch ($Task) {
    'Clean' {
        foreach ($dir in @($out) + (Get-ChildItem $root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
            if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
        }
        Write-Host 'Cleaned.'
    }
    'Build' { Invoke-Build }
    'Package' {
        Invoke-Build
        Invoke-Package
    }
    'Demo' {
        Invoke-Build
        Invoke-ChildPwsh -File `
            (Join-Path $moduleOut 'Examples/Demo.ps1') -ModulePath $moduleOut -OutDirectory (Join-Path $out 'demo')
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    'Bench' {
        Invoke-Build
        # pwsh -File takes switches only as bare names, so -Quick is passed or left out, never -Quick:$false.
        $quickArg = if ($Quick) { @('-Quick') } else { @() }
        Invoke-ChildPwsh -File (Join-Path $root 'tests/bench/Invoke-Benchmarks.ps1') -ModulePath $moduleOut `
            -OutDirectory (Join-Path $out 'bench') @quickArg
        if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed with exit code $LASTEXITCODE." }
    }
    'SecretScan' {
        Invoke-Build
        $resultFile = Join-Path $out 'test/secret-scan.json'
        Invoke-ChildPwsh -File (Join-Path $root 'tests/Pester/Invoke-PesterRun.ps1') -PesterPath (Get-PesterPath) `
            -ModulePath $moduleOut -ResultFile $resultFile -SecretScanLog (Join-Path $out 'test/secret-scan.log') | Out-Host
        $scan = Get-Content $resultFile -Raw | ConvertFrom-Json
        Write-Host "$($scan.Passed) passed, $($scan.Failed) failed"
        if ($scan.Failed -gt 0 -or $scan.SecretsLeaked -gt 0) { exit 1 }
    }
    'Test' {
        Invoke-Build
        Invoke-Package
        $xunit = Invoke-XunitTests
        Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"
        $pesterResult = Invoke-PesterTests
        Write-Host "Pester: $($pesterResult.Passed) passed, $($pesterResult.Failed) failed"
        $passed = $xunit.Passed + $pesterResult.Passed
        $failed = $xunit.Failed + $pesterResult.Failed
        Write-Host "$passed passed, $failed failed"
        if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
        exit 0
    }
}
