#Requires -Version 7.4
# Send-GumloopMessage and Get-GumloopMessage against the simulator.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator

    $renewalId = 'r4Ts9Kq2MwX7bLn'
    $invoiceId = 'Gz8pD3vN6yHq1Wm'
    $salesId = 'sAl3sAg3ntXyZ01'
    $completedId = 'sess_Vk3nQ8wT2p'
    $approvalId = 'sess_Hm5rZ1xJ7c'
}

AfterAll {
    $sim | Stop-GumloopSimulator
}

Describe 'Send-GumloopMessage' {
    It 'returns the processing session from the 202 response' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
        $session = Send-GumloopMessage -SessionId $idle.Id -Input 'first question'
        $session | Should -BeOfType ([GumloopPS.Core.Session])
        $session.Id | Should -BeExactly $idle.Id
        $session.State | Should -BeExactly 'processing'
        $session.Messages[-1].Role | Should -BeExactly 'user'
        $session.Messages[-1].Content | Should -BeExactly 'first question'
        $posts = Get-Request POST "*/sessions/$($idle.Id)/messages"
        $posts.Count | Should -Be 1
        $posts[0].StatusCode | Should -Be 202
        @($sim.RequestLog).Count | Should -Be 1
    }

    It '-Wait returns the completed session with the reply' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $session = Send-GumloopMessage -SessionId $idle.Id -Input 'what is due?' -Wait
        $session.State | Should -BeExactly 'completed'
        $session.Messages.Count | Should -Be 2
        $session.Messages[1].Role | Should -BeExactly 'assistant'
        $session.Messages[1].Text | Should -BeExactly 'Reply 1 to "what is due?"'
    }

    It '-Wait -NoFailureError returns a failed session (sim:fail) without an error' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'please sim:fail' -Wait -NoFailureError }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].State | Should -BeExactly 'failed'
    }

    It 'follow-ups build up the transcript' {
        $session = New-GumloopSession -AgentId $salesId -Input 'one' -Wait
        $session = Send-GumloopMessage -SessionId $session.Id -Input 'two' -Wait
        $session = Send-GumloopMessage -SessionId $session.Id -Input 'three' -Wait
        $session.Messages.Count | Should -Be 6
        $session.Messages.Role | Should -Be @('user', 'assistant', 'user', 'assistant', 'user', 'assistant')
        $session.Messages[5].Text | Should -BeExactly 'Reply 3 to "three"'
    }

    It '-Message is an alias of -Input' {
        $idle = New-GumloopSession -AgentId $invoiceId
        (Send-GumloopMessage -SessionId $idle.Id -Message 'via alias').Messages[-1].Content | Should -BeExactly 'via alias'
    }

    It 'sending while the session is processing fails with ResourceBusy' {
        $busy = New-GumloopSession -AgentId $invoiceId -Input 'long job sim:delay=20000'
        try {
            $result = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'are you done?' }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $err = $result.Errors[0]
            $err.FullyQualifiedErrorId | Should -BeLike 'GumloopSessionBusy*'
            $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
            $err.ErrorDetails.RecommendedAction | Should -Match 'Wait-GumloopSession'
            $err.TargetObject | Should -BeExactly $busy.Id
        }
        finally {
            Stop-GumloopSession -SessionId $busy.Id -Confirm:$false
        }
    }

    It 'the busy error leaves the running turn alone' {
        $busy = New-GumloopSession -AgentId $invoiceId -Input 'still going sim:delay=20000'
        try {
            $null = Invoke-Capture { Send-GumloopMessage -SessionId $busy.Id -Input 'interrupt?' }
            $now = Get-GumloopSession -SessionId $busy.Id
            $now.State | Should -BeExactly 'processing'
            $now.Messages.Count | Should -Be 1
        }
        finally {
            Stop-GumloopSession -SessionId $busy.Id -Confirm:$false
        }
    }

    It 'Get-GumloopSession | Send-GumloopMessage -Input hi sends to the piped session' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $session = Get-GumloopSession -SessionId $idle.Id | Send-GumloopMessage -Input hi
        $session.Id | Should -BeExactly $idle.Id
        $session.State | Should -BeExactly 'processing'
        $session.Messages[-1].Content | Should -BeExactly 'hi'
    }

    It 'sends to every piped session' {
        $a = New-GumloopSession -AgentId $invoiceId
        $b = New-GumloopSession -AgentId $salesId
        $sessions = @($a, $b | Send-GumloopMessage -Input 'to both' -Wait)
        $sessions.Id | Should -Be @($a.Id, $b.Id)
        $sessions.State | Should -Be @('completed', 'completed')
    }

    It 'starts a new turn on an approval_required session' {
        $session = New-GumloopSession -AgentId $invoiceId -Input 'ask first sim:approval' -Wait
        $session.State | Should -BeExactly 'approval_required'
        (Send-GumloopMessage -SessionId $session.Id -Input 'never mind' -Wait).State | Should -BeExactly 'completed'
    }

    It '-WhatIf sends nothing' {
        $idle = New-GumloopSession -AgentId $invoiceId
        $sim.ClearRequestLog()
        Send-GumloopMessage -SessionId $idle.Id -Input 'not sent' -WhatIf | Should -BeNullOrEmpty
        @($sim.RequestLog).Count | Should -Be 0
    }

    It '-Wait -TimeoutSec 1 on a slow reply fails with OperationTimeout' {
        $idle = New-GumloopSession -AgentId $invoiceId
        try {
            $result = Invoke-Capture { Send-GumloopMessage -SessionId $idle.Id -Input 'slow sim:delay=5000' -Wait -TimeoutSec 1 }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $result.Errors[0].TargetObject | Should -BeExactly $idle.Id
        }
        finally {
            Stop-GumloopSession -SessionId $idle.Id -Confirm:$false
        }
    }

    It 'an unknown session writes ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Send-GumloopMessage -SessionId 'sess_missing_m' -Input 'hello?' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing_m'
    }

    It 'an empty input is rejected before any request' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Send-GumloopMessage -SessionId $completedId -Input '' }
        $result.Errors.Count | Should -Be 1
        @($sim.RequestLog).Count | Should -Be 0
    }
}

