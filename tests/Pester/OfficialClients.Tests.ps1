#Requires -Version 7.4
# Gumloop's own clients, unmodified apart from their base URL, against the simulator: what they send must work there
# as it works against the real service. npm gumloop 1.0.2 (test-only, pinned by tests/conformance/js/package-lock.json)
# runs flows with only a bearer key, naming the caller with user_id and, with a team key, project_id.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $jsDir = Join-Path (Split-Path $PSScriptRoot) 'conformance/js'
    $node = Get-Command node -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $node) { throw 'Node.js (node on PATH) is needed to run the official JavaScript SDK.' }
    if (-not (Test-Path (Join-Path $jsDir 'node_modules/gumloop/package.json'))) {
        $npm = Get-Command npm -CommandType Application -ErrorAction Stop | Select-Object -First 1
        Push-Location $jsDir
        try {
            $log = & $npm.Source ci --no-audit --no-fund 2>&1
            if ($LASTEXITCODE -ne 0) { throw "npm ci failed in ${jsDir}: $($log -join "`n")" }
        }
        finally { Pop-Location }
    }
    $sim = Start-GumloopSimulator -ReplyDelayMs 50
    $renewalFlow = 'fL4nT8wQ2xVd7kRb'
    $secondUser = 'Jt6Rb0WqN8eKs2LfZx5Ma9VcPd1H'

    # Runs the SDK's runFlow in a child node process; the key travels in that process's environment only.
    function Invoke-OfficialRunFlow([securestring] $Key, [string] $UserId, [string] $ProjectId, [hashtable] $Inputs) {
        $names = 'GUMLOOP_CONFORMANCE_API_KEY', 'GUMLOOP_CONFORMANCE_USER_ID', 'GUMLOOP_CONFORMANCE_PROJECT_ID',
            'GUMLOOP_CONFORMANCE_BASE_URL', 'GUMLOOP_CONFORMANCE_FLOW_ID', 'GUMLOOP_CONFORMANCE_INPUTS'
        try {
            $env:GUMLOOP_CONFORMANCE_API_KEY = Get-Plain $Key
            $env:GUMLOOP_CONFORMANCE_USER_ID = $UserId
            $env:GUMLOOP_CONFORMANCE_PROJECT_ID = $ProjectId
            $env:GUMLOOP_CONFORMANCE_BASE_URL = $sim.BaseUri.ToString().TrimEnd('/')
            $env:GUMLOOP_CONFORMANCE_FLOW_ID = $renewalFlow
            $env:GUMLOOP_CONFORMANCE_INPUTS = $Inputs | ConvertTo-Json -Compress
            $errFile = [IO.Path]::GetTempFileName()
            $out = & $node.Source (Join-Path $jsDir 'run-flow.js') 2>$errFile
            [pscustomobject]@{
                ExitCode = $LASTEXITCODE
                Outputs  = if ($LASTEXITCODE -eq 0) { $out | ConvertFrom-Json -AsHashtable } else { $null }
                Stderr   = Get-Content -Raw $errFile
            }
            Remove-Item $errFile
        }
        finally {
            foreach ($name in $names) { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
        }
    }
}

AfterAll {
    $sim.Dispose()
}

Describe 'npm gumloop 1.0.2 runFlow against the simulator' {
    BeforeEach { $sim.ClearRequestLog() }

    It 'reaches DONE with outputs with a personal key, sending no x-auth-key' {
        $result = Invoke-OfficialRunFlow -Key $sim.ApiKey -UserId $sim.UserId -Inputs @{ account_domain = 'northwind.example' }
        $result.ExitCode | Should -Be 0 -Because $result.Stderr
        $result.Outputs.renewal_summary | Should -BeLike '*northwind.example*'
        $result.Outputs.Keys | Should -Contain 'risk_score'
        $start = @($sim.RequestLog | Where-Object { $_.Path -like '*/start_pipeline' })
        $start.Count | Should -Be 1
        $start[0].AuthKey | Should -BeNullOrEmpty
        $start[0].Body | Should -Match '"pipeline_inputs"'
        @($sim.RequestLog | Where-Object { $_.Path -like '*/get_pl_run' }).Count | Should -BeGreaterThan 0
    }

    It 'reaches DONE with outputs with a team key and project_id, acting as the member user_id names' {
        $result = Invoke-OfficialRunFlow -Key $sim.TeamApiKey -UserId $secondUser -ProjectId $sim.TeamId -Inputs @{ account_domain = 'fabrikam.example' }
        $result.ExitCode | Should -Be 0 -Because $result.Stderr
        $result.Outputs.renewal_summary | Should -BeLike '*fabrikam.example*'
        $start = @($sim.RequestLog | Where-Object { $_.Path -like '*/start_pipeline' })
        $start[0].Body | Should -Match ('"project_id":"' + $sim.TeamId + '"')
        $start[0].Query | Should -Not -Match 'team_id'
    }

    It 'fails with 401 when the key is wrong' {
        $wrong = ConvertTo-SecureString 'not-a-gumloop-key' -AsPlainText -Force
        $result = Invoke-OfficialRunFlow -Key $wrong -UserId $sim.UserId -Inputs @{ account_domain = 'x' }
        $result.ExitCode | Should -Be 1
        $result.Stderr | Should -Match 'HTTP 401'
    }

    It 'fails with 403 when a personal key names another user' {
        $result = Invoke-OfficialRunFlow -Key $sim.ApiKey -UserId $secondUser -Inputs @{ account_domain = 'x' }
        $result.ExitCode | Should -Be 1
        $result.Stderr | Should -Match 'HTTP 403'
    }
}
