@{
    Synopsis    = 'Lists the prompts of an MCP server, or renders one.'
    Description = @'
Without -Name, Get-GumloopMcpPrompt lists a server's prompt templates (GET /mcp/servers/{server_id}/prompts) with their arguments, required ones marked with '*'. A server that is not connected gets a warning naming the URL to open to connect it.

With -Name it renders the prompt with -Arguments (POST /mcp/servers/{server_id}/prompts/get, which changes nothing) and writes the messages; Text joins their text.
'@
    Parameters  = @{
        ServerId  = 'The server to ask. Binds by property name.'
        Name      = 'The prompt to render. Binds by property name, so listed prompts pipe in.'
        Arguments = 'The prompt''s arguments as a hashtable. An empty object is sent when none are given.'
        TeamId    = 'Answers for this team (team_id) instead of for you.'
    }
    Examples    = @(
        @{
            Title   = 'Render a prompt'
            Code    = "(Get-GumloopMcpPrompt -ServerId gumloop_hubspot -Name summarize_deal -Arguments @{ deal_id = '88213' }).Text"
            Remarks = 'Writes the rendered prompt text.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.McpPrompt'       = 'Without -Name: one object per prompt.'
        'GumloopPS.Core.McpPromptResult' = 'With -Name: the rendered prompt.'
    }
    Links       = @('Get-GumloopMcpServer')
}
