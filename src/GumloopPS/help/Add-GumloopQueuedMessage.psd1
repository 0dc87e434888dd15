@{
    Synopsis    = 'Queues a message for a Gumloop session, to be sent when the current turn ends.'
    Description = @'
Add-GumloopQueuedMessage adds a message to the session's queue (POST /sessions/{id}/queue). Unlike Send-GumloopMessage it works while the agent is busy: the service sends queued messages in order as soon as the running turn ends. It writes the new GumloopPS.Core.QueuedMessage with its Position.

A session holds at most 20 queued messages; one more is refused with 409 queue_full, reported as the LimitsExceeded error GumloopQueueFull. Send-GumloopMessage -WhenBusy Queue does the same for you only when the session is busy.

The cmdlet supports -WhatIf and -Confirm. The session id binds from the Id or SessionId property of piped objects.
'@
    Parameters  = @{
        SessionId = 'The id of the session to queue the message for. Binds by property name from the Id or SessionId property of piped objects. Alias: Id.'
        Input     = 'The text of the message. Alias: Message.'
        WhatIf    = 'Shows which session the message would be queued for without queuing it. No request is sent.'
    }
    Examples    = @(
        @{
            Title   = 'Line up follow-ups while the agent works'
            Code    = @'
$s = New-GumloopSession -AgentId $agentId -Input 'Draft the renewal brief.'
'Add last quarter''s usage.', 'Then draft the cover email.' | ForEach-Object { Add-GumloopQueuedMessage -SessionId $s.Id -Input $_ }
'@
            Remarks = 'Both messages wait in the queue and are sent one after the other as each turn ends.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.QueuedMessage' = 'The queued message, with its Position in the queue.'
    }
    Links       = @('Get-GumloopQueuedMessage', 'Send-GumloopMessage')
}
