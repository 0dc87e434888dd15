@{
    Synopsis    = 'Removes messages from a Gumloop session''s queue.'
    Description = @'
Remove-GumloopQueuedMessage deletes queued messages before they are sent (DELETE /sessions/{id}/queue/{queued_message_id}). The messages behind a removed one move up. It writes nothing unless -PassThru is given.

Pipe messages from Get-GumloopQueuedMessage: SessionId and Id bind by property name. An unknown queued message id is the ObjectNotFound error GumloopNotFound. The cmdlet has ConfirmImpact Medium and supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        SessionId       = 'The id of the session whose queue holds the messages. Binds by property name from the SessionId property of piped queued messages.'
        QueuedMessageId = 'The ids of the queued messages to remove. Binds by property name from the Id of piped queued messages. Alias: Id.'
        PassThru        = 'Writes the messages that remain in the queue after each removal, renumbered.'
        WhatIf          = 'Shows which queued messages would be removed without removing them. No request is sent.'
        Confirm         = 'Asks before removing each queued message.'
    }
    Examples    = @(
        @{
            Title   = 'Drop a queued message'
            Code    = "Remove-GumloopQueuedMessage -SessionId `$s -QueuedMessageId 'qm_4Hx9Tn2c' -Confirm:`$false -PassThru"
            Remarks = 'Removes the message and writes the queue that remains.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.QueuedMessage' = 'With -PassThru, the messages remaining in the queue. Otherwise nothing.'
    }
    Links       = @('Get-GumloopQueuedMessage', 'Send-GumloopQueuedMessage')
}
