@{
    Synopsis    = 'Detaches MCP servers from a Gumloop agent.'
    Description = @'
Remove-GumloopAgentMcpServer detaches MCP servers from an agent (DELETE /agents/{id}/mcp-servers/{server_id}). It is idempotent: detaching a server that is not attached succeeds and changes nothing (verbose output says so; with -PassThru, Detached is False).

Pipe servers from Get-GumloopAgentMcpServer: AgentId and ServerId bind by property name. An unknown agent is the ObjectNotFound error GumloopNotFound, with the agent id as TargetObject. It writes nothing unless -PassThru is given, and supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        AgentId  = 'The agent to detach the servers from. Binds by property name from the AgentId of piped MCP servers and the Id of piped agents. Alias: Id.'
        ServerId = 'The ids of the servers to detach. Binds by property name from piped MCP servers.'
        PassThru = 'Writes one result per server: AgentId, ServerId and Detached (False when it was not attached).'
        WhatIf   = 'Shows which servers would be detached without detaching them. No request is sent.'
        Confirm  = 'Asks before detaching each server.'
    }
    Examples    = @(
        @{
            Title   = 'Take Gmail away from every agent'
            Code    = "Get-GumloopAgent | Get-GumloopAgentMcpServer -ServerId 'gumloop_gmail' | Remove-GumloopAgentMcpServer -Confirm:`$false"
            Remarks = 'Each attached Gmail server binds by AgentId and ServerId.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentMcpServerDetachment' = 'With -PassThru, one result per server. Otherwise nothing.'
    }
    Links       = @('Get-GumloopAgentMcpServer', 'Add-GumloopAgentMcpServer')
}
