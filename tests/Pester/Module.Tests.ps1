#Requires -Version 7.4
# The shipped module folder: manifest, exports, cmdlet metadata, versions and assembly loading.

BeforeDiscovery {
    $manifestData = Import-PowerShellDataFile (Join-Path $env:GUMLOOPPS_TEST_MODULE 'GumloopPS.psd1')
    $allCmdlets = @($manifestData.CmdletsToExport)
    $stateChangingVerbs = 'New', 'Set', 'Remove', 'Start', 'Stop', 'Restart', 'Reset', 'Update', 'Rename', 'Approve', 'Deny', 'Send', 'Add'
    $stateChanging = @($allCmdlets | Where-Object { ($_ -split '-')[0] -in $stateChangingVerbs })
    # Import-GumloopTranscript reads local files only and Find-GumloopCommand reads the catalogue, so neither takes a connection.
    $apiCmdlets = @($allCmdlets | Where-Object { $_ -notmatch '^(Connect|Disconnect)-Gumloop$|Connection$|Simulator$|^Import-GumloopTranscript$|^Find-GumloopCommand$' })
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $moduleDir = (Resolve-Path $env:GUMLOOPPS_TEST_MODULE).Path
    $manifestPath = Join-Path $moduleDir 'GumloopPS.psd1'
    $manifest = Import-PowerShellDataFile $manifestPath
    $module = Get-Module GumloopPS
    $stateChangingVerbs = 'New', 'Set', 'Remove', 'Start', 'Stop', 'Restart', 'Reset', 'Update', 'Rename', 'Approve', 'Deny', 'Send', 'Add'

    # Runs a command in a fresh pwsh process, whichever way this one was started (pwsh or `dotnet pwsh`).
    function Invoke-ChildPwsh([string] $Command) {
        $pwsh = Get-ChildPwsh
        $prefix = $pwsh.Arguments
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
        $output = & $pwsh.Path @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    function Get-CmdletAttribute([string] $Name) {
        $command = Get-Command -Module GumloopPS -Name $Name
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | Select-Object -First 1
    }
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'Module folder' {
    It 'imports from the module folder' {
        $module | Should -Not -BeNullOrEmpty
        (Split-Path -Parent $module.Path) | Should -Be $moduleDir
    }

    It 'has the version of the manifest' {
        $module.Version | Should -Be ([version]$manifest.ModuleVersion)
    }

    It 'exports exactly the cmdlets listed in CmdletsToExport' {
        $exported = @($module.ExportedCmdlets.Keys | Sort-Object)
        $exported | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports no functions, aliases or variables' {
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'ships every file the manifest names' {
        Test-Path (Join-Path $moduleDir $manifest.RootModule) | Should -BeTrue
        foreach ($format in $manifest.FormatsToProcess) {
            Test-Path (Join-Path $moduleDir $format) | Should -BeTrue -Because "$format is listed in FormatsToProcess"
        }
    }

    It 'ships the three GumloopPS assemblies' {
        foreach ($dll in 'GumloopPS.dll', 'GumloopPS.Core.dll', 'GumloopPS.Simulator.dll') {
            Test-Path (Join-Path $moduleDir $dll) | Should -BeTrue -Because "$dll is part of the module"
        }
    }

    It 'does not ship System.Text.Json.dll' {
        @(Get-ChildItem -Path $moduleDir -Recurse -Filter 'System.Text.Json.dll').Count | Should -Be 0
    }

    It 'ships no other third-party assembly' {
        $dlls = @(Get-ChildItem -Path $moduleDir -Recurse -Filter '*.dll' | Where-Object Name -notlike 'GumloopPS*')
        $dlls.Name | Should -BeNullOrEmpty
    }

    It 'the manifest requires PowerShell 7.4 on Core' {
        [version]$manifest.PowerShellVersion | Should -BeGreaterOrEqual ([version]'7.4')
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'Test-ModuleManifest accepts the manifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }
}

Describe 'Versions' {
    It '<_> FileVersion matches ModuleVersion' -ForEach 'GumloopPS.dll', 'GumloopPS.Core.dll', 'GumloopPS.Simulator.dll' {
        $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $moduleDir $_))
        $fileVersion = [version]$info.FileVersion
        $moduleVersion = [version]$manifest.ModuleVersion
        $fileVersion.Major | Should -Be $moduleVersion.Major
        $fileVersion.Minor | Should -Be $moduleVersion.Minor
        $fileVersion.Build | Should -Be $moduleVersion.Build
        $info.ProductVersion | Should -BeLike "$($manifest.ModuleVersion)*"
    }

    It '<_> assembly version matches ModuleVersion' -ForEach 'GumloopPS.dll', 'GumloopPS.Core.dll' {
        $version = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $moduleDir $_)).Version
        $moduleVersion = [version]$manifest.ModuleVersion
        $version.Major | Should -Be $moduleVersion.Major
        $version.Minor | Should -Be $moduleVersion.Minor
        $version.Build | Should -Be $moduleVersion.Build
    }

    It 'the User-Agent names GumloopPS and its version' {
        $sim.ClearRequestLog()
        $null = Get-GumloopAgent
        $sim.RequestLog[0].UserAgent | Should -Match "GumloopPS/$([regex]::Escape($manifest.ModuleVersion))"
    }
}

