@{
    Synopsis    = 'Gets the saved versions of a Gumloop agent, or one version with what changed.'
    Description = @'
Get-GumloopAgentVersion lists an agent's versions, newest first (GET /agents/{id}/versions), or gets versions by id (GET /agents/{id}/versions/{version_id}). Gumloop saves a version each time the agent's configuration changes; IsDeployed marks the one in use.

A listed version has its number, name, creator and time. A version got by -VersionId also has its Composition (the whole configuration it saved), ModelName, BaseVersionId and Changes: one row per field, tool, skill or knowledge source that differs from the version before, with Kind, Name, Status, OldValue and NewValue (long text fields carry TextHunks instead). The first version has no changes. Reading versions needs configuration access to the agent; a use-only caller gets GumloopForbidden.

The list reads one page of 20 by default and warns when there are more; -First <n> reads n versions and -All reads them all. Agents bind by their Id, and listed versions by AgentId and VersionId, so Get-GumloopAgent | Get-GumloopAgentVersion -First 3 lists versions and Get-GumloopAgentVersion -AgentId $id -First 2 | Get-GumloopAgentVersion gets their changes.
'@
    Parameters  = @{
        AgentId   = 'The agent whose versions to get. Binds by property name from the Id of piped agents and the AgentId of piped versions. Alias: Id.'
        VersionId = 'The ids of versions to get with their composition and changes. Binds by property name from the VersionId of piped versions.'
        First     = 'Writes at most this many versions, newest first.'
        All       = 'Reads every page of versions, 100 at a time.'
    }
    Examples    = @(
        @{
            Title   = 'The last three versions of the sales agents'
            Code    = "Get-GumloopAgent -Name 'Sales*' | Get-GumloopAgentVersion -First 3"
            Remarks = 'Each agent binds by its Id.'
        }
        @{
            Title   = 'What changed in the deployed version'
            Code    = "Get-GumloopAgentVersion -AgentId 'r4Ts9Kq2MwX7bLn' -First 1 | Get-GumloopAgentVersion | Select-Object -ExpandProperty Changes"
            Remarks = 'The listed version binds by AgentId and VersionId; the second call returns it with its Changes, one row per change.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentVersion' = 'One object per version, with AgentId, VersionId, MajorVersion, IsDeployed, CreatedAt and Creator; by id also Composition, ModelName, BaseVersionId and Changes.'
    }
    Links       = @('Get-GumloopAgent', 'Set-GumloopAgent')
}
