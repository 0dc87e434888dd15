#Requires -Version 7.4
# -Stream on Send-GumloopMessage and New-GumloopSession, and Receive-GumloopSessionStream, end to end on the simulator.
#
# Where the live text goes depends on the host, so every streaming call runs in a runspace whose host is known:
# a hosted runspace ("Default Host", non-interactive: text to the Information stream) or one with a recording
# host that plays an interactive console (text through Host.UI.Write).

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 30 -ChunkDelayMs 5
    $connection = Get-GumloopConnection
    $renewalId = 'r4Ts9Kq2MwX7bLn'
    $modulePath = (Resolve-Path $env:GUMLOOPPS_TEST_MODULE).Path

    if (-not ('GumloopStreamTests.RecordingHost' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace GumloopStreamTests
{
    /// <summary>Plays an interactive console and records every call that would print to it.</summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingUI _ui = new RecordingUI();
        private readonly Guid _id = Guid.NewGuid();
        public List<string> Calls { get { return _ui.Calls; } }
        public override string Name { get { return "GumloopTestHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return _id; } }
        public override PSHostUserInterface UI { get { return _ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { throw new NotSupportedException(); }
        public override void ExitNestedPrompt() { throw new NotSupportedException(); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class RecordingUI : PSHostUserInterface
    {
        public readonly List<string> Calls = new List<string>();
        private void Add(string kind, string text) { lock (Calls) { Calls.Add(kind + ":" + text); } }
        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override string ReadLine() { throw new NotSupportedException(); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
        public override void Write(string value) { Add("Write", value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Add("Write", value); }
        public override void WriteLine() { Add("WriteLine", ""); }
        public override void WriteLine(string value) { Add("WriteLine", value); }
        public override void WriteLine(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Add("WriteLine", value); }
        public override void WriteErrorLine(string value) { Add("Error", value); }
        public override void WriteDebugLine(string message) { Add("Debug", message); }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { Add("Verbose", message); }
        public override void WriteWarningLine(string message) { Add("Warning", message); }
        public override void WriteInformation(InformationRecord record) { Add("Information", record.MessageData == null ? "" : record.MessageData.ToString()); }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) { throw new NotSupportedException(); }
    }
}
'@
    }

    # A runspace with the module imported and $conn set; with a host, it plays that host, else "Default Host".
    function New-TestRunspace([System.Management.Automation.Host.PSHost] $HostToUse) {
        $iss = [initialsessionstate]::CreateDefault2()
        $iss.ImportPSModule($modulePath)
        $rs = if ($HostToUse) { [runspacefactory]::CreateRunspace($HostToUse, $iss) } else { [runspacefactory]::CreateRunspace($iss) }
        $rs.Open()
        $rs.SessionStateProxy.SetVariable('conn', $connection)
        $rs
    }

    # Runs a script in the runspace and returns its output, errors and information records.
    function Invoke-InRunspace($Runspace, [string] $Script, [hashtable] $Parameters = @{}) {
        $ps = [powershell]::Create()
        $ps.Runspace = $Runspace
        try {
            $null = $ps.AddScript($Script)
            foreach ($key in $Parameters.Keys) { $null = $ps.AddParameter($key, $Parameters[$key]) }
            $output = @($ps.Invoke())
            [pscustomobject]@{
                Output      = $output
                Errors      = @($ps.Streams.Error)
                Information = @($ps.Streams.Information)
                Verbose     = @($ps.Streams.Verbose)
            }
        }
        finally { $ps.Dispose() }
    }

    function Get-LastAssistantText([string] $SessionId) {
        (Get-GumloopSession -SessionId $SessionId | Get-GumloopMessage -Role assistant | Select-Object -Last 1).Text
    }

    function Join-StreamText($Information) {
        ($Information | Where-Object { $_.Tags -contains 'GumloopStream' } | ForEach-Object { [string]$_.MessageData }) -join ''
    }

    $quiet = New-TestRunspace
}

AfterAll {
    if ($quiet) { $quiet.Dispose() }
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Send-GumloopMessage -Stream in a non-interactive host' {
    BeforeAll {
        $session = New-GumloopSession -AgentId $renewalId -Name 'stream tests'
        $run = Invoke-InRunspace $quiet 'param($id) $s = Send-GumloopMessage -Connection $conn -SessionId $id -Input ''Summarise the Northwind account for me'' -Stream; $s' @{ id = $session.Id }
        $fetched = Get-GumloopSession -SessionId $session.Id
    }

    It 'writes only the session to the output stream' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output[0] | Should -BeOfType ([GumloopPS.Core.Session])
    }

    It 'returns the same session as Get-GumloopSession' {
        $streamed = $run.Output[0]
        $streamed.State | Should -BeExactly 'completed'
        $streamed.GetRawJson() | Should -BeExactly $fetched.GetRawJson()
    }

    It 'writes the text, in order, to the Information stream tagged GumloopStream' {
        $records = @($run.Information | Where-Object { $_.Tags -contains 'GumloopStream' })
        $records.Count | Should -BeGreaterThan 1 -Because 'each chunk is its own record, written as it arrives'
        Join-StreamText $run.Information | Should -BeExactly (Get-LastAssistantText $session.Id)
    }

    It 'sends the message once, with stream:true, to the stream host' {
        $sim.ClearRequestLog()
        $null = Invoke-InRunspace $quiet 'param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input ''again'' -Stream' @{ id = $session.Id }
        $posts = @($sim.RequestLog | Where-Object Method -eq 'POST')
        $posts.Count | Should -Be 1
        $posts[0].Host | Should -BeExactly 'stream'
        $posts[0].Path | Should -Match "/sessions/$($session.Id)/messages$"
    }
}

Describe 'New-GumloopSession -Stream in an interactive host' {
    BeforeAll {
        $recordingHost = [GumloopStreamTests.RecordingHost]::new()
        $loud = New-TestRunspace $recordingHost
        $run = Invoke-InRunspace $loud '$s = New-GumloopSession -Connection $conn -AgentId r4Ts9Kq2MwX7bLn -Input ''Draft a renewal brief for Northwind Traders'' -Stream; $s'
        $calls = @($recordingHost.Calls)
    }

    AfterAll { $loud.Dispose() }

    It 'captures only the session in $s' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output[0] | Should -BeOfType ([GumloopPS.Core.Session])
        $run.Information | Should -BeNullOrEmpty -Because 'the text went to the host, not the Information stream'
    }

    It 'shows the session id before the first token' {
        $calls[0] | Should -BeExactly "WriteLine:Session $($run.Output[0].Id)"
        $calls[1] | Should -BeLike 'Write:*'
    }

    It 'writes the deltas on one growing line and ends it with one newline' {
        $text = @($calls | Select-Object -Skip 1)
        $writes = @($text | Select-Object -SkipLast 1)
        $writes.Count | Should -BeGreaterThan 1
        $writes | ForEach-Object { $_ | Should -BeLike 'Write:*' }
        $text[-1] | Should -BeExactly 'WriteLine:'
        (($writes | ForEach-Object { $_.Substring(6) }) -join '') | Should -BeExactly (Get-LastAssistantText $run.Output[0].Id)
    }

    It 'writes -StreamEvents to the pipeline and nothing to the host' {
        $recordingHost.Calls.Clear()
        $events = Invoke-InRunspace $loud 'New-GumloopSession -Connection $conn -AgentId r4Ts9Kq2MwX7bLn -Input ''Events please'' -Stream -StreamEvents'
        @($recordingHost.Calls) | Should -BeNullOrEmpty
        $events.Output.Count | Should -BeGreaterThan 5
    }
}

Describe '-StreamEvents' {
    BeforeAll {
        $run = Invoke-InRunspace $quiet 'New-GumloopSession -Connection $conn -AgentId r4Ts9Kq2MwX7bLn -Input ''Look it up sim:tool'' -Stream -StreamEvents'
        $events = @($run.Output)
    }

    It 'writes one typed StreamEvent per event, with the wire type names, in order' {
        $run.Errors | Should -BeNullOrEmpty
        $events | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.StreamEvent]) }
        $events[0..4].Type | Should -Be @('interaction-ready', 'tool-input-start', 'tool-input-available', 'tool-output-available', 'text-start')
        $events[-3..-1].Type | Should -Be @('text-end', 'finish', 'finish')
        $events[-2].Final | Should -BeFalse
        $events[-1].Final | Should -BeTrue
        $events[-1].FinishReason | Should -BeExactly 'stop'
        $events[1].ToolName | Should -Not -BeNullOrEmpty
    }

    It 'writes no session and no Information records' {
        @($events | Where-Object { $_ -is [GumloopPS.Core.Session] }) | Should -BeNullOrEmpty
        $run.Information | Should -BeNullOrEmpty
    }

    It 'carries the text in the Delta of text-delta events' {
        $sessionId = $events[0].SessionId
        (($events | Where-Object Type -eq 'text-delta').Delta -join '') | Should -BeExactly (Get-LastAssistantText $sessionId)
        $events | ForEach-Object { $_.SessionId | Should -BeExactly $sessionId }
    }

    It 'keeps RawJson readable but out of Get-Member, Format-List * and Export-Csv' {
        $event = $events[0]
        $event.RawJson | Should -Match '"type":"interaction-ready"'
        ($event | Get-Member -Name RawJson) | Should -BeNullOrEmpty
        ($event | Format-List * | Out-String) | Should -Not -Match 'RawJson'
        ($event | ConvertTo-Csv)[0] | Should -Not -Match 'RawJson'
        ($event | ConvertTo-Csv)[0] | Should -Match '"Type"'
    }

    It 'is shown with the StreamEvent table view' {
        $out = $events | Out-String -Width 200
        $out | Should -Match '\bFinishReason\b'
        $out | Should -Not -Match 'RawJson'
    }
}

Describe 'Resuming a dropped stream' {
    BeforeAll {
        $session = New-GumloopSession -AgentId $renewalId -Name 'resume tests'
    }

    It 'resumes after the connection drops after <_> events, with no duplicated or missing text' -ForEach 2, 3, 5 {
        $sim.ClearRequestLog()
        $run = Invoke-InRunspace $quiet 'param($id, $n) Send-GumloopMessage -Connection $conn -SessionId $id -Input "A long answer please sim:drop-after=$n" -Stream -Verbose' @{ id = $session.Id; n = $_ }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output[0].State | Should -BeExactly 'completed'
        Join-StreamText $run.Information | Should -BeExactly (Get-LastAssistantText $session.Id)
        @($run.Verbose | Where-Object { "$_" -match 'resuming after cursor' }).Count | Should -Be 1

        $log = @($sim.RequestLog)
        @($log | Where-Object Method -eq 'POST').Count | Should -Be 1 -Because 'the message is never sent again'
        $resume = @($log | Where-Object { $_.Method -eq 'GET' -and $_.Host -eq 'stream' })
        $resume.Count | Should -Be 1
        $resume[0].Query | Should -Match 'stream=true'
        $resume[0].Query | Should -Match 'last_cursor='
    }

    It 'completes the text from the session when the run ended before the resume (not_resumable)' {
        $window = $sim.Options.ResumeWindow
        $sim.Options.ResumeWindow = [TimeSpan]::Zero
        try {
            $run = Invoke-InRunspace $quiet 'param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input "Finish while I am away sim:drop-after=3" -Stream' @{ id = $session.Id }
        }
        finally { $sim.Options.ResumeWindow = $window }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].State | Should -BeExactly 'completed'
        Join-StreamText $run.Information | Should -BeExactly (Get-LastAssistantText $session.Id)
    }

    It 'reports the lost stream with the way back when -MaxResumeCount is 0' {
        $run = Invoke-InRunspace $quiet 'param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input "drop me sim:drop-after=3" -Stream -MaxResumeCount 0' @{ id = $session.Id }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNetworkError*'
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match "Receive-GumloopSessionStream -SessionId $($session.Id) -Cursor \S+"
        $null = Wait-GumloopSession -SessionId $session.Id -TimeoutSec 30
    }
}

