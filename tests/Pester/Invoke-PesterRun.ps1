# Runs every tests/Pester/*.Tests.ps1 against the built module and writes the counts for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
# The test files import the module from here, so they always test the built output, never the source tree.
$env:GUMLOOPPS_TEST_MODULE = (Resolve-Path $ModulePath).Path
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Should.ErrorAction = 'Continue'
$result = Invoke-Pester -Configuration $config
$null = New-Item -ItemType Directory -Force -Path (Split-Path $ResultFile)
# Skipped and not-run tests are not passes; build.ps1 counts them as failures.
[pscustomobject]@{
    Passed = $result.PassedCount
    Failed = $result.FailedCount + $result.SkippedCount + $result.NotRunCount + $result.FailedBlocksCount + $result.FailedContainersCount
} | ConvertTo-Json | Set-Content $ResultFile
