@{
    Synopsis    = 'Gets what indexing a Company Brain source''s uploads will cost.'
    Description = @'
Measure-GumloopBrainSource reads the estimate of a source (GET /brain/sources/{id}/estimate): the source's Status, and for its latest sync run the EstimatedCredits (rounded up to a multiple of 5), EstimatedTokens, DocumentCount and EstimateStatus (paused_for_approval while a draft waits). HasEstimate is false until an upload produced a run. It changes nothing and spends nothing.
'@
    Parameters  = @{
        SourceId = 'The ids of the sources to measure. Binds from the pipeline by value or from the SourceId property of piped sources. Tab completes source ids.'
    }
    Examples    = @(
        @{
            Title   = 'See what approving the drafts would cost'
            Code    = 'Get-GumloopBrainSource -All | Where-Object Status -eq draft | Measure-GumloopBrainSource | Format-Table SourceId, DocumentCount, EstimatedCredits'
            Remarks = 'Lists the estimated credits of each draft source.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSourceEstimate' = 'SourceId, Status, HasEstimate, SyncRunId, EstimateStatus, EstimatedTokens, EstimatedCredits and DocumentCount.'
    }
    Links       = @('Approve-GumloopBrainSource', 'New-GumloopBrainSource')
}