Describe 'In-band error' {
    It 'becomes a non-terminating error carrying the message, and the session is still written' {
        $session = New-GumloopSession -AgentId $renewalId
        $run = Invoke-InRunspace $quiet 'param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input "Break sim:stream-error" -Stream' @{ id = $session.Id }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopStreamError*'
        $run.Errors[0].Exception.Message | Should -Match 'The model provider timed out\.'
        $run.Errors[0].TargetObject | Should -BeExactly $session.Id
        $run.Output.Count | Should -Be 1
        $run.Output[0].State | Should -BeExactly 'failed'
        Join-StreamText $run.Information | Should -Not -BeNullOrEmpty
    }

    It 'stops the command under -ErrorAction Stop' {
        $session = New-GumloopSession -AgentId $renewalId
        $run = Invoke-InRunspace $quiet 'param($id) try { Send-GumloopMessage -Connection $conn -SessionId $id -Input "Break sim:stream-error" -Stream -ErrorAction Stop; "not reached" } catch { "caught: " + $_.FullyQualifiedErrorId }' @{ id = $session.Id }
        $run.Output | Should -HaveCount 1
        $run.Output[0] | Should -BeLike 'caught: GumloopStreamError*'
    }
}

Describe 'Ctrl+C during a stream' {
    It 'stops within a second, closes the connection and leaves the session usable' {
        $session = New-GumloopSession -AgentId $renewalId -Name 'ctrl-c'
        $ps = [powershell]::Create()
        $ps.Runspace = $quiet
        $null = $ps.AddScript('param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input "slow sim:keepalive sim:stall=3000" -Stream -StreamEvents').AddParameter('id', $session.Id)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ($output.Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
            $output.Count | Should -BeGreaterThan 0 -Because 'the stream had started'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            $watch.ElapsedMilliseconds | Should -BeLessThan 1000
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            @($output | Where-Object { $_.Type -eq 'finish' }) | Should -BeNullOrEmpty -Because 'it stopped mid-stream'
        }
        finally {
            $ps.Dispose()
        }

        # The agent kept running: the session finishes and takes the next message.
        $done = Wait-GumloopSession -SessionId $session.Id -TimeoutSec 30
        $done.State | Should -BeExactly 'completed'
        $next = Invoke-InRunspace $quiet 'param($id) Send-GumloopMessage -Connection $conn -SessionId $id -Input "still there?" -Stream' @{ id = $session.Id }
        $next.Errors | Should -BeNullOrEmpty
        $next.Output[0].State | Should -BeExactly 'completed'
    }
}

