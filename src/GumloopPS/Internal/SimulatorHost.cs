using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using GumloopPS.Simulator;

namespace GumloopPS.Internal;

/// <summary>
/// The only place that touches simulator types. Methods are not inlined so the JIT resolves the simulator
/// assembly only when one of them runs, keeping it out of Import-Module.
/// </summary>
internal static class SimulatorHost
{
    private static readonly object s_gate = new();
    private static readonly List<object> s_started = new();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static object Start(int replyDelayMs, int chunkDelayMs, int? concurrencyLimit, bool queueAtLimit)
    {
        var simulator = GumloopSimulator.Start(new SimulatorOptions
        {
            ReplyDelay = TimeSpan.FromMilliseconds(replyDelayMs),
            ChunkDelay = TimeSpan.FromMilliseconds(chunkDelayMs),
            ConcurrencyLimit = concurrencyLimit,
            QueueAtLimit = queueAtLimit,
        });
        lock (s_gate)
        {
            s_started.Add(simulator);
        }

        return simulator;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsSimulator(object value) => value is GumloopSimulator;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Describe(object value) => ((GumloopSimulator)value).BaseUri.ToString();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Stop(object value)
    {
        ((GumloopSimulator)value).Dispose();
        lock (s_gate)
        {
            s_started.Remove(value);
        }
    }

    public static void StopAll()
    {
        object[] all;
        lock (s_gate)
        {
            all = s_started.ToArray();
            s_started.Clear();
        }

        foreach (var simulator in all)
        {
            Stop(simulator);
        }
    }
}
