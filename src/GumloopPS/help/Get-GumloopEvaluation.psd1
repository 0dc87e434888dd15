@{
    Synopsis    = 'Gets the organization evaluations of a Gumloop organization.'
    Description = @'
Get-GumloopEvaluation lists an organization's evaluations (GET /evaluations?organization_id=...) or gets evaluations by id (GET /evaluations/{evaluation_id}). An organization evaluation grades the sessions of every agent its targets cover with one rubric; RunSummary rolls up its latest results.

Organization evaluations need an Enterprise plan and the organization:manage_evaluations permission; without it the service answers 403 (GumloopForbidden).

One page (20) is read by default, with a warning when more exist; -First <n> reads n and -All reads every page. -EvaluationId binds from the EvaluationId property of piped objects.
'@
    Parameters  = @{
        OrganizationId = 'The organization whose evaluations to list.'
        EvaluationId   = 'One or more evaluation ids to get. Takes the EvaluationId property of piped objects.'
        First          = 'Reads at most this many evaluations.'
        All            = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'List the enabled evaluations'
            Code    = "Get-GumloopEvaluation -OrganizationId 'org_7Hq2Lw9x' -All | Where-Object Enabled"
            Remarks = 'Lists every evaluation of the organization that is grading sessions.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.OrganizationEvaluation' = 'Each evaluation.'
    }
    Links       = @('New-GumloopEvaluation', 'Set-GumloopEvaluation', 'Get-GumloopEvaluationResult')
}
