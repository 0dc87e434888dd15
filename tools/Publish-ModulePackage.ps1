<#
.SYNOPSIS
    Packs the built module folder as a PowerShell Gallery nupkg and an Azure Automation zip.
.DESCRIPTION
    Publishes the module with the PSResourceGet that ships in PowerShell 7.4+ (Publish-PSResource) to a local
    folder repository registered under a unique name for this run, and copies the nupkg to -OutDirectory. Nothing
    reaches the PowerShell Gallery: the only repository named is the temporary local one, and it is unregistered
    afterwards. Also writes GumloopPS.zip with the module folder at its root, which is what Azure Automation's
    "import module" expects.

    build.ps1 -Task Package runs it in a child pwsh whose HOME points at a temporary folder, so on Linux and macOS
    the repository registration never touches the user's own PSResourceGet settings.
.EXAMPLE
    pwsh -NoProfile -File tools/Publish-ModulePackage.ps1 -ModulePath out/GumloopPS -OutDirectory out/package
#>
#Requires -Version 7.4
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutDirectory
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module Microsoft.PowerShell.PSResourceGet

$ModulePath = (Resolve-Path $ModulePath).Path
$name = Split-Path $ModulePath -Leaf
$manifest = Import-PowerShellDataFile (Join-Path $ModulePath "$name.psd1")
$version = $manifest.ModuleVersion
$null = New-Item -ItemType Directory -Force -Path $OutDirectory
$OutDirectory = (Resolve-Path $OutDirectory).Path

$work = Join-Path ([IO.Path]::GetTempPath()) ('gumloopps-package-' + [guid]::NewGuid().ToString('n'))
$feed = Join-Path $work 'feed'
$null = New-Item -ItemType Directory -Path $feed
$repository = 'GumloopPSBuild' + [guid]::NewGuid().ToString('n').Substring(0, 8)
try {
    Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
    # -Repository is always explicit, so PSGallery is never asked for anything.
    Publish-PSResource -Path $ModulePath -Repository $repository -SkipDependenciesCheck
    $nupkg = Join-Path $feed "$name.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg." }
    Copy-Item $nupkg $OutDirectory -Force

    $zip = Join-Path $OutDirectory "$name.zip"
    if (Test-Path $zip) { Remove-Item $zip }
    # includeBaseDirectory: the module folder sits at the root of the zip, with forward-slash entry names.
    [IO.Compression.ZipFile]::CreateFromDirectory($ModulePath, $zip, [IO.Compression.CompressionLevel]::Optimal, $true)
    Write-Host "Packaged $name $version in $OutDirectory ($name.$version.nupkg, $name.zip)"
}
finally {
    if (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue) {
        Unregister-PSResourceRepository -Name $repository
    }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
