@{
    Synopsis    = 'Gets the state, outputs and log of Gumloop flow runs, or the recent runs of a flow.'
    Description = @'
Get-GumloopFlowRun reads each run (GET /get_pl_run) and writes it as a FlowRun with its State, Outputs, CreatedAt, FinishedAt and Log. Run ids bind from strings in the pipeline and from the RunId property of piped objects; a FlowRun piped in (for example from Start-GumloopFlow) keeps its FlowId, WorkbookId and Url, which the API does not return when a run is read. A run id that does not exist writes a non-terminating GumloopNotFound error.

With -History it lists the recent runs instead (GET /get_plrun_saved_item_map): of one flow with -FlowId, or of every flow of a workbook with -WorkbookId. The API keeps the 10 most recent runs of each flow. History entries carry the run id, state and times but no outputs or log; pipe them to Get-GumloopFlowRun to read those.

Run states are QUEUED, RUNNING, DONE, FAILED, TERMINATING and TERMINATED.
'@
    Parameters  = @{
        Workbook = 'A workbook from Get-GumloopWorkbook, usually piped, with -History: lists the recent runs of every flow of that workbook.'
        RunId       = 'One or more run ids to read. Binds from strings in the pipeline and from the RunId property of piped objects.'
        InputObject = 'A FlowRun to read again, usually from the pipeline. Its FlowId, WorkbookId and Url are kept on the new object.'
        FlowId      = 'With -History, the flow (saved item) whose recent runs are listed. Binds from the FlowId or SavedItemId property of piped objects, such as flows from Get-GumloopFlow. Alias: SavedItemId.'
        WorkbookId  = 'With -History, lists the recent runs of every flow in this workbook.'
        History     = 'Lists recent runs (up to 10 per flow, newest first) instead of reading runs by id.'
    }
    Examples    = @(
        @{
            Title   = 'Check on a run'
            Code    = "Get-GumloopFlowRun -RunId '6pWq2NzKc8YtR3vB9mLhXa' | Format-List"
            Remarks = 'The list view shows each output and every log line.'
        }
        @{
            Title   = 'Find the failed runs of a flow and read their logs'
            Code    = "Get-GumloopFlow -Name 'Account renewal*' | Get-GumloopFlowRun -History | Where-Object State -eq 'FAILED' | Get-GumloopFlowRun | Select-Object RunId, Log"
            Remarks = 'History entries have no log, so the failed ones are read again in full.'
        }
        @{
            Title   = 'Recent runs of every flow in a workbook'
            Code    = "Get-GumloopFlowRun -WorkbookId 'wb3Hs9QpZ1mC6yTe' -History | Format-Table FlowId, RunId, State, CreatedAt"
            Remarks = 'Runs of all the workbook''s flows, newest first.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.FlowRun' = 'One object per run.'
    }
    Links       = @('Start-GumloopFlow', 'Wait-GumloopFlowRun', 'Stop-GumloopFlowRun')
}
