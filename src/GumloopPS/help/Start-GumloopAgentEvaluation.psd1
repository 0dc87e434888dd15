@{
    Synopsis    = 'Grades sessions of a Gumloop agent with its evaluation; spends 1 credit per session.'
    Description = @'
Start-GumloopAgentEvaluation runs the agent's evaluation on sessions (POST /agents/{agent_id}/evaluations/run). Each accepted session gets a queued result, which replaces its previous result; grading happens in the background.

Session ids are collected from the whole pipeline first, so one confirmation says how many sessions, and so how many credits, the run takes: each queued session costs 1 credit. The ids are then sent 200 per request (the API's limit); duplicates are sent once. Because it spends credits its ConfirmImpact is High: it asks before running unless -Confirm:$false is given. -WhatIf says what would run and sends nothing.

-DryRun asks the service for the plan instead: nothing is queued or charged, no confirmation is asked, the sessions that would be evaluated are written with Status planned, and a message gives the credit cost.

Sessions the service skips are reported as warnings that name the session: ineligible (unfinished, incognito, or another agent's) or in_flight (already being evaluated; the warning gives the running result). A request whose sessions are all ineligible is a warning too; any other failure (out of credits, evaluations not enabled) is an error, and the remaining batches are not sent.

Without -Wait it writes each queued session (EvaluationId is the result id to poll). With -Wait it polls until every queued result is completed or failed, with a progress bar, and writes each result as it finishes. -WaitTimeoutSec limits the whole wait; at the limit a GumloopEvaluationWaitTimeout error lists the results still pending.
'@
    Parameters  = @{
        AgentId        = 'The id of the agent whose evaluation runs. Takes the AgentId property of piped objects, so sessions piped from Get-GumloopSession need no -AgentId.'
        SessionId      = 'The sessions to grade. Takes strings from the pipeline, and the Id or SessionId property of piped objects such as sessions. Alias: Id.'
        DryRun         = 'Asks for the plan only: which sessions would be evaluated and what it would cost. Nothing is queued or charged and no confirmation is asked.'
        Wait           = 'Waits until every queued result is completed or failed, and writes the results instead of the queued sessions.'
        WaitTimeoutSec = 'With -Wait, the longest the whole wait may take, in seconds. No limit by default.'
        WhatIf         = 'Shows how many sessions would be evaluated, and the credits that would take, without sending anything.'
        Confirm        = 'Asks for confirmation before the run; it asks by default because each session costs a credit.'
    }
    Examples    = @(
        @{
            Title   = 'Grade every completed session of an agent'
            Code    = "Get-GumloopSession -AgentId `$a -State completed -All | Start-GumloopAgentEvaluation -AgentId `$a -Wait"
            Remarks = 'Asks once with the number of sessions, sends them 200 per request and writes each result as it is graded.'
        }
        @{
            Title   = 'See what a run would cost'
            Code    = "Get-GumloopSession -AgentId `$a -State completed -All | Start-GumloopAgentEvaluation -AgentId `$a -DryRun"
            Remarks = 'Writes the planned sessions and the credit cost; skipped sessions appear as warnings. Nothing is charged.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.EvaluationRunItem' = 'Without -Wait, each accepted session: queued, or planned with -DryRun.'
        'GumloopPS.Core.AgentEvaluation'   = 'With -Wait, each result once completed or failed.'
    }
    Links       = @('Get-GumloopAgentEvaluation', 'Get-GumloopSession', 'Set-GumloopAgentEvaluationConfig')
}
