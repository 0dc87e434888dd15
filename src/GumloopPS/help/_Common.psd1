# Text for parameters that many cmdlets share. A cmdlet's own file wins when it describes the same parameter,
# so a cmdlet can say something more specific (for example what -WhatIf skips in its case).
@{
    Parameters = @{
        Connection    = @'
The connection to use, as returned by Connect-Gumloop -PassThru. Without it the cmdlet uses the default connection that Connect-Gumloop set in this runspace, and failing that the GUMLOOP_* environment variables.

Pass it explicitly in ForEach-Object -Parallel, thread jobs and other runspaces, which do not see the default connection of the runspace that called Connect-Gumloop.
'@
        MaxRetryCount = @'
How many times to retry a request that failed with 429 (rate limited), 502, 503, 504 or a network error before the cmdlet reports the error. Overrides the connection's setting (Connect-Gumloop -MaxRetryCount, default 3) for this call only; 0 turns retries off.

Requests that start an agent run, such as creating a session with input or sending a message, are retried after a 5xx or a lost connection only when the server cannot have acted on them, so a retry never runs the agent twice.
'@
        MaxRetryDelaySec = @'
The longest wait, in seconds, before any one retry, including a Retry-After sent by the server, for this call only. Overrides the connection's setting (Connect-Gumloop -MaxRetryDelaySec, default 60). Without Retry-After the wait grows exponentially with random jitter up to this cap. Ctrl+C interrupts a wait at once.
'@
        TimeoutSec    = @'
How long, in seconds, each HTTP request of this call may take before it fails with a GumloopTimeout (OperationTimeout) error, for this call only. Overrides the connection's setting (Connect-Gumloop -TimeoutSec, default 90). A response that starts and then stops sending counts against it too; for a stream it is the longest silence allowed. A timed-out request that starts an agent run is not retried.

On cmdlets that wait (-Wait, Wait-GumloopSession, Wait-GumloopFlowRun, Approve- and Deny-GumloopApproval), a whole wait is limited by -WaitTimeoutSec, and every request inside the wait is also cut to the time left. For one release, -TimeoutSec given without -WaitTimeoutSec on a cmdlet that waits keeps its old meaning (the whole wait) and writes a deprecation warning.
'@
        PipelineInput = @'
Receives the piped object itself; not meant to be typed. A GumloopPS object of a kind the cmdlet does not take (for example an agent piped to a cmdlet that takes sessions) is refused with a binding error for that object, instead of its Id or name being taken for the wrong kind of id. Strings and other objects bind as usual.
'@
        NoFailureError = @'
Writes a session that ends in state failed as ordinary output only, as earlier releases did. Without it, a waited-for session that ends failed is written and followed by a non-terminating error (GumloopSessionFailed, category InvalidResult) whose TargetObject is the session and whose message carries the failure detail, so a runbook with $ErrorActionPreference = 'Stop' stops there, as it does for a failed flow run.
'@
        StreamTimeoutSec = @'
With -Stream, the longest the whole stream may last, in seconds, reconnections included, before the cmdlet stops with a GumloopTimeout (OperationTimeout) error that names the session and cursor to re-attach with. No limit by default. -TimeoutSec bounds silence only, so a server that keeps sending keep-alives without ever ending the turn is stopped only by this. The agent keeps running either way.
'@
        MaxResumeCount = @'
How many times in a row to reconnect when the stream drops before the turn's final finish event, 0 to 100 (default 3); it applies to streamed calls (-Stream). Each reconnect waits a short, growing, random delay and asks for the events after the last stream cursor received (GET /sessions/{id}?stream=true&last_cursor=...), so nothing is sent twice and no text is repeated. A reconnect that delivers new events resets the count, so a long run on a flaky network survives many short outages. When the count runs out the cmdlet writes a ConnectionError (GumloopNetworkError) naming the session and cursor; the agent keeps running. Silence longer than the connection's -TimeoutSec also counts as a drop, while a long stream that keeps sending complete lines (keep-alives included) is never cut off; -StreamTimeoutSec bounds the whole stream.
'@
        StreamEvents = @'
Writes every event of the stream to the pipeline as a GumloopPS.Core.StreamEvent (Type as sent on the wire, such as text-delta, tool-input-start or finish, plus Delta, MessageId, StreamCursor, Final, FinishReason, Error, ToolName and the hidden RawJson) instead of showing the text and writing the session; with Send-GumloopMessage and New-GumloopSession it needs -Stream. Lets a script react to tool calls and text as they happen. An in-band error event is also written as a non-terminating error (GumloopStreamError).
'@
        WhatIf        = @'
Shows what the cmdlet would do without doing it. No request is sent.
'@
        Confirm       = @'
Asks for confirmation before the cmdlet changes anything.
'@
    }
}
