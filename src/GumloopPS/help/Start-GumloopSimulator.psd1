@{
    Synopsis    = 'Starts an offline fake of the Gumloop API in this process, for demos, tests and runbook development.'
    Description = @'
Start-GumloopSimulator starts an in-process simulator of the Gumloop API on two loopback ports (one plays api.gumloop.com, the other ws.gumloop.com) and returns an object describing it: BaseUri, StreamBaseUri, ApiKey (a SecureString), UserId, TeamId and TeamApiKey. Pipe it to Connect-Gumloop and every GumloopPS cmdlet talks to the simulator instead of the real service; nothing leaves the machine and no credits are spent.

The simulator is seeded with example agents (among them "Sales assistant", "Renewal desk assistant" and "Invoice checker") and sessions in several states. It follows the session state machine of the real API: a new message makes a session processing, and after -ReplyDelayMs the scripted agent answers with an assistant message whose text lives in its parts, and the session becomes completed. Sending to a session that is still processing fails with 409 interaction_not_in_terminal_state, and a wrong key gets a 401, just like the service.

Directives placed anywhere in a message's text steer the scripted agent, so error paths can be tested: sim:fail (the run fails), sim:approval (the session stops in approval_required with a pending tool approval), sim:tool (the answer includes a tool call), sim:delay=<ms> (this reply takes that long) and sim:echo-key (the request fails with a 500 whose body repeats the key, to prove that errors redact it). about_GumloopPS lists the streaming directives.

The simulator lives as long as the PowerShell process, or until Stop-GumloopSimulator. Several simulators can run at once, each on its own ports.
'@
    Parameters  = @{
        ReplyDelayMs     = 'How long, in milliseconds, the scripted agent works on each message before it replies (the session stays processing meanwhile). Default 150. A message containing sim:delay=<ms> overrides it for that reply. Raise it to test waiting, progress and cancellation.'
        ChunkDelayMs     = 'The pause, in milliseconds, between the events of a streamed reply. Default 10.'
        ConcurrencyLimit = 'The number of sessions that may be processing at once, like an organisation''s concurrency limit. Without it there is no limit. At the limit a new turn fails with 429, or is queued with -QueueAtLimit.'
        QueueAtLimit     = 'At the concurrency limit, queue new turns (state queued, with a QueuePosition) as an Enterprise plan does, instead of refusing them with 429 as a Pro plan does.'
        WhatIf           = 'Shows that a simulator would be started without starting it.'
        Confirm          = 'Asks for confirmation before starting the simulator.'
    }
    Examples    = @(
        @{
            Title   = 'Try the module without an account'
            Code    = @'
Start-GumloopSimulator | Connect-Gumloop
Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'hi' -Wait | Get-GumloopMessage
'@
            Remarks = 'Connects to a fresh simulator and holds a first conversation with its sales agent.'
        }
        @{
            Title   = 'Test a runbook''s failure handling'
            Code    = @'
$sim = Start-GumloopSimulator -ReplyDelayMs 50
$sim | Connect-Gumloop
$session = Get-GumloopAgent -Name 'Sales*' | New-GumloopSession -Input 'Summarise the pipeline sim:fail' -Wait
$session.State            # failed
$session | Get-GumloopMessage -Role assistant | ForEach-Object Parts | Where-Object Type -eq 'error'
$sim | Stop-GumloopSimulator
'@
            Remarks = 'sim:fail makes the run fail, so the script''s handling of failed sessions can be exercised offline.'
        }
        @{
            Title   = 'Exercise approvals and time-outs'
            Code    = @'
Start-GumloopSimulator | Connect-Gumloop
$agent = Get-GumloopAgent -Name 'Sales*'
($agent | New-GumloopSession -Input 'Email the brief sim:approval' -Wait).PendingApprovals
$agent | New-GumloopSession -Input 'Slow one sim:delay=5000' -Wait -WaitTimeoutSec 1
'@
            Remarks = 'The first session stops in approval_required with a pending approval; the second outlasts its one-second wait and reports GumloopWaitTimeout.'
        }
        @{
            Title   = 'Simulate an organisation at its concurrency limit'
            Code    = @'
Start-GumloopSimulator -ConcurrencyLimit 1 -QueueAtLimit -ReplyDelayMs 2000 | Connect-Gumloop
$agent = Get-GumloopAgent -Name 'Sales*'
1..3 | ForEach-Object { $agent | New-GumloopSession -Input "Job $_" } | Select-Object Id, State, QueuePosition
'@
            Remarks = 'The first session is processing and the others are queued with their positions, as on an Enterprise plan.'
        }
    )
    Outputs     = @{
        'GumloopPS.Simulator.GumloopSimulator' = 'The running simulator. Its BaseUri, StreamBaseUri, ApiKey and UserId bind to the parameters of Connect-Gumloop. RequestLog lists the requests it received.'
    }
    Links       = @('Stop-GumloopSimulator', 'Connect-Gumloop')
}
