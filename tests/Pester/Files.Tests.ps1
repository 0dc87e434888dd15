#Requires -Version 7.4
# Add-GumloopSessionFile and Send-GumloopMessage -Attachment/-AttachmentName against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $invoiceId = 'Gz8pD3vN6yHq1Wm'

    function New-TestFile([string] $Name, [string] $Text = "account,renewal`nNorthwind,2026-11-30`n") {
        $path = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        [System.IO.File]::WriteAllText($path, $Text)
        $path
    }

    function Get-Uploads {
        Get-Request POST '*/files'
    }

    function Get-Sends {
        Get-Request POST '*/messages'
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Add-GumloopSessionFile' {
    BeforeEach {
        $session = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
    }

    It 'uploads a file as base64 with its media type and writes the stored record' {
        $path = New-TestFile 'northwind_usage_q3.csv'
        $file = Add-GumloopSessionFile -SessionId $session.Id -Path $path

        $file | Should -BeOfType ([GumloopPS.Core.SessionFile])
        $file.FileName | Should -BeExactly "custom_agent_interactions/$($session.Id)/input/northwind_usage_q3.csv"
        $file.MediaType | Should -BeExactly 'text/csv'
        $file.Size | Should -Be (Get-Item $path).Length
        $file.SessionId | Should -BeExactly $session.Id
        $file.SourcePath | Should -BeExactly (Get-Item $path).FullName

        $upload = Get-Uploads
        $upload.Count | Should -Be 1
        $body = $upload[0].Body | ConvertFrom-Json
        $body.file_name | Should -BeExactly 'northwind_usage_q3.csv'
        $body.media_type | Should -BeExactly 'text/csv'
        [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body.file_content)) | Should -BeExactly (Get-Content -Raw $path)
    }

    It 'takes Get-ChildItem output from the pipeline and infers each media type' {
        $dir = Join-Path $TestDrive 'batch'
        $null = New-TestFile 'batch/a.pdf' 'pdf'
        $null = New-TestFile 'batch/b.png' 'png'
        $null = New-TestFile 'batch/c.unknownext' 'bin'
        $files = @(Get-ChildItem -LiteralPath $dir -File | Sort-Object Name | Add-GumloopSessionFile -SessionId $session.Id)
        $files.Count | Should -Be 3
        $files.MediaType | Should -Be @('application/pdf', 'image/png', 'application/octet-stream')
        (Get-Uploads).Count | Should -Be 3
    }

    It 'expands wildcards in -Path and takes -MediaType' {
        $null = New-TestFile 'wild/one.txt' '1'
        $null = New-TestFile 'wild/two.txt' '2'
        $files = @(Add-GumloopSessionFile -SessionId $session.Id -Path (Join-Path $TestDrive 'wild/*.txt') -MediaType 'text/x-note')
        $files.Count | Should -Be 2
        $files.MediaType | Should -Be @('text/x-note', 'text/x-note')
    }

    It 'reports a missing path and a directory without a request, and still uploads the other files' {
        $good = New-TestFile 'good.txt' 'ok'
        $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path (Join-Path $TestDrive 'missing.txt'), $TestDrive, $good }
        $result.Errors.Count | Should -Be 2
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[1].FullyQualifiedErrorId | Should -BeLike 'GumloopFileError*'
        $result.Errors[1].Exception.Message | Should -Match 'directory'
        $result.Output.Count | Should -Be 1
        $result.Output[0].FileName | Should -BeLike '*/input/good.txt'
        (Get-Uploads).Count | Should -Be 1
    }

    It 'reports a wildcard that matches nothing' {
        $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path (Join-Path $TestDrive 'nothing-*.zzz') }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        Get-Uploads | Should -BeNullOrEmpty
    }

    It 'refuses a file over 200 MB from its size, without reading or sending it' {
        $big = Join-Path $TestDrive 'huge.bin'
        $stream = [System.IO.File]::Create($big)
        try { $stream.SetLength(200MB + 1) } finally { $stream.Dispose() }
        $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path $big }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPayloadTooLarge*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Errors[0].Exception.Message | Should -Match '200 MB'
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'turns the API''s 413 file_too_large into GumloopPayloadTooLarge' {
        $limit = $sim.Options.MaxSessionFileBytes
        $sim.Options.MaxSessionFileBytes = 8
        try {
            $result = Invoke-Capture { Add-GumloopSessionFile -SessionId $session.Id -Path (New-TestFile 'nine.txt' '123456789') }
        }
        finally {
            $sim.Options.MaxSessionFileBytes = $limit
        }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPayloadTooLarge*'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'file_too_large'
        $result.Errors[0].Exception.StatusCode | Should -Be 413
    }

    It '-WhatIf sends nothing' {
        Add-GumloopSessionFile -SessionId $session.Id -Path (New-TestFile 'whatif.txt') -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'reports an unknown session as GumloopNotFound' {
        $result = Invoke-Capture { Add-GumloopSessionFile -SessionId 'sess_missing' -Path (New-TestFile 'x.txt') }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
    }

    It 'declares its output type' {
        @((Get-Command Add-GumloopSessionFile).OutputType.Name) | Should -Contain 'GumloopPS.Core.SessionFile'
    }
}

