@{
    Synopsis    = 'Deletes files from a Company Brain source.'
    Description = @'
Remove-GumloopBrainFile deletes files from a source (DELETE /brain/sources/{id}/files/{file_id}) together with what they contributed to search. It writes nothing unless -PassThru is given. Pipe files from Get-GumloopBrainFile: SourceId and FileId bind by property name. ConfirmImpact is Medium: it supports -WhatIf and -Confirm and does not ask by default. An unknown file id is the ObjectNotFound error GumloopNotFound with the id as the target.
'@
    Parameters  = @{
        SourceId = 'The id of the source that holds the files. Binds by property name from piped Brain files.'
        FileId   = 'The ids of the files to delete. Binds by property name from piped Brain files.'
        PassThru = 'Writes each deleted file: the piped file, or one that carries only its SourceId and FileId.'
        WhatIf   = 'Shows which files would be deleted. No request is sent.'
        Confirm  = 'Asks before deleting each file.'
    }
    Examples    = @(
        @{
            Title   = 'Remove the files that failed to index'
            Code    = "Get-GumloopBrainFile -SourceId 'bsrc_4Kq9Vn' -Status failed | Remove-GumloopBrainFile"
            Remarks = 'Deletes every failed file of the source, so fixed copies can be added again.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainFile' = 'With -PassThru, each deleted file. Otherwise nothing.'
    }
    Links       = @('Get-GumloopBrainFile', 'Add-GumloopBrainFile')
}
