@{
    Synopsis    = 'Detaches skills from a Gumloop agent.'
    Description = @'
Remove-GumloopAgentSkill sends one change of PATCH /agents/{id}/skills that detaches the given skills. Like every Remove- cmdlet it writes nothing unless -PassThru is given; then it writes the agent's whole skill set after the call (SkillIds) with what changed: Detached, and AlreadyDetached for the ids that needed no change. The call is idempotent, so running it twice changes nothing the second time.

Detaching is permissive: an id that is not attached (or does not exist) is reported in AlreadyDetached, not as an error. At most 100 skill ids go in one call. An unknown agent is the ObjectNotFound error GumloopNotFound, with the agent id as TargetObject. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        AgentId = 'The agent to change. Binds by property name from the Id of piped agents. Alias: Id.'
        SkillId = 'The skill ids to detach (1 to 100).'
        PassThru = 'Writes the agent''s skill set after the call, with Detached and AlreadyDetached.'
        WhatIf  = 'Shows the change without making it. No request is sent.'
        Confirm = 'Asks before changing each agent.'
    }
    Examples    = @(
        @{
            Code    = "Remove-GumloopAgentSkill -AgentId 'r4Ts9Kq2MwX7bLn' -SkillId 'skill_x5Vd1kMc' -Confirm:`$false -PassThru"
            Remarks = 'Detaches the skill and writes the skills that remain.'
        }
        @{
            Code    = "Get-GumloopAgent | Remove-GumloopAgentSkill -SkillId 'skill_old1' -WhatIf"
            Remarks = 'Shows which agents the skill would be detached from.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentSkillUpdate' = 'With -PassThru, one object per agent: AgentId, SkillIds (all skills after the call), Attached, Detached, AlreadyAttached and AlreadyDetached.'
    }
    Links       = @('Add-GumloopAgentSkill', 'Remove-GumloopAgentSkill', 'Get-GumloopAgent')
}
