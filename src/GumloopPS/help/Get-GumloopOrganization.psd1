@{
    Synopsis    = 'Gets the Gumloop organization the connection''s user belongs to.'
    Description = @'
Get-GumloopOrganization lists the caller's organization (GET /organizations). Its OrganizationId is the organization_id of the organization-administration and evaluation endpoints; the admin cmdlets (Get-GumloopAuditLog, Add-GumloopWorkspaceUser, Get-GumloopCreditLimit and the others) find it by themselves when the caller belongs to exactly one organization, and take -OrganizationId, which binds by property name, otherwise.
'@
    Parameters  = @{}
    Examples    = @(
        @{
            Title   = 'Show the organization id'
            Code    = 'Get-GumloopOrganization'
            Remarks = 'Writes the organization with its OrganizationId and Name.'
        }
        @{
            Title   = 'Read its audit log through the pipeline'
            Code    = 'Get-GumloopOrganization | Get-GumloopAuditLog -Start (Get-Date).AddDays(-1) -End (Get-Date)'
            Remarks = 'OrganizationId binds by property name.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Organization' = 'The caller''s organization: OrganizationId and Name.'
    }
    Links       = @('Get-GumloopAuditLog', 'Get-GumloopCreditLimit')
}
