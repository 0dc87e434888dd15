@{
    Synopsis    = 'Deletes Company Brain sources with all their files.'
    Description = @'
Remove-GumloopBrainSource deletes sources (DELETE /brain/sources/{id}) together with their files and everything they contributed to search. This cannot be undone, so the cmdlet has ConfirmImpact High: it asks before each source unless -Confirm:$false is given. It writes nothing unless -PassThru is given.

Pipe sources from Get-GumloopBrainSource, or source ids. Piping Brain files is refused with a binding error, so a list of files can never delete the source that holds them. An unknown id is the ObjectNotFound error GumloopNotFound with the id as the target.
'@
    Parameters  = @{
        SourceId = 'The ids of the sources to delete. Binds from the pipeline by value or from the SourceId property of piped sources. Tab completes source ids.'
        PassThru = 'Writes each deleted source: the piped source, or the source as read just before it was deleted.'
        WhatIf   = 'Shows which sources would be deleted without deleting them. No request is sent.'
        Confirm  = 'Asks before deleting each source; on by default.'
    }
    Examples    = @(
        @{
            Title   = 'Delete the drafts nobody approved'
            Code    = 'Get-GumloopBrainSource -All | Where-Object Status -eq draft | Remove-GumloopBrainSource -WhatIf'
            Remarks = 'Shows which draft sources would be deleted; run it again without -WhatIf to delete them.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSource' = 'With -PassThru, each deleted source. Otherwise nothing.'
    }
    Links       = @('Get-GumloopBrainSource', 'Remove-GumloopBrainFile')
}
