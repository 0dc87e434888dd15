@{
    Synopsis    = 'Adds users to a Gumloop custom role.'
    Description = @'
Add-GumloopRoleMember adds users, by email, to a custom role (formerly a permission group) of the caller's organization (POST /manage_permission_group_users with action add). Adding a user to a role does not remove them from their other roles; when a user has several roles, the highest credit limit among them applies.

A success: false answer (for example, the user already has the role) is the non-terminating error GumloopRequestRejected for that email. The caller must be an organization admin. Get-GumloopCreditLimit lists the roles and their ids. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        RoleId         = 'The custom role (the API''s group_id). Binds by property name, so roles from Get-GumloopCreditLimit can be piped in. Alias: GroupId.'
        Email          = 'The email addresses of the users to add. Binds from the pipeline and from the Email property of piped objects. Alias: UserEmail.'
        OrganizationId = 'The organization the role belongs to. By default the caller''s only organization.'
    }
    Examples    = @(
        @{
            Title   = 'Give a user the Contractors role'
            Code    = "Get-GumloopCreditLimit -All | Where-Object RoleName -eq 'Contractors' | Add-GumloopRoleMember -Email 'lee.chen@lumenfield.io'"
            Remarks = 'RoleId binds from the piped role.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.RoleMemberChange' = 'One result per user added: RoleId, Email, Success and the service''s Message.'
    }
    Links       = @('Remove-GumloopRoleMember', 'Get-GumloopCreditLimit')
}
