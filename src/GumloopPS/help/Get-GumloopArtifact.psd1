@{
    Synopsis    = 'Lists the files (artifacts) a Gumloop agent produced.'
    Description = @'
Get-GumloopArtifact lists an agent's artifacts (GET /agents/{id}/artifacts), newest first, as GumloopPS.Core.Artifact objects: Id (also ArtifactId), FileName, VersionId, MajorVersion, SessionId, CreatedAt, MediaType, Size, CreatorName and a short-lived signed Url. Deleted files are not listed.

It reads one page (20) by default and warns when more exist; -First n reads n, -All reads every page. Items are written as each page arrives.

Pipe agents to list their artifacts, or sessions to list the artifacts of those sessions. Pipe the output to Save-GumloopArtifact to download the files. An unknown agent is GumloopNotFound (ObjectNotFound) with the agent id as the target.
'@
    Parameters  = @{
        AgentId     = 'The id of the agent whose artifacts to list. Also accepts the aliases gumball and analytics.'
        SessionId   = 'Lists only the artifacts produced in this session.'
        InputObject = 'An agent (its artifacts), a session (the artifacts of that session), or an object with an AgentId property, from the pipeline.'
        Search      = 'Lists only artifacts whose file name contains this text (case is ignored). Alias: FileName.'
        SortOrder   = 'newest (the default) or oldest.'
        First       = 'Reads at most this many artifacts.'
        All         = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'The newest files of an agent'
            Code    = "Get-GumloopArtifact -AgentId 'r4Ts9Kq2MwX7bLn' -First 5"
            Remarks = 'Writes up to five artifacts, newest first.'
        }
        @{
            Title   = 'Everything one session produced, saved to a folder'
            Code    = "Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' | Get-GumloopArtifact -All | Save-GumloopArtifact -Destination ./northwind"
            Remarks = 'The session scopes the list; each artifact binds to Save-GumloopArtifact by ArtifactId and VersionId.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Artifact' = 'One per artifact, newest first.'
    }
    Links       = @('Save-GumloopArtifact', 'Get-GumloopSession')
}
