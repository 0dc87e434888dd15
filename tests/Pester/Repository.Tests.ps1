#Requires -Version 7.4
# The repository stands on its own: a user clones only it, so nothing may read a sibling folder, and what the
# manifest says about the licence must be true of the files.

BeforeAll {
    $root = Split-Path (Split-Path $PSScriptRoot)
    $manifest = Import-PowerShellDataFile (Join-Path $root 'GumloopPS.psd1')
}

Describe 'The repository' {
    It 'has a LICENSE whose licence the manifest names' {
        $license = Join-Path $root 'LICENSE'
        $license | Should -Exist
        (Get-Content -Raw $license) | Should -Match '^MIT License'
        $manifest.PrivateData.PSData.LicenseUri | Should -Match 'MIT'
        $manifest.Copyright | Should -Match 'MIT'
    }

    It 'keeps the API contract the tests read inside the repository, with a note of where it comes from' {
        $fixtures = Join-Path $root 'tests/fixtures/gumloop-api'
        Join-Path $fixtures 'openapi.json' | Should -Exist
        Join-Path $fixtures 'README.md' | Should -Exist
        @(Get-ChildItem (Join-Path $fixtures 'examples') -Filter *.json).Count | Should -BeGreaterThan 100
    }

    It 'has no build or test file that reads a folder beside the repository' {
        $files = @(Get-ChildItem $root -Recurse -File -Include *.cs, *.ps1, *.psm1, *.psd1, *.csproj, *.props, *.targets, *.js, *.json |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj|out|node_modules|fixtures)[\\/]' })
        $files.Count | Should -BeGreaterThan 50
        $offenders = $files | Where-Object { (Get-Content -Raw $_.FullName) -match '\.\.[\\/]+(\.\.[\\/]+)*shared[\\/]|"\.\."\s*,\s*"shared"' } |
            ForEach-Object { $_.FullName.Substring($root.Length + 1) }
        $offenders | Should -BeNullOrEmpty
    }

    It 'names the .NET 10 SDK as the prerequisite in the README' {
        (Get-Content -Raw (Join-Path $root 'README.md')) | Should -Match '\.NET 10 SDK'
    }
}

Describe 'The shape of the code' {
    It 'keeps every cmdlet within three levels of GumloopPS base classes' {
        Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
        $deep = foreach ($command in Get-Command -Module GumloopPS -CommandType Cmdlet) {
            $bases = @()
            $type = $command.ImplementingType.BaseType
            while ($type -and $type -ne [System.Management.Automation.PSCmdlet] -and $type -ne [System.Management.Automation.Cmdlet]) {
                $bases += $type.Name
                $type = $type.BaseType
            }
            if ($bases.Count -gt 3) { "$($command.Name): $($bases -join ' < ')" }
        }
        $deep | Should -BeNullOrEmpty
    }

    It 'declares every exception in an Errors folder, so there is one place to look for what can be thrown' {
        $strays = Get-ChildItem (Join-Path $root 'src') -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' -and $_.Directory.Name -ne 'Errors' } |
            Select-String -Pattern '^\s*(public|internal)\s+(sealed\s+|abstract\s+)?class\s+\w+Exception\b' |
            Where-Object { $_.Path -notmatch 'GumloopPS\.Simulator' } |
            ForEach-Object { "$($_.Path | Split-Path -Leaf): $($_.Line.Trim())" }
        $strays | Should -BeNullOrEmpty
    }

    # Core serves any front end: its messages say what happened and what to change, and the cmdlet layer's error
    # table adds the command to run (RecommendedAction). The operation catalogue maps operations to commands by
    # design, so it is the one file allowed to name them.
    It 'keeps command names out of the messages of GumloopPS.Core' {
        $named = Get-ChildItem (Join-Path $root 'src/GumloopPS.Core') -Recurse -Filter *.cs |
            Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' -and $_.Name -ne 'GumloopOperationCatalog.cs' } |
            Select-String -Pattern '"[^"]*\b([A-Z][a-z]+-Gumloop\w*|Get-ChildItem)\b' |
            Where-Object { $_.Line -notmatch '^\s*//' } |
            ForEach-Object { "$($_.Path | Split-Path -Leaf):$($_.LineNumber): $($_.Line.Trim())" }
        $named | Should -BeNullOrEmpty
    }
}
