#Requires -Version 7.4
<#
.SYNOPSIS
    Hosts the simulator in a process of its own for Invoke-Benchmarks.ps1, so that neither its work nor its GC
    lands in a measured process.
.DESCRIPTION
    Seeds one session of each export size (a 1,000,000-message one is generated as it is sent, by a fault rule),
    writes its address, key and session ids as one JSON line on stdout, then answers lines on stdin:
    'stats' prints the simulator's service time as a JSON line; 'quit' stops it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ExportSizes = '1000,10000',
    [int] $ReplyDelayMs = 50,
    [int] $GeneratedRequests = 40
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$sim = Start-GumloopSimulator -ReplyDelayMs $ReplyDelayMs
$agentId = 'r4Ts9Kq2MwX7bLn'
$sessions = [ordered]@{ warm = $sim.SeedSession($agentId, 100) }
foreach ($size in $ExportSizes -split ',' | ForEach-Object { [int]$_ }) {
    if ($size -ge 1000000) {
        # A million seeded messages would cost the server hundreds of MB; generated ones cost nothing. Each export
        # reads the body twice (the session's fields come after the messages), and every read takes one fault.
        $id = "sess_generated_$size"
        $faults = [GumloopPS.Simulator.SimulatorFault[]]@(1..$GeneratedRequests | ForEach-Object { [GumloopPS.Simulator.SimulatorFault]::HugeTranscript($size) })
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', "/sessions/$id", $faults))
        $sessions["$size"] = $id
    }
    else {
        $sessions["$size"] = $sim.SeedSession($agentId, $size)
    }
}

[Console]::Out.WriteLine((@{
            baseUri = $sim.BaseUri.AbsoluteUri.TrimEnd('/'); streamBaseUri = $sim.StreamBaseUri.AbsoluteUri.TrimEnd('/')
            apiKey = [Net.NetworkCredential]::new('', $sim.ApiKey).Password; userId = $sim.UserId; sessions = $sessions
        } | ConvertTo-Json -Compress))
[Console]::Out.Flush()
try {
    while ($null -ne ($line = [Console]::In.ReadLine())) {
        if ($line -eq 'quit') { break }
        if ($line -eq 'stats') {
            $s = $sim.ServiceTime
            [Console]::Out.WriteLine((@{ count = $s.RequestCount; totalMs = $s.TotalMilliseconds; maxMs = $s.MaxMilliseconds } | ConvertTo-Json -Compress))
            [Console]::Out.Flush()
        }
    }
}
finally {
    $sim | Stop-GumloopSimulator -Confirm:$false
}
