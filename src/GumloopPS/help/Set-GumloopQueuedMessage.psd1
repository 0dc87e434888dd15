@{
    Synopsis    = 'Replaces the text of a queued Gumloop message.'
    Description = @'
Set-GumloopQueuedMessage changes the text of a message that is still waiting in a session's queue (PATCH /sessions/{id}/queue/{queued_message_id}) and writes the updated GumloopPS.Core.QueuedMessage. Its position does not change.

Pipe messages from Get-GumloopQueuedMessage: SessionId and Id bind by property name. An unknown queued message id (for example one already sent) is the ObjectNotFound error GumloopNotFound. The cmdlet supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        PassThru = 'Writes the changed queued message. Without it the cmdlet writes nothing, like other Set- cmdlets.'
        SessionId       = 'The id of the session whose queue holds the message. Binds by property name from the SessionId property of piped queued messages.'
        QueuedMessageId = 'The id of the queued message. Binds by property name from the Id of piped queued messages. Alias: Id.'
        Input           = 'The new text of the message. Alias: Message.'
        WhatIf          = 'Shows which queued message would change without changing it. No request is sent.'
    }
    Examples    = @(
        @{
            Title   = 'Fix a typo in the first queued message'
            Code    = "Get-GumloopQueuedMessage -SessionId `$s | Select-Object -First 1 | Set-GumloopQueuedMessage -Input 'Attach the Q3 usage chart as a PNG.'"
            Remarks = 'Writes the updated message.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.QueuedMessage' = 'With -PassThru, the updated queued message. Otherwise nothing.'
    }
    Links       = @('Get-GumloopQueuedMessage', 'Add-GumloopQueuedMessage')
}
