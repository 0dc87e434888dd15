@{
    Synopsis    = 'Lists the tools of MCP servers.'
    Description = @'
Get-GumloopMcpTool lists the tools of a server (GET /mcp/servers/{server_id}/tools), asked live from the server. Each tool has its Name, Description, InputSchema and Parameters (the argument names, required ones marked with '*').

A server that is not connected cannot be asked: instead of an empty success, the cmdlet writes a warning that names the URL to open in a browser to connect it, and writes no tools for it.
'@
    Parameters  = @{
        ServerId = 'The ids of the servers whose tools to list. Binds from the pipeline and by property name, so Get-GumloopMcpServer output pipes in.'
        Name     = 'Keeps tools whose name matches; wildcards allowed.'
        TeamId   = 'Answers for this team (team_id) instead of for you.'
    }
    Examples    = @(
        @{
            Title   = 'Find the tools that send something'
            Code    = "Get-GumloopMcpTool -ServerId gmail | Where-Object Name -like '*send*'"
            Remarks = 'Writes the Gmail tools whose name contains send.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.McpTool' = 'One object per tool.'
    }
    Links       = @('Invoke-GumloopMcpTool', 'Get-GumloopMcpServer')
}
