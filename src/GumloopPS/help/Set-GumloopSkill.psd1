@{
    Synopsis    = 'Uploads a new version of a Gumloop skill.'
    Description = @'
Set-GumloopSkill replaces the files of a skill and creates a new version (PATCH /skills/{skill_id}). The service reads the name, description and metadata again from the new SKILL.md.

-Path takes the same folder, SKILL.md or archive as New-GumloopSkill, and is checked the same way before anything is sent (front matter, 10 MB, unsafe archive entries, zip bombs). It writes nothing unless -PassThru is given, and supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        SkillId = 'The id of the skill to update. Binds by property name from the Id of piped skills. Alias: Id.'
        Path    = 'The new files: a folder holding SKILL.md, a SKILL.md file, or a .zip or .skill archive. Binds by property name from FullName.'
        PassThru = 'Writes the skill, describing its new version.'
        WhatIf  = 'Checks the files and shows which skill would get a new version, without sending anything.'
    }
    Examples    = @(
        @{
            Title   = 'Publish an edited skill folder as a new version'
            Code    = "Set-GumloopSkill -SkillId 'skill_b2Lq8rTn' -Path ./skills/renewal-brief -PassThru"
            Remarks = 'Writes the skill with its new VersionId and MajorVersion.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Skill' = 'With -PassThru, the skill, describing its new version. Otherwise nothing.'
    }
    Links       = @('New-GumloopSkill', 'Save-GumloopSkill')
}