Describe 'Get-GumloopMessage' {
    Context 'by session id' {
        It 'returns the transcript as Message objects' {
            $messages = @(Get-GumloopMessage -SessionId $completedId)
            $messages.Count | Should -Be 2
            $messages | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.Message]) }
            $messages.Id | Should -Be @('msg_k2v7q1', 'msg_p9d3w5')
            $messages.Role | Should -Be @('user', 'assistant')
        }

        It 'sets SessionId and AgentId on every message' {
            $messages = @(Get-GumloopMessage -SessionId $completedId)
            $messages | ForEach-Object {
                $_.SessionId | Should -BeExactly $completedId
                $_.AgentId | Should -BeExactly $renewalId
            }
        }

        It 'Text is the content of a user message' {
            $user = Get-GumloopMessage -SessionId $completedId -Role user
            $user.Text | Should -BeExactly 'Draft a renewal brief for Northwind Traders.'
        }

        It 'Text of an assistant message comes from its text parts' {
            $assistant = Get-GumloopMessage -SessionId $completedId -Role assistant
            $assistant.Content | Should -BeNullOrEmpty
            $assistant.Text | Should -BeExactly 'Northwind Traders renews on 30 November. Seat usage sits at 82%, so an upsell conversation is unlikely; focus on the support SLA they raised in August.'
        }

        It 'keeps every part, typed' {
            $assistant = Get-GumloopMessage -SessionId $completedId -Role assistant
            $assistant.Parts.Count | Should -Be 2
            $assistant.Parts.Type | Should -Be @('text', 'tool_invocation')
            $assistant.Parts[1].ToolName | Should -BeExactly 'hubspot_get_company'
        }

        It 'AuthorName is the participant name for user messages' {
            (Get-GumloopMessage -SessionId $completedId -Role user).AuthorName | Should -BeExactly 'Priya Raman'
            (Get-GumloopMessage -SessionId $approvalId -Role user).AuthorName | Should -BeExactly 'Marcus Ode'
        }

        It 'AuthorName is the agent name for assistant messages' {
            (Get-GumloopMessage -SessionId $completedId -Role assistant).AuthorName | Should -BeExactly 'Renewal desk assistant'
        }

        It 'CreatedAt is a DateTimeOffset from created_at' {
            $user = Get-GumloopMessage -SessionId $completedId -Role user
            $user.CreatedAt | Should -BeOfType ([DateTimeOffset])
            $user.CreatedAt.UtcDateTime | Should -Be ([datetime]::new(2026, 9, 14, 16, 30, 0, [DateTimeKind]::Utc))
        }

        It 'CreatorId is the user id for user messages and empty for assistant messages' {
            $messages = @(Get-GumloopMessage -SessionId $completedId)
            $messages[0].CreatorId | Should -BeExactly '9vQeL2mXr4TzKw7NcB1sHp0aYu3D'
            $messages[1].CreatorId | Should -BeNullOrEmpty
        }

        It '-Role filters the messages' {
            $assistant = @(Get-GumloopMessage -SessionId $completedId -Role assistant)
            $assistant.Count | Should -Be 1
            $assistant[0].Role | Should -BeExactly 'assistant'
        }

        It '-Role takes several roles' {
            @(Get-GumloopMessage -SessionId $completedId -Role user, assistant).Count | Should -Be 2
        }

        It 'takes session ids from the pipeline' {
            @($completedId, $approvalId | Get-GumloopMessage).Count | Should -Be 4
        }

        It 'an unknown session writes ObjectNotFound with the id as target' {
            $result = Invoke-Capture { Get-GumloopMessage -SessionId 'sess_missing_g' }
            $result.Output | Should -BeNullOrEmpty
            $result.Errors.Count | Should -Be 1
            $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing_g'
        }
    }

    Context 'from piped sessions' {
        It 'uses the embedded messages of a session from Get-GumloopSession -SessionId' {
            $session = Get-GumloopSession -SessionId $completedId
            $sim.ClearRequestLog()
            $messages = @($session | Get-GumloopMessage)
            $messages.Count | Should -Be 2
            @($sim.RequestLog).Count | Should -Be 0
        }

        It 'uses the embedded messages of a session from New-GumloopSession -Wait' {
            $session = New-GumloopSession -AgentId $invoiceId -Input 'embedded new' -Wait
            $sim.ClearRequestLog()
            $messages = @($session | Get-GumloopMessage)
            $messages.Count | Should -Be 2
            $messages[1].Text | Should -BeExactly 'Reply 1 to "embedded new"'
            @($sim.RequestLog).Count | Should -Be 0
        }

        It 'uses the embedded messages of a session from Send-GumloopMessage' {
            $idle = New-GumloopSession -AgentId $invoiceId
            $sent = Send-GumloopMessage -SessionId $idle.Id -Input 'embedded send' -Wait
            $sim.ClearRequestLog()
            $messages = @($sent | Get-GumloopMessage)
            $messages.Count | Should -Be 2
            @($sim.RequestLog).Count | Should -Be 0
        }

        It 'in one pipeline, Send-GumloopMessage -Wait | Get-GumloopMessage adds no GET beyond the wait' {
            $idle = New-GumloopSession -AgentId $invoiceId
            $sim.ClearRequestLog()
            $messages = @(Send-GumloopMessage -SessionId $idle.Id -Input 'one pipeline' | Get-GumloopMessage)
            $messages.Count | Should -Be 1
            @($sim.RequestLog).Count | Should -Be 1
            $sim.RequestLog[0].Method | Should -Be 'POST'
            Wait-GumloopSession -SessionId $idle.Id -TimeoutSec 20 | Out-Null
        }

        It 'fetches a session from a list first, because list items carry no messages' {
            $listed = Get-GumloopSession -AgentId $renewalId -Search 'Northwind'
            $listed.Messages.Count | Should -Be 0
            $sim.ClearRequestLog()
            $messages = @($listed | Get-GumloopMessage)
            $messages.Count | Should -Be 2
            $requests = @($sim.RequestLog)
            $requests.Count | Should -Be 1
            $requests[0].Method | Should -Be 'GET'
            $requests[0].Path | Should -Match "/sessions/$completedId$"
        }

        It 'fetches an idle session from a list and writes nothing for it' {
            $idle = New-GumloopSession -AgentId $salesId -Name 'Empty transcript'
            $listed = Get-GumloopSession -AgentId $salesId -Search 'Empty transcript'
            $sim.ClearRequestLog()
            @($listed | Get-GumloopMessage).Count | Should -Be 0
            (Get-Request GET "*/sessions/$($idle.Id)").Count | Should -Be 1
        }

        It 'applies -Role to piped sessions' {
            $session = Get-GumloopSession -SessionId $completedId
            $assistant = @($session | Get-GumloopMessage -Role assistant)
            $assistant.Count | Should -Be 1
            $assistant[0].Id | Should -BeExactly 'msg_p9d3w5'
        }

        It 'names the author of new messages' {
            $session = New-GumloopSession -AgentId $salesId -Input 'who am i' -Wait
            $messages = @($session | Get-GumloopMessage)
            $messages[0].AuthorName | Should -BeExactly 'Priya Raman'
            $messages[1].AuthorName | Should -BeExactly 'Sales assistant'
        }
    }
}
