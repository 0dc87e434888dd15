@{
    Synopsis    = 'Deletes organization evaluations.'
    Description = @'
Remove-GumloopEvaluation deletes each evaluation (DELETE /evaluations/{evaluation_id}). The results it produced stay attached to their sessions. Deleting cannot be undone, so its ConfirmImpact is High: it asks unless -Confirm:$false is given. It writes nothing unless -PassThru is given.
'@
    Parameters  = @{
        EvaluationId = 'One or more evaluations to delete. Takes the EvaluationId property of piped objects.'
        PassThru     = 'Writes each evaluation as it was before the delete (read just before deleting it).'
        WhatIf       = 'Shows which evaluations would be deleted without deleting them. No request is sent.'
        Confirm      = 'Asks for confirmation before deleting each evaluation; it asks by default.'
    }
    Examples    = @(
        @{
            Title   = 'Delete a disabled evaluation'
            Code    = "Get-GumloopEvaluation -OrganizationId 'org_7Hq2Lw9x' -All | Where-Object { -not `$_.Enabled } | Remove-GumloopEvaluation -WhatIf"
            Remarks = 'Shows which disabled evaluations would be deleted; drop -WhatIf to delete them.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.OrganizationEvaluation' = 'With -PassThru, each evaluation as it was before the delete.'
    }
    Links       = @('Get-GumloopEvaluation', 'New-GumloopEvaluation')
}
