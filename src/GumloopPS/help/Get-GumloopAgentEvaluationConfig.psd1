@{
    Synopsis    = 'Gets how a Gumloop agent''s sessions are evaluated: criteria, tags, data points and settings.'
    Description = @'
Get-GumloopAgentEvaluationConfig reads an agent's evaluation configuration (GET /agents/{agent_id}/evaluation-config): whether evaluation is enabled, the grading model, the criteria (each a true/false statement and the grade a failure earns), the tags and data points, sentiment settings, and the organization evaluations enforced on the agent (read-only here).

Its Criteria, Tags and DataPoints can be changed and passed back to Set-GumloopAgentEvaluationConfig.
'@
    Parameters  = @{
        AgentId = 'One or more agent ids. Takes the AgentId property of piped objects.'
    }
    Examples    = @(
        @{
            Title   = 'Show the criteria'
            Code    = "(Get-GumloopAgentEvaluationConfig -AgentId `$a).Criteria | Format-Table Name, Type, Priority, Prompt"
            Remarks = 'Lists what each session is graded on.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentEvaluationConfig' = 'The configuration of each agent.'
    }
    Links       = @('Set-GumloopAgentEvaluationConfig', 'Start-GumloopAgentEvaluation')
}
