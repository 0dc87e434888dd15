@{
    Synopsis    = 'Stops Gumloop API simulators started by Start-GumloopSimulator.'
    Description = @'
Stop-GumloopSimulator stops the simulators piped to it or given with -Simulator, closing their ports; sessions still running in them end with it. With no simulator given, it stops every simulator that Start-GumloopSimulator started in this process, which is what a test teardown needs.

Stopping a simulator that has already stopped does nothing. An object that is not a simulator writes a non-terminating InvalidArgument error (GumloopNotASimulator).

A connection to a stopped simulator remains the default connection; run Disconnect-Gumloop or Connect-Gumloop afterwards so that later calls do not fail with connection errors.
'@
    Parameters  = @{
        Simulator = 'The simulator to stop, as returned by Start-GumloopSimulator. Takes simulator objects from the pipeline. Without it every simulator started in this process is stopped.'
        WhatIf    = 'Shows which simulators would be stopped without stopping them.'
        Confirm   = 'Asks for confirmation before stopping each simulator.'
    }
    Examples    = @(
        @{
            Title   = 'Stop a simulator after use'
            Code    = @'
$sim = Start-GumloopSimulator
$sim | Connect-Gumloop
try {
    Get-GumloopAgent | New-GumloopSession -Input 'hi' -Wait | Out-Null
}
finally {
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}
'@
            Remarks = 'Stops the simulator and removes the default connection even when the work fails.'
        }
        @{
            Title   = 'Clean up in a Pester test'
            Code    = @'
AfterAll {
    Stop-GumloopSimulator
}
'@
            Remarks = 'Without input every simulator started in this process is stopped.'
        }
    )
    Links       = @('Start-GumloopSimulator', 'Disconnect-Gumloop')
}
