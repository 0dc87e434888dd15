#Requires -Version 7.4
# Get-, Approve- and Deny-GumloopApproval against the simulator (sim:approval pauses with a gmail_send tool
# approval and an email_tone question).

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection

    $invoiceId = 'Gz8pD3vN6yHq1Wm'

    function New-PausedSession([string] $Text = 'email the brief') {
        $session = New-GumloopSession -AgentId $invoiceId -Input "$Text sim:approval" -Wait -TimeoutSec 20
        $session.State | Should -BeExactly 'approval_required'
        $session
    }

    function Get-ApprovalPost([string] $SessionId) {
        Get-Request POST "*/sessions/$SessionId/approvals"
    }

    function Get-AnswerCount($Request) {
        @(($Request.Body | ConvertFrom-Json).approval_responses).Count
    }

    function Get-LastReply($Session) {
        $Session.Messages[-1].Text
    }

    # Runs $Script in a runspace whose host records prompts; $Answer 0 = Yes, 2 = No.
    function Invoke-WithPrompts([string] $Script, [int] $Answer, [hashtable] $Arguments = @{}) {
        Invoke-OnTextHost -Script $Script -Answer $Answer -Arguments $Arguments
    }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopApproval' {
    It 'writes each pending ask as a typed PendingApproval' {
        $session = New-PausedSession
        $asks = @(Get-GumloopApproval -SessionId $session.Id)
        $asks.Count | Should -Be 2
        $asks | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.PendingApproval]) }
        $asks.SessionId | Should -Be @($session.Id, $session.Id)
        $asks[0].Type | Should -BeExactly 'tool_approval'
        $asks[0].ToolName | Should -BeExactly 'gmail_send'
        $asks[0].ServerLabel | Should -BeExactly 'Gmail'
        $asks[0].Title | Should -BeExactly 'Send email with Gmail'
        $asks[0].Reason | Should -Not -BeNullOrEmpty
        $asks[0].DisplayFields.ToString() | Should -BeExactly 'To=x@example.com; Subject=Renewal'
        $asks[1].Type | Should -BeExactly 'human_input'
        $asks[1].Questions[0].name | Should -BeExactly 'email_tone'
        @($asks[1].Questions[0].options.value) | Should -Be @('formal', 'friendly')
        $asks.ActionRequestId | Should -Be @($session.PendingApprovals.ActionRequestId)
    }

    It 'takes Session objects and ids from the pipeline' {
        $session = New-PausedSession
        @($session | Get-GumloopApproval).Count | Should -Be 2
        @($session.Id | Get-GumloopApproval).Count | Should -Be 2
    }

    It 'writes nothing for a session that is not waiting for approval' {
        $done = New-GumloopSession -AgentId $invoiceId -Input 'plain' -Wait
        $result = Invoke-Capture { Get-GumloopApproval -SessionId $done.Id }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors | Should -BeNullOrEmpty
    }

    It 'reports an unknown session as GumloopNotFound and carries on with the next id' {
        $session = New-PausedSession
        $result = Invoke-Capture { Get-GumloopApproval -SessionId 'sess_missing', $session.Id }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'sess_missing'
        $result.Output.Count | Should -Be 2
    }
}

