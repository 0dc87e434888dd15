using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using GumloopPS.Tests.Core;

namespace GumloopPS.Tests.Reliability;

/// <summary>
/// A real simulator on loopback plus a Core client aimed at it. Unlike the fake-handler tests this drives the
/// real socket stack, so resets, stalls and truncated bodies behave as they do in production.
/// </summary>
internal sealed class SimClient : IDisposable
{
    public const string RenewalAgent = "r4Ts9Kq2MwX7bLn";
    public const string InvoiceAgent = "Gz8pD3vN6yHq1Wm";
    public const string IdleSession = "sess_Pb9yE4uL6d";
    public const string CompletedSession = "sess_Vk3nQ8wT2p";

    public SimClient(Action<GumloopConnectionOptions>? configure = null, SimulatorOptions? simOptions = null, bool realDelays = false, int? maxRetryCount = null)
    {
        Sim = GumloopSimulator.Start(simOptions ?? new SimulatorOptions { ReplyDelay = TimeSpan.FromMilliseconds(40) });
        var options = OptionsFor(Sim);
        configure?.Invoke(options);
        Connection = new GumloopConnection(options);
        Client = NewClient(maxRetryCount, realDelays);
    }

    public GumloopSimulator Sim { get; }
    public GumloopConnection Connection { get; }
    public GumloopClient Client { get; }
    public RecordingLog Log { get; } = new RecordingLog();
    public List<TimeSpan> Delays { get; } = new List<TimeSpan>();

    public string Key => Sim.ApiKeyText;

    /// <summary>Connection settings for a simulator's own key and user, for every test that drives one through Core.</summary>
    public static GumloopConnectionOptions OptionsFor(GumloopSimulator sim) => new GumloopConnectionOptions
    {
        BaseUri = sim.BaseUri,
        StreamBaseUri = sim.StreamBaseUri,
        AuthKind = GumloopAuthKind.ApiKey,
        Secret = sim.ApiKey,
        UserId = sim.UserId,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public GumloopClient NewClient(int? maxRetryCount = null, bool realDelays = false)
    {
        var client = new GumloopClient(Connection, Log, maxRetryCount);
        if (!realDelays)
        {
            // Record the computed waits instead of sleeping, so Retry-After of seconds costs nothing.
            client.Delay = (delay, ct) =>
            {
                lock (Delays)
                {
                    Delays.Add(delay);
                }

                return Task.CompletedTask;
            };
        }

        return client;
    }

    public void Fault(string? method, string path, params SimulatorFault[] faults) =>
        Sim.AddFault(new FaultRule(method, path, faults) { Host = "api" });

    public IReadOnlyList<SimulatorRequest> ApiLog => Sim.RequestLog.Where(r => r.Host == "api").ToList();

    public void Dispose()
    {
        Connection.Dispose();
        Sim.Dispose();
    }
}
