@{
    Synopsis    = 'Approves a draft Company Brain source, which indexes its files and charges the credits.'
    Description = @'
Approve-GumloopBrainSource approves draft sources (POST /brain/sources/{id}/approve): the source becomes active, its estimated run indexes for real, and the credits are charged. It first reads the source's estimate, so the confirmation prompt (and -WhatIf) says how many documents will be indexed for how many credits. ConfirmImpact is High: it asks unless -Confirm:$false is given.

A source that is not a draft is the InvalidOperation error GumloopBrainSourceNotDraft; an unknown id is GumloopNotFound. Both have the id as the target. The approved source is written.
'@
    Parameters  = @{
        SourceId = 'The ids of the draft sources to approve. Binds from the pipeline by value or from the SourceId property of piped sources and estimates. Tab completes source ids.'
        WhatIf   = 'Shows the estimate and what would be approved, without approving. Only the estimate is read.'
        Confirm  = 'Asks before approving each source, showing its estimated credits; on by default.'
    }
    Examples    = @(
        @{
            Title   = 'Approve a draft after checking its estimate'
            Code    = "Measure-GumloopBrainSource -SourceId 'bsrc_8Wm2Tz'; Approve-GumloopBrainSource -SourceId 'bsrc_8Wm2Tz' -Confirm:`$false"
            Remarks = 'Shows the estimate, then approves the source without asking again.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSource' = 'The approved source, now active.'
    }
    Links       = @('Measure-GumloopBrainSource', 'Add-GumloopBrainFile')
}