Describe 'Wrong streaming host' {
    It 'says which -StreamBaseUri to use' {
        # Streams sent to the REST host, which refuses them.
        $wrong = Connect-Gumloop -BaseUri $sim.BaseUri -StreamBaseUri $sim.BaseUri -ApiKey $sim.ApiKey -UserId $sim.UserId -PassThru
        $sim | Connect-Gumloop
        $session = New-GumloopSession -AgentId $renewalId
        $run = Invoke-InRunspace $quiet 'param($c, $id) Send-GumloopMessage -Connection $c -SessionId $id -Input "hello" -Stream' @{ c = $wrong; id = $session.Id }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopStreamWrongHost*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $run.Errors[0].Exception.Message | Should -Match ([regex]::Escape("-StreamBaseUri '$($sim.StreamBaseUri.AbsoluteUri.TrimEnd('/'))'"))
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'StreamBaseUri'
        (Get-GumloopSession -SessionId $session.Id).State | Should -BeExactly 'idle' -Because 'nothing was sent to the agent'
    }
}

Describe 'Receive-GumloopSessionStream' {
    It 'attaches to a running session and writes its text and the final session' {
        $session = New-GumloopSession -AgentId $renewalId -Input 'Started elsewhere sim:delay=400'
        $run = Invoke-InRunspace $quiet 'param($id) Receive-GumloopSessionStream -Connection $conn -SessionId $id' @{ id = $session.Id }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output[0].State | Should -BeExactly 'completed'
        Join-StreamText $run.Information | Should -BeExactly (Get-LastAssistantText $session.Id)
        @($sim.RequestLog | Where-Object { $_.Method -eq 'POST' -and $_.Path -like "*$($session.Id)*" }).Count | Should -Be 0
    }

    It 'continues after a cursor taken from a piped event' {
        # Select-Object -First stops the first stream early, like Ctrl+C; the run goes on.
        $head = Invoke-InRunspace $quiet 'New-GumloopSession -Connection $conn -AgentId r4Ts9Kq2MwX7bLn -Input "Piece by piece" -Stream -StreamEvents | Select-Object -First 3'
        $session = [pscustomobject]@{ Id = $head.Output[0].SessionId }
        $last = @($head.Output | Where-Object StreamCursor)[-1]
        $rest = Invoke-InRunspace $quiet 'param($e) $e | Receive-GumloopSessionStream -Connection $conn -StreamEvents' @{ e = $last }
        $rest.Errors | Should -BeNullOrEmpty
        $all = @($head.Output + $rest.Output)
        (($all | Where-Object Type -eq 'text-delta').Delta -join '') | Should -BeExactly (Get-LastAssistantText $session.Id)
        @($all | Where-Object Type -eq 'interaction-ready').Count | Should -Be 1
    }

    It 'writes a session that is not running as it stands' {
        $run = Invoke-InRunspace $quiet 'Receive-GumloopSessionStream -Connection $conn -SessionId sess_Vk3nQ8wT2p'
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 1
        $run.Output[0].Id | Should -BeExactly 'sess_Vk3nQ8wT2p'
        $run.Information | Should -BeNullOrEmpty
    }

    It 'with -StreamEvents writes the not_resumable finish' {
        $run = Invoke-InRunspace $quiet 'Receive-GumloopSessionStream -Connection $conn -SessionId sess_Vk3nQ8wT2p -StreamEvents'
        $run.Output.Count | Should -Be 1
        $run.Output[0].FinishReason | Should -BeExactly 'not_resumable'
    }

    It 'reports an unknown session as not found' {
        $run = Invoke-InRunspace $quiet 'Receive-GumloopSessionStream -Connection $conn -SessionId sess_doesnotexist'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
    }
}