Describe 'Send-GumloopMessage attachments' {
    BeforeEach {
        $session = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
    }

    It '-Attachment uploads the local files, then sends one message that attaches them' {
        $a = New-TestFile 'att/usage.csv'
        $b = New-TestFile 'att/chart.png' 'png'
        $sent = Send-GumloopMessage -SessionId $session.Id -Input 'Summarise these.' -Attachment $a, $b -Wait
        $sent.State | Should -BeExactly 'completed'
        (Get-Uploads).Count | Should -Be 2
        $send = Get-Sends
        $send.Count | Should -Be 1
        $send[0].StatusCode | Should -Be 202
        $body = $send[0].Body | ConvertFrom-Json
        $body.input | Should -BeExactly 'Summarise these.'
        $body.attachments.file_name | Should -Be @("custom_agent_interactions/$($session.Id)/input/usage.csv", "custom_agent_interactions/$($session.Id)/input/chart.png")
        $body.attachments.media_type | Should -Be @('text/csv', 'image/png')
        $sim.RequestLog[-1].Method | Should -Not -Be 'POST' -Because 'the uploads come first, the message last'
        $posts = @($sim.RequestLog | Where-Object Method -eq 'POST')
        $posts[-1].Path | Should -BeLike '*/messages'
    }

    It '-AttachmentName attaches stored files by stored path or bare name' {
        $stored = Add-GumloopSessionFile -SessionId $session.Id -Path (New-TestFile 'stored.csv')
        $sim.ClearRequestLog()
        $null = Send-GumloopMessage -SessionId $session.Id -Input 'Use the stored file.' -AttachmentName $stored.FileName, 'other.txt'
        Get-Uploads | Should -BeNullOrEmpty
        $body = (Get-Sends)[0].Body | ConvertFrom-Json
        $body.attachments.file_name | Should -Be @($stored.FileName, "custom_agent_interactions/$($session.Id)/input/other.txt")
        $body.attachments.media_type | Should -Be @('text/csv', 'text/plain')
    }

    It 'refuses more than 10 attachments before anything is sent' {
        $paths = 1..6 | ForEach-Object { New-TestFile "many/f$_.txt" "$_" }
        $names = 1..5 | ForEach-Object { "stored$_.txt" }
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'too many' -Attachment $paths -AttachmentName $names }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $result.Errors[0].Exception.Message | Should -Match 'at most 10'
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'counts wildcard matches against the limit' {
        1..11 | ForEach-Object { $null = New-TestFile "eleven/f$_.txt" "$_" }
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'too many' -Attachment (Join-Path $TestDrive 'eleven/*.txt') }
        $result.Errors[0].Exception.Message | Should -Match 'would carry 11'
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'refuses eleven names at parameter binding' {
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'x' -AttachmentName (1..11 | ForEach-Object { "n$_.txt" }) }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'sends nothing, not even the good uploads, when one attachment is missing' {
        $good = New-TestFile 'fine.txt'
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'x' -Attachment $good, (Join-Path $TestDrive 'gone.txt') }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        $result.Errors[-1].Exception.Message | Should -Match 'not sent'
        $result.Output | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'reports a file of another session as the API''s invalid_attachment' {
        $other = New-GumloopSession -AgentId $invoiceId
        $foreign = Add-GumloopSessionFile -SessionId $other.Id -Path (New-TestFile 'theirs.txt')
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $session.Id -Input 'steal' -AttachmentName $foreign.FileName }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'invalid_attachment'
        $result.Errors[0].TargetObject | Should -BeExactly $session.Id
    }

    It '-WhatIf uploads and sends nothing' {
        Send-GumloopMessage -SessionId $session.Id -Input 'x' -Attachment (New-TestFile 'w.txt') -WhatIf | Should -BeNullOrEmpty
        $sim.RequestLog | Should -BeNullOrEmpty
    }

    It 'works with -Stream' {
        $all = @(Send-GumloopMessage -SessionId $session.Id -Input 'streamed with file' -Attachment (New-TestFile 's.csv') -Stream 6>&1)
        ($all | Where-Object { $_ -is [GumloopPS.Core.Session] }).State | Should -BeExactly 'completed'
        (Get-Uploads).Count | Should -Be 1
        $send = @($sim.RequestLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/messages' })
        $send.Count | Should -Be 1
        $send[0].Host | Should -BeExactly 'stream'
        ($send[0].Body | ConvertFrom-Json).attachments.file_name | Should -BeLike '*/input/s.csv'
    }
}
