@{
    Synopsis    = 'Attaches an MCP server to a Gumloop agent, or updates its configuration.'
    Description = @'
Add-GumloopAgentMcpServer attaches a server from your MCP catalogue to an agent as a tool (PUT /agents/{id}/mcp-servers/{server_id}). The call is an upsert: for a server already attached it replaces its configuration. The output says which happened (Created) and whether the server is ready (AuthStatus); when it is not connected yet the cmdlet also warns, because the agent cannot use the server until someone completes its sign-in in Gumloop.

-ApprovalMode sets when the agent asks before calling the server's tools (off, always or all); -Config takes any other connector settings, such as tool restrictions. The identity keys (type, server_id, secret_id, mcp_server_url) come from the catalogue and are ignored if given.

A server id not in your catalogue is the ObjectNotFound error GumloopNotFound with the server id as TargetObject; a server your organization restricts is GumloopForbidden; an id that matches two catalogue entries is GumloopConflict. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        AgentId      = 'The agent to attach the servers to. Binds by property name from the Id of piped agents and the AgentId of piped MCP servers. Alias: Id.'
        ServerId     = 'The ids of MCP servers from your catalogue (Invoke-GumloopApi GET /mcp/servers lists them). Binds by property name from piped MCP servers.'
        ApprovalMode = 'When the agent asks for approval before calling the server''s tools: off, always or all (other values the service accepts are sent as given).'
        Config       = 'Other connector settings, sent as the body, for example @{ restricted_tools = @(''zendesk_delete_ticket'') }. -ApprovalMode overrides an approval_mode key here.'
        WhatIf       = 'Shows the attach without making it. No request is sent.'
        Confirm      = 'Asks before attaching each server.'
    }
    Examples    = @(
        @{
            Title   = 'Give an agent Zendesk, asking before every call, without ticket deletion'
            Code    = "Add-GumloopAgentMcpServer -AgentId 'r4Ts9Kq2MwX7bLn' -ServerId 'gumloop_zendesk' -ApprovalMode always -Config @{ restricted_tools = @('zendesk_delete_ticket') }"
            Remarks = 'Created is True the first time; AuthStatus unauthenticated means someone must connect Zendesk in Gumloop first.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentMcpServer' = 'The attached server as the service stored it, with Created and AuthStatus.'
    }
    Links       = @('Get-GumloopAgentMcpServer', 'Remove-GumloopAgentMcpServer')
}
