@{
    Synopsis    = 'Uploads local files for the file inputs of Gumloop flows.'
    Description = @'
Add-GumloopFlowFile uploads files so that flows can read them: one file with POST /upload_file, several (from one call or from the pipeline) together with POST /upload_files at the end of the pipeline. It writes a GumloopPS.Core.UploadedFlowFile per stored file: FileName, the stored name that Start-GumloopFlow -Inputs takes as the value of a file input, SourcePath and Length.

Files are stored by name: two files with the same name in one call are refused (GumloopInvalidArgument) before anything is sent. A file the service reports as failed (a 207 partial success) is a non-terminating error for that file (GumloopServerError, WriteError) while the others are written. The content travels inline as base64, so files above 100 MB are refused (GumloopPayloadTooLarge, LimitsExceeded); a missing path is GumloopFileNotFound.

The legacy flow endpoints need a user id or team id on the connection (Connect-Gumloop -UserId or -TeamId). The cmdlet supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Path        = 'Paths of the files to upload; wildcards are expanded. Takes strings from the pipeline.'
        LiteralPath = 'Paths of the files to upload, used exactly as written. Binds from the PSPath property of piped files, so Get-ChildItem output can be piped in. Aliases: PSPath, LP.'
        WhatIf      = 'Shows which files would be uploaded, with their size, without uploading them.'
    }
    Examples    = @(
        @{
            Title   = 'Upload a file and start a flow with it'
            Code    = @'
$file = Add-GumloopFlowFile -Path ./accounts.csv
Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ accounts = $file.FileName } -Wait
'@
            Remarks = 'The stored name is the value of the flow''s file input.'
        }
        @{
            Title   = 'Upload a folder''s PDFs in one request'
            Code    = 'Get-ChildItem ./contracts -Filter *.pdf | Add-GumloopFlowFile'
            Remarks = 'The files are gathered and sent together with upload_files; one object is written per stored file.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.UploadedFlowFile' = 'One per stored file: FileName (for Start-GumloopFlow -Inputs), SourcePath and Length.'
    }
    Links       = @('Start-GumloopFlow', 'Get-GumloopFlowInput')
}
