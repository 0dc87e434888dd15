@{
    Synopsis    = 'Gets the files of a Company Brain source.'
    Description = @'
Get-GumloopBrainFile lists the files uploaded to Brain sources (GET /brain/sources/{id}/files) with their indexing Status: uploaded, indexing, indexed or failed. A failed file's Error says why. Without -All or -First it reads one page of 20 and warns when more exist; -All reads every page, -First n reads n.

-Status keeps only files in the given states; the service has no such filter, so every page is read. Pipe sources from Get-GumloopBrainSource: their SourceId binds by property name.
'@
    Parameters  = @{
        SourceId = 'The ids of the sources whose files to list. Binds from the pipeline by value or from the SourceId property of piped sources and estimates. Tab completes source ids.'
        Status   = 'Writes only files in these states: uploaded, indexing, indexed or failed.'
        First    = 'Writes at most this many files per source.'
        All      = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'Find the files that failed to index'
            Code    = "Get-GumloopBrainFile -SourceId 'bsrc_4Kq9Vn' -Status failed | Format-Table FileName, Error"
            Remarks = 'Lists each failed file with the reason.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainFile' = 'A Brain file: FileId, SourceId, FileName, MimeType, SizeBytes, Sha256, Status, Error, DocumentId, CreatedAt and IndexedAt.'
    }
    Links       = @('Add-GumloopBrainFile', 'Remove-GumloopBrainFile', 'Get-GumloopBrainSource')
}
