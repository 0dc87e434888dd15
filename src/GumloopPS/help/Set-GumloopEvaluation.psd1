@{
    Synopsis    = 'Changes an organization evaluation: name, description, enabled, or rubric.'
    Description = @'
Set-GumloopEvaluation changes an organization evaluation (PATCH /evaluations/{evaluation_id}). Only the parameters given are sent. The rubric is merged setting by setting, but a list given (-Criterion, -Tag, -DataPoint, -SessionType) replaces the stored list wholesale; the confirmation prompt and -WhatIf name what each list holds now and what would replace it.

Enabling needs at least one criterion, tag or data point and targets that cover at least one agent; the service refuses otherwise (organization_evaluation_empty_rubric, organization_evaluation_no_targets). Emptying the rubric of an enabled evaluation pauses it. An empty -Description clears the description.

Nothing is written unless -PassThru is given.
'@
    Parameters  = @{
        EvaluationId    = 'The evaluation to change. Takes the EvaluationId property of piped objects.'
        Name            = 'A new name, unique among the organization''s evaluations.'
        Description     = 'A new description; an empty string clears it.'
        Enabled         = 'Enables ($true) or pauses ($false) the evaluation.'
        ModelName       = 'The grading model; auto picks the recommended one.'
        Frequency       = 'When new sessions are graded: debounced, per_turn or manual.'
        Language        = 'The language of summaries and rationales, or auto.'
        IncludeAutoTags = 'Whether the grader may add tags of its own.'
        SessionType     = 'The session types to grade. Replaces the stored list wholesale.'
        Criterion       = 'The complete list of criteria (hashtables, or the Criteria of an evaluation read with Get-GumloopEvaluation). Replaces the stored list wholesale.'
        Tag             = 'The complete list of tags. Replaces the stored list wholesale.'
        DataPoint       = 'The complete list of data points. Replaces the stored list wholesale.'
        Sentiment       = 'Sentiment settings as a hashtable.'
        PassThru        = 'Writes the evaluation as the service stored it.'
        WhatIf          = 'Shows each change, and what each list would replace, without sending the change.'
        Confirm         = 'Asks for confirmation, naming what each list would replace.'
    }
    Examples    = @(
        @{
            Title   = 'Pause an evaluation'
            Code    = "Set-GumloopEvaluation -EvaluationId 'oev_3Hs8Kd' -Enabled `$false -Confirm:`$false"
            Remarks = 'Stops grading new sessions; the results so far stay.'
        }
        @{
            Title   = 'Replace the criteria and see what goes first'
            Code    = "Set-GumloopEvaluation -EvaluationId 'oev_3Hs8Kd' -Criterion @{ name = 'Polite'; prompt = 'The agent was polite.' } -WhatIf"
            Remarks = 'Names the criteria that would be removed and the one that would replace them; nothing is sent.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.OrganizationEvaluation' = 'With -PassThru, the evaluation as stored.'
    }
    Links       = @('Get-GumloopEvaluation', 'Set-GumloopEvaluationTarget')
}
