#Requires -Version 7.4
# The skill cmdlets against the simulator: listing with its filters, uploads checked before sending, new versions,
# deletion, and downloads through signed links that carry no credential.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    Add-Type -AssemblyName System.IO.Compression

    function New-SkillFolder([string] $Name, [string] $Description = 'Checklist of churn signals to scan for.') {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N')) $Name
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'reference') -Force
        Set-Content -LiteralPath (Join-Path $folder 'SKILL.md') -Value "---`nname: $Name`ndescription: $Description`n---`n`n# $Name`n"
        Set-Content -LiteralPath (Join-Path $folder 'reference/signals.csv') -Value "signal,weight`nlogins,3"
        $folder
    }

    # A zip whose entries have exactly these names: ZipArchive writes a name as given, '../' and all.
    function New-Zip([string] $Path, [hashtable] $Entries) {
        $stream = [System.IO.File]::Create($Path)
        $zip = [System.IO.Compression.ZipArchive]::new($stream, 'Create')
        foreach ($name in $Entries.Keys) {
            $writer = [System.IO.StreamWriter]::new($zip.CreateEntry($name).Open())
            $writer.Write($Entries[$name]); $writer.Dispose()
        }
        $zip.Dispose(); $stream.Dispose()
        $Path
    }

    # A 1 GB zip bomb in about a megabyte, in milliseconds: one MB of zeros deflated once with a sync flush (which ends on
    # a byte boundary without a final block), that piece 1024 times, then an empty final block. Headers declare the
    # true size; the CRC is never reached because every reader under test stops long before the end.
    function New-ZipBomb([string] $Path) {
        $raw = [System.IO.MemoryStream]::new()
        $deflate = [System.IO.Compression.DeflateStream]::new($raw, [System.IO.Compression.CompressionLevel]::SmallestSize, $true)
        $deflate.Write([byte[]]::new(1MB), 0, 1MB); $deflate.Flush()
        $piece = $raw.ToArray()
        $data = [System.IO.MemoryStream]::new()
        for ($i = 0; $i -lt 1024; $i++) { $data.Write($piece, 0, $piece.Length) }
        $data.Write([byte[]](3, 0), 0, 2)
        $compressed = $data.ToArray()
        $skill = [System.Text.Encoding]::UTF8.GetBytes("---`nname: bomb`ndescription: A bomb.`n---`n")
        $crc = [uint32]::MaxValue
        foreach ($b in $skill) { $crc = $crc -bxor $b; for ($k = 0; $k -lt 8; $k++) { $crc = if ($crc -band 1) { ($crc -shr 1) -bxor [uint32]3988292384 } else { $crc -shr 1 } } }
        $crc = [uint32]($crc -bxor [uint32]::MaxValue)
        $out = [System.IO.MemoryStream]::new(); $w = [System.IO.BinaryWriter]::new($out)
        $central = [System.IO.MemoryStream]::new(); $c = [System.IO.BinaryWriter]::new($central)
        $entries = @(@{ Name = 'SKILL.md'; Body = $skill; Method = [uint16]0; Size = [uint32]$skill.Length; Crc = $crc },
            @{ Name = 'bomb.bin'; Body = $compressed; Method = [uint16]8; Size = [uint32]1GB; Crc = [uint32]0 })
        foreach ($e in $entries) {
            $offset = [uint32]$out.Position; $n = [System.Text.Encoding]::ASCII.GetBytes($e.Name)
            $w.Write([uint32]0x04034b50); $w.Write([uint16]20); $w.Write([uint16]0); $w.Write($e.Method); $w.Write([uint32]0)
            $w.Write($e.Crc); $w.Write([uint32]$e.Body.Length); $w.Write($e.Size); $w.Write([uint16]$n.Length); $w.Write([uint16]0); $w.Write($n); $w.Write($e.Body)
            $c.Write([uint32]0x02014b50); $c.Write([uint16]20); $c.Write([uint16]20); $c.Write([uint16]0); $c.Write($e.Method); $c.Write([uint32]0)
            $c.Write($e.Crc); $c.Write([uint32]$e.Body.Length); $c.Write($e.Size); $c.Write([uint16]$n.Length); $c.Write([uint16]0); $c.Write([uint16]0)
            $c.Write([uint16]0); $c.Write([uint16]0); $c.Write([uint32]0); $c.Write($offset); $c.Write($n)
        }
        $start = [uint32]$out.Position; $c.Flush(); $w.Write($central.ToArray())
        $w.Write([uint32]0x06054b50); $w.Write([uint16]0); $w.Write([uint16]0); $w.Write([uint16]2); $w.Write([uint16]2)
        $w.Write([uint32]$central.Length); $w.Write($start); $w.Write([uint16]0); $w.Flush()
        [System.IO.File]::WriteAllBytes($Path, $out.ToArray())
        $Path
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopSkill' {
    It 'lists typed skills newest first, and -Verbose names the total count' {
        $result = Invoke-Capture { Get-GumloopSkill -Verbose }
        $result.Output | Should -BeOfType ([GumloopPS.Core.Skill])
        $result.Output.Name | Should -Be @('sla-lookup', 'renewal-brief', 'pricing-table')
        $result.Verbose | Should -Contain 'Read 3 of 3 matching skills.'
    }

    It 'reads what -First asks for and still names the total count' {
        $result = Invoke-Capture { Get-GumloopSkill -First 1 -SortOrder popular -Verbose }
        $result.Output.Name | Should -Be 'renewal-brief'
        $result.Verbose | Should -Contain 'Read 1 of 3 matching skills.'
    }

    It '-IncludeTotalCount writes the total the service reports after the skills, instead of the warning' {
        $result = Invoke-Capture { Get-GumloopSkill -First 1 -IncludeTotalCount }
        $result.Output.Count | Should -Be 2
        $result.Output[0] | Should -BeOfType ([GumloopPS.Core.Skill])
        $total = $result.Output[1]
        $total | Should -BeOfType ([uint64])
        [uint64]$total | Should -Be 3
        $total.Accuracy | Should -Be 1.0
        $total.ToString() | Should -BeExactly 'Total count: 3'
        ($total | Out-String).Trim() | Should -BeExactly 'Total count: 3'
        $result.Warning | Should -BeNullOrEmpty
    }

    It 'sends the filters by their API names' {
        $sim.ClearRequestLog()
        $null = Get-GumloopSkill -Search brief -RelatedServerId gumloop_hubspot -Creator $sim.UserId -Unused
        (Get-Request GET '*/skills')[0].Query | Should -Match 'search_query=brief.*|related_server_id=gumloop_hubspot'
        (Get-Request GET '*/skills')[0].Query | Should -Match 'unused=true'
    }

    It 'gets skills by id, and an unknown id is GumloopNotFound' {
        (Get-GumloopSkill -SkillId skill_p7Tr4nGe).Name | Should -BeExactly 'pricing-table'
        $result = Invoke-Capture { Get-GumloopSkill -SkillId skill_nope }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'skill_nope'
    }
}

