@{
    Synopsis    = 'Changes how a Gumloop agent''s sessions are evaluated.'
    Description = @'
Set-GumloopAgentEvaluationConfig changes an agent's evaluation configuration (PATCH /agents/{agent_id}/evaluation-config). Only the parameters given are sent.

List-valued settings replace the stored list wholesale: -Criterion, -Tag, -DataPoint and -InteractionType each send the complete new list, and whatever is not in it is removed. To add one criterion, read the configuration, add to its Criteria and pass the whole list back (see the examples). Because of this the confirmation prompt, and -WhatIf, name the entries each list holds now and the entries that would replace them; the current configuration is read first to say so.

Entries are hashtables, or the entries of a configuration read with Get-GumloopAgentEvaluationConfig. A criterion needs name and prompt (a true/false statement about the session), and may give type (prohibited_action, prohibited_words, voice_tone, other) and priority (the grade a failing session gets: needs_review or needs_attention). A tag needs name (stored in UPPER_SNAKE_CASE) and may give description; a data point needs name and may give data_type (string, boolean, integer, number) and description. At most 30 criteria, 50 tags and 40 data points; a list over the limit, an entry without its required fields or an unknown type is refused before anything is sent.

Nothing is written unless -PassThru is given.
'@
    Parameters  = @{
        AgentId         = 'The id of the agent. Takes the AgentId property of piped objects, such as a configuration from Get-GumloopAgentEvaluationConfig.'
        Enabled         = 'Turns evaluation of new sessions on ($true) or off ($false). Start-GumloopAgentEvaluation needs it on.'
        ModelName       = 'The grading model; auto picks the recommended one.'
        Frequency       = 'When new sessions are graded: debounced, per_turn or manual.'
        Language        = 'The language of summaries and rationales, or auto.'
        IncludeAutoTags = 'Whether the grader may add tags of its own besides the configured ones.'
        InteractionType = 'The session types to grade (api, slack, ...). Replaces the stored list wholesale.'
        Criterion       = 'The complete list of criteria, as hashtables with name, prompt, and optionally type and priority. Replaces the stored list wholesale; an empty list removes every criterion.'
        Tag             = 'The complete list of tags, as hashtables with name and optionally description. Replaces the stored list wholesale.'
        DataPoint       = 'The complete list of data points, as hashtables with name, and optionally data_type and description. Replaces the stored list wholesale.'
        Sentiment       = 'Sentiment settings as a hashtable: enabled, affects_grade, description.'
        PassThru        = 'Writes the configuration as the service stored it.'
        WhatIf          = 'Shows each change, and for each list what it holds now and what would replace it, without sending the change.'
        Confirm         = 'Asks for confirmation, naming what each list would replace.'
    }
    Examples    = @(
        @{
            Title   = 'Add a criterion to the ones there are'
            Code    = @'
$config = Get-GumloopAgentEvaluationConfig -AgentId $a
$criteria = @($config.Criteria) + @{ name = 'No pricing promises'; prompt = 'The agent did not promise a discount.'; type = 'prohibited_action'; priority = 'needs_attention' }
Set-GumloopAgentEvaluationConfig -AgentId $a -Criterion $criteria -PassThru
'@
            Remarks = 'The list replaces the stored one wholesale, so the existing criteria are passed back with the new one.'
        }
        @{
            Title   = 'Turn evaluation on'
            Code    = "Set-GumloopAgentEvaluationConfig -AgentId `$a -Enabled `$true -Confirm:`$false"
            Remarks = 'Changes only the enabled setting.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AgentEvaluationConfig' = 'With -PassThru, the configuration as stored.'
    }
    Links       = @('Get-GumloopAgentEvaluationConfig', 'Get-GumloopEvaluationOption')
}
