#Requires -Version 7.4
# Installs the package the way a user would: a temporary local PSResource repository, Install-PSResource into a
# temporary module path, and a fresh pwsh that knows only that path. Needs out/package from build.ps1 -Task Package
# (the Test task makes it). Nothing here reaches the PowerShell Gallery: every PSResourceGet call names the
# temporary repository, and HOME and XDG_DATA_HOME point PSResourceGet's settings and the CurrentUser scope (and
# pwsh's own user module path) at a temp folder, so the user's modules and repositories are never touched.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $moduleDir = (Resolve-Path $env:GUMLOOPPS_TEST_MODULE).Path
    $manifest = Import-PowerShellDataFile (Join-Path $moduleDir 'GumloopPS.psd1')
    $version = $manifest.ModuleVersion
    $packageDir = Join-Path (Split-Path $moduleDir) 'package'
    $nupkg = Join-Path $packageDir "GumloopPS.$version.nupkg"
    $zip = Join-Path $packageDir 'GumloopPS.zip'
    if (-not (Test-Path $nupkg) -or -not (Test-Path $zip)) {
        throw "No package in $packageDir; run build.ps1 -Task Package (the Test task does) first."
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('gumloopps-install-' + [guid]::NewGuid().ToString('n'))
    $feed = Join-Path $work 'feed'
    $homeDir = Join-Path $work 'home'
    $dataHome = Join-Path $homeDir '.local/share'
    $null = New-Item -ItemType Directory -Path $feed, $dataHome
    Copy-Item $nupkg $feed

    # Runs a script in a fresh pwsh with these environment variables set (and restored here afterwards).
    function Invoke-Child([string] $Script, [hashtable] $Environment) {
        $saved = @{}
        foreach ($key in $Environment.Keys) {
            $saved[$key] = [Environment]::GetEnvironmentVariable($key)
            [Environment]::SetEnvironmentVariable($key, $Environment[$key])
        }
        try {
            $pwsh = Get-ChildPwsh
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Script))
            $output = & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
        }
        finally {
            foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        }
    }

    function Get-Value($Result, [string] $Name) {
        $line = $Result.Output | Where-Object { $_ -like "$Name=*" } | Select-Object -First 1
        if ($null -eq $line) { return $null }
        $line.Substring($Name.Length + 1)
    }

    function Get-ZipEntries([string] $Path) {
        $archive = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($archive.Entries | Where-Object { $_.Name } | ForEach-Object { [pscustomobject]@{ Name = $_.FullName; Length = $_.Length } }) }
        finally { $archive.Dispose() }
    }

    $repository = 'GumloopPSTest' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $install = Invoke-Child @"