Describe 'Remove-GumloopSkill' {
    It 'Get-GumloopSkill -Unused | Remove-GumloopSkill -WhatIf deletes nothing' {
        $sim.ClearRequestLog()
        Get-GumloopSkill -Unused | Remove-GumloopSkill -WhatIf | Should -BeNullOrEmpty
        (Get-Request GET '*/skills').Count | Should -Be 1
        Get-Request DELETE '*' | Should -BeNullOrEmpty
        (Get-GumloopSkill).Count | Should -Be 3
    }

    It 'deletes a piped skill with -Confirm:$false and then it is gone' {
        $skill = New-GumloopSkill -Path (New-SkillFolder 'to-delete')
        $skill | Remove-GumloopSkill -Confirm:$false | Should -BeNullOrEmpty
        (New-GumloopSkill -Path (New-SkillFolder 'second-delete') | Remove-GumloopSkill -Confirm:$false -PassThru).Name | Should -BeExactly 'second-delete'
        (Get-GumloopSkill -All).Id | Should -Not -Contain $skill.Id
        $result = Invoke-Capture { Remove-GumloopSkill -SkillId $skill.Id -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly $skill.Id
    }

    It 'has ConfirmImpact High' {
        (Get-Command Remove-GumloopSkill).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }
}

Describe 'New-GumloopSkill and Set-GumloopSkill' {
    It 'zips a folder with SKILL.md at the root and creates the skill' {
        $skill = New-GumloopSkill -Path (New-SkillFolder 'churn-signals') -TeamId $sim.TeamId
        $skill | Should -BeOfType ([GumloopPS.Core.Skill])
        $skill.Name | Should -BeExactly 'churn-signals'
        $skill.MajorVersion | Should -Be 1
        (Get-Request POST '*/skills')[-1].Body | Should -Match 'name=files; filename=churn-signals.zip'
    }

    It 'pipes folders from Get-ChildItem' {
        $parent = Join-Path $TestDrive 'many'
        $null = New-Item -ItemType Directory $parent
        foreach ($n in 'alpha-skill', 'beta-skill') { Copy-Item -Recurse (New-SkillFolder $n) (Join-Path $parent $n) }
        (Get-ChildItem $parent -Directory | New-GumloopSkill).Name | Should -Be @('alpha-skill', 'beta-skill')
    }

    It '-WhatIf checks the skill and sends nothing' {
        $sim.ClearRequestLog()
        New-GumloopSkill -Path (New-SkillFolder 'not-sent') -WhatIf | Should -BeNullOrEmpty
        Get-Request POST '*' | Should -BeNullOrEmpty
    }

    It 'refuses SKILL.md without a description before sending (GumloopInvalidSkill)' {
        $folder = New-SkillFolder 'broken'
        Set-Content -LiteralPath (Join-Path $folder 'SKILL.md') -Value "---`nname: broken`n---`n"
        $sim.ClearRequestLog()
        $result = Invoke-Capture { New-GumloopSkill -Path $folder }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidSkill*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $result.Errors[0].Exception.Message | Should -Match 'no description'
        Get-Request POST '*' | Should -BeNullOrEmpty
    }

    It 'refuses a hostile archive (<Case>) with a clear error and sends nothing' -TestCases @(
        @{ Case = 'zip-slip'; Entry = '../../outside.txt'; Id = 'GumloopUnsafeArchive'; Says = 'climbs out' }
        @{ Case = 'absolute path'; Entry = '/etc/cron.d/evil'; Id = 'GumloopUnsafeArchive'; Says = 'absolute path' }
    ) {
        $zip = New-Zip (Join-Path $TestDrive "$([guid]::NewGuid()).zip") @{ 'SKILL.md' = "---`nname: x`ndescription: y`n---`n"; $Entry = 'pwned' }
        $sim.ClearRequestLog()
        $result = Invoke-Capture { New-GumloopSkill -Path $zip }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $result.Errors[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $result.Errors[0].Exception.Message | Should -Match $Says
        $result.Errors[0].TargetObject | Should -BeExactly $zip
        Get-Request POST '*' | Should -BeNullOrEmpty
    }

    It 'refuses a 1 GB zip bomb with a clear error and sends nothing' {
        $bomb = New-ZipBomb (Join-Path $TestDrive 'bomb.skill')
        (Get-Item $bomb).Length | Should -BeLessThan 2MB
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Set-GumloopSkill -SkillId skill_b2Lq8rTn -Path $bomb }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPayloadTooLarge*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Errors[0].Exception.Message | Should -Match 'expands to 1024 MB'
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'Set-GumloopSkill uploads a new version of a piped skill' {
        $skill = Get-GumloopSkill -SkillId skill_p7Tr4nGe
        $updated = $skill | Set-GumloopSkill -Path (New-SkillFolder 'pricing-table' 'New pricing rules.') -PassThru
        $updated.MajorVersion | Should -Be ($skill.MajorVersion + 1)
        $updated.Description | Should -BeExactly 'New pricing rules.'
        (Get-Request PATCH '*/skills/skill_p7Tr4nGe').Count | Should -Be 1
    }
}

Describe 'Save-GumloopSkill' {
    It 'saves the .skill archive through the signed link without any credential' {
        $sim.ClearRequestLog()
        $folder = Join-Path $TestDrive 'saved'
        $file = Get-GumloopSkill -SkillId skill_b2Lq8rTn | Save-GumloopSkill -Destination "$folder/"
        $file.Name | Should -BeExactly 'renewal-brief.skill'
        $fetch = @($sim.RequestLog | Where-Object Path -like '/_storage/*')
        $fetch.Count | Should -Be 1
        $fetch[0].Credential | Should -BeNullOrEmpty
        $fetch[0].AuthKey | Should -BeNullOrEmpty
        $fetch[0].Query | Should -Match 'X-Sim-Signature'
    }

    It 'never overwrites without -Force' {
        $target = Join-Path $TestDrive 'exists.skill'
        Set-Content -LiteralPath $target -Value 'mine'
        $result = Invoke-Capture { Save-GumloopSkill -SkillId skill_b2Lq8rTn -Destination $target }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
        Get-Content -LiteralPath $target | Should -BeExactly 'mine'
        (Save-GumloopSkill -SkillId skill_b2Lq8rTn -Destination $target -Force).Length | Should -BeGreaterThan 100
    }

    It '-Expand writes the skill''s files into the destination' {
        $folder = Join-Path $TestDrive 'expanded'
        $files = Save-GumloopSkill -SkillId skill_b2Lq8rTn -Destination $folder -Expand
        $files.Name | Should -Contain 'SKILL.md'
        Get-Content -Raw (Join-Path $folder 'SKILL.md') | Should -Match 'name: renewal-brief'
        $again = Invoke-Capture { Save-GumloopSkill -SkillId skill_b2Lq8rTn -Destination $folder -Expand }
        $again.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileExists*'
    }

    It '-WhatIf downloads nothing' {
        $sim.ClearRequestLog()
        Save-GumloopSkill -SkillId skill_b2Lq8rTn -Destination (Join-Path $TestDrive 'whatif') -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
        Test-Path (Join-Path $TestDrive 'whatif') | Should -BeFalse
    }
}

Describe 'Coverage of the skill and MCP operations' {
    It 'Find-GumloopCommand names a typed cmdlet for every skill and MCP operation but the two sync routes' {
        $ops = @(Find-GumloopCommand -Path '/skills*') + @(Find-GumloopCommand -Path '/mcp/*')
        $ops.Count | Should -Be 15
        foreach ($op in $ops) {
            if ($op.Path -like '/skills/sync/*') {
                $op.Command | Should -BeExactly 'Invoke-GumloopApi'
                $op.Remarks | Should -Match 'undocumented'
            }
            else {
                $op.Command | Should -Not -BeExactly 'Invoke-GumloopApi' -Because "$($op.Method) $($op.Path)"
                Get-Command $op.Command -Module GumloopPS | Should -Not -BeNullOrEmpty
            }
        }
    }
}
