@{
    Synopsis    = 'Creates an organization evaluation.'
    Description = @'
New-GumloopEvaluation creates an organization evaluation (POST /evaluations) with a name, an optional description and a rubric. A new evaluation is always disabled: it has no targets yet. Set its targets with Set-GumloopEvaluationTarget, then enable it with Set-GumloopEvaluation -Enabled $true.

The rubric parameters take the same entries as Set-GumloopAgentEvaluationConfig: criteria need name and prompt, tags and data points need name; at most 30 criteria, 50 tags and 40 data points. Bad entries are refused before anything is sent; the service checks the rest and answers 400 with the fields it refused. A name already taken is a GumloopConflict error.
'@
    Parameters  = @{
        OrganizationId  = 'The organization to create the evaluation in.'
        Name            = 'The name, 1 to 256 characters, unique among the organization''s evaluations.'
        Description     = 'A description of up to 4000 characters.'
        ModelName       = 'The grading model; auto picks the recommended one.'
        Frequency       = 'When new sessions are graded: debounced, per_turn or manual (only by Start-GumloopEvaluation).'
        Language        = 'The language of summaries and rationales, or auto.'
        IncludeAutoTags = 'Whether the grader may add tags of its own.'
        SessionType     = 'The session types to grade (api, web, slack, teams, triggered).'
        Criterion       = 'The criteria, as hashtables with name, prompt, and optionally type, priority and enabled.'
        Tag             = 'The tags, as hashtables with name and optionally description.'
        DataPoint       = 'The data points, as hashtables with name, and optionally data_type and description.'
        Sentiment       = 'Sentiment settings as a hashtable.'
        WhatIf          = 'Shows the evaluation that would be created without sending anything.'
        Confirm         = 'Asks for confirmation before creating the evaluation.'
    }
    Examples    = @(
        @{
            Title   = 'Create, target and enable an evaluation'
            Code    = @'
$e = New-GumloopEvaluation -OrganizationId 'org_7Hq2Lw9x' -Name 'Escalation handling' -Criterion @{ name = 'No pricing promises'; prompt = 'Did the agent avoid promising discounts?'; type = 'prohibited_action'; priority = 'needs_attention' }
$e | Set-GumloopEvaluationTarget -Target 'team:tm_5c2d8e17'
$e | Set-GumloopEvaluation -Enabled $true
'@
            Remarks = 'Creates the evaluation disabled, points it at a team''s agents, then enables it.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.OrganizationEvaluation' = 'The evaluation created.'
    }
    Links       = @('Set-GumloopEvaluationTarget', 'Set-GumloopEvaluation', 'Get-GumloopEvaluationOption')
}