Describe 'Approve-GumloopApproval' {
    It 'answers both asks of a session in one request and writes the outcomes and, with -PassThru, the session' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $out = @(Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -Confirm:$false -PassThru)

        $posts = Get-ApprovalPost $session.Id
        $posts.Count | Should -Be 1
        $body = $posts[0].Body | ConvertFrom-Json
        @($body.approval_responses).Count | Should -Be 2
        $body.approval_responses.action | Should -Be @('accept', 'accept')
        $body.approval_responses[0].PSObject.Properties.Name | Should -Not -Contain 'response'
        $body.approval_responses[1].response.values.email_tone | Should -BeExactly 'formal'

        $outcomes = @($out | Where-Object { $_ -is [GumloopPS.Core.ApprovalOutcome] })
        $outcomes.Count | Should -Be 2
        $outcomes.Outcome | Should -Be @('accepted', 'accepted')
        $outcomes.SessionId | Should -Be @($session.Id, $session.Id)
        $outcomes[0].ToolName | Should -BeExactly 'gmail_send'
        $outcomes[1].Type | Should -BeExactly 'human_input'
        $out[-1] | Should -BeOfType ([GumloopPS.Core.Session])
        $out[-1].State | Should -BeExactly 'processing'
    }

    It '-Wait resumes until the run completes' {
        $session = New-PausedSession
        $final = Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Response @{ email_tone = 'friendly' } -Confirm:$false -Wait -TimeoutSec 20 |
            Where-Object { $_ -is [GumloopPS.Core.Session] }
        $final.State | Should -BeExactly 'completed'
        Get-LastReply $final | Should -BeExactly 'Done: Send email with Gmail went ahead in a friendly tone.'
    }

    It '-Stream shows the resumed reply from the returned stream cursor, then writes the session' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $all = @(Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -Confirm:$false -Stream 6>&1)
        $text = -join @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { $_.MessageData })
        $text | Should -BeExactly 'Done: Send email with Gmail went ahead in a formal tone.'
        $final = $all | Where-Object { $_ -is [GumloopPS.Core.Session] }
        $final.State | Should -BeExactly 'completed'
        (Get-ApprovalPost $session.Id).Count | Should -Be 1
        $resume = @($sim.RequestLog | Where-Object { $_.Host -eq 'stream' -and $_.Query -like '*stream=true*' })
        $resume.Count | Should -BeGreaterOrEqual 1
        $resume[0].Query | Should -Match 'last_cursor=\d+-0'
    }

    It 'refuses -Wait together with -Stream' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Confirm:$false -Wait -Stream -Response @{ email_tone = 'formal' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        Get-ApprovalPost $session.Id | Should -BeNullOrEmpty
    }

    It '-WhatIf sends nothing' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -WhatIf | Should -BeNullOrEmpty
        @($sim.RequestLog | Where-Object Method -ne 'GET').Count | Should -Be 0
        (Get-GumloopSession -SessionId $session.Id).State | Should -BeExactly 'approval_required'
    }

    It 'has ConfirmImpact Medium, and its prompt shows the tool name and display fields' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $run = Invoke-WithPrompts -Answer 0 -Arguments @{ SessionId = $session.Id } -Script @'
$ConfirmPreference = 'Medium'
Get-GumloopApproval -SessionId $SessionId -Connection $Connection | Where-Object ToolName -eq 'gmail_send' | Approve-GumloopApproval -Connection $Connection
'@
        $run.Errors | Should -BeNullOrEmpty
        $run.Prompts.Count | Should -Be 1
        $run.Prompts[0] | Should -Match 'gmail_send'
        $run.Prompts[0] | Should -Match 'Gmail'
        $run.Prompts[0] | Should -Match 'To:\s+x@example\.com'
        $run.Prompts[0] | Should -Match 'Subject:\s+Renewal'
        $run.Prompts[0] | Should -Match ([regex]::Escape($session.Id))
        (Get-ApprovalPost $session.Id).Count | Should -Be 1
    }

    It 'sends nothing when the prompt is answered No' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $run = Invoke-WithPrompts -Answer 2 -Arguments @{ SessionId = $session.Id } -Script @'
