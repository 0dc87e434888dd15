using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>
/// Completes values read from the service. The prompt waits at most <see cref="Budget"/> for an answer; a slower
/// read goes on in the background (up to <see cref="HardTimeout"/>) and fills a short-lived cache, so the next Tab
/// is instant. Nothing here ever throws into the completion engine.
/// </summary>
public abstract class RemoteCompleter<T> : IArgumentCompleter
{
    internal static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(900);
    private static readonly TimeSpan HardTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<T> Items)> s_cache = new();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var connection = ResolveConnection(fakeBoundParameters);
            if (connection is null)
            {
                return Array.Empty<CompletionResult>();
            }

            var scope = Scope(fakeBoundParameters);
            var items = Read(connection, GetType().Name + "\u0001" + scope, (client, ct) => FetchAsync(client, scope, ct));
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return items.Where(i => Matches(i, word)).Select(ToResult).ToList();
        }
        catch (Exception)
        {
            // A completer that throws breaks Tab for the whole line; completing nothing is always better.
            return Array.Empty<CompletionResult>();
        }
    }

    /// <summary>Narrows the read by other parameters already typed (for example -AgentId); part of the cache key.</summary>
    private protected virtual string? Scope(IDictionary fakeBoundParameters) => null;

    private protected abstract Task<IReadOnlyList<T>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct);

    private protected abstract bool Matches(T item, string word);

    private protected abstract CompletionResult ToResult(T item);

    private protected static string? Bound(IDictionary parameters, string name)
    {
        var value = parameters?[name];
        value = value is PSObject ps ? ps.BaseObject : value;
        return value is string s && s.Length > 0 ? s : (value as IEnumerable<string>)?.FirstOrDefault();
    }

    /// <summary>Quotes a completion that the parser would otherwise split.</summary>
    private protected static string Quote(string text) =>
        text.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '@', '#', '|', '&' }) >= 0
            ? "'" + text.Replace("'", "''") + "'"
            : text;

    private static GumloopConnection? ResolveConnection(IDictionary fakeBoundParameters)
    {
        var explicitConnection = fakeBoundParameters?["Connection"] is PSObject ps ? ps.BaseObject : fakeBoundParameters?["Connection"];
        if (explicitConnection is GumloopConnection given)
        {
            return given;
        }

        return ConnectionStore.GetDefault();
    }

    private static IReadOnlyList<T> Read(GumloopConnection connection, string key, Func<GumloopClient, CancellationToken, Task<IReadOnlyList<T>>> fetch)
    {
        // Keyed by the connection object, never by anything derived from its secret.
        key = RuntimeHelpers.GetHashCode(connection) + "\u0001" + key;
        if (s_cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.At < CacheLifetime)
        {
            return cached.Items;
        }

        var cts = new CancellationTokenSource(HardTimeout);
        var client = new GumloopClient(connection, null, 0) { RequestTimeout = HardTimeout };
        var task = Task.Run(() => fetch(client, cts.Token));
        _ = task.ContinueWith(
            t =>
            {
                if (t.Status == TaskStatus.RanToCompletion)
                {
                    s_cache[key] = (DateTime.UtcNow, t.Result);
                }

                cts.Dispose();
                _ = t.Exception; // observed, so a failed read never surfaces as an unobserved exception
            },
            TaskScheduler.Default);

        try
        {
            if (task.Wait(Budget))
            {
                return task.Result;
            }
        }
        catch (AggregateException)
        {
        }

        return cached.Items ?? Array.Empty<T>();
    }
}

/// <summary>Recent sessions: of the agent given with -AgentId, else of each agent in turn until the budget is spent.</summary>
public sealed class SessionIdCompleter : RemoteCompleter<Session>
{
    private protected override string? Scope(IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "AgentId");

    private protected override async Task<IReadOnlyList<Session>> FetchAsync(GumloopClient client, string? agentId, CancellationToken ct)
    {
        var agentIds = agentId is not null
            ? new[] { agentId }
            : (await client.ListAgentsAsync(null, ct).ConfigureAwait(false)).Select(a => a.Id).Where(id => id is not null).Select(id => id!).ToArray();
        var sessions = new List<Session>();
        foreach (var id in agentIds.Take(20))
        {
            var page = await client.ListSessionsAsync(id, new SessionListQuery { PageSize = 10 }, ct).ConfigureAwait(false);
            sessions.AddRange(page.Sessions);
        }

        return sessions.OrderByDescending(s => s.CreatedAt).ToList();
    }

