# Help is generated at build time by tools/Build-Help.ps1; these tests check what Get-Help really shows
# from the built module, so a missing or stale help file fails here even if the generator was skipped.

BeforeDiscovery {
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdletCases = foreach ($command in Get-Command -Module GumloopPS -CommandType Cmdlet | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { -not $commonParameters.Contains($_) } | Sort-Object)
        }
    }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $module = Get-Module GumloopPS
}

Describe 'The help file' {
    It 'is shipped in en-US as <module>.dll-Help.xml and is valid XML' {
        $path = Join-Path $module.ModuleBase 'en-US/GumloopPS.dll-Help.xml'
        $path | Should -Exist
        { [xml](Get-Content -LiteralPath $path -Raw) } | Should -Not -Throw
    }

    It 'covers exactly the exported cmdlets' {
        $path = Join-Path $module.ModuleBase 'en-US/GumloopPS.dll-Help.xml'
        $xml = [xml](Get-Content -LiteralPath $path -Raw)
        $documented = @($xml.helpItems.command | ForEach-Object { $_.details.name } | Sort-Object)
        $exported = @((Get-Command -Module GumloopPS -CommandType Cmdlet).Name | Sort-Object)
        $documented | Should -Be $exported
    }
}

Describe 'Help for <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
    }

    It 'has a written synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without a help file, PowerShell fills Synopsis with the syntax, which starts with the cmdlet name.
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
    }

    It 'has a description' {
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'has examples that use the cmdlet with parameters it has' {
        $known = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($parameter in $command.Parameters.Values) {
            $null = $known.Add($parameter.Name)
            foreach ($alias in $parameter.Aliases) { $null = $known.Add($alias) }
        }
        $calls = 0
        foreach ($example in @($help.examples.example)) {
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($example.code, [ref]$null, [ref]$null)
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                if ($call.GetCommandName() -ne $Name) { continue }
                $calls++
                foreach ($element in $call.CommandElements) {
                    if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                        $known.Contains($element.ParameterName) | Should -BeTrue -Because "example uses -$($element.ParameterName)"
                    }
                }
            }
        }
        $calls | Should -BeGreaterThan 0 -Because 'at least one example should call the cmdlet itself'
    }

    It 'shows one syntax block per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @($command.ParameterSets).Count
    }

    It 'names its output type' {
        $returns = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
        $declared = @($command.OutputType | ForEach-Object { if ($_.Name -eq 'System.Void') { 'None' } else { $_.Name } })
        $returns | Should -Be $declared
    }

    It 'links to about_GumloopPS' {
        @($help.relatedLinks.navigationLink.linkText) | Should -Contain 'about_GumloopPS'
    }

    Context 'parameter -<_>' -ForEach $Parameters {
        BeforeAll {
            $parameterName = $_
            $parameterHelp = $help.parameters.parameter | Where-Object name -eq $parameterName
            $metadata = $command.Parameters[$parameterName]
        }

        It 'has a description' {
            $parameterHelp | Should -Not -BeNullOrEmpty
            ($parameterHelp.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }

        It 'matches the cmdlet''s pipeline binding' {
            $byValue = [bool]($metadata.ParameterSets.Values | Where-Object ValueFromPipeline)
            $byName = [bool]($metadata.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
            $parameterHelp.pipelineInput -like '*ByValue*' | Should -Be $byValue
            $parameterHelp.pipelineInput -like '*ByPropertyName*' | Should -Be $byName
        }

        It 'lists the cmdlet''s aliases' {
            $expected = if ($metadata.Aliases.Count) { $metadata.Aliases -join ', ' } else { 'none' }
            $parameterHelp.aliases | Should -Be $expected
        }
    }
}

Describe 'about_GumloopPS' {
    BeforeAll {
        $text = Get-Help -Name about_GumloopPS | Out-String
    }

    It 'is found by Get-Help' {
        $text | Should -Match 'about_GumloopPS'
        $text | Should -Match 'SHORT DESCRIPTION'
    }

    It 'documents the environment variable <_>' -ForEach @(
        'GUMLOOP_API_KEY', 'GUMLOOP_ACCESS_TOKEN', 'GUMLOOP_USER_ID', 'GUMLOOP_TEAM_ID', 'GUMLOOP_BASE_URL', 'GUMLOOP_STREAM_URL'
    ) {
        $text | Should -Match ([regex]::Escape($_))
    }

    It 'documents the session state <_>' -ForEach @('idle', 'queued', 'processing', 'approval_required', 'completed', 'failed') {
        $text | Should -Match "\b$([regex]::Escape($_))\b"
    }

    It 'documents the simulator directive <_>' -ForEach @('sim:fail', 'sim:approval', 'sim:tool', 'sim:delay=') {
        $text | Should -Match ([regex]::Escape($_))
    }

    It 'documents every error id that ErrorMap can produce' {
        # The ids are public constants of the error map, so scripts can match on them; each needs an explanation.
        $errorMap = [GumloopPS.Errors.ErrorMap]
        $ids = $errorMap.GetFields('Public,Static') | Where-Object { $_.IsLiteral -and $_.FieldType -eq [string] } | ForEach-Object { $_.GetRawConstantValue() }
        $ids | Should -Not -BeNullOrEmpty
        $missing = @($ids | Where-Object { $text -notmatch "\b$([regex]::Escape($_))\b" })
        $missing | Should -BeNullOrEmpty -Because 'every error id should be explained in about_GumloopPS'
    }
}