Get-GumloopApproval -SessionId $SessionId -Connection $Connection | Approve-GumloopApproval -Connection $Connection -Confirm -Response @{ email_tone = 'formal' }
'@
        $run.Prompts.Count | Should -Be 2
        $run.Output | Should -BeNullOrEmpty
        Get-ApprovalPost $session.Id | Should -BeNullOrEmpty
    }

    It 'does not prompt at the default $ConfirmPreference' {
        $session = New-PausedSession
        $run = Invoke-WithPrompts -Answer 2 -Arguments @{ SessionId = $session.Id } -Script @'
Get-GumloopApproval -SessionId $SessionId -Connection $Connection | Approve-GumloopApproval -Connection $Connection -Response @{ email_tone = 'formal' }
'@
        $run.Prompts | Should -BeNullOrEmpty
        @($run.Output | Where-Object { $_ -is [GumloopPS.Core.ApprovalOutcome] }).Count | Should -Be 2
    }

    It 'approves by -SessionId and -ActionRequestId, checking the ids first' {
        $session = New-PausedSession
        $tool = $session.PendingApprovals[0].ActionRequestId
        $sim.ClearRequestLog()
        $out = @(Approve-GumloopApproval -SessionId $session.Id -ActionRequestId $tool -Confirm:$false -PassThru)
        $out[0].Outcome | Should -BeExactly 'accepted'
        $out[0].ToolName | Should -BeExactly 'gmail_send'
        $out[1].State | Should -BeExactly 'approval_required'
        (Get-ApprovalPost $session.Id).Count | Should -Be 1
    }

    It 'binds SessionId and ActionRequestId by property name from other objects' {
        $session = New-PausedSession
        $rows = $session.PendingApprovals | Select-Object SessionId, ActionRequestId | ConvertTo-Csv | ConvertFrom-Csv
        $sim.ClearRequestLog()
        $out = @($rows | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -Confirm:$false)
        @($out | Where-Object Outcome -eq 'accepted').Count | Should -Be 2
        $posts = Get-ApprovalPost $session.Id
        $posts.Count | Should -Be 1
        Get-AnswerCount $posts[0] | Should -Be 2
    }

    It 'reports an unknown ask id as GumloopApprovalNotFound without sending anything' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Approve-GumloopApproval -SessionId $session.Id -ActionRequestId 'areq_nope' -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopApprovalNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -BeExactly 'areq_nope'
        $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape($session.PendingApprovals[0].ActionRequestId))
        Get-ApprovalPost $session.Id | Should -BeNullOrEmpty
    }

    It 'still sends the known ids when one id of the list is unknown' {
        $session = New-PausedSession
        $tool = $session.PendingApprovals[0].ActionRequestId
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Approve-GumloopApproval -SessionId $session.Id -ActionRequestId 'areq_nope', $tool -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        @($result.Output | Where-Object Outcome -eq 'accepted').Count | Should -Be 1
        Get-AnswerCount (Get-ApprovalPost $session.Id)[0] | Should -Be 1
    }

    It 'reports a session that is not waiting as GumloopNotAwaitingApproval (checked before sending)' {
        $done = New-GumloopSession -AgentId $invoiceId -Input 'plain' -Wait
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Approve-GumloopApproval -SessionId $done.Id -ActionRequestId 'areq_any' -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotAwaitingApproval*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        Get-ApprovalPost $done.Id | Should -BeNullOrEmpty
    }

    It 'turns the API''s 409 session_not_awaiting_approval for a stale ask into GumloopNotAwaitingApproval' {
        $session = New-PausedSession
        $asks = @(Get-GumloopApproval -SessionId $session.Id)
        $null = $asks | Deny-GumloopApproval -Wait -TimeoutSec 20
        $result = Invoke-Capture { $asks[0] | Approve-GumloopApproval -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotAwaitingApproval*'
        $result.Errors[0].Exception.StatusCode | Should -Be 409
        $result.Errors[0].TargetObject | Should -BeExactly $session.Id
        $result.Output | Should -BeNullOrEmpty
    }

    It 'writes already_rejected for an ask that was answered before' {
        $session = New-PausedSession
        $asks = @(Get-GumloopApproval -SessionId $session.Id)
        $first = @($asks[0] | Deny-GumloopApproval -PassThru)
        $first[-1].State | Should -BeExactly 'approval_required'
        $again = @($asks[0] | Approve-GumloopApproval -Confirm:$false)
        $again[0].Outcome | Should -BeExactly 'already_rejected'
        $again[0].Action | Should -BeExactly 'accept'
    }

    It 'refuses a question without -Response and still sends the tool approval' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Get-GumloopApproval -SessionId $session.Id | Approve-GumloopApproval -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        $result.Errors[0].Exception.Message | Should -Match 'email_tone'
        $result.Errors[0].Exception.Message | Should -Match 'formal, friendly'
        $posts = Get-ApprovalPost $session.Id
        $posts.Count | Should -Be 1
        Get-AnswerCount $posts[0] | Should -Be 1
    }

    It 'refuses a -Response key that the question does not ask' {
        $session = New-PausedSession
        $question = $session.PendingApprovals | Where-Object Type -eq 'human_input'
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $question | Approve-GumloopApproval -Response @{ tone = 'formal' } -Confirm:$false }
        $result.Errors[0].Exception.Message | Should -Match "'tone'"
        Get-ApprovalPost $session.Id | Should -BeNullOrEmpty
    }

    It 'reports an answer that is not an option as the API''s 400 (GumloopBadRequest)' {
        $session = New-PausedSession
        $question = $session.PendingApprovals | Where-Object Type -eq 'human_input'
        $result = Invoke-Capture { $question | Approve-GumloopApproval -Response @{ email_tone = 'sarcastic' } -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'invalid_human_input_option'
    }

    It 'sends one request per session when asks of two sessions are piped' {
        $a = New-PausedSession 'first'
        $b = New-PausedSession 'second'
        $sim.ClearRequestLog()
        $out = @(@($a, $b) | Get-GumloopApproval | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -Confirm:$false -PassThru)
        (Get-ApprovalPost $a.Id).Count | Should -Be 1
        (Get-ApprovalPost $b.Id).Count | Should -Be 1
        @($out | Where-Object { $_ -is [GumloopPS.Core.Session] }).Id | Should -Be @($a.Id, $b.Id)
    }

    It 'splits more than 20 asks of one session into requests of at most 20' {
        $session = New-PausedSession
        $asks = 1..21 | ForEach-Object { [GumloopPS.Core.PendingApproval]@{ SessionId = $session.Id; ActionRequestId = "areq_bulk$_"; Type = 'tool_approval' } }
        $answer = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../fixtures/gumloop-api/examples/sessions.approvals.200.json')
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', "/sessions/$($session.Id)/approvals", [GumloopPS.Simulator.SimulatorFault]::Status(200, $answer)))
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $asks | Deny-GumloopApproval }
        $posts = Get-ApprovalPost $session.Id
        $posts.Count | Should -Be 2
        Get-AnswerCount $posts[0] | Should -Be 20
        Get-AnswerCount $posts[1] | Should -Be 1
        ($posts[1].Body | ConvertFrom-Json).approval_responses[0].action_request_id | Should -BeExactly 'areq_bulk21'
        # The second request reaches the simulator, which does not know the made-up id.
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
        @($result.Output | Where-Object { $_ -is [GumloopPS.Core.ApprovalOutcome] }).Count | Should -Be 2
    }

    It 'answers an ask given twice once, with a warning' {
        $session = New-PausedSession
        $tool = $session.PendingApprovals[0]
        $sim.ClearRequestLog()
        $result = Invoke-Capture { $tool, $tool | Approve-GumloopApproval -Confirm:$false }
        $result.Warnings.Count | Should -Be 1
        Get-AnswerCount (Get-ApprovalPost $session.Id)[0] | Should -Be 1
    }

    It 'works as the runbook step after Wait-GumloopSession, approving without a prompt' {
        $started = New-GumloopSession -AgentId $invoiceId -Input 'Email the renewal brief sim:approval'
        $sim.ClearRequestLog()
        $ConfirmPreference = 'Low'

        $waited = Wait-GumloopSession -SessionId $started.Id -TimeoutSec 20
        $result = $waited | Get-GumloopApproval | Where-Object ToolName -eq 'gmail_send' | Approve-GumloopApproval -Confirm:$false

        $waited.State | Should -BeExactly 'approval_required'
        $result[0].Outcome | Should -BeExactly 'accepted'
        $result[0].ToolName | Should -BeExactly 'gmail_send'
        $posts = Get-ApprovalPost $started.Id
        $posts.Count | Should -Be 1
        ($posts[0].Body | ConvertFrom-Json).approval_responses[0].action_request_id | Should -BeExactly $waited.PendingApprovals[0].ActionRequestId
        $rest = @(Get-GumloopApproval -SessionId $started.Id)
        $rest.Type | Should -Be @('human_input')
    }
}

