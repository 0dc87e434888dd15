@{
    Synopsis    = 'Lists the MCP servers you can use in Gumloop, or gets one.'
    Description = @'
Get-GumloopMcpServer lists the MCP servers available to you (GET /mcp/servers): Gumloop-hosted servers (type gumcp_server), Gumstack servers and custom MCP servers. Status connected means ready; anything else (unauthenticated, blocked) means you must connect the server first, at its GumloopAuthUrl.

With -ServerId it gets those servers (GET /mcp/servers/{server_id}), which also fills AllowedToolCallIds: the tools you may call after role and policy checks.
'@
    Parameters  = @{
        ServerId = 'The ids of the servers to get. Binds from the pipeline and by property name (ServerId of piped servers, tools, resources and prompts).'
        TeamId   = 'Answers for this team (team_id) instead of for you.'
    }
    Examples    = @(
        @{
            Title   = 'Servers that still need connecting'
            Code    = 'Get-GumloopMcpServer | Where-Object -not IsConnected | Select-Object Name, GumloopAuthUrl'
            Remarks = 'Lists each server that is not connected with the page where you connect it.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.McpServer' = 'One object per server.'
    }
    Links       = @('Get-GumloopMcpTool')
}
