@{
    Synopsis    = 'Gets how sessions were graded by an organization evaluation over recent days.'
    Description = @'
Get-GumloopEvaluationMetric reads the grade counts of an organization evaluation (GET /evaluations/{evaluation_id}/metrics) over the last -Days days (30 by default): completed results only. The service leaves out grades nobody received; Pass, NeedsReview and NeedsAttention are 0 for those.
'@
    Parameters  = @{
        EvaluationId = 'One or more organization evaluations. Takes the EvaluationId property of piped objects.'
        Days         = 'How many days back to count, 1 to 365.'
    }
    Examples    = @(
        @{
            Title   = 'Grades of every evaluation'
            Code    = "Get-GumloopEvaluation -OrganizationId 'org_7Hq2Lw9x' -All | Get-GumloopEvaluationMetric -Days 7"
            Remarks = 'Writes one line of counts per evaluation for the last week.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationMetric' = 'The grade counts of each evaluation.'
    }
    Links       = @('Get-GumloopEvaluationResult')
}
