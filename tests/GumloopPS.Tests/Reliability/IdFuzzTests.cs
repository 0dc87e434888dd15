using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Reliability;

/// <summary>
/// Every id either fails before any request with ArgumentException, or reaches exactly the route it names: the
/// simulator splits the raw path on '/' before unescaping, so its log shows what the server would route on.
/// </summary>
public class IdFuzzTests
{
    public static readonly string[] Ids =
    {
        string.Empty, " ", "\t", "../x", "a/b", "a?b", "a#b", "%2F", "..", ".", "a\\b", "a b",
        "sess_ünïcödé", "日本語", "sess_\U0001F600", "\u200Bzero-width", "a\u0000b", "a\nb", "a\u001Bb", "a\u007Fb",
        "\uD800bad", new string('x', 10_000), string.Concat(Enumerable.Repeat("\U0001F600", 5_000)),
    };

    public static TheoryData<int> IdIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Ids.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private sealed record Operation(string Name, Func<GumloopClient, string, Task> Call, Func<string, string[]> Route);

    private const string Session = SimClient.IdleSession;

    private static readonly Operation[] Operations =
    {
        new("GetSession", (c, id) => c.GetSessionAsync(id, default), id => new[] { "sessions", id }),
        new("GetAgent", (c, id) => c.GetAgentAsync(id, default), id => new[] { "agents", id }),
        new("ListSessions", (c, id) => c.ListSessionsAsync(id, new SessionListQuery(), default), id => new[] { "agents", id, "sessions" }),
        new("CreateSession", (c, id) => c.CreateSessionAsync(id, new CreateSessionRequest { Input = "x" }, default), id => new[] { "agents", id, "sessions" }),
        new("SendMessage", (c, id) => c.SendMessageAsync(id, new SendMessageRequest("x"), default), id => new[] { "sessions", id, "messages" }),
        new("Cancel", (c, id) => c.CancelSessionAsync(id, default), id => new[] { "sessions", id, "cancel" }),
        new("Rename", (c, id) => c.RenameSessionAsync(id, "n", default), id => new[] { "sessions", id }),
        new("GetQueue", (c, id) => c.GetQueueAsync(id, default), id => new[] { "sessions", id, "queue" }),
        new("UpdateQueued", (c, id) => c.UpdateQueuedMessageAsync(Session, id, "x", default), id => new[] { "sessions", Session, "queue", id }),
        new("DeleteQueued", (c, id) => c.DeleteQueuedMessageAsync(Session, id, default), id => new[] { "sessions", Session, "queue", id }),
        new("SendQueued", (c, id) => c.SendQueuedMessageAsync(Session, id, default), id => new[] { "sessions", Session, "queue", id, "send" }),
    };

    [Theory]
    [MemberData(nameof(IdIndexes))]
    public async Task IdIsRejectedOrReachesExactlyItsRoute(int index)
    {
        string id = Ids[index];
        using var ctx = new SimClient();
        GumloopClient client = ctx.NewClient(maxRetryCount: 0);
        var failures = new List<string>();
        foreach (Operation op in Operations)
        {
            ctx.Sim.ClearRequestLog();
            Exception? error = null;
            try
            {
                await op.Call(client, id);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            IReadOnlyList<SimulatorRequest> log = ctx.ApiLog;
            if (log.Count == 0)
            {
                if (error is not ArgumentException)
                {
                    failures.Add($"{op.Name}: no request, but {error?.GetType().Name ?? "no error"}");
                }

                continue;
            }

            if (log.Count != 1)
            {
                failures.Add($"{op.Name}: {log.Count} requests");
                continue;
            }

            string[] expected = op.Route(id);
            string[] actual = log[0].PathSegments.ToArray();
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
            {
                failures.Add($"{op.Name}: reached /{string.Join("/", actual.Select(Show))}");
            }

            if (log[0].Query.Length > 0)
            {
                failures.Add($"{op.Name}: query '{log[0].Query}'");
            }

            if (error is not null && error is not GumloopApiException)
            {
                failures.Add($"{op.Name}: {error.GetType().Name}: {error.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"id '{Show(id)}': " + string.Join("; ", failures));
    }

    private static string Show(string s) => s.Length > 40 ? s.Substring(0, 20) + $"...({s.Length} chars)" : s;
}
