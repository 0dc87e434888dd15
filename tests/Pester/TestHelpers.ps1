# Helpers shared by tests/Pester/*.Tests.ps1. Each file dot-sources this from its top-level BeforeAll, so the
# functions live in that file's scope and find its $sim (and other variables) the way its own helpers do; a
# module would give them a session state of their own, where $sim is not visible.

# The runner points GUMLOOPPS_TEST_MODULE at the built module, so no file ever tests the source tree.
Import-Module $env:GUMLOOPPS_TEST_MODULE -Force

# Starts a simulator and makes it the session's default connection; 50 ms replies (the simulator's own default is
# 150) keep the suite quick.
function Start-TestSimulator([int] $ReplyDelayMs = 50, [int] $ChunkDelayMs) {
    # A default value is not a bound parameter, but the simulator must get this one rather than its own.
    $PSBoundParameters.ReplyDelayMs = $ReplyDelayMs
    $simulator = Start-GumloopSimulator @PSBoundParameters
    $simulator | Connect-Gumloop
    $simulator
}

# Runs a script block and keeps its output, errors (terminating or not), warnings and verbose lines apart.
function Invoke-Capture([scriptblock] $Script) {
    # The runner sets $ErrorActionPreference = 'Stop'; non-terminating errors must stay non-terminating here.
    $ErrorActionPreference = 'Continue'
    $errors = [System.Collections.Generic.List[object]]::new()
    $output = [System.Collections.Generic.List[object]]::new()
    $warnings = [System.Collections.Generic.List[object]]::new()
    $verbose = [System.Collections.Generic.List[string]]::new()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    try {
        & $Script 2>&1 3>&1 4>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) }
            elseif ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add($_) }
            elseif ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) }
            else { $output.Add($_) }
        }
    }
    catch {
        $errors.Add($_)
    }
    $sw.Stop()
    [pscustomobject]@{
        Output   = $output.ToArray()
        Errors   = $errors.ToArray()
        Warnings = $warnings.ToArray()
        Verbose  = $verbose.ToArray()
        Seconds  = $sw.Elapsed.TotalSeconds
    }
}

# The requests the simulator logged with this method and a path matching the wildcard.
function Get-Request([string] $Method, [string] $PathLike) {
    @($sim.RequestLog | Where-Object { $_.Method -eq $Method -and $_.Path -like $PathLike })
}

# The requests that reached the API host (the stream host logs its own).
function Get-ApiLog { @($sim.RequestLog | Where-Object Host -eq 'api') }

function Get-Plain([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

# The GUMLOOP_* variables are process-wide and a connection of last resort: a file whose tests need them absent
# saves and clears them in BeforeAll and restores them in AfterAll.
$gumloopEnvNames = 'GUMLOOP_API_KEY', 'GUMLOOP_ACCESS_TOKEN', 'GUMLOOP_USER_ID', 'GUMLOOP_TEAM_ID', 'GUMLOOP_BASE_URL', 'GUMLOOP_STREAM_URL'

function Clear-GumloopEnv {
    foreach ($name in $gumloopEnvNames) { [Environment]::SetEnvironmentVariable($name, $null) }
}

function Save-GumloopEnv {
    $saved = @{}
    foreach ($name in $gumloopEnvNames) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    Clear-GumloopEnv
    $saved
}

function Restore-GumloopEnv([hashtable] $Saved) {
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

# Writes one file's counts to out/test-metrics/<Name>.json, where the issue's closing table reads them.
function Save-TestMetrics([string] $Name, $Metrics) {
    $dir = Join-Path $PSScriptRoot '../../out/test-metrics'
    $null = New-Item -ItemType Directory -Force -Path $dir
    $Metrics | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $dir "$Name.json")
}

# The executable and leading arguments that start a fresh pwsh the way this one was started: pwsh itself, or
# `dotnet pwsh`, whose process is dotnet and needs pwsh.dll as its first argument.
function Get-ChildPwsh {
    $exe = [Environment]::ProcessPath
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    [pscustomobject]@{ Path = $exe; Arguments = $prefix }
}

# A host that records every prompt and everything written to it; it reports an interactive name, so -Stream
# writes the live text through Host.UI.Write.
if (-not ('GumloopPSTests.TextRecordingHost' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace GumloopPSTests
{
public sealed class TextRecordingHost : PSHost
{
    private readonly TextRecordingUI _ui = new TextRecordingUI();
    public List<string> Prompts { get { return _ui.Prompts; } }
    public string Written { get { lock (_ui.Text) { return _ui.Text.ToString(); } } }
    public int Answer { get { return _ui.Answer; } set { _ui.Answer = value; } }
    public override string Name { get { return "TextRecordingHost"; } }
    public override Version Version { get { return new Version(1, 0); } }
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI { get { return _ui; } }
    public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
    public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() { throw new NotSupportedException(); }
    public override void ExitNestedPrompt() { }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

public sealed class TextRecordingUI : PSHostUserInterface
{
    public readonly List<string> Prompts = new List<string>();
    public readonly StringBuilder Text = new StringBuilder();
    public int Answer;
    private void Add(string value) { lock (Text) { Text.Append(value); } }
    public override PSHostRawUserInterface RawUI { get { return null; } }
    public override string ReadLine() { return string.Empty; }
    public override SecureString ReadLineAsSecureString() { return new SecureString(); }
    public override void Write(string value) { Add(value); }
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Add(value); }
    public override void WriteLine(string value) { Add(value + "\n"); }
    public override void WriteErrorLine(string value) { Add(value + "\n"); }
    public override void WriteDebugLine(string message) { Add(message + "\n"); }
    public override void WriteProgress(long sourceId, ProgressRecord record) { Add(record.Activity + " " + record.StatusDescription + "\n"); }
    public override void WriteVerboseLine(string message) { Add(message + "\n"); }
    public override void WriteWarningLine(string message) { Add(message + "\n"); }
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        lock (Prompts) { Prompts.Add(caption + "\n" + message); }
        return Answer;
    }
}
}
'@
}

# Runs $Script in a runspace on the recording host; $Answer 0 = Yes, 2 = No.
function Invoke-OnTextHost([string] $Script, [int] $Answer = 2, [hashtable] $Arguments = @{}) {
    $recorder = [GumloopPSTests.TextRecordingHost]::new()
    $recorder.Answer = $Answer
    $runspace = [runspacefactory]::CreateRunspace($recorder)
    $runspace.Open()
    try {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        # Every argument is a parameter of the script, beside the module and the connection.
        $names = @('Module', 'Connection', 'Json', 'Text') + @($Arguments.Keys | Where-Object { $_ -notin 'Module', 'Connection', 'Json', 'Text' })
        $null = $ps.AddScript("param($(($names | ForEach-Object { "`$$_" }) -join ', ')) Import-Module `$Module; $Script")
        $null = $ps.AddParameter('Module', $env:GUMLOOPPS_TEST_MODULE).AddParameter('Connection', $connection)
        foreach ($key in $Arguments.Keys) { $null = $ps.AddParameter($key, $Arguments[$key]) }
        $output = $ps.Invoke()
        [pscustomobject]@{ Output = @($output); Prompts = @($recorder.Prompts); Written = $recorder.Written; Errors = @($ps.Streams.Error) }
    }
    finally {
        $runspace.Dispose()
    }
}