Describe 'Deny-GumloopApproval' {
    It 'sends two asks of one session piped in as exactly one POST with two entries' {
        $session = New-PausedSession
        $sim.ClearRequestLog()
        $out = @(Get-GumloopApproval -SessionId $session.Id | Deny-GumloopApproval -Reason 'Not now.')
        $posts = Get-ApprovalPost $session.Id
        $posts.Count | Should -Be 1
        $body = $posts[0].Body | ConvertFrom-Json
        @($body.approval_responses).Count | Should -Be 2
        $body.approval_responses.action | Should -Be @('reject', 'reject')
        $body.approval_responses.reason | Should -Be @('Not now.', 'Not now.')
        @($out | Where-Object Outcome -eq 'rejected').Count | Should -Be 2
    }

    It 'makes the agent reply that the action was skipped' {
        $session = New-PausedSession
        $final = Get-GumloopApproval -SessionId $session.Id | Deny-GumloopApproval -Wait -TimeoutSec 20 | Where-Object { $_ -is [GumloopPS.Core.Session] }
        $final.State | Should -BeExactly 'completed'
        Get-LastReply $final | Should -Match '^Skipped: .*skipped'
    }

    It 'has ConfirmImpact Low and supports -WhatIf' {
        $attribute = [GumloopPS.Commands.DenyGumloopApprovalCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'Low'
        $attribute.SupportsShouldProcess | Should -BeTrue
        $session = New-PausedSession
        $sim.ClearRequestLog()
        Get-GumloopApproval -SessionId $session.Id | Deny-GumloopApproval -WhatIf | Should -BeNullOrEmpty
        @($sim.RequestLog | Where-Object Method -ne 'GET').Count | Should -Be 0
    }

    It 'reports an unknown id and a bad session' {
        $session = New-PausedSession
        $result = Invoke-Capture { Deny-GumloopApproval -SessionId $session.Id -ActionRequestId 'areq_nope'; Deny-GumloopApproval -SessionId 'sess_missing' -ActionRequestId 'x' }
        $result.Errors.Count | Should -Be 2
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopApprovalNotFound*'
        $result.Errors[1].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
    }
}

Describe 'Approval cmdlet metadata' {
    It 'Approve has ConfirmImpact Medium' {
        $attribute = [GumloopPS.Commands.ApproveGumloopApprovalCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'Medium'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It '<Name> declares its output types' -ForEach @(
        @{ Name = 'Get-GumloopApproval'; Types = @('GumloopPS.Core.PendingApproval') }
        @{ Name = 'Approve-GumloopApproval'; Types = @('GumloopPS.Core.ApprovalOutcome', 'GumloopPS.Core.Session') }
        @{ Name = 'Deny-GumloopApproval'; Types = @('GumloopPS.Core.ApprovalOutcome', 'GumloopPS.Core.Session') }
    ) {
        $declared = @((Get-Command $Name).OutputType.Name)
        foreach ($type in $Types) { $declared | Should -Contain $type }
    }
}
