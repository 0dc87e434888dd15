@{
    Synopsis    = 'Rejects pending asks of Gumloop sessions, so the agent skips the action.'
    Description = @'
Deny-GumloopApproval rejects asks that a session waits for in approval_required (POST /sessions/{id}/approvals with action reject). Pipe asks from Get-GumloopApproval, or name them with -SessionId and -ActionRequestId. The agent resumes once every ask of the session is answered, and does not carry out a rejected action.

Like Approve-GumloopApproval, it collects every ask of the pipeline and sends one request per session when the pipeline ends (up to 20 answers per request): two asks of one session make exactly one request with two answers. For each ask it writes a GumloopPS.Core.ApprovalOutcome (rejected, or already_accepted or already_rejected when it had been answered before), then the session; -Wait and -Stream follow the resumed turn.

The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Low). A session that is not waiting for approval is the error GumloopNotAwaitingApproval; an id that is not pending is GumloopApprovalNotFound, and nothing is sent for it.
'@
    Parameters  = @{
        PassThru = 'Also writes the session the answers were sent to, after the outcomes. Without it only the ApprovalOutcome objects are written (with -Wait the final session is written too).'
        InputObject     = 'A pending ask from Get-GumloopApproval. Usually piped; its details appear in -WhatIf and -Confirm messages.'
        SessionId       = 'The id of the session the asks belong to. Binds by property name from piped objects with SessionId and ActionRequestId properties. The session is read once to check that the asks are pending.'
        ActionRequestId = 'The ids of the asks to reject (action_request_id), as shown by Get-GumloopApproval. Binds by property name.'
        Reason          = 'Why the ask is rejected (reason, at most 1000 characters); the agent can see it.'
        Wait            = 'After answering, waits until the resumed turn ends and writes the session in its final state with the full transcript.'
        WaitTimeoutSec      = 'With -Wait, the longest time to wait, in seconds; when it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout) for the session.'
        Stream          = 'After answering, shows the resumed reply live from the stream cursor the API returned, then writes the session. Cannot be combined with -Wait.'
        WhatIf          = 'Shows each ask that would be rejected without sending anything.'
        Confirm         = 'Asks before each rejection, showing the ask''s title, tool and display fields.'
    }
    Examples    = @(
        @{
            Title   = 'Reject everything a session asks'
            Code    = "Get-GumloopApproval -SessionId `$s | Deny-GumloopApproval -Reason 'Not this quarter.' -Wait"
            Remarks = 'Sends one request with every ask of the session, then waits for the agent''s reply that it skipped the action.'
        }
        @{
            Title   = 'Reject by id'
            Code    = "Deny-GumloopApproval -SessionId `$s -ActionRequestId 'areq_7Tz2Wq9K'"
            Remarks = 'Checks that the ask is pending, rejects it, and writes the outcome and the session.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.ApprovalOutcome' = 'One per ask answered: SessionId, ActionRequestId, Action (reject), Outcome (rejected, already_accepted or already_rejected), Type, ToolName and Title.'
        'GumloopPS.Core.Session'         = 'With -PassThru or -Wait, after the outcomes of a session, the session: as returned by the API, or in its final state with -Wait. -Stream writes the resumed reply instead.'
    }
    Links       = @('Get-GumloopApproval', 'Approve-GumloopApproval')
}
