@{
    Synopsis    = 'Sends a queued Gumloop message now, aborting the turn the agent is working on.'
    Description = @'
Send-GumloopQueuedMessage takes a message out of the session's queue and sends it at once (POST /sessions/{id}/queue/{queued_message_id}/send). If the agent is in the middle of a turn, that turn is aborted and its unfinished work is lost, which is why the cmdlet has ConfirmImpact High and asks for confirmation by default. Use -Confirm:$false in scripts, and -WhatIf to see what would happen.

It writes the session, processing the promoted message; with -Wait it waits for the turn to end and writes the session in its final state.

Pipe messages from Get-GumloopQueuedMessage: SessionId and Id bind by property name. An unknown queued message id is the ObjectNotFound error GumloopNotFound; a message that cannot be promoted (being edited, or an incognito session) is the error GumloopConflict.
'@
    Parameters  = @{
        SessionId       = 'The id of the session whose queue holds the message. Binds by property name from the SessionId property of piped queued messages.'
        QueuedMessageId = 'The id of the queued message to send now. Binds by property name from the Id of piped queued messages. Alias: Id.'
        Wait            = 'Waits until the turn started by the message ends and writes the session in its final state, with the full transcript.'
        WaitTimeoutSec      = 'With -Wait, the longest time to wait, in seconds; when it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout).'
        WhatIf          = 'Shows which queued message would be sent without sending it. The running turn is not touched.'
        Confirm         = 'Asks before sending; on by default because the running turn is aborted.'
    }
    Examples    = @(
        @{
            Title   = 'Jump the queue'
            Code    = "Get-GumloopQueuedMessage -SessionId `$s | Select-Object -Last 1 | Send-GumloopQueuedMessage -Confirm:`$false -Wait"
            Remarks = 'Aborts the current turn, sends the last queued message at once and waits for its reply.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'The session processing the promoted message; with -Wait, in its final state.'
    }
    Links       = @('Get-GumloopQueuedMessage', 'Add-GumloopQueuedMessage', 'Stop-GumloopSession')
}
