# Runs every tests/Pester/*.Tests.ps1 against the built module and writes the counts for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultFile,
    # Runs the whole suite with -Verbose and -Debug output on, writes every stream to this file and counts
    # simulator secrets in it (build.ps1 -Task SecretScan). The count must be zero.
    [string] $SecretScanLog
)
$ErrorActionPreference = 'Stop'
if ($SecretScanLog) {
    $global:VerbosePreference = 'Continue'
    $global:DebugPreference = 'Continue'
}
Import-Module $PesterPath -Force
# The test files import the module from here, so they always test the built output, never the source tree.
$env:GUMLOOPPS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Should.ErrorAction = 'Continue'
if ($SecretScanLog) {
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $SecretScanLog)
    # Every stream goes to the log as text, which is what a runbook's job log would keep.
    $config.Output.RenderMode = 'Plaintext'
    $everything = Invoke-Pester -Configuration $config *>&1
    $result = $everything | Where-Object { $_ -is [Pester.Run] } | Select-Object -Last 1
    $everything | Where-Object { $_ -isnot [Pester.Run] } | Out-String -Stream -Width 400 | Set-Content -Path $SecretScanLog
    $log = Get-Content -Raw -Path $SecretScanLog
    # The simulator's personal keys, team keys and access tokens all look like this, and so do its OAuth access
    # tokens, refresh tokens and authorization codes (glo_at_, glo_rt_, glo_ac_); a masked key never does.
    $leaks = [regex]::Matches($log, 'glo?_(sk|tk|at|rt|ac)_[A-Za-z0-9]{6,}')
    $lines = ($log -split "`n").Count
    Write-Host "Secret scan: $($leaks.Count) secret occurrence(s) in $lines lines ($($log.Length) characters) of all streams."
    [pscustomobject]@{
        Passed        = $result.PassedCount
        Failed        = $result.FailedCount + $result.SkippedCount + $result.NotRunCount + $result.FailedBlocksCount + $result.FailedContainersCount + $leaks.Count
        SecretsLeaked = $leaks.Count
        LogLines      = $lines
    } | ConvertTo-Json | Set-Content $ResultFile
    return
}
$result = Invoke-Pester -Configuration $config
$null = New-Item -ItemType Directory -Force -Path (Split-Path $ResultFile)
# Skipped and not-run tests are not passes; build.ps1 counts them as failures.
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.SkippedCount + $result.NotRunCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content $ResultFile
