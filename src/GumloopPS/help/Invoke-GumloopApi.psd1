@{
    Synopsis    = 'Calls any Gumloop API operation, with the connection''s authentication, retries and error handling.'
    Description = @'
Invoke-GumloopApi sends one request to the Gumloop API and writes the answer. It reaches every operation of the API, including those that have no typed cmdlet yet; the README's API coverage table lists them. It works like Invoke-MgGraphRequest does for Microsoft Graph:

- It uses the connection's credentials (Authorization and x-auth-key headers), sends team_id for team connections, applies the connection's timeout, retries 429 and transient errors like every other cmdlet, and turns API errors into the same error ids (GumloopNotFound, GumloopRateLimited, ...).
- -Path is relative to the connection's base URI, for example /agents or /skills. A path copied from the documentation with {placeholders} works: each placeholder takes its value from the -Query key of the same name, escaped as one path segment, and that key is not sent as a query parameter. A placeholder without a value is refused with a GumloopApiPathPlaceholder error. A path may also carry its own ?query, start with /api/v1, or be a full URL on the connection's hosts; a URL on any other host is refused, so the credentials never leave for a host you did not connect to. /chat/completions goes to the stream host, which is the only one that serves it.
- -Body is sent as JSON: a hashtable or object is serialised, a string is sent as it is and must be valid JSON.
- The answer is written as PSCustomObjects with the server's field names (an array answer is unrolled). Text answers (CSV, plain text) are written as a string. -Raw writes the JSON text instead. -OutFile saves the body as bytes and writes nothing; a binary answer without -OutFile is a GumloopBinaryResponse error.
- -All follows next_cursor from page to page (and page/total_pages for page-numbered lists) and writes the items of each page's list property, so `Invoke-GumloopApi GET /skills -All` writes skills, not pages.
- -Stream sends the request to the stream host and writes each event as a StreamEvent. It covers the agent-session streams: POST /agents/{agent_id}/sessions, POST /sessions/{session_id}/messages (both with an input in -Body) and GET /sessions/{session_id} (resume, with last_cursor in -Query). Other routes are refused with a GumloopStreamingUnavailable error.

Methods other than GET change things, so the cmdlet supports -WhatIf and -Confirm for them; GET requests are never confirmed.
'@
    Parameters  = @{
        Method  = 'The HTTP method: GET, POST, PUT, PATCH or DELETE.'
        Path    = 'The operation''s path, relative to the base URI (for example /agents/{agent_id}/versions). Placeholders take their values from -Query. Alias: Uri.'
        Query   = 'Query parameters as a hashtable. Booleans are sent as true/false, dates in ISO 8601, arrays comma-separated; $null values are left out. A key named like a {placeholder} of -Path fills the placeholder instead.'
        Body    = 'The request body: a hashtable or object (sent as JSON), or a string of JSON. Takes pipeline input.'
        All     = 'For GET lists: follows next_cursor until the last page and writes the items of every page. Cannot be combined with -Stream or -OutFile.'
        Stream  = 'Streams an agent-session request from the stream host and writes each event as a StreamEvent object.'
        OutFile = 'Saves the response body to this file, byte for byte, instead of writing it to the pipeline. Use it for file and archive downloads.'
        Raw     = 'Writes the JSON text of the answer (with -All, of each page) instead of converting it to objects.'
        WhatIf  = 'Shows the method and path that would be sent. No request is sent. GET requests are not affected.'
        Confirm = 'Asks for confirmation before sending a POST, PUT, PATCH or DELETE request.'
    }
    Examples    = @(
        @{
            Title   = 'List the teams you belong to'
            Code    = 'Invoke-GumloopApi -Method GET -Path /teams | Select-Object -ExpandProperty teams'
            Remarks = 'The answer keeps the server''s field names: {"teams": [...]}.'
        }
        @{
            Title   = 'Every version of an agent, across all pages'
            Code    = "Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = 'r4Ts9Kq2MwX7bLn'; page_size = 50 } -All | Format-Table id, major_version, created_at"
            Remarks = 'agent_id fills the placeholder; page_size is sent as a query parameter. -All writes the versions of every page.'
        }
        @{
            Title   = 'Upload a file for a flow''s file input'
            Code    = @'
$content = [Convert]::ToBase64String([IO.File]::ReadAllBytes('./q3_usage_export.csv'))
Invoke-GumloopApi POST /upload_file -Body @{ file_name = 'q3_usage_export.csv'; file_content = $content; user_id = (Get-GumloopConnection).UserId }
'@
            Remarks = 'The legacy file endpoints take user_id in the body. The uploaded name can then be given as the value of a file input of Start-GumloopFlow.'
        }
        @{
            Title   = 'Download a skill and keep the raw JSON'
            Code    = "Invoke-GumloopApi GET '/skills/{skill_id}/download' -Query @{ skill_id = 'skill_b2Lq8rTn' } -Raw"
            Remarks = 'Writes the JSON text of the answer.'
        }
    )
    Outputs     = @{
        'System.Management.Automation.PSObject' = 'The answer as PSCustomObjects with the server''s field names; with -All, the items of every page.'
        'System.String'                         = 'With -Raw, the JSON text; for a text answer (CSV, plain text), the text.'
        'GumloopPS.Core.StreamEvent'            = 'With -Stream, each event of the stream.'
    }
    Links       = @('Get-GumloopConnection', 'Get-GumloopFlow', 'Get-GumloopAgent')
}
