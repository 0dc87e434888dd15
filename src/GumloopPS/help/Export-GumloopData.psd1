@{
    Synopsis    = 'Exports Gumloop organization data (workflow runs, agents, interactions, credit logs, evaluations) as CSV.'
    Description = @'
Export-GumloopData starts a data export of the caller's organization (POST /export_data). The fields are checked against the -DataType before anything is sent (GumloopInvalidExportField); Tab after -Field lists the fields of the data type already given. Without -Field the data type's default fields are exported (for credit_logs, every field except those the service leaves out by default). gumstack exports have no documented fields, so they need -Field.

credit_logs exports always cover the whole organization and may be filtered by -Category (for example AGENT_RUN). Other data types are limited to -WorkspaceId or -EntityId (workbook ids for workflows, agent ids for agents and agent_interactions); without either they cover every workspace of the organization.

Without -Wait or -OutFile the cmdlet writes the started export (State REQUESTED); follow it with Get-GumloopDataExport. -Wait polls the export's state (GET /export_status) with a progress bar until it is COMPLETED, or reports GumloopDataExportFailed or, after -WaitTimeoutSec, GumloopDataExportTimeout. A completed export is then downloaded: with -OutFile the CSV is streamed to that file (or to <export id>.csv in an existing folder) and the file is written, as Get-Item returns it; otherwise each CSV row is written as an object whose properties are the columns. -OutFile implies -Wait.

The caller must be an organization admin of an Enterprise organization. The cmdlet supports -WhatIf and -Confirm (ConfirmImpact Low).
'@
    Parameters  = @{
        DataType       = 'What to export: workflows, agents, agent_interactions, credit_logs, interaction_evaluations or gumstack.'
        Start          = 'The start of the period. A date without a time zone is local time; it is sent in UTC.'
        End            = 'The end of the period; not before -Start.'
        Field          = 'The columns to export. Tab completion lists the fields of -DataType. Alias: Fields.'
        WorkspaceId    = 'Limits the export to these workspaces. Not for credit_logs.'
        EntityId       = 'Limits the export to these workbooks (workflows) or agents (agents, agent_interactions). Not for credit_logs.'
        Category       = 'credit_logs only: exports one category, such as PIPELINE_RUN, AGENT_RUN, CUSTOM_NODE_RD or EXTERNAL_GUMCP_CALL.'
        OutFile        = 'Saves the CSV to this file, or into this existing folder as <export id>.csv, once the export is COMPLETED. Implies -Wait. Alias: Path.'
        Wait           = 'Waits, with progress, until the export is COMPLETED, then downloads it.'
        WaitTimeoutSec = 'The longest the whole wait may take, in seconds. The export goes on running after a timeout.'
    }
    Examples    = @(
        @{
            Title   = 'Last month''s credit usage to a CSV file'
            Code    = @'
$start = (Get-Date -Day 1).Date.AddMonths(-1)
Export-GumloopData -DataType credit_logs -Start $start -End $start.AddMonths(1) -Wait -OutFile ./credits.csv
'@
            Remarks = 'Waits for the export with a progress bar, then streams the CSV to ./credits.csv.'
        }
        @{
            Title   = 'Agent interactions as objects'
            Code    = "Export-GumloopData -DataType agent_interactions -Start (Get-Date).AddDays(-7) -End (Get-Date) -Field interaction_id, agent_name, credit_cost -EntityId 'r4Ts9Kq2MwX7bLn' -Wait | Sort-Object { [double]`$_.credit_cost } -Descending"
            Remarks = 'Each CSV row becomes an object with the three columns as properties.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.DataExport' = 'Without -Wait or -OutFile, the started export.'
        'System.IO.FileInfo'        = 'With -OutFile, the saved CSV file.'
        'System.Management.Automation.PSObject' = 'With -Wait and no -OutFile, one object per CSV row (type name GumloopPS.DataExportRow).'
    }
    Links       = @('Get-GumloopDataExport', 'Get-GumloopAuditLog')
}
