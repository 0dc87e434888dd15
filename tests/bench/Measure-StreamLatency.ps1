#Requires -Version 7.4
<#
.SYNOPSIS
    Measures the latency GumloopPS adds to a streamed reply: time from the call to the first text written,
    against the simulator's own time to the first event, in the same run.
.DESCRIPTION
    Two contenders stream the same kind of turn (Send-GumloopMessage on one session of the in-process
    simulator), alternating run by run so drift on a noisy machine hits both alike:

      floor    a minimal C# HttpClient reader: POSTs to the stream host and timestamps each `event: text-delta`
               line as it arrives. This is what the simulator itself delivers, plus the unavoidable HTTP cost.
      module   Send-GumloopMessage -Stream in a hosted (non-interactive) runspace: the text goes to the
               Information stream, and each record is timestamped as it comes down the pipeline (6>&1). This
               is the full path a user sees: parameter binding, the Core SSE parser, the hop from the
               thread pool to the pipeline thread, and WriteInformation.
      events   the same with -StreamEvents: each StreamEvent object timestamped as it reaches the pipeline.

    Reported per contender (medians over -Runs): time to the first delta, and the mean arrival time of every
    delta. "Added" is module minus floor; the target is under 5 ms per event.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/bench/Measure-StreamLatency.ps1 -ModulePath out/GumloopPS
.EXAMPLE
    $r = & tests/bench/Measure-StreamLatency.ps1 -ModulePath out/GumloopPS -Runs 10 -Quiet; $r.Ratio
