@{
    Synopsis    = 'Searches the Gumloop Company Brain and returns ranked results.'
    Description = @'
Search-GumloopBrain sends each query to the Company Brain (POST /brain/search) and writes one GumloopPS.Core.BrainSearchResult per hit, best first: Rank (from 1), Score (0 to 1), Title, Content (the matching snippet), Source, Url, ParentTitle, owner and update time. Results cover your personal sources and the team and organization sources shared with you.

Every search spends credits, so the cmdlet supports -WhatIf and -Confirm. Its ConfirmImpact is Low: it does not ask by default. A search is never re-sent after the service may have seen it, so a retry never charges twice. Out of credits is the QuotaExceeded error GumloopInsufficientCredits.

Pipe strings (or objects with a Query property) to run several searches; each result's Query property says which search found it.
'@
    Parameters  = @{
        Query      = 'What to search for. Several queries run one after another. Binds from the pipeline, by value or from a Query property.'
        Limit      = 'How many results to return, from 1 to 50. The service returns 8 when it is left out.'
        SourceType = 'Searches only these kinds of source: notion, google_drive, slack, github, confluence, direct_file_uploads or gumloop_artifacts. Tab completes them.'
        WhatIf     = 'Shows the searches that would run without running them. No request is sent and no credits are spent.'
        Confirm    = 'Asks before each search.'
    }
    Examples    = @(
        @{
            Title   = 'Find the renewal terms of a contract'
            Code    = "Search-GumloopBrain -Query 'Northwind renewal notice period' -Limit 5 | Format-Table Rank, Score, Title, Url"
            Remarks = 'Writes the five best matches, best first.'
        }
        @{
            Title   = 'Search only uploaded files and Google Drive'
            Code    = "Search-GumloopBrain 'SLA credits' -SourceType direct_file_uploads, google_drive | Select-Object -First 1 -ExpandProperty Content"
            Remarks = 'Shows the snippet of the best match from those two kinds of source.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.BrainSearchResult' = 'One per hit, ranked: Rank, Score, Title, Content, Source, Url, ParentTitle, OwnerName, OwnerEmail, UpdatedAt, DocumentId, Metadata and Query.'
    }
    Links       = @('Get-GumloopBrainSource', 'Add-GumloopBrainFile')
}
