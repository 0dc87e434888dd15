@{
    Synopsis    = 'Lists the MCP servers attached to a Gumloop agent.'
    Description = @'
Get-GumloopAgentMcpServer lists the MCP servers an agent uses as tools (GET /agents/{id}/mcp-servers): each with its ServerId, Type, ApprovalMode and whole connector configuration (Config). Secret references and custom server URLs are never returned by the service.

-ServerId filters the list with a wildcard. Agents bind by their Id, so Get-GumloopAgent -Name 'Sales*' | Get-GumloopAgentMcpServer lists the servers of every sales agent; the output binds to Remove-GumloopAgentMcpServer and Add-GumloopAgentMcpServer by AgentId and ServerId. An unknown agent is the ObjectNotFound error GumloopNotFound, with the id as TargetObject.
'@
    Parameters  = @{
        AgentId  = 'The agent whose MCP servers to list. Binds by property name from the Id of piped agents. Alias: Id.'
        ServerId = 'A wildcard pattern matched against the server ids, case-insensitively. Without it every attached server is written.'
    }
    Examples    = @(
        @{
            Title   = 'Which agents ask before using Gmail'
            Code    = "Get-GumloopAgent | Get-GumloopAgentMcpServer -ServerId 'gumloop_gmail' | Where-Object ApprovalMode -eq 'always'"
            Remarks = 'One object per agent that has Gmail attached, with the agent''s id in AgentId.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentMcpServer' = 'One object per attached server: AgentId, ServerId, Type, ApprovalMode and Config.'
    }
    Links       = @('Add-GumloopAgentMcpServer', 'Remove-GumloopAgentMcpServer')
}
