@{
    Synopsis    = 'Downloads a Gumloop artifact to a file.'
    Description = @'
Save-GumloopArtifact asks Gumloop for a signed download URL (GET /artifacts/{id}/download) and streams the file from it to disk. The signed URL is its own authorisation: it is fetched with no Gumloop credential (no Authorization or x-auth-key header), and it is never written to verbose output or errors, which name only its host.

-Destination is a folder (the artifact's file name is used) or a file path; without it, the current folder. The bytes go to a temporary file first, so a failed download leaves nothing under the final name. An existing file is never replaced without -Force: that is the error GumloopFileExists (ResourceExists), with the path as the target, and nothing is downloaded.

Pipe artifacts from Get-GumloopArtifact: ArtifactId and VersionId bind by property name, so the version listed is the version saved. Without -VersionId the latest version is saved. Writes the saved file as Get-Item would. An unknown artifact or version is GumloopNotFound (ObjectNotFound). The cmdlet supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        ArtifactId  = 'The id of the artifact to download. Binds by property name from piped artifacts.'
        VersionId   = 'The version to download; the latest when omitted. Binds by property name from piped artifacts.'
        Destination = 'A folder to save into under the artifact''s file name, or the path of the file to write. Default: the current folder. Aliases: Path, OutFile.'
        Force       = 'Replaces a file that already exists.'
        WhatIf      = 'Shows which artifact would be saved where, without downloading it.'
    }
    Examples    = @(
        @{
            Title   = 'Save the latest version into a folder'
            Code    = "Save-GumloopArtifact -ArtifactId 'art_Q3m9Xk2L' -Destination ./briefs"
            Remarks = 'Writes ./briefs/northwind-renewal-brief.docx; run again with -Force to replace it.'
        }
        @{
            Title   = 'Save every CSV an agent produced'
            Code    = "Get-GumloopArtifact -AgentId 'r4Ts9Kq2MwX7bLn' -Search .csv -All | Save-GumloopArtifact -Destination ./exports -Force"
            Remarks = 'Each artifact is saved under its own file name.'
        }
    )
    Outputs     = @{
        'System.IO.FileInfo' = 'The saved file.'
    }
    Links       = @('Get-GumloopArtifact')
}
