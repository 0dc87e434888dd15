#Requires -Version 7.4
# Connect-Gumloop at an interactive prompt and in a runbook, -Validate under -ErrorAction, team-key text, and
# New-GumloopConnection.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $saved = Save-GumloopEnv

    # A host that answers prompts like a person at a console would, and records what it was asked.
    if (-not ('GumloopTests.AnsweringHost' -as [type])) {
        Add-Type -ReferencedAssemblies System.Management.Automation, System.Security.Cryptography, System.Runtime, System.Collections, System.Console -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
namespace GumloopTests {
public sealed class AnsweringUI : PSHostUserInterface {
    public string UserId = ""; public string Key = ""; public List<string> Asked = new List<string>(); public string Caption = ""; public string Message = "";
    public override PSHostRawUserInterface RawUI => null;
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) {
        Caption = caption; Message = message;
        var r = new Dictionary<string, PSObject>();
        foreach (var d in descriptions) {
            Asked.Add(d.Name + ":" + d.ParameterTypeFullName);
            if (d.ParameterTypeFullName == typeof(SecureString).FullName) { var s = new SecureString(); foreach (var c in Key) s.AppendChar(c); r[d.Name] = new PSObject(s); }
            else r[d.Name] = new PSObject(UserId);
        }
        return r;
    }
    public override int PromptForChoice(string c, string m, Collection<ChoiceDescription> ch, int d) => d;
    public override PSCredential PromptForCredential(string c, string m, string u, string t) => throw new NotSupportedException();
    public override PSCredential PromptForCredential(string c, string m, string u, string t, PSCredentialTypes a, PSCredentialUIOptions o) => throw new NotSupportedException();
    public override string ReadLine() => "";
    public override SecureString ReadLineAsSecureString() => new SecureString();
    public override void Write(string v) { } public override void Write(ConsoleColor f, ConsoleColor b, string v) { } public override void WriteLine(string v) { }
    public override void WriteDebugLine(string m) { } public override void WriteErrorLine(string v) { } public override void WriteProgress(long s, ProgressRecord r) { }
    public override void WriteVerboseLine(string m) { } public override void WriteWarningLine(string m) { }
}
public sealed class AnsweringHost : PSHost {
    private readonly Guid _id = Guid.NewGuid();
    public AnsweringUI Answers = new AnsweringUI();
    public override string Name => "AnsweringHost";
    public override Version Version => new Version(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => Answers;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override void SetShouldExit(int exitCode) { } public override void EnterNestedPrompt() { } public override void ExitNestedPrompt() { }
    public override void NotifyBeginApplication() { } public override void NotifyEndApplication() { }
}
}
'@
    }

    function Invoke-InHost($HostObject, [string] $Script) {
        $runspace = [runspacefactory]::CreateRunspace($HostObject)
        $runspace.Open()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript("Import-Module '$env:GUMLOOPPS_TEST_MODULE'; $Script")
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose(); $runspace.Dispose() }
    }
}

AfterAll {
    Restore-GumloopEnv $saved
    $sim | Stop-GumloopSimulator
    Disconnect-Gumloop
}

Describe 'Connect-Gumloop with nothing configured' {
    It 'at an interactive prompt asks for the user id and the key (as a SecureString) and connects' {
        $h = [GumloopTests.AnsweringHost]::new()
        $h.Answers.UserId = $sim.UserId
        $h.Answers.Key = Get-Plain $sim.ApiKey
        $result = Invoke-InHost $h "Connect-Gumloop -BaseUri '$($sim.BaseUri)' -Validate -PassThru"
        $result.Errors | Should -BeNullOrEmpty
        $h.Answers.Asked | Should -Be @('UserId:System.String', 'ApiKey:System.Security.SecureString')
        $h.Answers.Message | Should -Match 'team'
        $result.Output[0].UserId | Should -BeExactly $sim.UserId
    }

    It 'in a non-interactive host fails with GumloopNoCredential and advice' {
        $result = Invoke-Capture { Connect-Gumloop }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNoCredential,*'
        $result.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'GUMLOOP_API_KEY'
    }
}

