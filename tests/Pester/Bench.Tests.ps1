#Requires -Version 7.4
# Runs the quick benchmark once against the built module. Timings depend on the machine, so nothing here asserts
# one: only that the run completes and writes results a reader (or a later tool) can rely on.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $outDir = Join-Path $TestDrive 'bench'
    $bench = Join-Path $PSScriptRoot '../bench/Invoke-Benchmarks.ps1'

    # A child pwsh, started the way build.ps1 starts them: the benchmark imports the module and times cold starts,
    # which this test process (module already loaded) would distort.
    $pwsh = Get-ChildPwsh
    $prefix = $pwsh.Arguments
    $log = & $pwsh.Path @prefix -NoProfile -File $bench -ModulePath $env:GUMLOOPPS_TEST_MODULE -OutDirectory $outDir -Quick 2>&1 | Out-String
    $exitCode = $LASTEXITCODE

    $jsonPath = Join-Path $outDir 'results.json'
    $mdPath = Join-Path $outDir 'results.md'
    $results = if (Test-Path $jsonPath) { Get-Content $jsonPath -Raw | ConvertFrom-Json } else { $null }
    $timed = @(if ($results) { $results.rows | Where-Object { $null -ne $_.medianMs } })
}

Describe 'Invoke-Benchmarks.ps1 -Quick' {
    It 'completes with exit code 0' {
        $exitCode | Should -Be 0 -Because $log
    }

    It 'writes results.json that parses' {
        $jsonPath | Should -Exist
        $results | Should -Not -BeNullOrEmpty
        $results.environment.quick | Should -BeTrue
        @($results.rows).Count | Should -BeGreaterThan 0
    }

    It 'writes results.md holding the table it printed' {
        $mdPath | Should -Exist
        $md = Get-Content $mdPath -Raw
        $md | Should -Match '\| Scenario \| Contender \| Median ms \| p95 ms \| Ratio \| Peak WS MB \| Target met \| Notes \|'
        $log | Should -Match '\| Scenario \| Contender \|'
    }

    It 'has rows for the <Scenario> scenario' -TestCases @(
        @{ Scenario = 'first result' }
        @{ Scenario = 'import' }
        @{ Scenario = 'first call' }
        @{ Scenario = 'per call' }
        @{ Scenario = 'simulator' }
        @{ Scenario = 'export 1000' }
        @{ Scenario = 'export 10000' }
        @{ Scenario = 'fan-out*' }
        @{ Scenario = 'streaming' }
        @{ Scenario = 'transcript*' }
    ) {
        param($Scenario)
        @($results.rows | Where-Object scenario -like $Scenario).Count | Should -BeGreaterThan 0
    }

    It 'names a baseline in every scenario with a comparison' {
        $compared = $results.rows | Where-Object { $null -ne $_.ratio -and -not $_.baseline -and $_.scenario -notin 'simulator', 'export growth' }
        foreach ($scenario in @($compared | ForEach-Object scenario | Select-Object -Unique)) {
            @($results.rows | Where-Object { $_.scenario -eq $scenario -and $_.baseline }).Count | Should -Be 1 -Because "scenario '$scenario'"
        }
    }

    It 'has positive medians, p95s and ratios' {
        $timed.Count | Should -BeGreaterThan 5
        foreach ($row in $timed) {
            $row.medianMs | Should -BeGreaterThan 0 -Because "$($row.scenario) / $($row.contender)"
            $row.p95Ms | Should -BeGreaterThan 0 -Because "$($row.scenario) / $($row.contender)"
            if ($null -ne $row.ratio) { $row.ratio | Should -BeGreaterThan 0 -Because "$($row.scenario) / $($row.contender)" }
        }
    }

    It 'reports cold and warm time, peak memory and payload size for every export contender' {
        $exports = @($results.rows | Where-Object { $_.scenario -like 'export [0-9]*' -and $_.contender -notlike '*TieredPGO*' -and $_.contender -notlike '*precompiled pwsh' })
        # Two sizes with -Quick, three contenders each: foreach + [pscustomobject] (the baseline), Select-Object, the module.
        $exports.Count | Should -Be 6
        foreach ($row in $exports) {
            $row.peakWorkingSetMB | Should -BeGreaterThan 0
            $row.payloadBytes | Should -BeGreaterThan 0
            $row.coldMs | Should -BeGreaterThan 0
        }
        @($exports | Where-Object baseline).contender | Sort-Object -Unique | Should -Be 'Invoke-RestMethod + foreach [pscustomobject] + Export-Csv'
    }

    It 'times the largest export once more with tiered PGO off, cold and warm' {
        $row = @($results.rows | Where-Object contender -like '*DOTNET_TieredPGO=0*')
        $row.Count | Should -Be 1
        $row[0].scenario | Should -Be 'export 10000'
        $row[0].coldMs | Should -BeGreaterThan 0
        $row[0].coldOverWarm | Should -BeGreaterThan 0
        $row[0].ratio | Should -BeGreaterThan 0
    }

    # The pwsh tool package ships PowerShell as IL only; the bench precompiles a copy, as PowerShell's release packages are.
    It 'measures first result and a cold export on a precompiled copy of pwsh' {
        $first = @($results.rows | Where-Object scenario -eq 'first result, precompiled pwsh')
        $first.Count | Should -Be 3 -Because ($first.notes -join '; ')
        foreach ($row in $first) { $row.medianMs | Should -BeGreaterThan 0 -Because $row.contender }
        @($first | Where-Object baseline).contender | Should -BeLike 'Invoke-RestMethod*'
        @($results.targets | Where-Object target -like 'First result, on a precompiled pwsh*').Count | Should -Be 1
        $export = @($results.rows | Where-Object contender -eq 'Get-GumloopMessage | Export-Csv, precompiled pwsh')
        $export.Count | Should -Be 1
        $export[0].scenario | Should -Be 'export 10000'
        $export[0].coldMs | Should -BeGreaterThan 0
        $export[0].coldOverWarm | Should -BeGreaterThan 0
    }

    It 'measures the pwsh start alone beside both first-result contenders' {
        $first = @($results.rows | Where-Object scenario -eq 'first result')
        $first.Count | Should -Be 3
        $floor = @($first | Where-Object contender -like '*floor*')
        $floor.Count | Should -Be 1
        $floor[0].medianMs | Should -BeGreaterThan 0
        $floor[0].PSObject.Properties.Name | Should -Contain 'moduleAddedMs'
        $floor[0].PSObject.Properties.Name | Should -Contain 'irmAddedMs'
    }

    It 'compares per-call work with the raw floor, the Core client and Invoke-RestMethod with and without -WebSession' {
        $perCall = @($results.rows | Where-Object scenario -eq 'per call')
        @($perCall | Where-Object baseline).contender | Should -BeLike 'raw HttpClient*'
        $perCall.contender | Should -Contain 'Invoke-RestMethod -WebSession loop'
        $perCall.contender | Should -Contain 'GumloopPS.Core client in a C# loop'
        ($perCall | Where-Object contender -eq 'Get-GumloopSession loop').ratioVsIrmWebSession | Should -BeGreaterThan 0
    }

    It 'runs the server of the per-call scenario in a separate process' {
        $results.simulatorServiceTime.process | Should -Be 'separate'
    }

    It 'reports fan-out throughput, errors and TCP connections' {
        foreach ($row in @($results.rows | Where-Object scenario -like 'fan-out*')) {
            $row.sessionsPerSecond | Should -BeGreaterThan 0
            $row.errors | Should -BeGreaterOrEqual 0
            $row.tcpConnections | Should -BeGreaterThan 0
        }
    }

    # The streaming scenario records a failure as a row rather than stopping the run, so a row alone proves nothing.
    It 'times every streaming contender against the simulator''s own clock' {
        $streaming = @($results.rows | Where-Object scenario -eq 'streaming')
        $streaming.Count | Should -Be 4
        @($streaming | Where-Object baseline).contender | Should -BeLike '*simulator*'
        foreach ($row in $streaming) {
            $row.medianMs | Should -BeGreaterThan 0 -Because $row.notes
        }
        $text = @($streaming | Where-Object contender -like '*Information stream*')
        $text.Count | Should -Be 1
        $text[0].addedPerEventMs | Should -Not -BeNullOrEmpty
        $text[0].addedFirstMs | Should -Not -BeNullOrEmpty
    }

    It 'reports the peak memory of the split HTML transcript export' {
        $row = @($results.rows | Where-Object scenario -like 'transcript*')
        $row.Count | Should -Be 1
        $row[0].peakWorkingSetMB | Should -BeGreaterThan 0
        $row[0].sessions | Should -Be 100
        $row[0].bytesWritten | Should -BeGreaterThan 0
    }

    It 'reports the simulator service time' {
        $results.simulatorServiceTime.requests | Should -BeGreaterThan 0
        $results.simulatorServiceTime.averageMs | Should -BeGreaterThan 0
    }

    It 'states every target as met or not' {
        @($results.targets).Count | Should -BeGreaterThan 0
        foreach ($target in $results.targets) {
            $target.met | Should -BeOfType ([bool])
            $target.target | Should -Not -BeNullOrEmpty
        }
    }
}
