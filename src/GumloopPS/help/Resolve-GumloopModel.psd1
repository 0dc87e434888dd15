@{
    Synopsis    = 'Asks Gumloop''s model router which model suits a message.'
    Description = @'
Resolve-GumloopModel asks the router behind model auto (Gumloop Chew, POST /models/route) which model it would use for a message. It returns the decision only and does not run the model: Model and Lane are the choice, VerdictLane the lane the message was judged to need, Adjustment whether the choice is above (escalated) or below (downgraded) it, FallbackModels what to try next, and Candidates every model considered, restricted ones included.

The decision spends credits, so the cmdlet supports -WhatIf and -Confirm with ConfirmImpact High: it asks before each call unless -Confirm:$false is given. Out of credits is the QuotaExceeded error GumloopInsufficientCredits.

-Model limits the choice to these models (1 to 50, unique). -History gives earlier turns, oldest first, as hashtables with role (user or assistant) and content, and model on assistant turns (at most 20). -Agent describes the agent the message is for with name, description and system_prompt. The body is checked before sending, since the route refuses unknown keys: a mistake is a GumloopInvalidArgument error and costs nothing. Messages bind from the pipeline.
'@
    Parameters  = @{
        Input   = 'The message to route. Takes strings from the pipeline. Alias: Message.'
        Model   = 'Candidate model ids to choose between (1 to 50, unique; Get-GumloopModel lists them). Without it the router uses its own candidates.'
        History = 'Earlier turns, oldest first, one hashtable each: @{ role = ''user''; content = ''...'' } or @{ role = ''assistant''; content = ''...''; model = ''gpt-4.1'' }. At most 20.'
        Agent   = 'Context about the agent: @{ name = ''...''; description = ''...''; system_prompt = ''...'' } (at most 200, 2000 and 20000 characters). Other keys are refused.'
        TeamId  = 'Routes (and charges) for this team, which the caller must belong to.'
        WhatIf  = 'Shows the message that would be routed without routing it. No request is sent and no credits are spent.'
        Confirm = 'Asks before each routing decision; on by default because each one spends credits. -Confirm:$false routes without asking.'
    }
    Examples    = @(
        @{
            Title   = 'Which of two models would handle a contract review'
            Code    = "Resolve-GumloopModel -Input 'Compare these two contract drafts and list the risky clauses.' -Model 'claude-sonnet-4-5', 'gpt-4.1' -Confirm:`$false"
            Remarks = 'Returns the chosen model, its lane and the fallback.'
        }
        @{
            Title   = 'Route with context about the agent'
            Code    = "'hi' | Resolve-GumloopModel -Agent @{ name = 'Renewal desk assistant'; system_prompt = 'You prepare renewal briefs.' } -WhatIf"
            Remarks = 'Shows what would be asked without spending credits.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.ModelRoute' = 'The decision: Router, Model, Lane, VerdictLane, Adjustment, ReasoningEffort, FallbackModels, FailClosed and Candidates.'
    }
    Links       = @('Get-GumloopModel', 'New-GumloopAgent')
}
