@{
    Synopsis    = 'Adds users to a Gumloop workspace.'
    Description = @'
Add-GumloopWorkspaceUser adds users, by email, to a workspace of the caller's organization (POST /manage_workspace_users with action add), as members or, with -Admin, as workspace admins. One request is sent per email and each is confirmed on its own.

A success: false answer (for example, the user is already a member) is the non-terminating error GumloopRequestRejected for that email, never a quiet success. An email that is not a user of the organization is GumloopNotFound. The caller must be an organization admin; the admin user_id is the connection's user.

Emails bind from the pipeline, as strings or by the Email property. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Medium).
'@
    Parameters  = @{
        WorkspaceId    = 'The workspace (team id) to add the users to. Binds by property name.'
        Email          = 'The email addresses of the users to add. Binds from the pipeline and from the Email property of piped objects. Alias: UserEmail.'
        Admin          = 'Makes the added users workspace admins instead of members.'
        OrganizationId = 'The organization the workspace belongs to. By default the caller''s only organization.'
    }
    Examples    = @(
        @{
            Title   = 'Add two members'
            Code    = "'dana.ruiz@lumenfield.io', 'lee.chen@lumenfield.io' | Add-GumloopWorkspaceUser -WorkspaceId 'tm_a93f0b42'"
            Remarks = 'Writes one WorkspaceUserChange per user with the service''s message.'
        }
        @{
            Title   = 'Add users from a CSV file as admins'
            Code    = "Import-Csv ./admins.csv | Add-GumloopWorkspaceUser -WorkspaceId 'tm_a93f0b42' -Admin -Confirm:`$false"
            Remarks = 'The Email column binds by property name.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.WorkspaceUserChange' = 'One result per user added: WorkspaceId, Email, IsAdmin, Success and the service''s Message.'
    }
    Links       = @('Remove-GumloopWorkspaceUser', 'Add-GumloopRoleMember')
}
