#Requires -Version 7.4
# Hostile session, agent and queued-message ids through every cmdlet that takes one: each is refused before any
# request (parameter binding or InvalidArgument), or reaches exactly the route it names in the simulator's log.
# Writes its counts to out/test-metrics/Fuzz.json for the issue's closing table.

BeforeDiscovery {
    Import-Module $env:GUMLOOPPS_TEST_MODULE -Force
    $ids = [ordered]@{
        'empty'            = ''
        'space'            = ' '
        'tab and newline'  = "`t`n"
        '../x'             = '../x'
        '..'               = '..'
        '.'                = '.'
        'a/b'              = 'a/b'
        'a?b'              = 'a?b'
        'a#b'              = 'a#b'
        '%2F'              = '%2F'
        'a%2Fb'            = 'a%2Fb'
        'a\b'              = 'a\b'
        'a b&c=d'          = 'a b&c=d'
        'unicode'          = 'sess_ünïcödé_日本語'
        'emoji'            = "sess_$([char]::ConvertFromUtf32(0x1F600))"
        'zero-width'       = "a$([char]0x200B)b"
        'NUL'              = "a$([char]0)b"
        'newline'          = "a`nb"
        'ESC'              = "a$([char]27)b"
        'DEL'              = "a$([char]127)b"
        'lone surrogate'   = "a$([char]0xD800)b"
        '10,000 chars'     = 'x' * 10000
        '10,000 emoji chars' = [char]::ConvertFromUtf32(0x1F600) * 5000
    }

    # Name, how to call it with the fuzzed id, and the route segments the id must land in.
    $cmdlets = @(
        @{ Cmdlet = 'Get-GumloopSession'; Call = 'Get-GumloopSession -SessionId $Id'; Route = @('sessions', '{id}') }
        @{ Cmdlet = 'Get-GumloopSession -AgentId'; Call = 'Get-GumloopSession -AgentId $Id -First 1'; Route = @('agents', '{id}', 'sessions') }
        @{ Cmdlet = 'Get-GumloopAgent'; Call = 'Get-GumloopAgent -AgentId $Id'; Route = @('agents', '{id}') }
        @{ Cmdlet = 'New-GumloopSession'; Call = 'New-GumloopSession -AgentId $Id -Input hi'; Route = @('agents', '{id}', 'sessions') }
        @{ Cmdlet = 'Send-GumloopMessage'; Call = 'Send-GumloopMessage -SessionId $Id -Input hi'; Route = @('sessions', '{id}', 'messages') }
        @{ Cmdlet = 'Stop-GumloopSession'; Call = 'Stop-GumloopSession -SessionId $Id -Confirm:$false'; Route = @('sessions', '{id}', 'cancel') }
        @{ Cmdlet = 'Rename-GumloopSession'; Call = 'Rename-GumloopSession -SessionId $Id -NewName n'; Route = @('sessions', '{id}') }
        @{ Cmdlet = 'Get-GumloopMessage'; Call = 'Get-GumloopMessage -SessionId $Id'; Route = @('sessions', '{id}') }
        @{ Cmdlet = 'Wait-GumloopSession'; Call = 'Wait-GumloopSession -SessionId $Id -TimeoutSec 5'; Route = @('sessions', '{id}') }
    )
    # The queued-message cmdlets ship with the queue feature; fuzz them whenever this build has them.
    if (Get-Command Remove-GumloopQueuedMessage -Module GumloopPS -ErrorAction SilentlyContinue) {
        $cmdlets += @(
            @{ Cmdlet = 'Get-GumloopQueuedMessage'; Call = 'Get-GumloopQueuedMessage -SessionId $Id'; Route = @('sessions', '{id}', 'queue') }
            @{ Cmdlet = 'Add-GumloopQueuedMessage'; Call = 'Add-GumloopQueuedMessage -SessionId $Id -Input hi -Confirm:$false'; Route = @('sessions', '{id}', 'queue') }
            @{ Cmdlet = 'Set-GumloopQueuedMessage'; Call = 'Set-GumloopQueuedMessage -SessionId sess_Pb9yE4uL6d -QueuedMessageId $Id -Input hi -Confirm:$false'; Route = @('sessions', 'sess_Pb9yE4uL6d', 'queue', '{id}') }
            @{ Cmdlet = 'Remove-GumloopQueuedMessage'; Call = 'Remove-GumloopQueuedMessage -SessionId sess_Pb9yE4uL6d -QueuedMessageId $Id -Confirm:$false'; Route = @('sessions', 'sess_Pb9yE4uL6d', 'queue', '{id}') }
            @{ Cmdlet = 'Send-GumloopQueuedMessage'; Call = 'Send-GumloopQueuedMessage -SessionId sess_Pb9yE4uL6d -QueuedMessageId $Id -Confirm:$false'; Route = @('sessions', 'sess_Pb9yE4uL6d', 'queue', '{id}', 'send') }
        )
    }

    # One test per id, each trying every cmdlet: a test per pair costs Pester more than the calls themselves.
    $cases = foreach ($name in $ids.Keys) { @{ IdName = $name; Id = $ids[$name]; Cmdlets = $cmdlets } }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $metrics = [ordered]@{ FuzzInputsTried = 0; DistinctIds = 0; RejectedBeforeRequest = 0; ReachedExactRoute = 0; WrongRoute = 0; Cmdlets = @() }
    $seenIds = [System.Collections.Generic.HashSet[string]]::new()
    $seenCmdlets = [System.Collections.Generic.SortedSet[string]]::new()
}