#>
[CmdletBinding()]
param(
    # The module folder (or psd1) to measure.
    [Parameter(Mandatory)] [string] $ModulePath,

    # Measured turns per contender, after two warm-up turns each.
    [ValidateRange(1, 1000)] [int] $Runs = 20,

    # Simulator pacing: the time before the reply starts, and between events.
    [ValidateRange(0, 10000)] [int] $ReplyDelayMs = 50,
    [ValidateRange(0, 10000)] [int] $ChunkDelayMs = 10,

    # Returns the result object without printing the summary.
    [switch] $Quiet
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
Import-Module $ModulePath -Force

if (-not ('GumloopPS.Bench.StreamFloor' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace GumloopPS.Bench
{
    /// <summary>The least a client can do: send, then note when each text-delta line arrives.</summary>
    public sealed class StreamFloor : IDisposable
    {
        private readonly HttpClient _http;

        public StreamFloor(string key, string userId)
        {
            _http = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromMinutes(2) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            _http.DefaultRequestHeaders.TryAddWithoutValidation("x-auth-key", userId);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        /// <summary>Milliseconds from the call to each text-delta event, then the total as the last element.</summary>
        public double[] Run(string url, string jsonBody)
        {
            var times = new List<double>();
            long start = Stopwatch.GetTimestamp();
            using (var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(jsonBody, Encoding.UTF8, "application/json") })
            using (var response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                using (var reader = new StreamReader(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult()))
                {
                    string line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (line == "event: text-delta")
                        {
                            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        }
                    }
                }
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return times.ToArray();
        }

        public void Dispose() { _http.Dispose(); }
    }
}
'@
}

function Get-Median([double[]] $Values) {
    if (-not $Values -or $Values.Count -eq 0) { return [double]::NaN }
    $sorted = [double[]]($Values | Sort-Object)
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

$sim = Start-GumloopSimulator -ReplyDelayMs $ReplyDelayMs -ChunkDelayMs $ChunkDelayMs
$runspace = $null
$floor = $null
$connection = $null
try {
    # Built directly rather than with Connect-Gumloop, so a caller's default connection is left alone.
    $options = [GumloopPS.Core.GumloopConnectionOptions]::new()
    $options.BaseUri = $sim.BaseUri
    $options.StreamBaseUri = $sim.StreamBaseUri
    $options.AuthKind = 'ApiKey'
    $options.Secret = $sim.ApiKey
    $options.UserId = $sim.UserId
    $connection = [GumloopPS.Core.GumloopConnection]::new($options)
    $session = New-GumloopSession -AgentId 'r4Ts9Kq2MwX7bLn' -Name 'stream latency' -Connection $connection
    $url = "$($sim.StreamBaseUri.AbsoluteUri.TrimEnd('/'))/sessions/$($session.Id)/messages"
    $floor = [GumloopPS.Bench.StreamFloor]::new([Net.NetworkCredential]::new('', $sim.ApiKey).Password, $sim.UserId)

    # A hosted runspace is non-interactive by definition, so the text goes to the Information stream wherever
    # this script runs, and 6>&1 hands each record to ForEach-Object the moment it is written.
    $iss = [initialsessionstate]::CreateDefault2()
    $iss.ImportPSModule($ModulePath)
    $runspace = [runspacefactory]::CreateRunspace($iss)
    $runspace.Open()
    $runspace.SessionStateProxy.SetVariable('conn', $connection)
    $moduleScript = @'
param($SessionId, [switch] $Events)
$start = [Diagnostics.Stopwatch]::GetTimestamp()
$times = [Collections.Generic.List[double]]::new()
if ($Events) {
    Send-GumloopMessage -Connection $conn -SessionId $SessionId -Input 'Stream latency benchmark turn' -Stream -StreamEvents | ForEach-Object {
        if ($_.Type -eq 'text-delta') { $times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds) }
    }
}
else {
    Send-GumloopMessage -Connection $conn -SessionId $SessionId -Input 'Stream latency benchmark turn' -Stream 6>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.InformationRecord] -and $_.Tags -contains 'GumloopStream') {
            $times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds)
        }
    }
}
$times.Add([Diagnostics.Stopwatch]::GetElapsedTime($start).TotalMilliseconds)
, $times.ToArray()
'@

    function Invoke-ModuleRun([switch] $Events) {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddScript($moduleScript).AddParameter('SessionId', $session.Id)
            if ($Events) { $null = $ps.AddParameter('Events') }
            $result = $ps.Invoke()
            if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0].Exception }
            [double[]]$result[0]
        }
        finally { $ps.Dispose() }
    }

    $body = '{"input":"Stream latency benchmark turn","stream":true}'
    $samples = @{ floor = [Collections.Generic.List[object]]::new(); module = [Collections.Generic.List[object]]::new(); events = [Collections.Generic.List[object]]::new() }
    for ($i = -2; $i -lt $Runs; $i++) {
        # Rotate the order so no contender always runs right after another.
        $names = 'floor', 'module', 'events'
        $k = ($i + 3) % 3
        $order = @($names[$k..2]) + @(if ($k) { $names[0..($k - 1)] })
        foreach ($name in $order) {
            $times = switch ($name) {
                'floor' { $floor.Run($url, $body) }
                'module' { Invoke-ModuleRun }
                'events' { Invoke-ModuleRun -Events }
            }
            if ($i -ge 0) { $samples[$name].Add($times) }
        }
    }

    function Get-Summary($Name) {
        $runsOf = $samples[$Name]
        $first = [double[]]@($runsOf | ForEach-Object { $_[0] })
        # Mean arrival of every delta in a run (the last element is the end of the turn).
        $each = [double[]]@($runsOf | ForEach-Object { ($_[0..($_.Count - 2)] | Measure-Object -Average).Average })
        $deltas = ($runsOf | ForEach-Object { $_.Count - 1 } | Measure-Object -Maximum).Maximum
        [pscustomobject]@{ FirstMs = Get-Median $first; EachMs = Get-Median $each; Deltas = $deltas }
    }

    $f = Get-Summary 'floor'
    $m = Get-Summary 'module'
    $e = Get-Summary 'events'
    $result = [pscustomobject]@{
        Runs                   = $Runs
        ReplyDelayMs           = $ReplyDelayMs
        ChunkDelayMs           = $ChunkDelayMs
        DeltasPerTurn          = $f.Deltas
        FloorFirstDeltaMs      = [Math]::Round($f.FirstMs, 2)
        ModuleFirstDeltaMs     = [Math]::Round($m.FirstMs, 2)
        AddedFirstDeltaMs      = [Math]::Round($m.FirstMs - $f.FirstMs, 2)
        Ratio                  = [Math]::Round($m.FirstMs / $f.FirstMs, 3)
        AddedPerEventMs        = [Math]::Round($m.EachMs - $f.EachMs, 2)
        EventsFirstDeltaMs     = [Math]::Round($e.FirstMs, 2)
        EventsAddedFirstMs     = [Math]::Round($e.FirstMs - $f.FirstMs, 2)
        EventsRatio            = [Math]::Round($e.FirstMs / $f.FirstMs, 3)
        EventsAddedPerEventMs  = [Math]::Round($e.EachMs - $f.EachMs, 2)
        TargetAddedPerEventMs  = 5
    }

    if (-not $Quiet) {
        Write-Host ("Stream latency, median of {0} turns ({1} deltas each; simulator reply delay {2} ms, {3} ms between events)" -f $Runs, $f.Deltas, $ReplyDelayMs, $ChunkDelayMs)
        Write-Host ("  floor  (C# HttpClient reader)         first delta {0,8:N2} ms" -f $f.FirstMs)
        Write-Host ("  Send-GumloopMessage -Stream (text)    first delta {0,8:N2} ms  added {1,6:N2} ms  ratio {2:N3}  added per event {3,6:N2} ms" -f $m.FirstMs, ($m.FirstMs - $f.FirstMs), ($m.FirstMs / $f.FirstMs), ($m.EachMs - $f.EachMs))
        Write-Host ("  Send-GumloopMessage -StreamEvents     first delta {0,8:N2} ms  added {1,6:N2} ms  ratio {2:N3}  added per event {3,6:N2} ms" -f $e.FirstMs, ($e.FirstMs - $f.FirstMs), ($e.FirstMs / $f.FirstMs), ($e.EachMs - $f.EachMs))
        Write-Host "  target: under 5 ms added per event"
    }

    $result
}
finally {
    if ($runspace) { $runspace.Dispose() }
    if ($connection) { $connection.Dispose() }
    if ($floor) { $floor.Dispose() }
    $sim | Stop-GumloopSimulator
}
