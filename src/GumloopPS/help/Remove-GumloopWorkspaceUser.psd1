@{
    Synopsis    = 'Removes users from a Gumloop workspace.'
    Description = @'
Remove-GumloopWorkspaceUser removes users, by email, from a workspace of the caller's organization (POST /manage_workspace_users with action remove). One request is sent per email. It writes nothing unless -PassThru is given.

A success: false answer (for example, the user is not a member) is the non-terminating error GumloopRequestRejected for that email. The caller must be an organization admin. The cmdlet has ConfirmImpact High, so it asks before each removal unless -Confirm:$false is given; -WhatIf sends nothing.
'@
    Parameters  = @{
        WorkspaceId    = 'The workspace (team id) to remove the users from. Binds by property name.'
        Email          = 'The email addresses of the users to remove. Binds from the pipeline and from the Email property of piped objects. Alias: UserEmail.'
        OrganizationId = 'The organization the workspace belongs to. By default the caller''s only organization.'
        PassThru       = 'Writes the result of each removal.'
    }
    Examples    = @(
        @{
            Title   = 'Remove a contractor'
            Code    = "Remove-GumloopWorkspaceUser -WorkspaceId 'tm_a93f0b42' -Email 'dana.ruiz@lumenfield.io' -Confirm:`$false -PassThru"
            Remarks = 'Removes the user without asking and writes the service''s answer.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.WorkspaceUserChange' = 'With -PassThru, one result per user removed. Otherwise nothing.'
    }
    Links       = @('Add-GumloopWorkspaceUser', 'Remove-GumloopRoleMember')
}