    private protected override bool Matches(Session item, string word) =>
        item.Id is not null && (item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(Session item) =>
        new(item.Id!, $"{item.Id} ({item.Name})", CompletionResultType.ParameterValue, $"{item.Name} [{item.State}] - {item.AgentName}");
}

/// <summary>Saved flows, by id, showing the name.</summary>
public sealed class FlowIdCompleter : RemoteCompleter<Flow>
{
    private protected override Task<IReadOnlyList<Flow>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListFlowsAsync(ct);

    private protected override bool Matches(Flow item, string word) =>
        item.FlowId is not null && (item.FlowId.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(Flow item) =>
        new(item.FlowId!, $"{item.FlowId} ({item.Name})", CompletionResultType.ParameterValue, item.Name ?? item.FlowId!);
}

/// <summary>Flow names for -Name, quoted when they contain spaces.</summary>
public sealed class FlowNameCompleter : RemoteCompleter<Flow>
{
    private protected override Task<IReadOnlyList<Flow>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListFlowsAsync(ct);

    private protected override bool Matches(Flow item, string word) => (item.Name ?? string.Empty).StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(Flow item) =>
        new(Quote(item.Name ?? string.Empty), item.Name ?? string.Empty, CompletionResultType.ParameterValue, item.FlowId ?? item.Name ?? string.Empty);
}

/// <summary>Agent names for -Name, quoted when they contain spaces.</summary>
public sealed class AgentNameCompleter : RemoteCompleter<Agent>
{
    private protected override Task<IReadOnlyList<Agent>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListAgentsAsync(null, ct);

    private protected override bool Matches(Agent item, string word) => (item.Name ?? string.Empty).StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(Agent item) =>
        new(Quote(item.Name ?? string.Empty), item.Name ?? string.Empty, CompletionResultType.ParameterValue, item.Id ?? item.Name ?? string.Empty);
}

/// <summary>Recent runs: of the flow given with -FlowId, else of every workbook's flows.</summary>
public sealed class RunIdCompleter : RemoteCompleter<FlowRun>
{
    private protected override string? Scope(IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "FlowId");

    private protected override async Task<IReadOnlyList<FlowRun>> FetchAsync(GumloopClient client, string? flowId, CancellationToken ct)
    {
        if (flowId is not null)
        {
            return await client.GetFlowRunHistoryAsync(flowId, null, ct).ConfigureAwait(false);
        }

        var runs = new List<FlowRun>();
        foreach (var workbook in (await client.ListWorkbooksAsync(ct).ConfigureAwait(false)).Take(20))
        {
            runs.AddRange(await client.GetFlowRunHistoryAsync(null, workbook.WorkbookId, ct).ConfigureAwait(false));
        }

        return runs.OrderByDescending(r => r.CreatedAt).ToList();
    }

    private protected override bool Matches(FlowRun item, string word) => item.RunId is not null && item.RunId.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(FlowRun item) =>
        new(item.RunId!, $"{item.RunId} ({item.State})", CompletionResultType.ParameterValue, $"{item.State} {item.CreatedAt:yyyy-MM-dd HH:mm}");
}

/// <summary>Workbook names for -Name, quoted when they contain spaces.</summary>
public sealed class WorkbookNameCompleter : RemoteCompleter<Workbook>
{
    private protected override Task<IReadOnlyList<Workbook>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListWorkbooksAsync(ct);

    private protected override bool Matches(Workbook item, string word) => (item.Name ?? string.Empty).StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(Workbook item) =>
        new(Quote(item.Name ?? string.Empty), item.Name ?? string.Empty, CompletionResultType.ParameterValue, item.WorkbookId ?? item.Name ?? string.Empty);
}

/// <summary>-Name of Get-GumloopFlow and Get-GumloopWorkbook, which share one parameter declaration.</summary>
public sealed class CatalogNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        (commandName ?? string.Empty).IndexOf("Workbook", StringComparison.OrdinalIgnoreCase) >= 0
            ? new WorkbookNameCompleter().CompleteArgument(commandName!, parameterName, wordToComplete, commandAst, fakeBoundParameters)
            : new FlowNameCompleter().CompleteArgument(commandName!, parameterName, wordToComplete, commandAst, fakeBoundParameters);
}
