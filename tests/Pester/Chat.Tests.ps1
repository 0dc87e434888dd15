#Requires -Version 7.4
# Invoke-GumloopChatCompletion against the simulator: unary and streamed, conversations through the pipeline, images.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    function Get-ChatRequests { @($sim.RequestLog | Where-Object { $_.Path -like '*/chat/completions' }) }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Invoke-GumloopChatCompletion' {
    It 'answers with a typed completion carrying usage, cost and the conversation' {
        $sim.ClearRequestLog()
        $c = Invoke-GumloopChatCompletion -Message 'What is the capital of Portugal?' -Model claude-sonnet-4-5

        $c | Should -BeOfType ([GumloopPS.Core.ChatCompletion])
        $c.Text | Should -BeExactly 'Reply 1 to "What is the capital of Portugal?"'
        $c.Model | Should -BeExactly 'claude-sonnet-4-5'
        $c.FinishReason | Should -BeExactly 'stop'
        $c.TotalTokens | Should -Be ($c.PromptTokens + $c.CompletionTokens)
        $c.Cost | Should -BeGreaterThan 0
        $c.IsByok | Should -BeFalse
        @($c.Messages).Role | Should -Be @('user', 'assistant')
        $request = @(Get-ChatRequests)[0]; @(Get-ChatRequests).Count | Should -Be 1
        $request.Host | Should -BeExactly 'stream'
        ($request.Body | ConvertFrom-Json).model | Should -BeExactly 'claude-sonnet-4-5'
    }

    It 'continues a conversation through the pipeline, sending both turns' {
        $sim.ClearRequestLog()
        $second = Invoke-GumloopChatCompletion -Message 'hi' | Invoke-GumloopChatCompletion -Message 'and then?'

        $second.Text | Should -BeExactly 'Reply 2 to "and then?"'
        $sent = ((Get-ChatRequests)[1].Body | ConvertFrom-Json).messages
        $sent.role | Should -Be @('user', 'assistant', 'user')
        $sent.content | Should -Be @('hi', 'Reply 1 to "hi"', 'and then?')
        @($second.Messages).Count | Should -Be 4
        $second.Model | Should -BeExactly 'claude-sonnet-4-5' -Because 'auto resolved to a model, and the next turn kept it'
    }

    It 'takes a history of hashtables and a system message that replaces the opening one' {
        $sim.ClearRequestLog()
        $history = @(@{ Role = 'system'; Content = 'old' }, @{ Role = 'user'; Content = 'first' }, @{ Role = 'assistant'; Content = 'ok' })
        $null = Invoke-GumloopChatCompletion -Message 'second' -History $history -SystemMessage 'Be brief.' -Temperature 0.3 -MaxTokens 40 -ResponseFormat json_object

        $body = (Get-ChatRequests)[0].Body | ConvertFrom-Json
        $body.messages.role | Should -Be @('system', 'user', 'assistant', 'user')
        $body.messages[0].content | Should -BeExactly 'Be brief.'
        $body.temperature | Should -Be 0.3
        $body.max_completion_tokens | Should -Be 40
        $body.response_format.type | Should -BeExactly 'json_object'
    }

    It 'streams: the text arrives in pieces and the final Text equals the pieces joined' {
        $c = Invoke-GumloopChatCompletion -Message 'Summarise the Northwind renewal in one line' -Stream -InformationVariable pieces

        $tagged = @($pieces | Where-Object { $_.Tags -contains 'GumloopStream' })
        $tagged.Count | Should -BeGreaterThan 2
        $c.Streamed | Should -BeTrue
        $c.Text | Should -BeExactly (-join $tagged.MessageData)
        $c.Text | Should -BeExactly 'Reply 1 to "Summarise the Northwind renewal in one line"'
        $c.TotalTokens | Should -BeGreaterThan 0
        ((Get-ChatRequests)[-1].Body | ConvertFrom-Json).stream | Should -BeTrue
    }

    It 'turns a mid-stream error chunk into an error record with the partial reply' {
        $result = Invoke-Capture { Invoke-GumloopChatCompletion -Message 'Summarise sim:stream-error' -Stream -InformationAction SilentlyContinue }

        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopStreamError*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $result.Errors[0].TargetObject | Should -BeExactly 'auto'
        $result.Errors[0].Exception.Partial.Text | Should -Not -BeNullOrEmpty
        $result.Errors[0].Exception.Message | Should -Match 'timed out'
    }

    It 'reports too few credits as GumloopInsufficientCredits, before or during the stream' {
        $before = Invoke-Capture { Invoke-GumloopChatCompletion -Message 'sim:no-credits' -Stream }
        $during = Invoke-Capture { Invoke-GumloopChatCompletion -Message 'go on sim:credit-limit' -Stream -InformationAction SilentlyContinue }

        foreach ($r in $before, $during) {
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInsufficientCredits*'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
        }
    }

    It 'sends a local image as a data URL' {
        $png = Join-Path $TestDrive 'dot.png'
        [IO.File]::WriteAllBytes($png, [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='))
        $sim.ClearRequestLog()

        $c = Invoke-GumloopChatCompletion -Message 'What is this?' -Image $png

        $c.Text | Should -BeExactly 'Reply 1 to "What is this?" (1 image)'
        $parts = ((Get-ChatRequests)[0].Body | ConvertFrom-Json).messages[0].content
        $parts[1].image_url.url | Should -BeLike 'data:image/png;base64,iVBOR*'
    }

    It 'refuses an image over 20 MB before sending anything' {
        $big = Join-Path $TestDrive 'big.jpg'
        $f = [IO.File]::Create($big); $f.SetLength(20MB + 1); $f.Dispose()
        $sim.ClearRequestLog()

        $result = Invoke-Capture { Invoke-GumloopChatCompletion -Message 'look' -Image $big }

        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopPayloadTooLarge*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $result.Errors[0].TargetObject | Should -BeExactly $big
        Get-ChatRequests | Should -BeNullOrEmpty
    }

    It 'reports a request the service refuses as GumloopBadRequest with the model as the target' {
        $result = Invoke-Capture { Invoke-GumloopChatCompletion -Message 'hi' -Model 'no-such-model' }

        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $result.Errors[0].TargetObject | Should -BeExactly 'no-such-model'
        $result.Errors[0].Exception.Param | Should -BeExactly 'model'
    }

    It '-WhatIf spends nothing' {
        $sim.ClearRequestLog()
        Invoke-GumloopChatCompletion -Message 'hi' -WhatIf | Should -BeNullOrEmpty
        Get-ChatRequests | Should -BeNullOrEmpty
    }

    It 'exports to CSV as readable text' {
        $c = Invoke-GumloopChatCompletion -Message 'csv please'
        $row = $c | ConvertTo-Csv | ConvertFrom-Csv
        $row.Text | Should -BeExactly $c.Text
        $row.Messages | Should -Match '^user: csv please'
        ($c | ConvertTo-Json -Depth 5 | ConvertFrom-Json).Messages[1].Role | Should -BeExactly 'assistant'
    }

    It 'is the typed command for POST /chat/completions' {
        (Find-GumloopCommand -Path '/chat/completions' -Method POST).Command | Should -BeExactly 'Invoke-GumloopChatCompletion'
    }
}
