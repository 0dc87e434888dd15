@{
    Synopsis    = 'Gets the evaluation results of a Gumloop agent: the grade each graded session received.'
    Description = @'
Get-GumloopAgentEvaluation lists an agent's evaluation results (GET /agents/{agent_id}/evaluations), newest first, or gets results by id with -EvaluationId. Each result grades one session: its Grade (pass, needs_review or needs_attention), how each criterion judged it, the data points extracted and the tags applied.

By default the list holds only completed and failed results; -Status queued or -Status in_progress shows the ones still running. -Grade, -SessionId and -OrganizationEvaluationId filter further. -After (inclusive) and -Before (exclusive) bound the creation time; a date without a zone is local time, as everywhere in PowerShell, and is sent as ISO 8601 in UTC.

One page (20 results) is read by default, with a warning when more exist; -First <n> reads n and -All reads every page. Results are written as pages arrive. The agent id binds from the AgentId property of piped objects (sessions, results), and -EvaluationId from the EvaluationId property, so the output of Start-GumloopAgentEvaluation can be piped in to read its results.
'@
    Parameters  = @{
        AgentId                  = 'The id of the agent (or the alias gumball or analytics). Takes the AgentId property of piped objects.'
        EvaluationId             = 'One or more result ids to get instead of listing. Takes the EvaluationId property of piped objects, such as the output of Start-GumloopAgentEvaluation.'
        Grade                    = 'Lists only results with this grade: pass, needs_review or needs_attention.'
        Status                   = 'Lists only results in this state: queued, in_progress, completed or failed. Without it the list holds completed and failed results.'
        SessionId                = 'Lists only the results of this session.'
        OrganizationEvaluationId = 'Lists only the results that this organization evaluation produced.'
        After                    = 'Lists only results created at or after this time. Sent as ISO 8601 in UTC.'
        Before                   = 'Lists only results created before this time. Sent as ISO 8601 in UTC; must be later than -After.'
        First                    = 'Reads at most this many results, across as many pages as that takes.'
        All                      = 'Reads every page. Results are written as each page arrives, so memory stays flat.'
    }
    Examples    = @(
        @{
            Title   = 'Sessions that need attention this week'
            Code    = "Get-GumloopAgentEvaluation -AgentId `$a -Grade needs_attention -After (Get-Date).AddDays(-7) -All | Select-Object SessionId, Summary"
            Remarks = 'Lists the week''s results graded needs_attention, with the grader''s summary.'
        }
        @{
            Title   = 'Export every result to CSV'
            Code    = "Get-GumloopAgentEvaluation -AgentId `$a -All | Export-Csv evaluations.csv"
            Remarks = 'Criteria results, data points and tags are written as readable text.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentEvaluation' = 'One result per graded session.'
    }
    Links       = @('Start-GumloopAgentEvaluation', 'Get-GumloopAgentEvaluationMetric', 'Get-GumloopAgentEvaluationConfig')
}
