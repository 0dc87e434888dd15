<#
.SYNOPSIS
    A runbook-style tour of GumloopPS against the built-in simulator.
.DESCRIPTION
    Connects, lists agents, opens a session with a first message, sends two follow-ups, waits for each
    reply, prints the transcript and exports it to CSV and to a self-contained HTML page. Point it at the real service by replacing the
    simulator lines with Connect-Gumloop -ApiKey ... -UserId ...
.EXAMPLE
    ./Demo.ps1 -OutDirectory ./out/demo
#>
param(
    # The module folder to import; defaults to the folder this script ships in.
    [string] $ModulePath = (Split-Path $PSScriptRoot),
    [string] $OutDirectory = (Join-Path (Get-Location) 'gumloop-demo')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

Write-Host '== Starting the offline Gumloop simulator and connecting to it'
$simulator = Start-GumloopSimulator
try {
    $simulator | Connect-Gumloop
    Get-GumloopConnection | Format-List BaseUri, AuthKind, UserId, MaskedKey | Out-Host

    Write-Host '== Agents'
    # The module's own views: they fit an 80-column console without wrapping mid-word.
    Get-GumloopAgent | Out-Host

    Write-Host '== A session with a first message'
    $agent = Get-GumloopAgent -Name 'Renewal*' | Select-Object -First 1
    $session = $agent | New-GumloopSession -Name 'Northwind renewal (demo)' -Input 'Draft a renewal brief for Northwind Traders.' -Wait
    Write-Host "Session $($session.Id) is $($session.State)"

    foreach ($followUp in 'Which risks should the account manager raise?', 'Summarise that in two sentences.') {
        Write-Host "== Follow-up: $followUp"
        $session = Send-GumloopMessage -SessionId $session.Id -Input $followUp -Wait
        Write-Host "Session $($session.Id) is $($session.State)"
    }

    Write-Host '== Transcript'
    $messages = Get-GumloopSession -SessionId $session.Id | Get-GumloopMessage
    $messages | Out-Host

    $null = New-Item -ItemType Directory -Force -Path $OutDirectory
    $csv = Join-Path $OutDirectory 'transcript.csv'
    $messages | Export-Csv -Path $csv -NoTypeInformation

    # The same conversation as a page to read, print or attach to an audit: tool calls fold away, nothing loads
    # from the network. -Force because the demo runs again into the same folder.
    $html = Get-GumloopSession -SessionId $session.Id |
        Export-GumloopTranscript -Path (Join-Path $OutDirectory 'transcript.html') -Format Html -Force
    Write-Host "== Wrote $($html.FullName) ($($html.MessageCount) messages)"
    Write-Host "== Exported $(@($messages).Count) messages to:"
    Write-Output (Resolve-Path $csv).Path
}
finally {
    $simulator | Stop-GumloopSimulator
}
