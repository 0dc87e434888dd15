@{
    Synopsis    = 'Waits until Gumloop flow runs are DONE, FAILED or TERMINATED.'
    Description = @'
Wait-GumloopFlowRun polls each run (GET /get_pl_run), showing Write-Progress with the state and the latest log line, until the run is DONE, FAILED or TERMINATED. It polls quickly at first and then every 2 seconds. TERMINATING is not an end state: the wait goes on until the kill completes.

A DONE or TERMINATED run is written with its Outputs, Log and FinishedAt. A FAILED run is written as a non-terminating GumloopFlowRunFailed error instead: the message ends with the run's log (the last 20 lines), and the TargetObject is the FlowRun with the whole log.

-WaitTimeoutSec limits the wait for each run. When it runs out the cmdlet writes a GumloopFlowRunTimeout error (category OperationTimeout) whose TargetObject is the run as last seen, and moves on to the next run; the run itself is not stopped.
'@
    Parameters  = @{
        RunId       = 'One or more run ids to wait for. Binds from strings in the pipeline and from the RunId property of piped objects.'
        InputObject = 'A FlowRun to wait for, usually from the pipeline (Start-GumloopFlow writes them). Its FlowId, WorkbookId and Url are kept.'
        WaitTimeoutSec  = 'The longest time to wait for each run, in seconds. Without it the wait has no limit; Ctrl+C stops it.'
    }
    Examples    = @(
        @{
            Title   = 'Start a run and wait for it later'
            Code    = @'
$run = Start-GumloopFlow -FlowId 'kP7vD2sM9qRw3zXc' -Inputs @{ segment = 'enterprise' }
# ... other work ...
$run = $run | Wait-GumloopFlowRun -WaitTimeoutSec 900
$run.Outputs.digest
'@
            Remarks = 'The wait shows a progress bar with the run''s state and its latest log line.'
        }
        @{
            Title   = 'Stop a run that takes too long'
            Code    = @'
$run | Wait-GumloopFlowRun -WaitTimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable late
if ($late) { $late[0].TargetObject | Stop-GumloopFlowRun -Confirm:$false }
'@
            Remarks = 'The timeout error''s TargetObject is the run, which pipes straight into Stop-GumloopFlowRun.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.FlowRun' = 'Each run that ended DONE or TERMINATED. FAILED runs are reported as errors.'
    }
    Links       = @('Start-GumloopFlow', 'Get-GumloopFlowRun', 'Stop-GumloopFlowRun')
}