AfterAll {
    $sim | Stop-GumloopSimulator
    $metrics.DistinctIds = $seenIds.Count
    $metrics.Cmdlets = @($seenCmdlets)
    Save-TestMetrics 'Fuzz' $metrics
}

Describe 'Hostile ids' {
    It 'id <IdName> is refused before any request, or reaches exactly its own route, in every cmdlet' -ForEach $cases {
        $null = $seenIds.Add($Id)
        $problems = [System.Collections.Generic.List[string]]::new()
        foreach ($case in $Cmdlets) {
            $metrics.FuzzInputsTried++
            $null = $seenCmdlets.Add($case.Cmdlet)
            $sim.ClearRequestLog()

            $r = Invoke-Capture ([scriptblock]::Create($case.Call))

            $requests = @($sim.RequestLog | Where-Object Host -eq 'api')
            $err = $r.Errors | Select-Object -First 1
            if ($r.Output.Count -gt 0) { $problems.Add("$($case.Cmdlet): wrote output") }
            if (-not $err) { $problems.Add("$($case.Cmdlet): no error"); continue }
            if ($requests.Count -eq 0) {
                $metrics.RejectedBeforeRequest++
                $binding = $err.Exception -is [System.Management.Automation.ParameterBindingException]
                if (-not $binding -and ($err.CategoryInfo.Category -ne 'InvalidArgument' -or $err.FullyQualifiedErrorId -notlike 'GumloopInvalidId,*')) {
                    $problems.Add("$($case.Cmdlet): refused with $($err.FullyQualifiedErrorId) ($($err.CategoryInfo.Category))")
                }
                continue
            }
            if ($requests.Count -ne 1) { $problems.Add("$($case.Cmdlet): $($requests.Count) requests"); continue }
            $expected = @($case.Route | ForEach-Object { if ($_ -eq '{id}') { $Id } else { $_ } })
            $actual = @($requests[0].PathSegments)
            $same = $actual.Count -eq $expected.Count
            for ($i = 0; $same -and $i -lt $expected.Count; $i++) { $same = $actual[$i] -ceq $expected[$i] }
            if ($same) { $metrics.ReachedExactRoute++ } else { $metrics.WrongRoute++; $problems.Add("$($case.Cmdlet): reached $($requests[0].Path)") }
            # Nothing of the id may spill into the query string.
            foreach ($pair in @($requests[0].Query -split '&' | Where-Object { $_ })) {
                if (($pair -split '=')[0] -notin 'page_size', 'team_id') { $problems.Add("$($case.Cmdlet): query $pair") }
            }
            if ($requests[0].StatusCode -notin 404, 409) { $problems.Add("$($case.Cmdlet): status $($requests[0].StatusCode)") }
            if ($err.CategoryInfo.Category -notin 'ObjectNotFound', 'ResourceExists', 'InvalidOperation') { $problems.Add("$($case.Cmdlet): $($err.FullyQualifiedErrorId)") }
        }
        $problems | Should -BeNullOrEmpty
    }

    It 'covers every cmdlet that takes a session, agent or queued-message id' {
        $expected = 'Get-GumloopSession', 'Get-GumloopAgent', 'New-GumloopSession', 'Send-GumloopMessage', 'Stop-GumloopSession', 'Rename-GumloopSession', 'Get-GumloopMessage', 'Wait-GumloopSession'
        if (Get-Command Remove-GumloopQueuedMessage -Module GumloopPS -ErrorAction SilentlyContinue) {
            $expected += 'Get-GumloopQueuedMessage', 'Add-GumloopQueuedMessage', 'Set-GumloopQueuedMessage', 'Remove-GumloopQueuedMessage', 'Send-GumloopQueuedMessage'
        }
        foreach ($name in $expected) { $seenCmdlets | Should -Contain $name }
    }
}

Describe 'Large input' {
    BeforeEach {
        $idle = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm'
        $sim.ClearRequestLog()
    }

    It 'a 1 MB -Input goes through Send-GumloopMessage intact' {
        $text = 'abcdefgh' * 131072

        $session = Send-GumloopMessage -SessionId $idle.Id -Input $text -Wait -TimeoutSec 30

        $session.State | Should -BeExactly 'completed'
        $post = @($sim.RequestLog | Where-Object Method -eq 'POST')
        $post.Count | Should -Be 1
        $post[0].BodyLength | Should -BeGreaterThan 1MB
        $stored = @($session.Messages | Where-Object Role -eq 'user')
        $stored.Count | Should -Be 1
        $stored[0].Text.Length | Should -Be 1MB
        $stored[0].Text -ceq $text | Should -BeTrue
    }

    It 'a 1 MB -Input goes through New-GumloopSession' {
        $text = [string]::new([char]0x00E9, 1MB)

        $session = New-GumloopSession -AgentId 'Gz8pD3vN6yHq1Wm' -Input $text -Wait -TimeoutSec 30

        $session.State | Should -BeExactly 'completed'
        (@($session.Messages | Where-Object Role -eq 'user')[0].Text) -ceq $text | Should -BeTrue
    }

    It 'a 1 MB -Input the server refuses fails with a clear PayloadTooLarge error, sent once' {
        $limit = $sim.Options.MaxRequestBodyBytes
        $sim.Options.MaxRequestBodyBytes = 512KB
        try {
            $r = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input ('x' * 1MB) }
        }
        finally {
            $sim.Options.MaxRequestBodyBytes = $limit
        }

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeExactly 'GumloopPayloadTooLarge,GumloopPS.Commands.SendGumloopMessageCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $r.Errors[0].Exception.StatusCode | Should -Be 413
        @($sim.RequestLog | Where-Object Method -eq 'POST').Count | Should -Be 1
    }
}