`$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
Register-PSResourceRepository -Name '$repository' -Uri '$feed' -Trusted
try {
    Install-PSResource -Name GumloopPS -Version '$version' -Repository '$repository' -TrustRepository -Scope CurrentUser -Quiet
    'installed=' + (Get-InstalledPSResource -Name GumloopPS -Scope CurrentUser).InstalledLocation
}
finally {
    Unregister-PSResourceRepository -Name '$repository'
}
'repositories=' + ((Get-PSResourceRepository).Name -join ',')
"@ @{ HOME = $homeDir; XDG_DATA_HOME = $dataHome }
    $modulesPath = Join-Path $dataHome 'powershell/Modules'
    $installedDir = Join-Path $modulesPath "GumloopPS/$version"
}

AfterAll {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'carries what the Gallery shows and checks' {
        $archive = [IO.Compression.ZipFile]::OpenRead($nupkg)
        try {
            $reader = [IO.StreamReader]::new($archive.GetEntry('GumloopPS.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $archive.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'GumloopPS'
        $meta.version | Should -Be $version
        $meta.description | Should -Not -BeNullOrEmpty
        $meta.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $meta.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $meta.releaseNotes | Should -Not -BeNullOrEmpty
        $tags = $meta.tags -split ' '
        foreach ($tag in 'Gumloop', 'AI', 'agents', 'automation', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $tags | Should -Contain $tag
        }
    }

    It 'has a manifest with explicit exports and no wildcards' {
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $manifest.ContainsKey($key) | Should -BeTrue -Because "$key must be listed, or PowerShell exports everything"
            @($manifest[$key]) -join ',' | Should -Not -Match '[*?]'
        }
        @($manifest.FunctionsToExport).Count + @($manifest.AliasesToExport).Count + @($manifest.VariablesToExport).Count | Should -Be 0
    }

    It 'the zip holds the module folder at its root, with the same files as the nupkg' {
        $nupkgMeta = '^(\[Content_Types\]\.xml|_rels/.*|package/.*|GumloopPS\.nuspec)$'
        $fromNupkg = Get-ZipEntries $nupkg | Where-Object Name -notmatch $nupkgMeta | Sort-Object Name
        $fromZip = Get-ZipEntries $zip | Sort-Object Name
        $fromZip.Name | Should -Not -BeNullOrEmpty
        $fromZip.Name | ForEach-Object { $_ | Should -BeLike 'GumloopPS/*' }
        @($fromZip | ForEach-Object { $_.Name.Substring('GumloopPS/'.Length) + ' ' + $_.Length }) |
            Should -Be @($fromNupkg | ForEach-Object { $_.Name + ' ' + $_.Length })
        $fromNupkg.Name | Should -Contain 'GumloopPS.psd1'
        $fromNupkg.Name | Should -Contain 'GumloopPS.dll'
        $fromNupkg.Name | Should -Contain 'en-US/GumloopPS.dll-Help.xml'
    }
}

Describe 'Install-PSResource from a local repository' {
    It 'installs into the temporary CurrentUser module path and leaves no repository registered' {
        $install.ExitCode | Should -Be 0 -Because ($install.Output -join "`n")
        (Get-Value $install 'installed') | Should -BeLike "$modulesPath*"
        Test-Path (Join-Path $installedDir 'GumloopPS.psd1') | Should -BeTrue
        (Get-Value $install 'repositories') -split ',' | Should -Not -Contain $repository
    }

    It 'installs the same files as the zip' {
        $installed = Get-ChildItem -Recurse -File $installedDir | Where-Object Name -ne 'PSGetModuleInfo.xml' |
            ForEach-Object { [IO.Path]::GetRelativePath($installedDir, $_.FullName).Replace('\', '/') } | Sort-Object
        $installed | Should -Be @(Get-ZipEntries $zip | ForEach-Object { $_.Name.Substring('GumloopPS/'.Length) } | Sort-Object)
    }

    It 'autoloads in a pwsh that has only that module path, with help and the version' {
        $sim = Start-GumloopSimulator -ReplyDelayMs 20
        try {
            $child = Invoke-Child @'
$ErrorActionPreference = 'Stop'
'loaded-before=' + [bool](Get-Module GumloopPS)
'available=' + (@(Get-Module GumloopPS -ListAvailable | ForEach-Object ModuleBase) -join ';')
$agents = @(Get-GumloopAgent)
'agents=' + $agents.Count
'first-agent-type=' + $agents[0].GetType().FullName
$module = Get-Module GumloopPS
'module-base=' + $module.ModuleBase
'version=' + $module.Version
'examples=' + @((Get-Help Connect-Gumloop -Examples).examples.example).Count
'example-code=' + (@((Get-Help Connect-Gumloop -Examples).examples.example)[0].code -replace '\s+', ' ')
'@ @{
                HOME                = $homeDir
                XDG_DATA_HOME       = $dataHome
                PSModulePath        = $modulesPath
                GUMLOOP_BASE_URL    = "$($sim.BaseUri)"
                GUMLOOP_STREAM_URL  = "$($sim.StreamBaseUri)"
                GUMLOOP_API_KEY     = Get-Plain $sim.ApiKey
                GUMLOOP_USER_ID     = $sim.UserId
                GUMLOOP_ACCESS_TOKEN = $null
                GUMLOOP_TEAM_ID     = $null
            }
            $child.ExitCode | Should -Be 0 -Because ($child.Output -join "`n")
            Get-Value $child 'loaded-before' | Should -Be 'False'
            Get-Value $child 'available' | Should -Be $installedDir
            [int](Get-Value $child 'agents') | Should -BeGreaterThan 0
            Get-Value $child 'first-agent-type' | Should -Be 'GumloopPS.Core.Agent'
            Get-Value $child 'module-base' | Should -Be $installedDir
            Get-Value $child 'version' | Should -Be $version
            [int](Get-Value $child 'examples') | Should -BeGreaterThan 1
            Get-Value $child 'example-code' | Should -Match 'Connect-Gumloop'
            @($sim.RequestLog | Where-Object Path -eq '/api/v1/agents').Count | Should -Be 1
        }
        finally {
            $sim | Stop-GumloopSimulator
        }
    }
}
