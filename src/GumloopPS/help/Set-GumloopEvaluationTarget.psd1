@{
    Synopsis    = 'Sets what an organization evaluation covers: the organization, teams, members or agents.'
    Description = @'
Set-GumloopEvaluationTarget replaces the full set of targets of an organization evaluation (PUT /evaluations/{evaluation_id}/targets). Targets expand live: organization covers every agent, team the agents a team owns, user a member's personal agents, and agent one agent. With -PassThru it writes the targets as stored and how many agents they cover now.

Give targets as 'organization', 'team:<id>', 'user:<id>' or 'agent:<id>', as hashtables @{ type = 'team'; id = '<id>' }, or as the Targets of an evaluation. An empty list removes every target, which pauses an enabled evaluation (a warning says so). At most 1000 targets.
'@
    Parameters  = @{
        EvaluationId = 'The evaluation. Takes the EvaluationId property of piped objects.'
        Target       = 'The complete set of targets; it replaces the current one.'
        PassThru     = 'Writes the stored targets, the number of agents they cover and whether the evaluation is enabled.'
        WhatIf       = 'Shows the targets that would be set without sending anything.'
        Confirm      = 'Asks for confirmation before replacing the targets.'
    }
    Examples    = @(
        @{
            Title   = 'Cover a team and one more agent'
            Code    = "Set-GumloopEvaluationTarget -EvaluationId 'oev_3Hs8Kd' -Target 'team:tm_5c2d8e17', 'agent:Gz8pD3vN6yHq1Wm' -PassThru"
            Remarks = 'Replaces the targets and writes how many agents they cover.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationTargetSet' = 'With -PassThru, the targets as stored, the number of agents covered, and whether the evaluation is enabled.'
    }
    Links       = @('New-GumloopEvaluation', 'Set-GumloopEvaluation')
}
