@{
    Synopsis    = 'Attaches to the live stream of a running Gumloop session and shows the reply as it is written.'
    Description = @'
Receive-GumloopSessionStream watches a session whose agent is already working, for example one started from the Gumloop web app, by another runbook, or by a Send-GumloopMessage -Stream that was stopped with Ctrl+C. It uses the stream resume endpoint on the connection's streaming host (GET /sessions/{id}?stream=true&last_cursor=...): the events after -Cursor are replayed, then the live ones follow until the turn ends. Nothing is sent to the agent.

Output is the same as for Send-GumloopMessage -Stream. In an interactive console the session id is shown, then the text on one growing line; in a non-interactive host the text goes to the Information stream tagged GumloopStream. When the turn ends the session is fetched and written to the pipeline. -StreamEvents writes the events instead.

A session with no live run answers with a single finish event whose FinishReason is not_resumable; the cmdlet then writes the session as it stands. A dropped connection is resumed by itself from the last event received (see -MaxResumeCount), and Ctrl+C stops watching within a second without affecting the agent.

The session id binds from the Id or SessionId property of piped objects, and -Cursor from the StreamCursor property, so the last StreamEvent of an interrupted -StreamEvents run can be piped in to continue where it stopped.
'@
    Parameters  = @{
        SessionId      = 'The id of the session to watch. Binds by property name from the Id or SessionId property of piped objects (sessions, stream events). Alias: Id.'
        Cursor         = 'The stream cursor to continue after: the StreamCursor of the last event already seen. The stream then replays only later events. Without it every event of the running turn that the server still holds is replayed. Binds by property name from StreamCursor. Aliases: LastCursor, StreamCursor.'
    }
    Examples    = @(
        @{
            Title   = 'Watch a session that someone else started'
            Code    = "Receive-GumloopSessionStream -SessionId 'sess_Vk3nQ8wT2p'"
            Remarks = 'Shows the reply of the running turn as it is written, then writes the session. If the session is not running, it is written as it stands.'
        }
        @{
            Title   = 'Re-attach after Ctrl+C'
            Code    = @'
Send-GumloopMessage -SessionId $s -Input 'Write the quarterly report.' -Stream
# Ctrl+C: the agent keeps working
$session = Receive-GumloopSessionStream -SessionId $s
'@
            Remarks = 'Stopping a stream does not stop the agent. Attaching again replays what the server still holds of the turn and follows it to the end.'
        }
        @{
            Title   = 'Continue an event stream where it stopped'
            Code    = @'
$events = Send-GumloopMessage -SessionId $s -Input 'Reconcile the invoices.' -Stream -StreamEvents -MaxResumeCount 0
$events | Where-Object StreamCursor | Select-Object -Last 1 | Receive-GumloopSessionStream -StreamEvents
'@
            Remarks = 'The last event with a cursor carries SessionId and StreamCursor, which bind by property name, so only the events after it are written.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session'     = 'The session, fetched after the turn ends (or as it stands when it has no live run).'
        'GumloopPS.Core.StreamEvent' = 'With -StreamEvents: one event per server-sent event, in order, each delivered once even across reconnections.'
    }
    Links       = @('Send-GumloopMessage', 'New-GumloopSession', 'Wait-GumloopSession', 'Get-GumloopSession')
}
