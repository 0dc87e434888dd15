@{
    Synopsis    = 'Creates a Company Brain source for uploaded files.'
    Description = @'
New-GumloopBrainSource creates a direct_file_uploads source (POST /brain/sources); other kinds of source are connected in the Gumloop app. By default the source is active: files added with Add-GumloopBrainFile are indexed, and billed, at once. With -RequireApproval it is a draft: uploads are only estimated until Approve-GumloopBrainSource approves it.

The scope rules are checked before anything is sent: a team-scoped source needs -TeamId, and -TeamId is allowed only with -Scope team. A violation is the InvalidArgument error GumloopInvalidArgument with the source name as the target, and no request is made.
'@
    Parameters  = @{
        Name            = 'The name of the source, 1 to 200 characters. Binds by property name, so rows of a CSV file create one source each.'
        Scope           = 'Who can search the source: personal (the default), team or organization.'
        TeamId          = 'The team of a team-scoped source. Required with -Scope team and refused with any other scope.'
        RequireApproval = 'Creates a draft: uploads are estimated but nothing is indexed or billed until Approve-GumloopBrainSource.'
        WhatIf          = 'Shows the source that would be created. No request is sent.'
        Confirm         = 'Asks before creating the source.'
    }
    Examples    = @(
        @{
            Title   = 'Create a team source that waits for approval'
            Code    = "New-GumloopBrainSource -Name 'Legal archive' -Scope team -TeamId 'tm_5c2d8e17' -RequireApproval"
            Remarks = 'Creates a draft source that the team can search once it is approved.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSource' = 'The new source; its Status is active, or draft with -RequireApproval.'
    }
    Links       = @('Add-GumloopBrainFile', 'Approve-GumloopBrainSource', 'Get-GumloopBrainSource')
}
