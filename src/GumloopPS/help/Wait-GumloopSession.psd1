@{
    Synopsis    = 'Waits until Gumloop sessions finish their current turn and returns them.'
    Description = @'
Wait-GumloopSession polls each session (GET /sessions/{id}) until it is no longer processing or queued, that is until it is idle, completed, failed or approval_required, and then writes it with its full transcript. Polling starts fast and backs off to one request every two seconds, so a long agent run costs a handful of requests.

While it waits it shows a progress bar with the current state and the elapsed time. Ctrl+C stops the wait at once; the sessions keep running on the server.

-WaitTimeoutSec limits the wait for each session. When it runs out the cmdlet writes a non-terminating OperationTimeout error (GumloopWaitTimeout) whose TargetObject is the session id, and goes on with the next session. A session that fails to load writes its own error (for example GumloopNotFound) in the same way.

Sessions are waited for one after another, in the order they arrive. Ids bind from the pipeline by value and from the Id or SessionId property of piped objects.
'@
    Parameters  = @{
        SessionId  = 'One or more session ids to wait for. Takes strings from the pipeline, and the Id or SessionId property of piped objects such as sessions from New-GumloopSession or Send-GumloopMessage. Alias: Id.'
        WaitTimeoutSec = 'The longest time, in seconds, to wait for each session. When it runs out the cmdlet writes an OperationTimeout error (GumloopWaitTimeout) for that session and moves on. Without it the cmdlet waits until the turn ends or Ctrl+C is pressed.'
    }
    Examples    = @(
        @{
            Title   = 'Start several sessions, then wait for all of them'
            Code    = @'
$sessions = Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'Summarise this week''s pipeline.'
$sessions | Wait-GumloopSession -WaitTimeoutSec 600 | Select-Object Id, AgentName, State
'@
            Remarks = 'The agents work in parallel; the waits then collect the results one by one.'
        }
        @{
            Title   = 'Fail a runbook job when an agent run fails or times out'
            Code    = @'
$session = Wait-GumloopSession -SessionId $s -WaitTimeoutSec 900 -ErrorAction Stop
if ($session.State -eq 'failed') {
    throw "Agent run $($session.Id) failed."
}
'@
            Remarks = 'With -ErrorAction Stop a timeout (GumloopWaitTimeout) ends the script; a finished session in the failed state is turned into an error by the script itself.'
        }
        @{
            Title   = 'Wait for a session and read the answer'
            Code    = "Wait-GumloopSession -SessionId 'sess_Vk3nQ8wT2p' | Get-GumloopMessage -Role assistant | Select-Object -Last 1 -ExpandProperty Text"
            Remarks = 'The finished session holds its transcript, so Get-GumloopMessage sends no extra request.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Session' = 'Each session in its final state (idle, completed, failed or approval_required), with its full transcript.'
    }
    Links       = @('Send-GumloopMessage', 'New-GumloopSession', 'Stop-GumloopSession')
}
