@{
    Synopsis    = 'Finds the GumloopPS command that calls a Gumloop API operation, or the operations a command calls.'
    Description = @'
Find-GumloopCommand reads the module's catalogue of all 102 operations of the Gumloop API and sends no request. Each result names the HTTP method, the path template, the operationId from Gumloop's OpenAPI document, the host that serves it (Api, Stream or Root), how it pages, whether a retry may repeat it, and the command that covers it: a typed cmdlet, or Invoke-GumloopApi where none exists yet.

Filter by -Path (a template such as /skills/{skill_id}, a path with real ids such as /sessions/sess_123/queue, a full URL, or a wildcard such as /brain/*), by -Method, by -OperationId, or by -Command. Without parameters it lists every operation. A filter without wildcards that matches nothing writes a GumloopOperationNotFound error.
'@
    Parameters  = @{
        Path        = 'The API path to look up: a template with {placeholders}, a path with concrete ids, a full URL (its /api/v1 prefix and query are ignored), or a wildcard pattern matched against the templates.'
        Method      = 'Only operations with this HTTP method: GET, POST, PUT, PATCH or DELETE.'
        Command     = 'Only operations that this command calls, as its typed cmdlet or among the other commands that use it. Wildcards are allowed, for example *-GumloopFlow*.'
        OperationId = 'Only operations whose operationId matches, for example listSessions or *Brain*. Wildcards are allowed.'
    }
    Examples    = @(
        @{
            Title   = 'Find the cmdlet for a route seen in the API documentation'
            Code    = "Find-GumloopCommand -Path '/skills/{skill_id}' -Method DELETE"
            Remarks = 'Shows the operation deleteSkill and the command that covers it.'
        }
        @{
            Title   = 'Look up a URL from a log, with its real ids'
            Code    = "Find-GumloopCommand -Path 'https://api.gumloop.com/api/v1/sessions/sess_Vk3nQ8wT2p/queue'"
            Remarks = 'Matches the concrete path to the templates /sessions/{session_id}/queue (GET and POST).'
        }
        @{
            Title   = 'List the routes a cmdlet calls'
            Code    = 'Find-GumloopCommand -Command Get-GumloopSession'
            Remarks = 'Lists listSessions and retrieveSession.'
        }
        @{
            Title   = 'See what still needs Invoke-GumloopApi'
            Code    = "Find-GumloopCommand | Where-Object Command -eq 'Invoke-GumloopApi' | Format-Table Method, Path, OperationId"
            Remarks = 'Every operation without a typed cmdlet yet; Invoke-GumloopApi calls each with the same authentication, retries and errors.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Catalog.GumloopOperation' = 'One operation of the Gumloop API: Number, Method, Path, OperationId, Host, Paging, RetryKind, Command, IsInOpenApi and Remarks.'
    }
    Links       = @('Invoke-GumloopApi')
}
