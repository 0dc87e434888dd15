@{
    Synopsis    = 'Reads the audit log of a Gumloop organization.'
    Description = @'
Get-GumloopAuditLog reads the audit log (GET /get_audit_logs) of the caller's organization between -Start and -End: sign-ins, credential use, agents created, workspace membership changes, data exports and more. Each entry is an AuditLogEntry whose properties are single values (EventId, Timestamp, EventType, UserId, Details, SourceIp, UserAgent, OrganizationId), so it exports to CSV as is.

The log pages by page number. Without -All or -First the cmdlet reads the first page (50 entries) and warns when there are more. -All reads every page and writes each entry as its page arrives, so a long log is never held in memory and Export-Csv writes rows while later pages are still being read.

The range is checked before anything is sent: -End before -Start, or a range longer than 90 days (the most the service reads at a time), is the error GumloopInvalidDateRange; read a longer period in several calls. Dates without a time zone are local time; they are sent in UTC.

The organization is the caller's only organization unless -OrganizationId names one; the admin user_id the API requires is the connection's user, who must be an organization admin (else GumloopForbidden). Filters take several values each and are sent comma-separated. Tab completion of -EventType offers the event types the organization's log reports.
'@
    Parameters  = @{
        Start          = 'The start of the range. A date without a time zone is local time.'
        End            = 'The end of the range; at most 90 days after -Start.'
        EventType      = 'Only entries of these event types, such as user_sign_in or credential_retrieval. Tab completion lists the types the organization''s log can be filtered by.'
        UserId         = 'Only entries of actions by these users (user ids).'
        IpAddress      = 'Only entries from these source IP addresses.'
        WorkspaceId    = 'Only entries of these workspaces (team ids).'
        EntityId       = 'Only entries about these entities: agent, workbook or file ids.'
        OrganizationId = 'The organization whose log is read. By default the caller''s only organization; binds by property name, so Get-GumloopOrganization can be piped in.'
        First          = 'Reads at most this many entries, across pages.'
        All            = 'Reads every page. Entries are written as their page arrives.'
    }
    Examples    = @(
        @{
            Title   = 'Send a week of audit logs to a SIEM as CSV'
            Code    = 'Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) -All | Export-Csv ./audit.csv -NoTypeInformation'
            Remarks = 'Reads every page and writes each row as it arrives.'
        }
        @{
            Title   = 'Credential use by one user yesterday'
            Code    = "Get-GumloopAuditLog -Start (Get-Date).Date.AddDays(-1) -End (Get-Date).Date -EventType credential_retrieval -UserId '9vQeL2mXr4TzKw7NcB1sHp0aYu3D' -All"
            Remarks = 'Filters are applied by the service.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.AuditLogEntry' = 'One audit log entry per event, newest first.'
    }
    Links       = @('Get-GumloopOrganization', 'Export-GumloopData')
}
