# The README promises that the demo runbook works on a fresh clone; this runs the shipped copy.
BeforeAll {
    $module = $env:GUMLOOPPS_TEST_MODULE
    $demo = Join-Path $module 'Examples/Demo.ps1'
}

Describe 'Examples/Demo.ps1' {
    BeforeAll {
        $outDir = Join-Path $TestDrive 'demo'
        $output = & $demo -ModulePath $module -OutDirectory $outDir 6>$null
        $csv = Join-Path $outDir 'transcript.csv'
    }

    It 'ships inside the built module' {
        $demo | Should -Exist
    }

    It 'writes the path of the transcript it exported as its only output' {
        @($output) | Should -HaveCount 1
        $output | Should -Be (Resolve-Path $csv).Path
    }

    It 'exports at least three user and three assistant messages' {
        $rows = Import-Csv $csv
        @($rows | Where-Object Role -eq 'user').Count | Should -BeGreaterOrEqual 3
        @($rows | Where-Object Role -eq 'assistant').Count | Should -BeGreaterOrEqual 3
    }

    It 'exports readable cells only' {
        $text = Get-Content $csv -Raw
        $text | Should -Not -Match 'System\.(Object|Collections)|GumloopPS\.Core\.'
    }

    It 'exports one session, answered in order' {
        $rows = Import-Csv $csv
        @($rows.SessionId | Select-Object -Unique) | Should -HaveCount 1
        $rows.Role | Should -Be @('user', 'assistant', 'user', 'assistant', 'user', 'assistant')
    }

    It 'also writes the conversation to transcript.html, one article per message' {
        $html = Join-Path $outDir 'transcript.html'
        $html | Should -Exist
        $page = Get-Content $html -Raw
        $rows = Import-Csv $csv
        ([regex]::Matches($page, '<article class="turn ')).Count | Should -Be @($rows).Count
        $page | Should -Match '<!DOCTYPE html>'
        $page | Should -Not -Match '<script'
        foreach ($row in $rows) {
            $encoded = $row.Text.Replace('&', '&amp;').Replace('<', '&lt;').Replace('>', '&gt;').Replace('"', '&quot;').Replace("'", '&#39;')
            $page.Contains($encoded) | Should -BeTrue -Because "the page shows '$($row.Text)'"
        }
    }
}
