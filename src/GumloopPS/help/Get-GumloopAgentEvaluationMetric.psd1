@{
    Synopsis    = 'Gets how a Gumloop agent''s sessions were graded over recent days, and the tags applied.'
    Description = @'
Get-GumloopAgentEvaluationMetric reads an agent's evaluation metrics (GET /agents/{agent_id}/evaluations/metrics): how many sessions were graded pass, needs_review and needs_attention in the last -Days days (30 by default), and how often each tag was applied. Pass, NeedsReview and NeedsAttention hold the three counts; Grades and Tags hold every count the service sent.
'@
    Parameters  = @{
        AgentId = 'One or more agent ids. Takes the AgentId property of piped objects.'
        Days    = 'How many days back to count, 1 to 365. The service default is 30.'
    }
    Examples    = @(
        @{
            Title   = 'Last quarter''s grades'
            Code    = "Get-GumloopAgentEvaluationMetric -AgentId `$a -Days 90 | Select-Object Pass, NeedsReview, NeedsAttention, Tags"
            Remarks = 'Counts the grades of the last 90 days and lists the tags applied.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationMetric' = 'One set of counts per agent.'
    }
    Links       = @('Get-GumloopAgentEvaluation')
}
