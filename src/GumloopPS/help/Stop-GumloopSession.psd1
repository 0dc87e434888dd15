@{
    Synopsis    = 'Cancels the running turn of Gumloop sessions.'
    Description = @'
Stop-GumloopSession cancels each session (POST /sessions/{id}/cancel). A session that is processing or queued stops, and its state becomes failed: the API has no separate cancelled state. The partial assistant message, if any, stays in the transcript with an error part. A session that is already completed or failed is left unchanged, so stopping twice is harmless.

Cancelling is eventually consistent: a Get-GumloopSession right afterwards can still show processing or completed for a moment.

The cmdlet writes nothing by default. With -PassThru it gets each session again after cancelling and writes it with its transcript, because the cancel answer itself carries only the id and state.

It asks for confirmation when $ConfirmPreference is Medium or lower, and supports -WhatIf and -Confirm. Ids bind from the pipeline by value and from the Id or SessionId property of piped objects; each failure is a non-terminating error whose TargetObject is the session id.
'@
    Parameters  = @{
        SessionId = 'One or more ids of sessions to cancel. Takes strings from the pipeline, and the Id or SessionId property of piped objects. Alias: Id.'
        PassThru  = 'Writes each session after cancelling it, fetched again so it holds the real transcript and state.'
        WhatIf    = 'Shows which sessions would be cancelled without cancelling them. No request is sent.'
        Confirm   = 'Asks for confirmation before cancelling each session.'
    }
    Examples    = @(
        @{
            Title   = 'Cancel every session of an agent that is still running'
            Code    = "Get-GumloopSession -AgentId `$a -State processing -All | Stop-GumloopSession -Confirm:`$false"
            Remarks = 'Cancels each processing session without prompting.'
        }
        @{
            Title   = 'Preview what would be cancelled'
            Code    = "Get-GumloopSession -AgentId `$a -State queued -All | Stop-GumloopSession -WhatIf"
            Remarks = 'Lists the sessions that would be cancelled; nothing is sent.'
        }
        @{
            Title   = 'Give an agent a time limit'
            Code    = @'
$session = New-GumloopSession -AgentId $agentId -Input 'Reconcile the October invoices.'
$session = $session | Wait-GumloopSession -WaitTimeoutSec 600 -ErrorAction SilentlyContinue -ErrorVariable late
if ($late) {
    $session = Stop-GumloopSession -SessionId $late[0].TargetObject -PassThru -Confirm:$false
}
$session | Select-Object Id, State
'@
            Remarks = 'If the wait times out, the session id is taken from the error''s TargetObject and the run is cancelled; -PassThru returns the session in its final failed state.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'With -PassThru, each session after cancelling. Otherwise nothing.'
    }
    Links       = @('Wait-GumloopSession', 'Get-GumloopSession')
}
