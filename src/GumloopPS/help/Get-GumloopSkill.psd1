@{
    Synopsis    = 'Lists Gumloop skills, or gets skills by id.'
    Description = @'
Get-GumloopSkill lists the skills you can see (GET /skills), newest first, with the service's filters: -Search (a substring of the name), -AgentId (the skills attached to an agent), -Unused (skills no agent has used), -Creator, -RelatedServerId (skills whose metadata names an MCP server) and -TeamId. -SortOrder popular or most_used changes the order.

Without -All or -First it reads one page of 20 skills and warns when more match, naming how many match in all (the list's total_count); -Verbose always says how many were read of how many match. -All reads every page; -First <n> reads n skills. Skills are written as pages arrive.

With -SkillId it finds those skills in the list (the API has no single-skill read); an id that is not found is the ObjectNotFound error GumloopNotFound with the id as target. Output skills pipe to Remove-, Set- and Save-GumloopSkill, which bind Id by property name.
'@
    Parameters  = @{
        SkillId         = 'The ids of the skills to get. Binds from the pipeline, and by property name from Id. Alias: Id.'
        Search          = 'Keeps skills whose name contains this text (search_query).'
        AgentId         = 'Keeps the skills attached to this agent.'
        SortOrder       = 'newest (the default), popular (most viewed) or most_used.'
        Unused          = 'Keeps only skills that no agent has used yet: candidates for clean-up.'
        Creator         = 'Keeps skills created by this user id (creator_user_id). Alias: CreatorUserId.'
        RelatedServerId = 'Keeps skills whose metadata names this MCP server id (related_server_id).'
        TeamId          = 'Lists the skills of this team instead of your own.'
        First           = 'Reads at most this many skills, requesting pages of at most 100.'
        All             = 'Reads every page of skills.'
        IncludeTotalCount = 'After the skills, writes one number: how many skills match in all (the list''s total_count), shown as "Total count: N" like the paging parameter of the same name on PowerShell''s own cmdlets. It replaces the warning that more skills match.'
    }
    Examples    = @(
        @{
            Title   = 'Find unused skills and delete them after confirming each'
            Code    = 'Get-GumloopSkill -Unused -All | Remove-GumloopSkill'
            Remarks = 'Remove-GumloopSkill has ConfirmImpact High, so it asks before each deletion; add -WhatIf to only list what would go.'
        }
        @{
            Title   = 'The skills an agent uses, most used first'
            Code    = "Get-GumloopSkill -AgentId 'r4Ts9Kq2MwX7bLn' -SortOrder most_used | Format-Table Name, UsageCount, LastUsedAt"
            Remarks = 'Writes a table of the agent''s skills.'
        }
        @{
            Title   = 'How many skills no agent has used, without reading them all'
            Code    = '$skills = Get-GumloopSkill -Unused -First 1 -IncludeTotalCount; [int]$skills[-1]'
            Remarks = 'Reads one skill and the total the service reports; the last object written is the number of unused skills.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Skill' = 'One object per skill, with the version it describes (VersionId, MajorVersion) and its creator.'
        'System.UInt64'        = 'With -IncludeTotalCount, after the skills: how many match in all.'
    }
    Links       = @('New-GumloopSkill', 'Save-GumloopSkill', 'Remove-GumloopSkill')
}
