@{
    Synopsis    = 'Approves pending asks of Gumloop sessions, answering questions, so the agent carries on.'
    Description = @'
Approve-GumloopApproval accepts asks that a session waits for in approval_required (POST /sessions/{id}/approvals with action accept). Pipe asks from Get-GumloopApproval, or name them with -SessionId and -ActionRequestId.

Asks arrive one by one but are sent together: the cmdlet collects every ask of the pipeline and, when the pipeline ends, sends one request per session with all of that session's answers (up to 20 per request; more are split). The agent resumes only once all of a session's asks are answered. Pressing Ctrl+C before the end sends nothing. An ask given twice is answered once, with a warning.

For each ask it writes a GumloopPS.Core.ApprovalOutcome with the API's outcome: accepted, or already_accepted or already_rejected when the ask had been answered before (by someone else, or an earlier run). Then it writes the session as the API returned it, normally processing again. With -Wait it waits for the resumed turn to end and writes the session in its final state; with -Stream it shows the resumed reply live, starting from the stream cursor the API returned, and then writes the session.

A human_input ask is answered with -Response, a hashtable of answers keyed by question name (Get-GumloopApproval shows the questions and their options); without it the ask is refused locally with an InvalidArgument error. Tool approvals in the same pipeline take no answers, so one -Response can go with a mixed pipeline.

The cmdlet has ConfirmImpact Medium and asks before each approval when $ConfirmPreference is Medium or lower or -Confirm is given; the prompt shows the ask's title, the tool and its server, every display field (for example To and Subject of an email) and the agent's reason, so a person sees what they approve. Use -Confirm:$false in unattended scripts. -WhatIf lists what would be approved and sends nothing.

Errors: a session that is no longer waiting for approval is the InvalidOperation error GumloopNotAwaitingApproval (from the API's 409 session_not_awaiting_approval, or found before sending when ids are given); an id that is not pending in the session is the ObjectNotFound error GumloopApprovalNotFound and nothing is sent for it. Other asks still go ahead.
'@
    Parameters  = @{
        PassThru = 'Also writes the session the answers were sent to, after the outcomes. Without it only the ApprovalOutcome objects are written (with -Wait the final session is written too).'
        InputObject     = 'A pending ask from Get-GumloopApproval. Usually piped. Its title, tool and display fields feed the confirmation prompt, and no extra request is needed.'
        SessionId       = 'The id of the session the asks belong to. Binds by property name from piped objects that have SessionId and ActionRequestId properties (for example rows from Import-Csv). The session is read once to check that the asks are pending and to show them in the prompt.'
        ActionRequestId = 'The ids of the asks to approve (action_request_id), as shown by Get-GumloopApproval. Binds by property name.'
        Reason          = 'A note sent with each answer (reason, at most 1000 characters), for example why it was approved.'
        Response        = 'Answers to human_input asks, keyed by question name, for example @{ email_tone = ''formal'' }. Sent as response.values with each human_input ask of the pipeline; tool approvals are sent without it. A name that the ask does not ask is refused before anything is sent; an answer that is not one of the options is refused by the API (invalid_human_input_option).'
        Wait            = 'After answering, waits until the resumed turn ends (the session is no longer processing or queued) and writes the session in its final state with the full transcript, instead of the session as the API first returned it.'
        WaitTimeoutSec      = 'With -Wait, the longest time to wait, in seconds; when it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout) for the session, and the turn keeps running.'
        Stream          = 'After answering, shows the resumed reply live as the agent writes it, starting at the stream cursor the API returned, then writes the session. Like Send-GumloopMessage -Stream: interactive hosts get the text on the console, other hosts on the Information stream (tag GumloopStream). Cannot be combined with -Wait.'
        WhatIf          = 'Shows each ask that would be approved, with its tool and display fields, without sending anything.'
        Confirm         = 'Asks before each approval, showing the ask''s title, tool, display fields and reason.'
    }
    Examples    = @(
        @{
            Title   = 'Approve a Gmail send without a prompt'
            Code    = "Get-GumloopApproval -SessionId `$s | Where-Object ToolName -eq 'gmail_send' | Approve-GumloopApproval -Confirm:`$false"
            Remarks = 'Writes the outcome of the ask and the session, which is processing again.'
        }
        @{
            Title   = 'Answer a question and approve the tool in one request'
            Code    = "Get-GumloopApproval -SessionId `$s | Approve-GumloopApproval -Response @{ email_tone = 'formal' } -Confirm:`$false -Wait"
            Remarks = 'Both asks of the session go in one request; the question gets the answer, the tool approval does not. -Wait writes the session once the agent has finished.'
        }
        @{
            Title   = 'Review each approval by hand'
            Code    = "Get-GumloopApproval -SessionId `$s | Approve-GumloopApproval -Confirm"
            Remarks = 'Prompts for every ask, showing the tool and what it would do; only the asks you confirm are approved.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.ApprovalOutcome' = 'One per ask answered: SessionId, ActionRequestId, Action (accept), Outcome (accepted, already_accepted or already_rejected), and the ask''s Type, ToolName and Title.'
        'GumloopPS.Core.Session'         = 'With -PassThru or -Wait, after the outcomes of a session, the session: as returned by the API, or in its final state with -Wait. -Stream writes the resumed reply instead.'
    }
    Links       = @('Get-GumloopApproval', 'Deny-GumloopApproval', 'Wait-GumloopSession')
}
