@{
    Synopsis    = 'Gets the saved Gumloop flows, with the workbook each belongs to.'
    Description = @'
Get-GumloopFlow lists the saved flows (the API calls them saved items) that the connection can run. It calls GET /list_saved_items and GET /list_workbooks and fills WorkbookId and WorkbookName of each flow from the workbook that contains it; a flow in no workbook keeps them empty.

With -Name it writes only the flows whose name matches the wildcard pattern, ignoring case. With -FlowId it writes the flows with those ids, in the order given, and writes a non-terminating GumloopNotFound error for each id that does not exist. The API has no call that gets one flow, so the list is read once per invocation however many ids are piped in.

Flow endpoints identify the caller with user_id and, for team connections, project_id (the team id). Both come from the connection: connect with -UserId (and -TeamId for team flows). A connection with neither writes a GumloopFlowScopeMissing error.
'@
    Parameters  = @{
        Workbook = 'A workbook from Get-GumloopWorkbook, usually piped: lists the flows of that workbook.'
        FlowId = 'One or more flow ids (saved item ids) to get. Binds from strings in the pipeline and from the FlowId or SavedItemId property of piped objects. Alias: SavedItemId.'
        Name   = 'Writes only the flows whose name matches this wildcard pattern, ignoring case. Without -Name every flow is written.'
    }
    Examples    = @(
        @{
            Title   = 'List every flow with its workbook'
            Code    = 'Get-GumloopFlow | Sort-Object WorkbookName, Name | Format-Table Name, WorkbookName, FlowId'
            Remarks = 'Shows each saved flow next to the workbook that holds it.'
        }
        @{
            Title   = 'Find a flow by name and start it'
            Code    = "Get-GumloopFlow -Name 'Account renewal*' | Start-GumloopFlow -Inputs @{ account_domain = 'northwindtraders.example' } -Wait"
            Remarks = 'The FlowId of the flow binds to Start-GumloopFlow by property name.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Flow' = 'One object per flow: FlowId, Name, Description, WorkbookId, WorkbookName and CreatedAt.'
    }
    Links       = @('Get-GumloopWorkbook', 'Get-GumloopFlowInput', 'Start-GumloopFlow')
}
