@{
    Synopsis    = 'Gets Gumloop sessions by id, or lists the sessions of an agent.'
    Description = @'
Get-GumloopSession works in two ways.

By id (-SessionId) it gets each session in full (GET /sessions/{id}), with its transcript, participants, usage and pending approvals. Ids also bind from the SessionId or Id property of piped objects (plain strings cannot be piped; pass them to -SessionId). Each id is a separate request: an id that does not exist writes a non-terminating ObjectNotFound error (GumloopNotFound) whose TargetObject is the id, and the other sessions are still returned.

By agent (-AgentId, or agent objects piped from Get-GumloopAgent) it lists the agent's sessions (GET /agents/{id}/sessions), optionally filtered by -State, -Search and -Type. Without -First or -All it returns the first 20 and warns when there are more. -First N returns up to N sessions and -All returns every one, following the API's next_cursor page by page. Each page is written to the pipeline as soon as it arrives, so the memory used does not grow with the number of sessions.

Listed sessions carry no messages, because the API never includes them in lists; their Messages column is empty. Get-GumloopMessage fetches the transcript of such a session when it is piped in, and Get-GumloopSession -SessionId gets the full session.
'@
    Parameters  = @{
        SessionId = 'One or more session ids to get in full. Binds by property name from the SessionId or Id property of piped objects, for example sessions from a list or imported from a CSV file. Alias: Id.'
        AgentId   = 'Lists the sessions of the agent with this id.'
        Agent     = 'An agent object from Get-GumloopAgent whose sessions are listed. Usually bound from the pipeline: Get-GumloopAgent -Name ''Sales*'' | Get-GumloopSession -All.'
        State     = 'Lists only sessions in this state: idle, queued, processing, completed or failed (tab completion offers the documented values). The API does not filter on approval_required; filter those with Where-Object State -eq ''approval_required''.'
        Search    = 'Lists only sessions whose name or content contains this text. The search runs on the server.'
        Type      = 'Lists only sessions started from this channel, for example api, web, slack, chat or triggered.'
        First     = 'Returns at most this many sessions, fetching as many pages as that needs. Without -First or -All the cmdlet returns up to 20 and warns if more exist.'
        All       = 'Returns every matching session, following next_cursor until the last page. Sessions are streamed page by page, so this is safe for agents with thousands of sessions.'
    }
    Examples    = @(
        @{
            Title   = 'Find the failed sessions of an agent'
            Code    = "Get-GumloopSession -AgentId `$a -All | Where-Object State -eq 'failed'"
            Remarks = 'Lists every session of the agent and keeps the failed ones. -State failed does the same filtering on the server.'
        }
        @{
            Title   = 'Export every transcript of an agent to one CSV file'
            Code    = 'Get-GumloopSession -AgentId $a -All | Get-GumloopMessage | Export-Csv all.csv'
            Remarks = 'Writes one row per message of every session. Sessions are fetched one at a time as the list streams past, so memory use stays flat however many sessions there are.'
        }
        @{
            Title   = 'Get sessions by id and collect the errors'
            Code    = @'
Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p', 'missing', 'sess_Hm5rZ1xJ7c' -ErrorVariable problems
$problems | Select-Object @{ n = 'Id'; e = { $_.TargetObject } }, @{ n = 'Error'; e = { $_.FullyQualifiedErrorId } }
'@
            Remarks = 'Writes the two sessions that exist and one non-terminating GumloopNotFound error for the missing id.'
        }
        @{
            Title   = 'List the latest API sessions of all sales agents'
            Code    = "Get-GumloopAgent -Name 'Sales*' | Get-GumloopSession -Type api -First 10"
            Remarks = 'Agent objects bind to -Agent, so the sessions of each agent are listed in turn.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'One object per session. Sessions got by id are complete; listed sessions have no messages.'
    }
    Links       = @('Get-GumloopMessage', 'New-GumloopSession', 'Wait-GumloopSession')
}
