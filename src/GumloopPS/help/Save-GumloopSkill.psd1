@{
    Synopsis    = 'Downloads a Gumloop skill as a .skill archive, or expands it into a folder.'
    Description = @'
Save-GumloopSkill asks for a short-lived signed link to a skill version (GET /skills/{skill_id}/download) and downloads the archive from it. The link is fetched without the connection's credentials: it carries its own signature, and the storage host never sees your key. Up to five redirects are followed; the link itself never appears in any output or message.

Without -Expand the archive is saved as <skill name>.skill in -Destination (a folder) or as -Destination (a file), by default in the current location. With -Expand its files are written into -Destination, by default a folder named after the skill. An existing file is never replaced without -Force (GumloopFileExists, ResourceExists).

-Expand unpacks safely: every entry is checked before anything is written, and an entry that would land outside the destination (../, an absolute path), a symbolic link on the way, or an archive that expands past -MaxExpandedSizeMB or more than 200 times its compressed size (a zip bomb) is refused with nothing left behind.
'@
    Parameters  = @{
        SkillId           = 'The id of the skill to download. Binds by property name from the Id of piped skills. Alias: Id.'
        VersionId         = 'The version to download; the current draft when not given. Binds by property name, so a piped skill saves the version it describes.'
        Destination       = 'Without -Expand, a folder to save the .skill file in, or the file path. With -Expand, the folder to expand into. Default: the current location (with -Expand, a folder named after the skill in it). Aliases: Path, OutFile.'
        Expand            = 'Writes the files of the skill into -Destination instead of saving the archive.'
        MaxExpandedSizeMB = 'With -Expand, the most the archive may expand to, in MB (default 1024).'
        Force             = 'Replaces files that exist already (never a symbolic link).'
        WhatIf            = 'Shows where the skill would be saved without downloading it.'
        Confirm           = 'Asks before saving each skill.'
    }
    Examples    = @(
        @{
            Title   = 'Back up every skill'
            Code    = 'Get-GumloopSkill -All | Save-GumloopSkill -Destination ./skill-backup/'
            Remarks = 'Saves one .skill file per skill, each the version the list describes.'
        }
        @{
            Title   = 'Edit a skill locally and publish it again'
            Code    = "Save-GumloopSkill -SkillId 'skill_b2Lq8rTn' -Destination ./renewal-brief -Expand; Set-GumloopSkill -SkillId 'skill_b2Lq8rTn' -Path ./renewal-brief"
            Remarks = 'Expands the skill, and after editing uploads the folder as a new version.'
        }
    )
    Outputs     = @{
        'System.IO.FileInfo' = 'The saved .skill file, or with -Expand each file written.'
    }
    Links       = @('Get-GumloopSkill', 'Set-GumloopSkill')
}
