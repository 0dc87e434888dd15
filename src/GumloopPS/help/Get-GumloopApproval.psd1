@{
    Synopsis    = 'Gets the pending asks (tool approvals and questions) of Gumloop sessions that wait in approval_required.'
    Description = @'
Get-GumloopApproval gets each session (GET /sessions/{id}) and writes one GumloopPS.Core.PendingApproval per pending ask. An ask is either a tool approval ("may I send this email?", Type tool_approval, with ToolName, ServerLabel and DisplayFields saying what the tool would do) or a question for a person (Type human_input, with Questions listing each question's name and options). Type is the API's string as sent, so new kinds of ask show up unchanged.

A session that is not in approval_required writes nothing: the API lists asks only while the session waits for them.

The session is always fetched again, even when a Session object is piped in, so the asks are current. Session ids bind from the pipeline by value and from the Id or SessionId property of piped objects, so Wait-GumloopSession | Get-GumloopApproval works. Each failure is a non-terminating error whose TargetObject is the session id.

Pipe the asks to Approve-GumloopApproval or Deny-GumloopApproval to answer them.
'@
    Parameters  = @{
        SessionId = 'One or more ids of sessions to read. Takes strings from the pipeline, and the Id or SessionId property of piped objects (sessions, asks). Alias: Id.'
    }
    Examples    = @(
        @{
            Title   = 'See what a session is waiting for'
            Code    = "Get-GumloopApproval -SessionId `$s | Format-List"
            Remarks = 'Shows every pending ask with its title, tool, display fields (for example To and Subject of an email) and questions.'
        }
        @{
            Title   = 'Approve one tool from a runbook'
            Code    = @'
$session = New-GumloopSession -AgentId $agentId -Input 'Email the renewal brief to the account owner.' -Wait
if ($session.State -eq 'approval_required') {
    $session | Get-GumloopApproval | Where-Object ToolName -eq 'gmail_send' | Approve-GumloopApproval -Confirm:$false -Wait
}
'@
            Remarks = '-Wait on New-GumloopSession stops when the agent asks for approval. Only the Gmail send is approved, without a prompt; -Wait then waits for the agent to finish, or returns at once when other asks of the session are still pending.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.PendingApproval' = 'One object per pending ask, with SessionId set so it can be piped to Approve-GumloopApproval or Deny-GumloopApproval.'
    }
    Links       = @('Approve-GumloopApproval', 'Deny-GumloopApproval', 'Wait-GumloopSession')
}
