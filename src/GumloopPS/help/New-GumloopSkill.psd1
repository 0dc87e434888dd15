@{
    Synopsis    = 'Creates a Gumloop skill from a folder, a SKILL.md file or a skill archive.'
    Description = @'
New-GumloopSkill uploads a skill (POST /skills, multipart). -Path is a folder holding SKILL.md (zipped in memory with SKILL.md at the root of the archive), a single SKILL.md file, or a .zip or .skill archive with SKILL.md at its root.

Everything the service would refuse is checked first, and nothing is sent when a check fails: SKILL.md must start with front matter naming the skill (name:) and describing it (description:), or the error is GumloopInvalidSkill (InvalidData); the upload may be at most 10 MB and expand to at most 200 MB in 1000 files (GumloopPayloadTooLarge, LimitsExceeded); and archive entries may not climb out of the skill (../), be absolute paths or drives, or be symbolic links, which is the SecurityError GumloopUnsafeArchive. Archives are read entry by entry counting the bytes they really expand to, so a zip bomb whose headers lie is refused as well as one whose headers are honest.

The new skill is written with its first version. It supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        Path   = 'The skill: a folder holding SKILL.md, a SKILL.md file, or a .zip or .skill archive. Binds by property name from FullName, so Get-ChildItem output pipes in.'
        TeamId = 'Creates the skill in this team instead of as your own. A team key''s team is used when this is not given.'
        WhatIf = 'Checks the skill and shows what would be created, without sending anything.'
    }
    Examples    = @(
        @{
            Title   = 'Upload a skill folder'
            Code    = "New-GumloopSkill -Path ./skills/churn-signals -TeamId 'tm_5c2d8e17'"
            Remarks = 'Zips the folder with SKILL.md at the root, checks it, and writes the created skill.'
        }
        @{
            Title   = 'Upload every skill folder'
            Code    = 'Get-ChildItem ./skills -Directory | New-GumloopSkill'
            Remarks = 'Each folder is checked on its own; one that fails a check is reported and the rest are still uploaded.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Skill' = 'The created skill.'
    }
    Links       = @('Set-GumloopSkill', 'Get-GumloopSkill')
}