Describe 'Cmdlet metadata' {
    It 'there are state-changing cmdlets to check' {
        $stateChanging = @($manifest.CmdletsToExport | Where-Object { ($_ -split '-')[0] -in $stateChangingVerbs })
        $stateChanging.Count | Should -BeGreaterOrEqual 6
    }

    It '<_> supports ShouldProcess' -ForEach $stateChanging {
        (Get-CmdletAttribute $_).SupportsShouldProcess | Should -BeTrue
        $command = Get-Command -Module GumloopPS -Name $_
        $command.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $command.Parameters.ContainsKey('Confirm') | Should -BeTrue
    }

    It 'Stop-GumloopSession has a ConfirmImpact of at least Medium' {
        [int](Get-CmdletAttribute 'Stop-GumloopSession').ConfirmImpact | Should -BeGreaterOrEqual ([int][System.Management.Automation.ConfirmImpact]::Medium)
    }

    It '<_> declares an OutputType' -ForEach $allCmdlets {
        $command = Get-Command -Module GumloopPS -Name $_
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It '<Name> outputs <Type>' -ForEach @(
        @{ Name = 'Get-GumloopAgent'; Type = 'GumloopPS.Core.Agent' }
        @{ Name = 'Get-GumloopSession'; Type = 'GumloopPS.Core.Session' }
        @{ Name = 'New-GumloopSession'; Type = 'GumloopPS.Core.Session' }
        @{ Name = 'Send-GumloopMessage'; Type = 'GumloopPS.Core.Session' }
        @{ Name = 'Wait-GumloopSession'; Type = 'GumloopPS.Core.Session' }
        @{ Name = 'Rename-GumloopSession'; Type = 'GumloopPS.Core.Session' }
        @{ Name = 'Get-GumloopMessage'; Type = 'GumloopPS.Core.Message' }
        @{ Name = 'Get-GumloopConnection'; Type = 'GumloopPS.Core.GumloopConnection' }
        @{ Name = 'Connect-Gumloop'; Type = 'GumloopPS.Core.GumloopConnection' }
        @{ Name = 'Start-GumloopSimulator'; Type = 'GumloopPS.Simulator.GumloopSimulator' }
    ) {
        (Get-Command -Module GumloopPS -Name $Name).OutputType.Name | Should -Contain $Type
    }

    It '<_> takes -Connection' -ForEach $apiCmdlets {
        $command = Get-Command -Module GumloopPS -Name $_
        $command.Parameters.ContainsKey('Connection') | Should -BeTrue
        $command.Parameters['Connection'].ParameterType.FullName | Should -Be 'GumloopPS.Core.GumloopConnection'
    }

    It 'Connect-Gumloop takes the key and token as SecureString only' {
        $parameters = (Get-Command Connect-Gumloop).Parameters
        $parameters['ApiKey'].ParameterType | Should -Be ([securestring])
        $parameters['AccessToken'].ParameterType | Should -Be ([securestring])
        $parameters['Credential'].ParameterType | Should -Be ([pscredential])
    }

    It 'New-GumloopSession -AgentId binds from an agent by property name and has the alias Id' {
        $parameter = (Get-Command New-GumloopSession).Parameters['AgentId']
        $parameter.Aliases | Should -Contain 'Id'
        $parameter.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipelineByPropertyName | Should -Contain $true
    }

    It 'Get-GumloopSession -SessionId takes pipeline input and has the alias Id' {
        $parameter = (Get-Command Get-GumloopSession).Parameters['SessionId']
        $parameter.Aliases | Should -Contain 'Id'
        $parameter.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).ValueFromPipeline | Should -Contain $true
    }

    It 'Send-GumloopMessage -Input has the alias Message' {
        (Get-Command Send-GumloopMessage).Parameters['Input'].Aliases | Should -Contain 'Message'
    }

    It 'Get-GumloopAgent -Name supports wildcards' {
        $attributes = (Get-Command Get-GumloopAgent).Parameters['Name'].Attributes
        @($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
    }

    It 'the connection object has no property that could hold the secret in clear text' {
        $names = [GumloopPS.Core.GumloopConnection].GetProperties().Name
        $names | Should -Not -Contain 'Secret'
        $names | Should -Not -Contain 'ApiKey'
        $names | Should -Not -Contain 'AccessToken'
        $names | Should -Contain 'MaskedKey'
    }
}

Describe 'Assembly loading in a fresh process' {
    BeforeAll {
        $probe = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($moduleDir -replace "'", "''")'
function Test-Loaded([string] `$Name) { [bool]([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$Name }) }
'simulator-after-import=' + (Test-Loaded 'GumloopPS.Simulator')
'core-after-import=' + (Test-Loaded 'GumloopPS.Core')
'cmdlets=' + @(Get-Command -Module GumloopPS).Count
`$null = Get-Command Get-GumloopSession | ForEach-Object Parameters
'simulator-after-get-command=' + (Test-Loaded 'GumloopPS.Simulator')
`$s = Start-GumloopSimulator -ReplyDelayMs 10
'simulator-after-start=' + (Test-Loaded 'GumloopPS.Simulator')
`$s | Stop-GumloopSimulator
"@
        $child = Invoke-ChildPwsh $probe
        $lines = $child.Output
    }

    It 'the child process succeeds' {
        $child.ExitCode | Should -Be 0 -Because ($lines -join "`n")
    }

    It 'Import-Module does not load GumloopPS.Simulator.dll' {
        $lines | Should -Contain 'simulator-after-import=False'
    }

    It 'inspecting the cmdlets does not load GumloopPS.Simulator.dll' {
        $lines | Should -Contain 'simulator-after-get-command=False'
    }

    It 'Start-GumloopSimulator loads it on first use' {
        $lines | Should -Contain 'simulator-after-start=True'
    }

    It 'the fresh import exposes every cmdlet' {
        $lines | Should -Contain "cmdlets=$($manifest.CmdletsToExport.Count)"
    }
}

Describe 'Start-GumloopSimulator and Stop-GumloopSimulator' {
    It 'starts a simulator with BaseUri, StreamBaseUri, ApiKey and UserId on loopback' {
        $s = Start-GumloopSimulator -ReplyDelayMs 10
        try {
            $s.BaseUri.IsLoopback | Should -BeTrue
            $s.StreamBaseUri.IsLoopback | Should -BeTrue
            $s.BaseUri.Port | Should -Not -Be $s.StreamBaseUri.Port
            $s.ApiKey | Should -BeOfType ([securestring])
            $s.UserId | Should -Not -BeNullOrEmpty
            $s.IsRunning | Should -BeTrue
        }
        finally {
            $s | Stop-GumloopSimulator
        }
    }

    It 'two simulators do not share state or keys' {
        $a = Start-GumloopSimulator -ReplyDelayMs 10
        $b = Start-GumloopSimulator -ReplyDelayMs 10
        try {
            $a.BaseUri | Should -Not -Be $b.BaseUri
            [System.Net.NetworkCredential]::new('', $a.ApiKey).Password | Should -Not -Be ([System.Net.NetworkCredential]::new('', $b.ApiKey).Password)
            $ca = $a | Connect-Gumloop -PassThru
            $cb = $b | Connect-Gumloop -PassThru
            $made = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Connection $ca
            $r = Get-GumloopSession -SessionId $made.Id -Connection $cb -ErrorAction SilentlyContinue -ErrorVariable ev
            $r | Should -BeNullOrEmpty
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        finally {
            $a, $b | Stop-GumloopSimulator
            $sim | Connect-Gumloop
        }
    }

    It 'Stop-GumloopSimulator stops it: later calls fail with ConnectionError' {
        $s = Start-GumloopSimulator -ReplyDelayMs 10
        $connection = $s | Connect-Gumloop -PassThru
        $sim | Connect-Gumloop
        Get-GumloopAgent -Connection $connection | Should -Not -BeNullOrEmpty
        $s | Stop-GumloopSimulator
        $s.IsRunning | Should -BeFalse
        $null = Get-GumloopAgent -Connection $connection -MaxRetryCount 0 -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'Start-GumloopSimulator -WhatIf starts nothing' {
        Start-GumloopSimulator -WhatIf | Should -BeNullOrEmpty
    }

    It '-ReplyDelayMs sets how long a turn stays processing' {
        $s = Start-GumloopSimulator -ReplyDelayMs 1500
        try {
            $connection = $s | Connect-Gumloop -PassThru
            $started = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'timing' -Connection $connection
            Start-Sleep -Milliseconds 300
            (Get-GumloopSession -SessionId $started.Id -Connection $connection).State | Should -BeExactly 'processing'
            (Wait-GumloopSession -SessionId $started.Id -Connection $connection -TimeoutSec 10).State | Should -BeExactly 'completed'
        }
        finally {
            $s | Stop-GumloopSimulator
            $sim | Connect-Gumloop
        }
    }

    It 'Stop-GumloopSimulator rejects an object that is not a simulator' {
        $null = 'not a simulator' | Stop-GumloopSimulator -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotASimulator*'
        $sim.IsRunning | Should -BeTrue
    }
}
