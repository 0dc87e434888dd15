@{
    Synopsis    = 'Gets the values and limits organization evaluations accept.'
    Description = @'
Get-GumloopEvaluationOption reads GET /evaluation-options: the session types, criterion types and priorities, data point types, frequencies, grades, statuses, target types and skip reasons the service accepts, and its size limits (criteria, tags, data points, targets, sessions per run). Values the service adds later are kept: GetAdditionalProperty() reads them.
'@
    Parameters  = @{}
    Examples    = @(
        @{
            Title   = 'What a criterion may be'
            Code    = "Get-GumloopEvaluationOption | Select-Object CriterionTypes, CriterionPriorities, Limits"
            Remarks = 'Lists the criterion types and priorities and the size limits.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationOptions' = 'The allowed values and limits.'
    }
    Links       = @('New-GumloopEvaluation', 'Set-GumloopAgentEvaluationConfig')
}
