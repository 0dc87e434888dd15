@{
    Synopsis    = 'Kills running Gumloop flow runs.'
    Description = @'
Stop-GumloopFlowRun kills each run and all its subflow runs (POST /kill_pipeline). The run ends in the TERMINATED state, possibly after a short TERMINATING phase. A run that has already finished cannot be killed; the cmdlet then writes a warning.

It writes nothing by default. With -PassThru it reads each run again after the kill and writes it.

It asks for confirmation when $ConfirmPreference is Medium or lower, and supports -WhatIf and -Confirm. With -WhatIf no request is sent. Each failure is a non-terminating error whose TargetObject is the run id.
'@
    Parameters  = @{
        RunId       = 'One or more ids of runs to kill. Binds from strings in the pipeline and from the RunId property of piped objects.'
        InputObject = 'A FlowRun to kill, usually from the pipeline.'
        PassThru    = 'Writes each run after the kill, read again so that it shows the new state.'
        WhatIf      = 'Shows which runs would be killed without killing them. No request is sent.'
        Confirm     = 'Asks for confirmation before killing each run.'
    }
    Examples    = @(
        @{
            Title   = 'Kill a run'
            Code    = "Stop-GumloopFlowRun -RunId '6pWq2NzKc8YtR3vB9mLhXa' -Confirm:`$false -PassThru"
            Remarks = 'Writes the run in its new state.'
        }
        @{
            Title   = 'Kill every run of a flow that is still going'
            Code    = "Get-GumloopFlowRun -FlowId 'fL4nT8wQ2xVd7kRb' -History | Where-Object State -in 'QUEUED', 'RUNNING' | Stop-GumloopFlowRun -WhatIf"
            Remarks = 'Lists the runs that would be killed; remove -WhatIf to kill them.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.FlowRun' = 'With -PassThru, each run after the kill. Otherwise nothing.'
    }
    Links       = @('Start-GumloopFlow', 'Wait-GumloopFlowRun', 'Get-GumloopFlowRun')
}
