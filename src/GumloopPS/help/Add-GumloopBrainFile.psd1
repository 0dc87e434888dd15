@{
    Synopsis    = 'Uploads files to a Company Brain source, optionally waiting until they are indexed.'
    Description = @'
Add-GumloopBrainFile uploads local files to a Brain source (POST /brain/sources/{id}/files, multipart/form-data). Files piped from Get-ChildItem bind through their PSPath. Each file is checked before anything is sent: it must exist, be a regular file of at most 25 MB, and be of a type the Brain indexes (PDF, Word, PowerPoint, Excel, .txt, .md, .html, .csv, .rtf). A file that fails a check gets its own error (GumloopUnsupportedFileType, GumloopPayloadTooLarge, GumloopFileNotFound) with its path as the target, and the others still go.

Files are sent 25 to a request (and at most 100 MB per request), as they arrive, so any number of files can be piped. Files the service refuses become non-terminating GumloopBrainFileRejected errors that name the file and the reason; the files it stored are written as GumloopPS.Core.BrainFile objects. When the source cannot take uploads at all (not found, paused: GumloopBrainSourcePaused) there is one error for the source and nothing more is sent.

With -Wait the cmdlet then polls the source's file list, with a progress bar, until every stored file is indexed or failed, and writes the files in that final state. A file that failed to index is written and followed by a GumloopBrainIndexingFailed error. -WaitTimeoutSec limits the wait (GumloopWaitTimeout; indexing goes on). A draft source indexes nothing before approval, so -Wait only warns there.

On an active source an upload starts indexing, which spends credits, so the cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium: it does not ask by default).
'@
    Parameters  = @{
        SourceId       = 'The id of the Brain source to add the files to. Tab completes source ids.'
        Path           = 'The files to upload. Wildcards are allowed. Binds from the pipeline by value (strings) or by property name.'
        LiteralPath    = 'The files to upload, taken literally (no wildcards). Files piped from Get-ChildItem bind here through their PSPath. Aliases: PSPath, LP.'
        Wait           = 'Waits until every stored file is indexed or failed, and writes the files in that state instead of as uploaded.'
        WaitTimeoutSec = 'With -Wait, the longest to wait in seconds. No limit by default.'
        WhatIf         = 'Shows which files would be uploaded. Nothing is sent.'
        Confirm        = 'Asks before uploading each file.'
    }
    Examples    = @(
        @{
            Title   = 'Upload a folder of documents and wait until they can be searched'
            Code    = "Get-ChildItem ./docs -File | Add-GumloopBrainFile -SourceId 'bsrc_4Kq9Vn' -Wait | Format-Table FileName, Status"
            Remarks = 'Uploads every file of the folder in batches of 25, waits for indexing and shows each file''s final status. Files of unsupported types get an error each and are skipped.'
        }
        @{
            Title   = 'Upload the PDFs of a folder without waiting'
            Code    = "Add-GumloopBrainFile -SourceId 'bsrc_4Kq9Vn' -Path ./contracts/*.pdf"
            Remarks = 'Writes each stored file with Status uploaded.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainFile' = 'Each file the service stored, with SourcePath set to the local file; with -Wait, in its final state (indexed or failed).'
    }
    Links       = @('Get-GumloopBrainFile', 'New-GumloopBrainSource', 'Search-GumloopBrain')
}
