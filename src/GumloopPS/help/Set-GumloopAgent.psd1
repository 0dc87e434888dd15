@{
    Synopsis    = 'Changes a Gumloop agent''s name, model, prompt, tools, resources, metadata or team.'
    Description = @'
Set-GumloopAgent updates an agent (PATCH /agents/{id}). Only the parameters given are sent, and the service changes only those fields: Set-GumloopAgent -AgentId $id -Model auto changes the model and nothing else. -Description $null and -SystemPrompt $null clear those fields. -Tool and -Resource replace the whole list; to attach or detach one MCP server use Add- and Remove-GumloopAgentMcpServer, and for skills Add- and Remove-GumloopAgentSkill. -TeamId moves the agent to that team.

Each change saves a new version of the agent, which Get-GumloopAgentVersion shows with what changed. Without any field to change the cmdlet writes a GumloopInvalidArgument error and sends nothing. An unknown agent is the ObjectNotFound error GumloopNotFound, with the id as TargetObject.

Only -AgentId binds from the pipeline (by the Id or AgentId property), so piping an agent never sends its other properties back. It writes nothing unless -PassThru is given, and supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        AgentId          = 'The id of the agent to change. Binds by property name from the Id of piped agents. Alias: Id.'
        Name             = 'A new display name.'
        Model            = 'A new model id (Get-GumloopModel lists them). Alias: ModelName.'
        Description      = 'A new description; $null or an empty string clears it.'
        SystemPrompt     = 'A new system prompt; $null or an empty string clears it.'
        SystemPromptPath = 'A text file (at most 1 MB) whose content becomes the new system prompt, taken literally.'
        Tool             = 'Replaces the agent''s whole tool list with these hashtables; @() removes every tool.'
        Resource         = 'Replaces the agent''s whole resource list with these hashtables; @() removes every resource.'
        Metadata         = 'Replaces the agent''s metadata with this hashtable.'
        TeamId           = 'Moves the agent to this team.'
        PassThru         = 'Writes the agent as it is after the change.'
        WhatIf           = 'Shows which fields would change without changing them. No request is sent.'
        Confirm          = 'Asks before changing each agent.'
    }
    Examples    = @(
        @{
            Title   = 'Switch every sales agent to the automatic model'
            Code    = "Get-GumloopAgent -Name 'Sales*' | Set-GumloopAgent -Model auto -PassThru"
            Remarks = 'Each agent binds by its Id; only model_name is sent.'
        }
        @{
            Title   = 'Update a prompt from a file'
            Code    = "Set-GumloopAgent -AgentId 'r4Ts9Kq2MwX7bLn' -SystemPromptPath ./prompts/renewals.md"
            Remarks = 'Sends only system_prompt. Get-GumloopAgentVersion -AgentId r4Ts9Kq2MwX7bLn -First 1 shows the new version.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Agent' = 'With -PassThru, the agent after the change. Otherwise nothing.'
    }
    Links       = @('Get-GumloopAgent', 'Get-GumloopAgentVersion', 'Remove-GumloopAgent')
}
