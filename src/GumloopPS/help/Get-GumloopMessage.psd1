@{
    Synopsis    = 'Gets the messages (the transcript) of Gumloop sessions.'
    Description = @'
Get-GumloopMessage writes the messages of one or more sessions, oldest first, one object per message, optionally only those with the given -Role.

A session object piped in from New-GumloopSession, Get-GumloopSession -SessionId, Send-GumloopMessage or Wait-GumloopSession already holds its transcript, and its messages are written without another request. A session from a list (Get-GumloopSession -AgentId) carries no messages, so it is fetched in full first. Sessions named by id with -SessionId, or by the SessionId property of other piped objects (such as rows from Import-Csv), are always fetched (GET /sessions/{id}).

Each message has Id, SessionId, AgentId, Role (user or assistant), Text, AuthorName, CreatedAt, CreatorId, Content and Parts. Text is the message content, or for assistant messages whose content is empty the text of its parts joined together. AuthorName is the participant's first and last name for user messages and the agent's name for assistant messages. Every property exports to CSV as readable text, so the messages can go straight to Export-Csv; Import-Csv gives the same Id, Role, Text and CreatedAt back.

A fetched transcript is streamed: each message is written as soon as its JSON has arrived, so memory stays flat however long the transcript is (a million messages add a few tens of MB). The connection's response-size limit (Connect-Gumloop -MaxResponseSizeMB, 128 MB by default) applies to buffered responses; a streamed transcript is not limited in total, only each message in it is held to that limit. Author names come after the messages in the service's response, so a transcript longer than about 4 MB of messages is read twice: once for the session's fields, once for its messages.

Each session that cannot be fetched writes a non-terminating error whose TargetObject is the session id, and the other sessions are still processed.
'@
    Parameters  = @{
        SessionId = 'One or more ids of sessions whose messages to get. Each session is fetched in full. Binds by property name from the SessionId property of piped objects that are not sessions.'
        Session   = 'A session object, usually piped in. Its embedded messages are used without a request; a session from a list, which has none, is fetched in full first.'
        Role      = 'Writes only messages with one of these roles, compared case-insensitively; usually user or assistant (tab completion offers both).'
    }
    Examples    = @(
        @{
            Title   = 'Export the assistant''s answers after a message'
            Code    = "Send-GumloopMessage -SessionId `$s -Input 'x' -Wait | Get-GumloopMessage | Where-Object Role -eq 'assistant' | Export-Csv t.csv"
            Remarks = 'The session returned by -Wait holds its transcript, so no extra request is made. The CSV holds readable text in every cell.'
        }
        @{
            Title   = 'Print a transcript as a table'
            Code    = "Get-GumloopMessage -SessionId 'sess_Vk3nQ8wT2p' | Format-Table CreatedAt, Role, AuthorName, Text -Wrap"
            Remarks = 'Shows the whole conversation with the full text of each message. The default table view shortens long texts to one line.'
        }
        @{
            Title   = 'Export every transcript of an agent'
            Code    = 'Get-GumloopSession -AgentId $a -All | Get-GumloopMessage | Export-Csv all.csv'
            Remarks = 'One row per message of every session; each listed session is fetched in full as it streams past, so memory use does not grow with the number of sessions.'
        }
        @{
            Title   = 'Get the last answer as plain text'
            Code    = "Get-GumloopMessage -SessionId `$s -Role assistant | Select-Object -Last 1 -ExpandProperty Text"
            Remarks = 'Useful for passing an agent''s answer to another system, for example in a Teams or e-mail notification.'
        }
        @{
            Title   = 'List the tools an agent called'
            Code    = @'
Get-GumloopMessage -SessionId $s -Role assistant |
    ForEach-Object Parts | Where-Object Type -eq 'tool_invocation' |
    Select-Object ToolName, ToolCallState
'@
            Remarks = 'Message parts keep the structure of the answer: text, tool invocations, files and errors.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Message' = 'One object per message, oldest first.'
    }
    Links       = @('Get-GumloopSession', 'Send-GumloopMessage', 'Export-Csv')
}
