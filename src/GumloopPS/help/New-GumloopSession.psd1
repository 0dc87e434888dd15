@{
    Synopsis    = 'Creates a Gumloop agent session, optionally with a first message, and can wait for the reply.'
    Description = @'
New-GumloopSession creates a session (a conversation) with an agent (POST /agents/{id}/sessions).

Without -Input the session is created idle, with no messages, ready for Send-GumloopMessage. With -Input the first message is sent at once and the agent starts working: the session comes back in the state processing, or queued (with QueuePosition) when the organisation is at its concurrency limit on an Enterprise plan. On a Pro plan the limit is reported as a LimitsExceeded error (GumloopRateLimited), after the retries allowed by -MaxRetryCount.

-Wait polls the session until it is no longer processing or queued and returns it in its final state: completed, failed, idle or approval_required. The wait shows a progress bar and stops on Ctrl+C. The returned session holds the whole transcript, so it can be piped to Get-GumloopMessage without another request.

The agent is taken from -AgentId, which also binds the Id of agent objects piped from Get-GumloopAgent. If the call fails, the error's TargetObject is the agent id.

-Stream shows the reply as the agent writes it, token by token, and still writes the usual Session object at the end; -StreamEvents writes the raw events instead. Streams use the connection's streaming host and resume by themselves after a dropped connection.
'@
    Parameters  = @{
        AgentId    = 'The id of the agent to talk to. Binds by property name from the pipeline, from AgentId or from Id, so agent objects from Get-GumloopAgent can be piped in.'
        Input      = 'The first message to send. Without it the session is created idle and nothing runs until Send-GumloopMessage. Alias: Message.'
        Name       = 'The session name shown in Gumloop, 1 to 256 characters; surrounding spaces are trimmed. Without it Gumloop generates a title from the conversation.'
        SessionId  = 'An id of your choosing for the new session, for example a ticket number, so a retried runbook can find or reuse it. If a session with this id already exists the call fails with a Conflict error (GumloopConflict, API code session_already_exists).'
        Metadata   = 'A hashtable of your own data to store with the session (under metadata.client), for example @{ ticket = ''INC-1042''; source = ''runbook'' }. Values must be serialisable to JSON.'
        Wait       = 'Waits until the agent has finished its turn (the session is no longer processing or queued) and returns the session in its final state, with the full transcript. Shows progress while waiting.'
        WaitTimeoutSec = 'With -Wait, the longest time to wait, in seconds. When it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout) for the agent id; the session keeps running and can be waited for again with Wait-GumloopSession. Without it -Wait waits until the turn ends or Ctrl+C is pressed.'
        Stream         = 'Streams the agent''s reply live instead of returning at once. The request goes to the connection''s streaming host (StreamBaseUri) with stream set to true; the session id is shown first, then the reply is written to the console on one growing line as it arrives. When the turn ends the session is fetched and written to the pipeline, the same Session object as with -Wait, so `$s = New-GumloopSession -Stream ...` captures only the session, never the text. In a non-interactive host (a runbook, a job, redirected output, a hosted runspace) the text goes to the Information stream instead, one record per chunk, tagged GumloopStream. Needs -Input. If the connection drops, the stream is resumed from the last event received, without sending the message again and without repeating text (see -MaxResumeCount). Ctrl+C stops watching within a second and closes the connection; the agent keeps running, and Receive-GumloopSessionStream re-attaches.'
        WhatIf     = 'Shows the session that would be created without creating it. No request is sent and the agent does not run.'
    }
    Examples    = @(
        @{
            Title   = 'Ask every sales agent a question and wait for the answers'
            Code    = "Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'hi' -Wait"
            Remarks = 'Creates one session per matching agent, waits for each reply and writes the finished sessions.'
        }
        @{
            Title   = 'Create a named session for a ticket and read the reply'
            Code    = @'
$session = New-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -Name 'INC-1042 triage' `
    -Input 'Classify ticket INC-1042 and suggest an owner.' -Metadata @{ ticket = 'INC-1042' } -Wait -WaitTimeoutSec 300
$session | Get-GumloopMessage -Role assistant | Select-Object -Last 1 -ExpandProperty Text
'@
            Remarks = 'Waits up to five minutes for the agent, then prints the text of its last answer. The session object already holds the transcript, so Get-GumloopMessage sends no request.'
        }
        @{
            Title   = 'Create an idle session and talk to it later'
            Code    = @'
$session = New-GumloopSession -AgentId $agentId -Name 'Weekly pipeline review'
Send-GumloopMessage -SessionId $session.Id -Input 'List the deals that slipped this week.' -Wait
'@
            Remarks = 'Without -Input the session is created idle; the first message is sent separately.'
        }
        @{
            Title   = 'Handle a session that needs approval'
            Code    = @'
$session = New-GumloopSession -AgentId $agentId -Input 'Email the renewal brief to the account owner.' -Wait
if ($session.State -eq 'approval_required') {
    $session.PendingApprovals | Format-List Title, Reason, ToolName, DisplayFields
}
'@
            Remarks = 'A turn can pause for a person to approve a tool call. -Wait returns at that point; the pending approvals are on the session.'
        }
        @{
            Title   = 'Watch the first reply arrive live'
            Code    = @'
$session = New-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -Input 'Draft a renewal brief for Northwind Traders.' -Stream
$session.State
'@
            Remarks = 'Prints the session id, then the brief as it is written, on one line that grows. $session receives only the finished Session object; the live text never enters the pipeline.'
        }
        @{
            Title   = 'React to tool calls as they happen'
            Code    = @'
New-GumloopSession -AgentId $agentId -Input 'Look up Contoso and summarise the open deal.' -Stream -StreamEvents |
    Where-Object Type -like 'tool-*' | Format-Table Type, ToolName, ReceivedAt
'@
            Remarks = 'Writes one StreamEvent per server event; here only the tool events are kept.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'The new session. Without -Wait it is idle, processing or queued; with -Wait it is in its final state with the full transcript.'
        'GumloopPS.Core.StreamEvent' = 'With -Stream -StreamEvents: one event per server-sent event, in order, each delivered once even across reconnections.'
    }
    Links       = @('Receive-GumloopSessionStream', 'Get-GumloopAgent', 'Send-GumloopMessage', 'Wait-GumloopSession', 'Get-GumloopMessage')
}
