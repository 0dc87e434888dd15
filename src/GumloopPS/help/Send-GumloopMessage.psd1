@{
    Synopsis    = 'Sends a message to a Gumloop session, starting a new agent turn, and can wait for the reply.'
    Description = @'
Send-GumloopMessage adds a user message to a session and starts the agent (POST /sessions/{id}/messages). It returns the session from the API's 202 answer, which holds the new message and is processing or queued.

A message can be sent only when the session is idle, completed, failed or approval_required. While a turn is still running (processing or queued) the API refuses with 409 interaction_not_in_terminal_state, reported as a ResourceBusy error (GumloopSessionBusy); run Wait-GumloopSession first, or send with -Wait on the previous call. Sending while a session is approval_required starts a new turn and leaves the pending approvals unanswered.

-Wait polls the session until it is no longer processing or queued and returns it in its final state with the full transcript, so the reply can be piped to Get-GumloopMessage without another request.

The session id binds from the Id or SessionId property of piped objects, so a session from New-GumloopSession or Get-GumloopSession can be piped in. If the call fails, the error's TargetObject is the session id.

-WhenBusy decides what happens when the session is still running a turn. Fail (the default) keeps the plain GumloopSessionBusy error. Queue adds the message to the session's queue instead (POST /sessions/{id}/queue) and writes the QueuedMessage; the agent takes it up when the current turn ends. Wait waits until the turn has ended and then sends, within -WaitTimeoutSec if given; Ctrl+C stops the wait and nothing is sent.

-Attachment uploads local files to the session first (as Add-GumloopSessionFile does) and attaches them to the message; -AttachmentName attaches files already stored in the session. A message carries at most 10 attachments. Every path is resolved and checked (it exists, is a file, is at most 200 MB) and the count is checked before anything is sent, so a bad path or an 11th file fails the whole message without uploading or sending anything.

-Stream shows the reply as the agent writes it, token by token, and still writes the usual Session object at the end; -StreamEvents writes the raw events instead. Streams use the connection's streaming host and resume by themselves after a dropped connection.
'@
    Parameters  = @{
        SessionId  = 'The id of the session to send to. Binds by property name from the Id or SessionId property of piped objects. Alias: Id.'
        Input      = 'The text of the message. Alias: Message.'
        Wait       = 'Waits until the agent has finished the turn (the session is no longer processing or queued) and returns the session in its final state, with the full transcript. Shows progress while waiting.'
        WhenBusy   = 'What to do when the session is still running a turn (processing or queued): Fail (default) writes the ResourceBusy error GumloopSessionBusy; Queue adds the message to the session''s queue and writes the GumloopPS.Core.QueuedMessage instead of a session (a queued message carries text only, so Queue cannot be combined with attachments); Wait waits until the turn has ended and then sends, bounded by -WaitTimeoutSec. With -Stream the check is made once before the stream starts.'
        Attachment = 'Paths of local files to upload to the session and attach to the message (wildcards allowed). Each file is uploaded as base64 with a media type inferred from its extension and stored under custom_agent_interactions/<session id>/input/<name>. Missing paths, directories, unreadable files and files over 200 MB are reported before anything is sent, and then nothing is sent. Together with -AttachmentName at most 10 files.'
        AttachmentName = 'Files already stored in this session to attach, as returned in the FileName of Add-GumloopSessionFile (custom_agent_interactions/<session id>/input/<name>) or as a bare file name, which is looked up in the session''s input folder. Files of another session are refused by the API with invalid_attachment (GumloopBadRequest). Together with -Attachment at most 10 files.'
        WaitTimeoutSec = 'With -WhenBusy Wait, the longest time to wait for the session to become free before sending; when it runs out nothing is sent and the cmdlet writes an OperationTimeout error (GumloopWaitTimeout). With -Wait, the longest time to wait, in seconds. When it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout) for the session id; the turn keeps running and can be waited for again with Wait-GumloopSession. Without it -Wait waits until the turn ends or Ctrl+C is pressed.'
        Stream         = 'Streams the agent''s reply live instead of returning at once. The request goes to the connection''s streaming host (StreamBaseUri) with stream set to true; the session id is shown first, then the reply is written to the console on one growing line as it arrives. When the turn ends the session is fetched and written to the pipeline, the same Session object as with -Wait, so `$s = Send-GumloopMessage -Stream ...` captures only the session, never the text. In a non-interactive host (a runbook, a job, redirected output, a hosted runspace) the text goes to the Information stream instead, one record per chunk, tagged GumloopStream. If the connection drops, the stream is resumed from the last event received, without sending the message again and without repeating text (see -MaxResumeCount). Ctrl+C stops watching within a second and closes the connection; the agent keeps running, and Receive-GumloopSessionStream re-attaches.'
        WhatIf     = 'Shows which session the message would be sent to without sending it. The agent does not run.'
    }
    Examples    = @(
        @{
            Title   = 'Send a message and export the assistant''s answers'
            Code    = "Send-GumloopMessage -SessionId `$s -Input 'x' -Wait | Get-GumloopMessage | Where-Object Role -eq 'assistant' | Export-Csv t.csv"
            Remarks = 'Waits for the reply, then writes one CSV row per assistant message, with readable Text, AuthorName and CreatedAt columns. Import-Csv t.csv gives the same Id, Role, Text and CreatedAt back.'
        }
        @{
            Title   = 'Hold a short conversation from a runbook'
            Code    = @'
$session = Get-GumloopAgent -Name 'Renewal desk*' | New-GumloopSession -Name 'Northwind renewal' -Input 'Draft a renewal brief for Northwind Traders.' -Wait
foreach ($followUp in 'Make it shorter.', 'Add the renewal date at the top.') {
    $session = $session | Send-GumloopMessage -Input $followUp -Wait -WaitTimeoutSec 300
}
$session | Get-GumloopMessage | Format-Table CreatedAt, Role, AuthorName, Text -Wrap
'@
            Remarks = 'Each follow-up is sent only after the previous turn has ended, so the session is never busy. The final table shows the whole transcript.'
        }
        @{
            Title   = 'Send without waiting and check later'
            Code    = @'
$session = Send-GumloopMessage -SessionId $s -Input 'Rebuild the quarterly forecast.'
# ... other work ...
$session | Wait-GumloopSession -WaitTimeoutSec 900 | Select-Object Id, State
'@
            Remarks = 'Without -Wait the cmdlet returns as soon as the API has accepted the message.'
        }
        @{
            Title   = 'Retry when the session is still busy'
            Code    = @'
try {
    Send-GumloopMessage -SessionId $s -Input 'One more thing.' -ErrorAction Stop
}
catch {
    if ($_.FullyQualifiedErrorId -like 'GumloopSessionBusy*') {
        Wait-GumloopSession -SessionId $s | Send-GumloopMessage -Input 'One more thing.' -Wait
    }
    else { throw }
}
'@
            Remarks = 'A session that is still processing refuses new messages with GumloopSessionBusy; waiting for it first and sending again succeeds.'
        }
        @{
            Title   = 'Stream a reply and keep the session'
            Code    = @'
$session = Send-GumloopMessage -SessionId $s -Input 'Summarise the account in three bullet points.' -Stream
$session | Get-GumloopMessage -Role assistant | Select-Object -Last 1 -ExpandProperty Text
'@
            Remarks = 'The summary appears on screen as it is written. $session is the same Session object that -Wait returns, so the last line prints the same text again from the transcript.'
        }
        @{
            Title   = 'Log a streamed reply from a runbook'
            Code    = @'
$session = Send-GumloopMessage -SessionId $s -Input 'Check the renewal dates.' -Stream -InformationVariable chunks
($chunks | Where-Object Tags -contains 'GumloopStream').MessageData -join ''
'@
            Remarks = 'In a non-interactive host the live text goes to the Information stream, tagged GumloopStream; -InformationVariable collects it. Joined, the chunks are the whole reply.'
        }
        @{
            Title   = 'Send when the session is free, or queue the message'
            Code    = @'
Send-GumloopMessage -SessionId $s -Input 'Also add the renewal date.' -WhenBusy Wait -WaitTimeoutSec 600 -Wait
Send-GumloopMessage -SessionId $s -Input 'Then draft the follow-up email.' -WhenBusy Queue
'@
            Remarks = 'The first command waits up to 10 minutes for the running turn to end, sends, and waits for the reply. The second queues its message if the agent is still busy (writing the QueuedMessage) and sends it at once otherwise.'
        }
        @{
            Title   = 'Attach local files to a message'
            Code    = "Send-GumloopMessage -SessionId `$s -Input 'Summarise these usage exports.' -Attachment ./exports/*.csv -Wait"
            Remarks = 'Uploads every CSV file in ./exports to the session, then sends one message that attaches them all. If any file is missing, too large, or there are more than 10, nothing is uploaded or sent.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'The session. Without -Wait it is processing or queued and holds the new message; with -Wait it is in its final state with the full transcript.'
        'GumloopPS.Core.StreamEvent' = 'With -Stream -StreamEvents: one event per server-sent event, in order, each delivered once even across reconnections.'
        'GumloopPS.Core.QueuedMessage' = 'With -WhenBusy Queue, when the session was busy: the queued message, with its Position in the queue, instead of the session.'
    }
    Links       = @('Receive-GumloopSessionStream', 'Add-GumloopSessionFile', 'Add-GumloopQueuedMessage', 'New-GumloopSession', 'Wait-GumloopSession', 'Get-GumloopMessage', 'Stop-GumloopSession')
}
