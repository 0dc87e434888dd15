@{
    Synopsis    = 'Lists the models Gumloop agents can run on.'
    Description = @'
Get-GumloopModel lists the models available to the connection (GET /models), one object per model with its Id (what -Model of New-GumloopAgent and Resolve-GumloopModel takes), Name, Provider, and the picker group it is listed in (GroupId, GroupName). auto lets Gumloop's router choose a model per message.

-Id filters by id or name with a wildcard; an exact id that matches nothing is the ObjectNotFound error GumloopNotFound. -TeamId lists what a team may use instead of the user's default organization.
'@
    Parameters  = @{
        Id     = 'A wildcard pattern matched against the model ids and names, case-insensitively.'
        TeamId = 'Lists the models this team may use. Without it the service uses the user''s default organization.'
    }
    Examples    = @(
        @{
            Title   = 'The Anthropic models'
            Code    = "Get-GumloopModel | Where-Object Provider -eq 'anthropic'"
            Remarks = 'Filters on the Provider property.'
        }
        @{
            Title   = 'Check a model id before creating an agent'
            Code    = "Get-GumloopModel -Id 'claude-sonnet-4-5' -ErrorAction Stop | Out-Null; New-GumloopAgent -Name 'Contracts' -Model 'claude-sonnet-4-5'"
            Remarks = 'An unknown id stops the script before the agent is created.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.ModelInfo' = 'One object per model: Id, Name, Provider, GroupId and GroupName.'
    }
    Links       = @('New-GumloopAgent', 'Resolve-GumloopModel')
}
