@{
    Synopsis    = 'Retires Gumloop agents. This cannot be undone.'
    Description = @'
Remove-GumloopAgent retires agents (PATCH /agents/{id} with is_active false). A retired agent disappears from Get-GumloopAgent, answers 404 to every request, and cannot be reactivated through the API: this is not a pause switch. To stop an agent from running while keeping it, disable its triggers in Gumloop instead.

Because it is irreversible, the cmdlet has ConfirmImpact High: it asks before each agent unless -Confirm:$false is given, and the prompt says that the agent cannot be brought back. -WhatIf shows what would be retired. An unknown (or already retired) agent is the ObjectNotFound error GumloopNotFound, with the id as TargetObject.
'@
    Parameters  = @{
        AgentId  = 'The ids of the agents to retire. Binds by property name from the Id of piped agents. Alias: Id.'
        PassThru = 'Writes each retired agent (IsActive False) as the service returned it.'
        WhatIf   = 'Shows which agents would be retired without retiring them. No request is sent.'
        Confirm  = 'Asks before retiring each agent; on by default because retiring cannot be undone. -Confirm:$false retires without asking.'
    }
    Examples    = @(
        @{
            Title   = 'Retire the agents of a finished pilot'
            Code    = "Get-GumloopAgent -Name 'Pilot *' | Remove-GumloopAgent -WhatIf"
            Remarks = 'Lists what would be retired. Run it again without -WhatIf to be asked for each agent.'
        }
        @{
            Title   = 'Retire one agent in a runbook'
            Code    = "Remove-GumloopAgent -AgentId 'Gz8pD3vN6yHq1Wm' -Confirm:`$false"
            Remarks = 'Retires without a prompt.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Agent' = 'With -PassThru, the retired agent. Otherwise nothing.'
    }
    Links       = @('Get-GumloopAgent', 'Set-GumloopAgent')
}