Describe 'Parameters' {
    It 'New-GumloopSession -Stream requires -Input' {
        $parameter = (Get-Command New-GumloopSession).Parameters['Input']
        $parameter.ParameterSets['Stream'].IsMandatory | Should -BeTrue
        $parameter.ParameterSets['Default'].IsMandatory | Should -BeFalse
        { New-GumloopSession -AgentId $renewalId -Stream -Input $null -ErrorAction Stop } | Should -Throw
    }

    It '<_> cannot combine -Stream with -Wait' -ForEach 'Send-GumloopMessage', 'New-GumloopSession' {
        $command = $_
        { & $command -Id 'x' -Input 'y' -Stream -Wait -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It '<_> declares StreamEvent as an output type' -ForEach 'Send-GumloopMessage', 'New-GumloopSession', 'Receive-GumloopSessionStream' {
        (Get-Command $_).OutputType.Name | Should -Contain 'GumloopPS.Core.StreamEvent'
        (Get-Command $_).OutputType.Name | Should -Contain 'GumloopPS.Core.Session'
    }

    It 'Send-GumloopMessage -Stream -WhatIf sends nothing' {
        $sim.ClearRequestLog()
        Send-GumloopMessage -SessionId 'sess_Pb9yE4uL6d' -Input 'x' -Stream -WhatIf
        @($sim.RequestLog) | Should -BeNullOrEmpty
    }
}
