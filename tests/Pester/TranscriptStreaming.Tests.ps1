#Requires -Version 7.4
# A transcript is streamed message by message: a session bigger than the response-size limit exports with the
# default parameters, every author is resolved, and messages reach the pipeline before the body ends. Memory is
# measured by the benchmark (build.ps1 -Task Bench), never here.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 20

    # The simulator generates the body as it sends it, in the service's order (messages before agent_name and
    # participants), so the reader needs the session's fields from a second request: one fault for each.
    function Add-GeneratedSession([string] $Id, [int] $Messages) {
        $faults = [GumloopPS.Simulator.SimulatorFault[]]@(
            [GumloopPS.Simulator.SimulatorFault]::HugeTranscript($Messages),
            [GumloopPS.Simulator.SimulatorFault]::HugeTranscript($Messages))
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', "/sessions/$Id", $faults))
    }
}

AfterAll {
    Disconnect-Gumloop
    if ($sim) { $sim | Stop-GumloopSimulator -Confirm:$false }
}

Describe 'A 1,000,000-message transcript' {
    BeforeAll {
        Add-GeneratedSession 'sess_million' 1000000
        $csv = Join-Path $TestDrive 'million.csv'
        $run = Invoke-Capture { Export-GumloopTranscript -SessionId 'sess_million' -Path $csv -Format Csv }
    }

    It 'exports to CSV with the default parameters, past the 128 MB response-size limit' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 1
        $file = $run.Output[0]
        $file.MessageCount | Should -Be 1000000
        # The body was about 190 MB, so the limit cannot have applied to the whole of it.
        $file.Length | Should -BeGreaterThan 128MB
        [Linq.Enumerable]::Count([IO.File]::ReadLines($csv)) | Should -Be 1000001
    }

    It 'resolves every author, the first message''s and the last''s alike' {
        $first = Get-Content $csv -TotalCount 3 | ConvertFrom-Csv
        $first[0].AuthorName | Should -Be 'Priya Raman'
        $first[1].AuthorName | Should -Be 'Huge Transcript Agent'
        # The end of the file, without sending a million lines through the pipeline.
        $stream = [IO.File]::OpenRead($csv)
        try {
            $null = $stream.Seek(-400, 'End')
            $tail = [IO.StreamReader]::new($stream).ReadToEnd()
        }
        finally { $stream.Dispose() }
        $last = ($tail.TrimEnd() -split "`n")[-1]
        $last | Should -BeLike '"msg_000f423f","sess_million","agHugeTranscript","assistant",,"Reply 500000 to the question","Huge Transcript Agent",*'
    }

    It 'reads the body once more for the session''s fields, and nothing else' {
        @(Get-Request GET '*/sessions/sess_million').Count | Should -Be 2
    }
}

Describe 'Get-GumloopMessage on a long transcript' {
    It 'hands the first messages over, authors resolved, and stops reading when the pipeline stops' {
        Add-GeneratedSession 'sess_long' 40000
        $sim.ClearRequestLog()
        # Select-Object -First stops the command upstream, which cancels the read of the remaining body.
        $messages = Get-GumloopMessage -SessionId 'sess_long' | Select-Object -First 3
        $messages.Id | Should -Be 'msg_00000000', 'msg_00000001', 'msg_00000002'
        $messages[0].AuthorName | Should -Be 'Priya Raman'
        $messages[1].AuthorName | Should -Be 'Huge Transcript Agent'
    }

    It 'filters by -Role as it streams' {
        Add-GeneratedSession 'sess_roles' 5000
        $messages = @(Get-GumloopMessage -SessionId 'sess_roles' -Role assistant)
        $messages.Count | Should -Be 2500
        ($messages.Role | Sort-Object -Unique) | Should -Be 'assistant'
    }
}

Describe 'Export-GumloopTranscript of a long transcript under -WhatIf' {
    It 'writes nothing and reports no error' {
        Add-GeneratedSession 'sess_whatif' 5000
        $dir = Join-Path $TestDrive 'whatif'
        $null = New-Item -ItemType Directory -Path $dir
        $run = Invoke-Capture { Export-GumloopTranscript -SessionId 'sess_whatif' -Path $dir -Format Html -SplitBySession -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        @(Get-ChildItem $dir).Count | Should -Be 0
    }
}
