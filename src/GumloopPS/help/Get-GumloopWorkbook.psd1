@{
    Synopsis    = 'Gets the Gumloop workbooks and the flows saved in each.'
    Description = @'
Get-GumloopWorkbook lists the workbooks the connection can see (GET /list_workbooks). Each workbook carries its saved flows in the Flows property, as Flow objects whose WorkbookId and WorkbookName are filled in, so `$workbook.Flows | Start-GumloopFlow` works.

With -Name it writes only the workbooks whose name matches the wildcard pattern, ignoring case. With -WorkbookId it writes the workbooks with those ids and a non-terminating GumloopNotFound error for each id that does not exist.

The user_id and project_id (team id) that the flow endpoints need come from the connection.
'@
    Parameters  = @{
        WorkbookId = 'One or more workbook ids to get. Binds from strings in the pipeline and from the WorkbookId property of piped objects.'
        Name       = 'Writes only the workbooks whose name matches this wildcard pattern, ignoring case.'
    }
    Examples    = @(
        @{
            Title   = 'Show the workbooks and how many flows each holds'
            Code    = 'Get-GumloopWorkbook'
            Remarks = 'The default table shows the id, name, number of flows, creation time and description of each workbook.'
        }
        @{
            Title   = 'List the flows of one workbook'
            Code    = "(Get-GumloopWorkbook -Name 'Renewal*').Flows | Format-Table Name, FlowId"
            Remarks = 'Flows holds Flow objects, which can be piped on to Get-GumloopFlowInput or Start-GumloopFlow.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Workbook' = 'One object per workbook: WorkbookId, Name, Description, CreatedAt and Flows.'
    }
    Links       = @('Get-GumloopFlow', 'Get-GumloopFlowRun')
}
