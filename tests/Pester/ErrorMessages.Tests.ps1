#Requires -Version 7.4
# What error records say: ids from the one table, configuration errors that name their source, not-found errors
# that name what was looked for, and advice that fits the resource.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $saved = Save-GumloopEnv
    $moduleRoot = $env:GUMLOOPPS_TEST_MODULE
    $sourceRoot = Join-Path $PSScriptRoot '../../src/GumloopPS'
}

AfterAll {
    Restore-GumloopEnv $saved
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Configuration errors' {
    BeforeEach { Disconnect-Gumloop }
    AfterEach { Clear-GumloopEnv; $sim | Connect-Gumloop }

    It '<Name> gives GumloopInvalidConfiguration naming <Variable>' -ForEach @(
        @{ Name = 'GUMLOOP_BASE_URL=ftp://x'; Variable = 'GUMLOOP_BASE_URL'; Env = @{ GUMLOOP_BASE_URL = 'ftp://x' } }
        @{ Name = 'GUMLOOP_BASE_URL=notaurl'; Variable = 'GUMLOOP_BASE_URL'; Env = @{ GUMLOOP_BASE_URL = 'notaurl' } }
        @{ Name = 'an empty GUMLOOP_USER_ID'; Variable = 'GUMLOOP_USER_ID'; Env = @{ GUMLOOP_USER_ID = '' } }
        @{ Name = 'GUMLOOP_STREAM_URL=http://example.com/x'; Variable = 'GUMLOOP_STREAM_URL'; Env = @{ GUMLOOP_STREAM_URL = 'http://example.com/x' } }
    ) {
        $env:GUMLOOP_API_KEY = Get-Plain $sim.ApiKey
        $env:GUMLOOP_USER_ID = $sim.UserId
        $env:GUMLOOP_BASE_URL = $sim.BaseUri.AbsoluteUri
        foreach ($k in $Env.Keys) { [Environment]::SetEnvironmentVariable($k, $Env[$k]) }
        foreach ($call in { Get-GumloopAgent }, { Connect-Gumloop }) {
            $result = Invoke-Capture $call
            $result.Errors.Count | Should -Be 1
            $err = $result.Errors[0]
            $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidConfiguration,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match $Variable
            $err.ToString() | Should -Not -Match "\(Parameter '"
        }
    }

    It 'a bad Connect-Gumloop parameter names the parameter' {
        $err = (Invoke-Capture { Connect-Gumloop -ApiKey $sim.ApiKey -UserId $sim.UserId -BaseUri 'ftp://127.0.0.1/api/v1' }).Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidConnectionSettings,*'
        $err.ToString() | Should -Match '-BaseUri'
        $err.ToString() | Should -Not -Match "\(Parameter '"
    }
}

