@{
    Synopsis    = 'Starts a run of a Gumloop flow, and can wait for its outputs.'
    Description = @'
Start-GumloopFlow starts a run of a saved flow (POST /start_pipeline) and writes a FlowRun object with the run's RunId, FlowId, WorkbookId, the Url of the run in the Gumloop app, and its State.

Inputs are given as a hashtable whose keys are the names of the flow's Input steps. They are sent as top-level keys of the request body, the encoding the current API documents. Before anything is started the inputs are checked:
- A reserved name (api_key, saved_item_id, user_id, project_id, openai_token, action_id, reuse_action, trigger_id, pipeline_inputs) is refused with a GumloopReservedFlowInput error, without any request: the start call would read it as one of its own parameters.
- The flow's inputs are read (GET /get_inputs), and a name that is not one of them is refused with a GumloopUnknownFlowInput error that lists the valid names. Names are case-sensitive.

Values can be strings, numbers, booleans, arrays, hashtables or objects; they are sent as JSON. A file input takes the name of a file uploaded beforehand, for example with Invoke-GumloopApi POST /upload_file.

Without -Wait the run is read once after starting, so State is usually QUEUED or RUNNING. With -Wait the cmdlet polls the run (GET /get_pl_run) with Write-Progress until it is DONE, FAILED or TERMINATED, and writes it in its final state with its Outputs and Log. A run that ends FAILED is written as a non-terminating GumloopFlowRunFailed error instead: its message ends with the run's log, and its TargetObject is the FlowRun. -WaitTimeoutSec limits the wait; when it runs out, a GumloopFlowRunTimeout error (OperationTimeout) is written and the run carries on.

Starting a run spends credits, so the cmdlet supports -WhatIf and -Confirm; with -WhatIf nothing is sent.
'@
    Parameters  = @{
        FlowId     = 'The id of the flow (saved item) to run. Binds from the FlowId or SavedItemId property of piped objects, such as flows from Get-GumloopFlow. Alias: SavedItemId.'
        Inputs     = 'The flow inputs, as a hashtable of input name to value, for example @{ account_domain = ''northwindtraders.example'' }. Get-GumloopFlowInput lists the names. Omit it for a flow without inputs. Alias: Input.'
        Wait       = 'Waits until the run is DONE, FAILED or TERMINATED, showing progress, and writes the finished run. A FAILED run becomes a non-terminating error carrying the log.'
        WaitTimeoutSec = 'With -Wait, the longest time to wait, in seconds. When it runs out the cmdlet writes a GumloopFlowRunTimeout error whose TargetObject is the run as last seen; the run itself goes on. Without it the wait has no limit.'
        WhatIf     = 'Shows which flow would be started and with which input names. No request is sent, so the inputs are not checked against the flow either.'
    }
    Examples    = @(
        @{
            Title   = 'Run a flow and use its outputs'
            Code    = @'
$run = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'northwindtraders.example' } -Wait
$run.Outputs.renewal_summary
'@
            Remarks = 'Outputs is a dictionary keyed by the names of the flow''s Output steps.'
        }
        @{
            Title   = 'Start several runs, then wait for all of them'
            Code    = @'
$runs = 'contoso.example', 'fabrikam.example' | ForEach-Object {
    Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = $_ }
}
$runs | Wait-GumloopFlowRun -WaitTimeoutSec 600 | Export-Csv runs.csv
'@
            Remarks = 'The runs work in parallel on the server. Export-Csv writes Outputs as name=value pairs and Log as its lines.'
        }
        @{
            Title   = 'Handle a failed run'
            Code    = @'
Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'x.example' } -Wait -ErrorAction SilentlyContinue -ErrorVariable failed
if ($failed) { $failed[0].TargetObject.Log }
'@
            Remarks = 'A FAILED run is a non-terminating error; its TargetObject is the FlowRun with the whole log.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.FlowRun' = 'The started run; with -Wait, the finished run with its Outputs, Log and FinishedAt.'
    }
    Links       = @('Get-GumloopFlowInput', 'Wait-GumloopFlowRun', 'Get-GumloopFlowRun', 'Stop-GumloopFlowRun', 'Save-GumloopFlowFile')
}
