@{
    Synopsis    = 'Gets Company Brain sources.'
    Description = @'
Get-GumloopBrainSource lists the Brain sources you can see (GET /brain/sources): your personal sources, your team's and the organization's. -Scope, -SourceType and -TeamId narrow the list. Without -All or -First it reads one page of 20 and warns when more exist; -All reads every page, -First n reads n. Sources are written as pages arrive.

With -SourceId it gets those sources (GET /brain/sources/{id}). Source ids bind from the pipeline by value or from the SourceId property of piped sources, Brain files and estimates. An unknown id is the ObjectNotFound error GumloopNotFound with the id as the target.
'@
    Parameters  = @{
        SourceId   = 'The ids of the sources to get. Binds from the pipeline by value or by property name (SourceId). Tab completes source ids.'
        Scope      = 'Lists only sources of this scope: personal, team or organization.'
        SourceType = 'Lists only sources of this type, for example direct_file_uploads or notion. Tab completes the documented types.'
        TeamId     = 'Lists the team sources of this team (personal and organization sources are listed as well).'
        First      = 'Reads at most this many sources, over as many pages as needed.'
        All        = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'List every source that takes uploads'
            Code    = 'Get-GumloopBrainSource -SourceType direct_file_uploads -All | Format-Table Name, Status, Scope'
            Remarks = 'Lists the upload sources with their status and scope.'
        }
        @{
            Title   = 'Get one source by id'
            Code    = "Get-GumloopBrainSource -SourceId 'bsrc_4Kq9Vn'"
            Remarks = 'Writes the source, or GumloopNotFound when it does not exist.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSource' = 'A Brain source: SourceId, Name, SourceType, Status (draft, active or paused), Scope, TeamId, CreatedByUserId and CreatedAt.'
    }
    Links       = @('New-GumloopBrainSource', 'Get-GumloopBrainFile', 'Remove-GumloopBrainSource')
}
