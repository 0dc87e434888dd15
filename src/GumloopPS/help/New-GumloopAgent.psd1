@{
    Synopsis    = 'Creates a Gumloop agent.'
    Description = @'
New-GumloopAgent creates an agent (POST /agents) and writes it. -Name and -Model are required; Get-GumloopModel lists the model ids (auto lets Gumloop pick per message). The system prompt comes from -SystemPrompt, or from a text file with -SystemPromptPath, because prompts are long.

-Tool takes one hashtable per tool, such as @{ type = 'gumcp_server'; server_id = 'gumloop_gmail' }; MCP servers are easier to manage later with Add-GumloopAgentMcpServer. -SkillId attaches skills in the same transaction: if any id is unknown or inactive the service creates no agent, and the cmdlet writes a GumloopSkillNotFound error. -AgentId chooses the new agent's id, which also makes the create safe to retry after a lost connection. -TeamId creates the agent in a team instead of the user's own workspace.

Name, Model (alias ModelName), Description and SystemPrompt bind by property name, so an agent piped in is copied under its own name. The output binds to New-GumloopSession, Set-GumloopAgent and the other agent cmdlets by its Id. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Low).
'@
    Parameters  = @{
        Name             = 'The display name of the agent.'
        Model            = 'The model the agent runs on: an id from Get-GumloopModel, such as auto or claude-sonnet-4-5. Alias: ModelName.'
        Description      = 'A description shown with the agent.'
        SystemPrompt     = 'The system prompt: the agent''s instructions.'
        SystemPromptPath = 'A text file (at most 1 MB, UTF-8 unless it has a byte-order mark) whose content becomes the system prompt. The path is taken literally. A missing file is a GumloopFileNotFound error and nothing is sent.'
        Tool             = 'The agent''s tools, one hashtable each, sent as given, for example @{ type = ''gumcp_server''; server_id = ''gumloop_gmail''; approval_mode = ''always'' }.'
        SkillId          = 'Ids of skills to attach when the agent is created (at most 100). An unknown or inactive id fails the whole create with GumloopSkillNotFound.'
        Metadata         = 'Free-form key/value data stored on the agent.'
        FolderId         = 'The folder to place the agent in.'
        AgentId          = 'An id for the new agent, chosen by the caller. Without it Gumloop makes one. With it a create retried after a lost answer fetches the agent the first attempt made instead of failing.'
        TeamId           = 'Creates the agent in this team. Without it the agent belongs to the user.'
        WhatIf           = 'Shows the agent that would be created without creating it. No request is sent.'
        Confirm          = 'Asks before creating the agent.'
    }
    Examples    = @(
        @{
            Title   = 'Create an agent from a prompt file and say hello'
            Code    = "New-GumloopAgent -Name 'Renewal desk assistant' -Model auto -SystemPromptPath ./prompts/renewals.md -SkillId 'skill_b2Lq8rTn' | New-GumloopSession -Input 'hi' -Wait"
            Remarks = 'Creates the agent with one skill attached, then starts a session with it and waits for the reply.'
        }
        @{
            Title   = 'Create an agent with a Gmail tool that asks before sending'
            Code    = "New-GumloopAgent -Name 'Inbox triage' -Model claude-sonnet-4-5 -Tool @{ type = 'gumcp_server'; server_id = 'gumloop_gmail'; approval_mode = 'always' } -Metadata @{ owner_group = 'support' }"
            Remarks = 'The tool hashtable is sent as given.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Agent' = 'The new agent, with its Id, SkillIds and Creator.'
    }
    Links       = @('Get-GumloopModel', 'Set-GumloopAgent', 'Remove-GumloopAgent', 'New-GumloopSession')
}
