@{
    Synopsis    = 'Attaches skills to a Gumloop agent.'
    Description = @'
Add-GumloopAgentSkill sends one change of PATCH /agents/{id}/skills that attaches the given skills, and writes the agent's whole skill set after the call (SkillIds) with what changed: Attached, and AlreadyAttached for the ids that needed no change. The call is idempotent, so running it twice changes nothing the second time.

Attaching needs the INVOKE permission on each skill. If any id is unknown or inactive nothing is attached and the cmdlet writes the ObjectNotFound error GumloopSkillNotFound, whose message names the refused ids (also in the exception's Details.skill_ids). At most 100 skill ids go in one call. An unknown agent is the ObjectNotFound error GumloopNotFound, with the agent id as TargetObject. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        AgentId = 'The agent to change. Binds by property name from the Id of piped agents. Alias: Id.'
        SkillId = 'The skill ids to attach (1 to 100).'
        WhatIf  = 'Shows the change without making it. No request is sent.'
        Confirm = 'Asks before changing each agent.'
    }
    Examples    = @(
        @{
            Code    = "Add-GumloopAgentSkill -AgentId 'r4Ts9Kq2MwX7bLn' -SkillId 'skill_p7Tr4nGe', 'skill_x5Vd1kMc'"
            Remarks = 'Attaches the pricing skill; sla-lookup was attached already and is reported in AlreadyAttached.'
        }
        @{
            Code    = "Get-GumloopAgent -Name 'Sales*' | Add-GumloopAgentSkill -SkillId 'skill_b2Lq8rTn' -WhatIf"
            Remarks = 'Shows which agents would get the skill.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentSkillUpdate' = 'One object per agent: AgentId, SkillIds (all skills after the call), Attached, Detached, AlreadyAttached and AlreadyDetached.'
    }
    Links       = @('Add-GumloopAgentSkill', 'Remove-GumloopAgentSkill', 'Get-GumloopAgent')
}
