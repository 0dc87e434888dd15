@{
    Synopsis    = 'Gets the messages queued behind the running turn of Gumloop sessions.'
    Description = @'
Get-GumloopQueuedMessage lists each session's queue (GET /sessions/{id}/queue) in send order, one GumloopPS.Core.QueuedMessage per message, with Position starting at 1. Queued messages are sent by the service, in order, as soon as the current turn ends. A message in state editing is skipped until its edit finishes.

Session ids bind from the pipeline by value and from the Id or SessionId property of piped objects. The queued messages carry both SessionId and Id, so they can be piped on to Set-, Remove- and Send-GumloopQueuedMessage.
'@
    Parameters  = @{
        SessionId = 'One or more ids of sessions whose queue to list. Takes strings from the pipeline, and the Id or SessionId property of piped objects. Alias: Id.'
    }
    Examples    = @(
        @{
            Title   = 'Show what is waiting'
            Code    = "Get-GumloopQueuedMessage -SessionId `$s"
            Remarks = 'Lists the queue with position, state, id, time and text.'
        }
        @{
            Title   = 'Clear a queue'
            Code    = "Get-GumloopQueuedMessage -SessionId `$s | Remove-GumloopQueuedMessage -Confirm:`$false"
            Remarks = 'Removes every queued message without prompting.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.QueuedMessage' = 'One per queued message, in send order, with SessionId set.'
    }
    Links       = @('Add-GumloopQueuedMessage', 'Set-GumloopQueuedMessage', 'Remove-GumloopQueuedMessage', 'Send-GumloopQueuedMessage')
}
