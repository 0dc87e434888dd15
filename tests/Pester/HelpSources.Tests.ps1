#Requires -Version 7.4
# Help that works for an installed module: an online link for every cmdlet, no pointers into the source tree,
# and a demo that uses the module's views.

BeforeDiscovery {
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $cmdlets = (Get-Command -Module GumloopPS -CommandType Cmdlet).Name
}

BeforeAll {
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $manifest = Import-PowerShellDataFile (Join-Path $env:GUMLOOPPS_TEST_MODULE 'GumloopPS.psd1')
    $about = Get-Content -Raw (Join-Path $env:GUMLOOPPS_TEST_MODULE 'en-US/about_GumloopPS.help.txt')
}

Describe 'Online help' {
    It '<_> has an online link to the project''s cmdlet section, first, for Get-Help -Online' -ForEach $cmdlets {
        $first = @((Get-Help $_ -Full).relatedLinks.navigationLink)[0]
        $first.uri | Should -BeExactly ($manifest.PrivateData.PSData.ProjectUri + '#cmdlets')
    }

    It 'the README has the section the link points to, listing every cmdlet' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        $readme | Should -Match '(?m)^## Cmdlets$'
        foreach ($name in (Get-Command -Module GumloopPS -CommandType Cmdlet).Name) { $readme | Should -Match "``$name``" }
    }
}

Describe 'about_GumloopPS stands alone' {
    It 'points to nothing in the source tree' {
        $about | Should -Not -Match 'src/GumloopPS'
        $about | Should -Not -Match 'README\.md'
    }

    It 'documents the simulator directives and its fault rules' {
        $about | Should -Match 'sim:fail'
        $about | Should -Match 'sim:drop-after'
        $about | Should -Match 'Stall\(ms\)'
        $about | Should -Match 'AddFault'
    }
}

Describe 'The demo' {
    It 'prints agents and the transcript through the module''s views, not columns of its own' {
        $demo = Get-Content -Raw (Join-Path $env:GUMLOOPPS_TEST_MODULE 'Examples/Demo.ps1')
        $demo | Should -Not -Match 'Format-Table\s+\w'
        $demo | Should -Not -Match '-Wrap'
    }
}

Describe 'Parameter order' {
    It 'follows the help source, then _Common.psd1, whatever class declares the parameter' {
        # Send-GumloopMessage has parameters of its own and request settings declared on a base class.
        $source = Join-Path $PSScriptRoot '../../src/GumloopPS/help'
        $ownOrder = @((Import-PowerShellDataFile (Join-Path $source 'Send-GumloopMessage.psd1')).Parameters.Keys)
        $ast = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $source 'Send-GumloopMessage.psd1'), [ref]$null, [ref]$null)
        $table = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.HashtableAst] }, $true) |
            Where-Object { $_.Parent.Parent -is [System.Management.Automation.Language.HashtableAst] -or $_.Parent -is [System.Management.Automation.Language.CommandExpressionAst] } |
            Select-Object -Skip 1 -First 1
        $written = @($table.KeyValuePairs | ForEach-Object { $_.Item1.Extent.Text.Trim("'", '"') })
        $written.Count | Should -Be $ownOrder.Count

        $positional = @((Get-Command Send-GumloopMessage).Parameters.Values | Where-Object { $_.ParameterSets.Values.Position -ge 0 } | ForEach-Object Name)
        $shown = @((Get-Help Send-GumloopMessage -Full).parameters.parameter.name)
        $named = @($shown | Where-Object { $_ -notin $positional -and $_ -notin 'WhatIf', 'Confirm' })
        $expectedOwn = @($written | Where-Object { $_ -in $named })
        $named[0..($expectedOwn.Count - 1)] | Should -Be $expectedOwn
        # The request settings declared on the base class come after the cmdlet's own, in _Common.psd1's order.
        $tail = @($named | Select-Object -Skip $expectedOwn.Count)
        $tail | Should -Contain 'Connection'
        [array]::IndexOf($tail, 'Connection') | Should -BeLessThan ([array]::IndexOf($tail, 'TimeoutSec'))
    }
}