Describe 'Not-found errors' {
    It '<Call> names the <Kind> and the id, with advice for that resource' -ForEach @(
        @{ Call = { Get-GumloopSession -SessionId 'sess_x' }; Kind = 'session'; Id = 'sess_x'; Advice = 'Get-GumloopSession -AgentId' }
        @{ Call = { Get-GumloopAgent -AgentId 'ag_nope' }; Kind = 'agent'; Id = 'ag_nope'; Advice = 'Get-GumloopAgent lists' }
        @{ Call = { Get-GumloopFlowRun -RunId 'run_nope_1234' }; Kind = 'flow run'; Id = 'run_nope_1234'; Advice = 'Get-GumloopFlowRun -FlowId' }
        @{ Call = { Remove-GumloopQueuedMessage -SessionId 'sess_Pb9yE4uL6d' -QueuedMessageId 'qm_nope' -Confirm:$false }; Kind = 'queued message|session'; Id = 'qm_nope|sess_Pb9yE4uL6d'; Advice = 'Get-GumloopQueuedMessage|Get-GumloopSession' }
        @{ Call = { Invoke-GumloopApi GET '/skills/sk_nope' }; Kind = 'skill'; Id = 'sk_nope'; Advice = '/skills' }
    ) {
        $err = (Invoke-Capture $Call).Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $err.ErrorDetails.Message | Should -Match "^No ($Kind) '($Id)' was found\."
        $err.ErrorDetails.RecommendedAction | Should -Match $Advice
        $err.ErrorDetails.RecommendedAction | Should -Not -Match 'Get-GumloopAgent and Get-GumloopSession list'
    }

    It 'an absolute URL on another host gets advice about absolute URLs, not placeholders' {
        $err = (Invoke-Capture { Invoke-GumloopApi GET 'https://evil.example/agents' }).Errors[0]
        $err.ErrorDetails.RecommendedAction | Should -Match 'relative|-BaseUri'
        $err.ErrorDetails.RecommendedAction | Should -Not -Match '\{'
    }

    It 'a 409 session_already_exists gets advice' {
        $existing = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Name 'taken'
        $err = (Invoke-Capture { New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -SessionId $existing.Id }).Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopConflict,*'
        $err.ErrorDetails.RecommendedAction | Should -Match '-SessionId'
    }

    It 'the wait-timeout advice appears once' {
        $slow = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input 'slow sim:delay=20000'
        try {
            $err = (Invoke-Capture { Wait-GumloopSession -SessionId $slow.Id -WaitTimeoutSec 1 }).Errors[0]
            $text = "$($err.ErrorDetails.Message) $($err.ErrorDetails.RecommendedAction)"
            ([regex]::Matches($text, 'Run Wait-GumloopSession again')).Count | Should -Be 1
        }
        finally { Stop-GumloopSession -SessionId $slow.Id -Confirm:$false -WarningAction SilentlyContinue }
    }
}

Describe 'Argument errors and the error table' {
    It 'argument errors that are not about ids are GumloopInvalidArgument: <Name>' -ForEach @(
        @{ Name = '-All -Stream'; Call = { Invoke-GumloopApi GET /agents -All -Stream } }
        @{ Name = '-All with POST'; Call = { Invoke-GumloopApi POST /agents -All -Body '{}' -Confirm:$false } }
        @{ Name = 'a -Body that is not JSON'; Call = { Invoke-GumloopApi POST /agents -Body '{not json' -Confirm:$false } }
    ) {
        $err = (Invoke-Capture $Call).Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument,*'
        $err.ToString() | Should -Not -Match "\(Parameter '"
    }

    It 'ids give GumloopInvalidId without "(Parameter ''id'')" in the message' {
        $err = (Invoke-Capture { Get-GumloopSession -SessionId '..' }).Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidId,*'
        $err.ToString() | Should -Not -Match "\(Parameter 'id'\)"
    }

    It 'about_GumloopPS and the behaviour agree: a/b is escaped and sent, so it is not found' {
        (Invoke-Capture { Get-GumloopSession -SessionId 'a/b' }).Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $about = Get-Content -Raw (Join-Path $moduleRoot 'en-US/about_GumloopPS.help.txt')
        $row = [regex]::Match($about, '(?s)GumloopInvalidId\s+InvalidArgument(.*?)GumloopInvalidArgument').Groups[1].Value
        $row | Should -Not -Match 'with / \?'
        $row | Should -Match 'GumloopNotFound'
        $row | Should -Match '\.\.'
    }

    It 'every FullyQualifiedErrorId literal in the cmdlets comes from the error table' {
        # An ErrorRecord built with a string id (possibly over several lines) instead of an ErrorMap constant.
        $literals = Get-ChildItem (Join-Path $sourceRoot 'Commands'), (Join-Path $sourceRoot 'Internal') -Filter *.cs |
            Where-Object { (Get-Content -Raw $_.FullName) -match '(?s)new ErrorRecord\([^;]*?"Gumloop\w+"' } | ForEach-Object Name
        $literals | Should -BeNullOrEmpty
    }
}
