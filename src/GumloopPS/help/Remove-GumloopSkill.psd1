@{
    Synopsis    = 'Deletes Gumloop skills.'
    Description = @'
Remove-GumloopSkill deletes skills (DELETE /skills/{skill_id}). A deleted skill vanishes from every list and agents can no longer use it; there is no command to bring it back, so the cmdlet has ConfirmImpact High and asks before each deletion unless -Confirm:$false is given. -WhatIf lists what would be deleted and sends nothing.

Pipe skills from Get-GumloopSkill: Id binds by property name. An unknown id is the ObjectNotFound error GumloopNotFound. It writes nothing unless -PassThru is given.
'@
    Parameters  = @{
        SkillId = 'The ids of the skills to delete. Binds by property name from the Id of piped skills. Alias: Id.'
        PassThru = 'Writes each deleted skill: the piped skill as it was, or an object holding just the id.'
        WhatIf  = 'Shows which skills would be deleted without deleting them. No request is sent.'
        Confirm = 'Asks before deleting each skill; on by default. -Confirm:$false deletes without asking.'
    }
    Examples    = @(
        @{
            Title   = 'See which unused skills a clean-up would delete'
            Code    = 'Get-GumloopSkill -Unused -All | Remove-GumloopSkill -WhatIf'
            Remarks = 'Lists one "What if" line per unused skill and deletes nothing.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Skill' = 'With -PassThru, each deleted skill. Otherwise nothing.'
    }
    Links       = @('Get-GumloopSkill')
}
