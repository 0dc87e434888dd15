@{
    Synopsis    = 'Removes users from a Gumloop custom role.'
    Description = @'
Remove-GumloopRoleMember removes users, by email, from a custom role of the caller's organization (POST /manage_permission_group_users with action remove). It writes nothing unless -PassThru is given.

A success: false answer (for example, the user does not have the role) is the non-terminating error GumloopRequestRejected for that email. The caller must be an organization admin. The cmdlet has ConfirmImpact High, so it asks before each removal unless -Confirm:$false is given; -WhatIf sends nothing.
'@
    Parameters  = @{
        RoleId         = 'The custom role (the API''s group_id). Binds by property name. Alias: GroupId.'
        Email          = 'The email addresses of the users to remove. Binds from the pipeline and from the Email property of piped objects. Alias: UserEmail.'
        OrganizationId = 'The organization the role belongs to. By default the caller''s only organization.'
        PassThru       = 'Writes the result of each removal.'
    }
    Examples    = @(
        @{
            Title   = 'Take a role away'
            Code    = "Remove-GumloopRoleMember -RoleId 'role_4Fz8Qp' -Email 'dana.ruiz@lumenfield.io' -Confirm:`$false"
            Remarks = 'Removes the user from the Contractors role without asking.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.RoleMemberChange' = 'With -PassThru, one result per user removed. Otherwise nothing.'
    }
    Links       = @('Add-GumloopRoleMember', 'Get-GumloopCreditLimit')
}
