@{
    Synopsis    = 'Calls tools of MCP servers through Gumloop.'
    Description = @'
Invoke-GumloopMcpTool calls a tool with arguments (POST /mcp/tools/call). Calls piped in are sent five to a request, the most the API takes, and run concurrently on the service; results are written in call order.

A call that fails does not fail the others: its result becomes a non-terminating error whose TargetObject is the call's Ref and whose exception carries the ErrorCode and the whole Result. A server that needs connecting is the AuthenticationError GumloopMcpNotConnected, with the URL to open; any other failure (tool_not_allowed, mcp_server_http_error, tool_execution_failed, ...) is GumloopMcpToolFailed (InvalidResult). This holds whether the service answered 200 (all failed) or 207 (mixed).

Successful results are written with their content blocks (Content) and their text (Text). When a text block holds JSON, Data holds it parsed, so $result.Data.name reads a field; the raw text stays in Text.

Tools act on outside systems (they send mail, update records), so the cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium) for each call, and a call is never sent twice after a network failure.
'@
    Parameters  = @{
        ServerId  = 'The server whose tool to call. Binds by property name.'
        ToolName  = 'The tool to call. Binds by property name, also from Name, so Get-GumloopMcpTool output pipes in. Alias: Name.'
        Arguments = 'The tool''s arguments as a hashtable; checked by the service against the tool''s input schema. Binds by property name.'
        Ref       = 'A reference echoed in the result and named in its error. Default: the call''s number in pipeline order, from 0.'
        TeamId    = 'Calls as this team (team_id). A team key''s team is used when this is not given.'
        WhatIf    = 'Shows which tools would be called without calling them. No request is sent.'
        Confirm   = 'Asks before each call.'
    }
    Examples    = @(
        @{
            Title   = 'Call one tool and read its JSON answer'
            Code    = "(Invoke-GumloopMcpTool -ServerId gumloop_hubspot -ToolName hubspot_get_company -Arguments @{ domain = 'northwindtraders.example' }).Data.employees"
            Remarks = 'Data is the JSON text block parsed; Text keeps the raw text.'
        }
        @{
            Title   = 'Many calls from the pipeline, five per request'
            Code    = "Import-Csv ./renewals.csv | ForEach-Object { [pscustomobject]@{ ServerId = 'gmail'; ToolName = 'gmail_send_email'; Ref = `$_.Account; Arguments = @{ to = `$_.Email; subject = 'Your renewal' } } } | Invoke-GumloopMcpTool -Confirm:`$false"
            Remarks = 'Each failed call is reported with its Ref (the account) while the others go through.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.McpToolResult' = 'One result per successful call.'
    }
    Links       = @('Get-GumloopMcpTool')
}
