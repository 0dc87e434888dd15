#Requires -Version 7.4
# Hostile ids through the streaming cmdlets (Fuzz.Tests.ps1 covers the REST ones), and the advice and TargetObject
# every refused id carries.

BeforeDiscovery {
    $ids = [ordered]@{
        'empty'          = ''
        'space'          = ' '
        '../x'           = '../x'
        '..'             = '..'
        'a/b'            = 'a/b'
        'a?b'            = 'a?b'
        'a#b'            = 'a#b'
        '%2F'            = '%2F'
        'unicode'        = 'sess_ünïcödé_日本語'
        'emoji'          = "sess_$([char]::ConvertFromUtf32(0x1F600))"
        'newline'        = "a`nb"
        'ESC'            = "a$([char]27)b"
        'lone surrogate' = "a$([char]0xD800)b"
        '10,000 chars'   = 'x' * 10000
    }
    $cases = foreach ($name in $ids.Keys) { @{ IdName = $name; Id = $ids[$name] } }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    # Name, call, method and route on the stream host.
    $streamCmdlets = @(
        @{ Cmdlet = 'Receive-GumloopSessionStream'; Call = { param($Id) Receive-GumloopSessionStream -SessionId $Id -MaxResumeCount 0 }; Method = 'GET'; Route = @('sessions', '{id}') }
        @{ Cmdlet = 'Send-GumloopMessage -Stream'; Call = { param($Id) Send-GumloopMessage -SessionId $Id -Input hi -Stream -MaxResumeCount 0 }; Method = 'POST'; Route = @('sessions', '{id}', 'messages') }
        @{ Cmdlet = 'New-GumloopSession -Stream'; Call = { param($Id) New-GumloopSession -AgentId $Id -Input hi -Stream -MaxResumeCount 0 }; Method = 'POST'; Route = @('agents', '{id}', 'sessions') }
    )
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'Hostile ids through the streaming cmdlets' {
    It 'id <IdName> is refused before any request with advice, or reaches exactly its own stream route' -ForEach $cases {
        $problems = [System.Collections.Generic.List[string]]::new()
        foreach ($case in $streamCmdlets) {
            $sim.ClearRequestLog()
            $r = Invoke-Capture { & $case.Call $Id }
            $requests = @($sim.RequestLog)
            $err = $r.Errors | Select-Object -First 1
            if ($r.Output.Count -gt 0) { $problems.Add("$($case.Cmdlet): wrote output"); continue }
            if (-not $err) { $problems.Add("$($case.Cmdlet): no error"); continue }
            if ($requests.Count -eq 0) {
                if ($err.Exception -is [System.Management.Automation.ParameterBindingException]) { continue }
                if ($err.FullyQualifiedErrorId -notlike 'GumloopInvalidId,*' -or $err.CategoryInfo.Category -ne 'InvalidArgument') { $problems.Add("$($case.Cmdlet): refused with $($err.FullyQualifiedErrorId)") }
                if ($err.TargetObject -cne $Id) { $problems.Add("$($case.Cmdlet): TargetObject '$($err.TargetObject)'") }
                if (-not $err.ErrorDetails.RecommendedAction) { $problems.Add("$($case.Cmdlet): no advice") }
                continue
            }
            if ($requests.Count -ne 1) { $problems.Add("$($case.Cmdlet): $($requests.Count) requests"); continue }
            $request = $requests[0]
            if ($request.Host -ne 'stream' -or $request.Method -ne $case.Method) { $problems.Add("$($case.Cmdlet): $($request.Method) on $($request.Host)") }
            $expected = @($case.Route | ForEach-Object { if ($_ -eq '{id}') { $Id } else { $_ } })
            $actual = @($request.PathSegments)
            $same = $actual.Count -eq $expected.Count
            for ($i = 0; $same -and $i -lt $expected.Count; $i++) { $same = $actual[$i] -ceq $expected[$i] }
            if (-not $same) { $problems.Add("$($case.Cmdlet): reached $($request.Path)") }
            foreach ($pair in @($request.Query -split '&' | Where-Object { $_ })) {
                if (($pair -split '=')[0] -notin 'stream', 'last_cursor') { $problems.Add("$($case.Cmdlet): query $pair") }
            }
            if ($request.StatusCode -ne 404) { $problems.Add("$($case.Cmdlet): status $($request.StatusCode)") }
            if ($err.CategoryInfo.Category -ne 'ObjectNotFound') { $problems.Add("$($case.Cmdlet): $($err.FullyQualifiedErrorId)") }
            if ($err.TargetObject -cne $Id) { $problems.Add("$($case.Cmdlet): TargetObject '$($err.TargetObject)'") }
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'A refused id' {
    It '<Cmdlet> names the id and says what to pass instead' -ForEach @(
        @{ Cmdlet = 'Get-GumloopSession'; Call = { Get-GumloopSession -SessionId '..' }; Id = '..' }
        @{ Cmdlet = 'Get-GumloopAgent'; Call = { Get-GumloopAgent -AgentId "a`tb" }; Id = "a`tb" }
        @{ Cmdlet = 'Send-GumloopMessage'; Call = { Send-GumloopMessage -SessionId "a`nb" -Input hi }; Id = "a`nb" }
        @{ Cmdlet = 'Remove-GumloopQueuedMessage'; Call = { Remove-GumloopQueuedMessage -SessionId 'sess_Pb9yE4uL6d' -QueuedMessageId '.' -Confirm:$false }; Id = '.' }
    ) {
        $sim.ClearRequestLog()
        $r = Invoke-Capture $Call
        @($sim.RequestLog) | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $err = $r.Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidId,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -BeExactly $Id
        $err.ErrorDetails.RecommendedAction | Should -Match 'Get-GumloopSession'
        ($err | Out-String) | Should -Not -Match '(?m)^\s*at [\w.`<>]+[.(]|\.cs:line \d+'
    }
}
