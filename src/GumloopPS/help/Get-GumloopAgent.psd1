@{
    Synopsis    = 'Gets Gumloop agents, all of them or by id, optionally filtered by name.'
    Description = @'
Get-GumloopAgent lists the agents the connection can see (GET /agents), or gets specific agents by id (GET /agents/{id}).

-Name filters the list on the client with a wildcard pattern, case-insensitively, so 'Sales*' matches "Sales inbox triage" and "sales follow-up". -TeamId lists the agents of one team instead of the connection's default.

The service filters too: -Search (a substring of the name), -Creator (a user id), -HasTrigger, -Tool (an MCP server id the agent uses) and -Flow (a saved flow id the agent uses); -SortOrder orders the list; -IncludeLastUsed and -IncludeLastUpdated fill LastUsedAt and LastUpdatedAt. Without -First or -All the whole list comes in one answer, as the API returns it when no page size is sent; -First <n> writes the first n agents (counting only those -Name matches) and -All reads every page, 100 agents at a time. Agents are written as their page arrives.

With -AgentId each id is fetched separately; an id that does not exist writes a non-terminating ObjectNotFound error (GumloopNotFound) whose TargetObject is the id, and the other ids are still returned. Ids bind from the pipeline by value, and from the AgentId or Id property of piped objects, so sessions and agents can be piped in.

The agent objects bind to New-GumloopSession and Get-GumloopSession, so an agent can be picked by name and used straight away.
'@
    Parameters  = @{
        AgentId = 'One or more agent ids to get. Takes strings from the pipeline, and the AgentId or Id property of piped objects such as sessions and agents. Each id is a separate request and a separate error if it fails. Alias: Id.'
        Name    = 'A wildcard pattern matched against the agent name, case-insensitively (* and ? are supported). The filter runs on the client after one list request. Without it every agent is returned.'
        TeamId  = 'Lists the agents of this team. Without it the API uses the team of the connection (Connect-Gumloop -TeamId) or the personal workspace of the user.'
        Search  = 'Lists only agents whose name contains this text, case-insensitively. The service filters (query search), so only matching agents are sent.'
        Creator = 'Lists only agents created by this user id (the Id of an agent''s Creator).'
        HasTrigger = 'Lists only agents with at least one active trigger.'
        Tool    = 'Lists only agents that use this MCP server as a tool, for example gumloop_hubspot (the ServerId of Get-GumloopAgentMcpServer output).'
        Flow    = 'Lists only agents that use this saved flow as a tool (a flow id, as Get-GumloopFlow returns it).'
        SortOrder = 'The order of the list: newest (the default), oldest, name_asc or name_desc.'
        IncludeLastUsed = 'Fills LastUsedAt, the time of each agent''s latest session.'
        IncludeLastUpdated = 'Fills LastUpdatedAt, the time of each agent''s latest configuration change.'
        First   = 'Writes at most this many agents (after -Name filtering), reading pages until it has them.'
        All     = 'Reads every page, 100 agents at a time. Without -All or -First the service returns the whole list in one answer.'
    }
    Examples    = @(
        @{
            Title   = 'List the active agents'
            Code    = 'Get-GumloopAgent | Where-Object IsActive'
            Remarks = 'Returns every agent the connection can see and keeps the active ones.'
        }
        @{
            Title   = 'Start a session with every sales agent'
            Code    = "Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'hi' -Wait"
            Remarks = 'Each matching agent binds to -AgentId of New-GumloopSession by its Id property. -Wait returns each session once the agent has replied.'
        }
        @{
            Title   = 'Get agents by id and report the missing ones'
            Code    = @'
'r4Ts9Kq2MwX7bLn', 'missing-agent' | Get-GumloopAgent -ErrorVariable notFound
$notFound.TargetObject
'@
            Remarks = 'The existing agent is returned; the missing one becomes a GumloopNotFound error whose TargetObject is the id.'
        }
        @{
            Title   = 'Find the agents that use HubSpot, newest first, with when they were last used'
            Code    = "Get-GumloopAgent -Tool 'gumloop_hubspot' -IncludeLastUsed -All | Sort-Object LastUsedAt | Select-Object Name, LastUsedAt"
            Remarks = 'The service filters by tool and fills LastUsedAt; -All reads every page.'
        }
        @{
            Title   = 'Show the details of one agent'
            Code    = "Get-GumloopAgent -AgentId 'r4Ts9Kq2MwX7bLn' | Format-List"
            Remarks = 'The list view shows the description, model, creator, tools and usage timestamps. Format-List * shows every property.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Agent' = 'One object per agent, with Id, Name, Description, ModelName, IsActive, CreatedAt, Creator, Tools and more.'
    }
    Links       = @('New-GumloopAgent', 'Set-GumloopAgent', 'Get-GumloopAgentVersion', 'New-GumloopSession', 'Get-GumloopSession')
}