Describe 'Connect-Gumloop -Validate and -ErrorAction' {
    It '-ErrorAction SilentlyContinue hides a failed validation and keeps the previous default' {
        $sim | Connect-Gumloop
        $bad = ConvertTo-SecureString 'gl_sk_wrong_key_silently_1234' -AsPlainText -Force
        $out = Connect-Gumloop -ApiKey $bad -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate -ErrorAction SilentlyContinue -ErrorVariable ev 2>&1
        $out | Should -BeNullOrEmpty
        $ev.Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'GumloopValidationFailed,*'
        (Get-GumloopConnection).UserId | Should -BeExactly $sim.UserId
        Get-GumloopAgent | Should -Not -BeNullOrEmpty
    }

    It '-ErrorAction Stop makes it terminating' {
        $bad = ConvertTo-SecureString 'gl_sk_wrong_key_stop_12345678' -AsPlainText -Force
        { Connect-Gumloop -ApiKey $bad -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate -ErrorAction Stop } | Should -Throw -ErrorId 'GumloopValidationFailed*'
    }
}

Describe 'Team keys need the acting member''s user id' {
    It 'the help of -ApiKey and -UserId and about_GumloopPS say so' {
        $help = Get-Help Connect-Gumloop -Full
        ($help.parameters.parameter | Where-Object name -eq 'ApiKey').description.Text | Should -Match 'team key needs -TeamId and also -UserId'
        ($help.parameters.parameter | Where-Object name -eq 'UserId').description.Text | Should -Match 'team member'
        $about = Get-Content -Raw (Join-Path $env:GUMLOOPPS_TEST_MODULE 'en-US/about_GumloopPS.help.txt')
        $about | Should -Match '-ApiKey \.\.\. -UserId <id> -TeamId <id>'
    }

    It 'the prompt for a missing -UserId explains it' {
        $attribute = (Get-Command Connect-Gumloop).Parameters['UserId'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ParameterSetName -eq 'ApiKey' }
        $attribute.HelpMessage | Should -Match 'team key'
    }
}

Describe 'New-GumloopConnection' {
    It 'returns a connection without replacing the default' {
        $sim | Connect-Gumloop
        $before = Get-GumloopConnection
        $token = $sim.CreateAccessToken()
        $second = New-GumloopConnection -AccessToken $token -BaseUri $sim.BaseUri
        $second | Should -BeOfType ([GumloopPS.Core.GumloopConnection])
        $second.AuthKind | Should -BeExactly 'AccessToken'
        (Get-GumloopConnection).AuthKind | Should -BeExactly $before.AuthKind
        [object]::ReferenceEquals((Get-GumloopConnection), $before) | Should -BeTrue
        Get-GumloopAgent -Connection $second | Should -Not -BeNullOrEmpty
    }

    It 'takes the same parameters as Connect-Gumloop, from one shared base' {
        # The browser sign-in (-Interactive and its own parameters) sets the default connection, so only Connect-Gumloop has it.
        $interactiveOnly = 'Interactive', 'ClientId', 'Scope', 'RedirectUri', 'NoBrowser', 'SignInTimeoutSec'
        $connect = (Get-Command Connect-Gumloop).Parameters.Keys | Where-Object { $_ -ne 'PassThru' -and $_ -notin $interactiveOnly } | Sort-Object
        $new = (Get-Command New-GumloopConnection).Parameters.Keys | Where-Object { $_ -notin 'WhatIf', 'Confirm' } | Sort-Object
        $new | Should -Be $connect
        (Get-Command New-GumloopConnection).ImplementingType.BaseType | Should -Be (Get-Command Connect-Gumloop).ImplementingType.BaseType
    }

    It 'a failed -Validate writes a non-terminating error and returns nothing' {
        $bad = ConvertTo-SecureString 'gl_sk_wrong_key_new_conn_123' -AsPlainText -Force
        $result = Invoke-Capture { New-GumloopConnection -ApiKey $bad -UserId $sim.UserId -BaseUri $sim.BaseUri -Validate }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopValidationFailed,*'
    }

    It 'ConvertTo-Json of a connection writes AuthKind as a name' {
        (Get-GumloopConnection | ConvertTo-Json) | Should -Match '"AuthKind":\s*"ApiKey"'
    }
}
