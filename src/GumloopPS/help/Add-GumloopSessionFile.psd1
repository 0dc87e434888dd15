@{
    Synopsis    = 'Uploads local files to a Gumloop session so its messages can attach them.'
    Description = @'
Add-GumloopSessionFile uploads each file to the session (POST /sessions/{id}/files) as base64 with a media type inferred from its extension, and writes the stored file record, a GumloopPS.Core.SessionFile with FileName (the stored path, custom_agent_interactions/<session id>/input/<name>), MediaType and Size. Files are usable only in the same session; attach them with Send-GumloopMessage -AttachmentName, or upload and attach in one go with Send-GumloopMessage -Attachment.

Files may be up to 200 MB. The size is read from the file system before the file is opened, so a larger file is refused at once (LimitsExceeded, GumloopPayloadTooLarge) without reading it. Files are streamed from disk through base64 in small chunks, so even a file of several hundred MB is never held in memory.

A missing path (GumloopFileNotFound), a directory or an unreadable file (GumloopFileError) is a non-terminating error; no request is sent for it and the other files still upload. -Path takes wildcards; -LiteralPath takes paths as they are and binds from the PSPath of piped Get-ChildItem output.

The cmdlet supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        SessionId   = 'The id of the session to upload to. Binds by property name from the SessionId property of piped objects.'
        Path        = 'Paths of the files to upload; wildcards are expanded. Takes strings from the pipeline.'
        LiteralPath = 'Paths of the files to upload, used exactly as written (no wildcards). Binds from the PSPath property of piped files, so Get-ChildItem output can be piped in. Aliases: PSPath, LP.'
        MediaType   = 'The media type to send for every file instead of the one inferred from the extension (application/octet-stream for unknown extensions).'
        WhatIf      = 'Shows which files would be uploaded, with their size and media type, without uploading them.'
    }
    Examples    = @(
        @{
            Title   = 'Upload every CSV file of a folder'
            Code    = "Get-ChildItem ./exports -Filter *.csv | Add-GumloopSessionFile -SessionId `$s"
            Remarks = 'Writes one record per file with its stored path, media type text/csv and size.'
        }
        @{
            Title   = 'Upload, then attach to a message'
            Code    = @'
$stored = Add-GumloopSessionFile -SessionId $s -Path ./northwind_usage_q3.csv
Send-GumloopMessage -SessionId $s -Input 'Summarise the attached usage.' -AttachmentName $stored.FileName -Wait
'@
            Remarks = 'The stored path from the upload is what the message attaches.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.SessionFile' = 'One per file uploaded: FileName (stored path), MediaType, Size (bytes stored), SessionId and SourcePath (the local file).'
    }
    Links       = @('Send-GumloopMessage')
}
