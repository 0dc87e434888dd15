@{
    Synopsis    = 'Gets the results of an organization evaluation.'
    Description = @'
Get-GumloopEvaluationResult lists the results of an organization evaluation (GET /evaluations/{evaluation_id}/results), newest first and one (the latest) per session, queued and running ones included; or gets results by id with -ResultId.

-AgentId, -SessionId, -Grade and -Status filter the list. -After (inclusive) and -Before (exclusive) bound the creation time and are sent in UTC with an explicit offset, as the API requires.

One page (20) is read by default, with a warning when more exist; -First <n> reads n and -All reads every page, writing results as pages arrive. -EvaluationId and -ResultId bind from piped objects, such as the output of Start-GumloopEvaluation.
'@
    Parameters  = @{
        EvaluationId = 'The organization evaluation. Takes the EvaluationId property of piped objects.'
        ResultId     = 'One or more result ids to get instead of listing. Takes the ResultId property of piped objects.'
        AgentId      = 'Lists only the results of this agent''s sessions.'
        SessionId    = 'Lists only the result of this session.'
        Grade        = 'Lists only results with this grade: pass, needs_review or needs_attention.'
        Status       = 'Lists only results in this state: queued, in_progress, completed or failed.'
        After        = 'Lists only results created at or after this time.'
        Before       = 'Lists only results created before this time; must be later than -After.'
        First        = 'Reads at most this many results.'
        All          = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'Failed criteria of the week'
            Code    = "Get-GumloopEvaluationResult -EvaluationId 'oev_3Hs8Kd' -Grade needs_attention -After (Get-Date).AddDays(-7) -All | Select-Object AgentId, SessionId, CriteriaResults"
            Remarks = 'Shows which sessions failed which criteria in the last seven days.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.OrganizationEvaluationResult' = 'Each result.'
    }
    Links       = @('Start-GumloopEvaluation', 'Get-GumloopEvaluationMetric')
}
