@{
    Synopsis    = 'Lists the resources of an MCP server, or reads one.'
    Description = @'
Without -Uri, Get-GumloopMcpResource lists a server's resources (GET /mcp/servers/{server_id}/resources), reading every page. A server that is not connected gets a warning naming the URL to open to connect it.

With -Uri it reads the resource (GET /mcp/servers/{server_id}/resources/read). Each content is written as an object whose Text holds text content, or whose Bytes hold blob content (sent base64, decoded). With -OutFile the contents are saved instead (text as UTF-8, blobs as their bytes): one content to -OutFile, several into -OutFile as a folder, each named after its URI. An existing file is not replaced without -Force.

Listed resources pipe back in: ServerId and Uri bind by property name.
'@
    Parameters  = @{
        ServerId = 'The server to ask. Binds by property name.'
        Uri      = 'The URI of the resource to read. Binds by property name, so listed resources pipe in.'
        OutFile  = 'Saves the contents to this file (or into this folder when there are several) instead of writing them. Alias: Path.'
        Force    = 'With -OutFile, replaces files that exist already.'
        TeamId   = 'Answers for this team (team_id) instead of for you.'
    }
    Examples    = @(
        @{
            Title   = 'List and read'
            Code    = 'Get-GumloopMcpResource -ServerId gumloop_hubspot | Where-Object MimeType -eq ''application/json'' | Get-GumloopMcpResource | Select-Object Uri, Text'
            Remarks = 'Reads every JSON resource of the server.'
        }
        @{
            Title   = 'Save an image resource'
            Code    = "Get-GumloopMcpResource -ServerId gumloop_hubspot -Uri 'hubspot://brand/logo' -OutFile ./logo.png"
            Remarks = 'Writes the decoded bytes and the saved file.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.McpResource'        = 'Without -Uri: one object per resource.'
        'GumloopPS.Core.McpResourceContent' = 'With -Uri: one object per content of the resource.'
        'System.IO.FileInfo'                = 'With -OutFile: each file written.'
    }
    Links       = @('Get-GumloopMcpServer')
}
