@{
    Synopsis    = 'Grades sessions with an organization evaluation; spends 1 credit per session.'
    Description = @'
Start-GumloopEvaluation runs an organization evaluation on sessions of the agents it covers (POST /evaluations/{evaluation_id}/run). The evaluation must be enabled.

Like Start-GumloopAgentEvaluation, it collects the session ids of the whole pipeline, asks once with the number of sessions and the credits (1 per queued session; ConfirmImpact High), and sends them 200 per request. -DryRun writes the plan (Status planned) without queueing or charging anything. Skipped sessions (ineligible: not a completed session of a covered agent; in_flight: already being evaluated) are warnings naming the session.

Without -Wait it writes each queued session, whose ResultId can be read with Get-GumloopEvaluationResult. With -Wait it polls until every queued result is completed or failed, with progress, and writes each result as it finishes.
'@
    Parameters  = @{
        EvaluationId   = 'The organization evaluation to run.'
        SessionId      = 'The sessions to grade. Takes strings from the pipeline, and the Id or SessionId property of piped objects. Alias: Id.'
        DryRun         = 'Asks for the plan only. Nothing is queued or charged and no confirmation is asked.'
        Wait           = 'Waits until every queued result is completed or failed, and writes the results.'
        WaitTimeoutSec = 'With -Wait, the longest the whole wait may take, in seconds. No limit by default.'
        WhatIf         = 'Shows how many sessions would be evaluated, and the credits that would take, without sending anything.'
        Confirm        = 'Asks for confirmation before the run; it asks by default because each session costs a credit.'
    }
    Examples    = @(
        @{
            Title   = 'Grade an agent''s completed sessions with the organization rubric'
            Code    = "Get-GumloopSession -AgentId `$a -State completed -All | Start-GumloopEvaluation -EvaluationId 'oev_3Hs8Kd' -Wait"
            Remarks = 'Asks once, sends the sessions 200 per request, and writes each result when graded.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationRunItem'            = 'Without -Wait, each accepted session: queued, or planned with -DryRun.'
        'GumloopPS.Core.OrganizationEvaluationResult' = 'With -Wait, each result once completed or failed.'
    }
    Links       = @('Get-GumloopEvaluationResult', 'Start-GumloopAgentEvaluation')
}
