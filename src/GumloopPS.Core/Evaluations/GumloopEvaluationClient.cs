using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>The filters both evaluation result lists take (API.md 10.14, 10.16); null sends nothing.</summary>
public abstract class EvaluationResultFilter
{
    public string? Grade { get; set; }
    public string? Status { get; set; }
    public string? SessionId { get; set; }

    /// <summary>Inclusive lower bound, sent as ISO 8601 in UTC.</summary>
    public DateTimeOffset? CreatedAfter { get; set; }

    /// <summary>Exclusive upper bound, sent as ISO 8601 in UTC.</summary>
    public DateTimeOffset? CreatedBefore { get; set; }
}

/// <summary>Filters of GET /agents/{agent_id}/evaluations; null sends nothing.</summary>
public sealed class AgentEvaluationQuery : EvaluationResultFilter
{
    public string? OrganizationEvaluationId { get; set; }
}

/// <summary>Filters of GET /evaluations/{evaluation_id}/results; null sends nothing.</summary>
public sealed class EvaluationResultQuery : EvaluationResultFilter
{
    public string? AgentId { get; set; }
}

/// <summary>
/// Agent evaluations (API.md 10.14) and organization evaluations (10.16). Runs spend a credit per session, so their
/// requests are never re-sent after the server may have seen them; dry runs spend nothing.
/// </summary>
public static class GumloopEvaluationClient
{
    /// <summary>Most session ids one run request takes (API.md 10.14, 10.16).</summary>
    public const int MaxSessionsPerRun = 200;

    /// <summary>An instant as ISO 8601 in UTC with a Z offset, the form both evaluation lists accept.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Unique, non-empty ids in first-seen order, cut into requests of at most <see cref="MaxSessionsPerRun"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Batch(IEnumerable<string> sessionIds, int size = MaxSessionsPerRun)
    {
        if (sessionIds is null)
        {
            throw new ArgumentNullException(nameof(sessionIds));
        }

        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batches = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        foreach (string id in sessionIds)
        {
            if (string.IsNullOrEmpty(id) || !seen.Add(id))
            {
                continue;
            }

            if (current == null || current.Count == size)
            {
                current = new List<string>(size);
                batches.Add(current);
            }

            current.Add(id);
        }

        return batches;
    }

    // ---- Agent evaluations (10.14) ----

    public static Task<PageResult> ReadAgentEvaluationsAsync(this GumloopClient client, string agentId, AgentEvaluationQuery? query, PageRequest page, Action<AgentEvaluation> onItem, CancellationToken ct)
    {
        query ??= new AgentEvaluationQuery();
        string path = AgentPath(agentId) + "/evaluations";
        page.ListProperty ??= "evaluations";
        return GumloopPager.ReadAsync(client, () =>
        {
            GumloopRequest request = ResultListRequest(path, query);
            request.Query["organization_evaluation_id"] = query.OrganizationEvaluationId;
            return request;
        }, page, AgentEvaluation.FromJson, onItem, ct);
    }

    public static async Task<AgentEvaluation> GetAgentEvaluationAsync(this GumloopClient client, string agentId, string evaluationId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, AgentPath(agentId) + "/evaluations/" + GumloopPath.Segment(evaluationId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement inner = Inner(response, "evaluation");
        AgentEvaluation result = AgentEvaluation.FromJson(inner);
        result.AgentId ??= agentId;
        return result;
    }

    /// <summary>Runs (or with <paramref name="dryRun"/> plans) the agent's evaluation of at most 200 sessions.</summary>
    public static Task<EvaluationRunResponse> RunAgentEvaluationsAsync(this GumloopClient client, string agentId, IReadOnlyList<string> sessionIds, bool dryRun, CancellationToken ct) =>
        RunAsync(client, AgentPath(agentId) + "/evaluations/run", sessionIds, dryRun, agentId, null, ct);

    public static async Task<EvaluationMetric> GetAgentEvaluationMetricsAsync(this GumloopClient client, string agentId, int? days, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, AgentPath(agentId) + "/evaluations/metrics");
        request.Query["days"] = days?.ToString(CultureInfo.InvariantCulture);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return EvaluationMetric.FromJson(RequireObject(response), agentId, null);
    }

    public static async Task<AgentEvaluationConfig> GetAgentEvaluationConfigAsync(this GumloopClient client, string agentId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, AgentPath(agentId) + "/evaluation-config");
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return AgentEvaluationConfig.FromJson(Inner(response, "config"), agentId);
    }

    /// <summary>PATCHes the fields in <paramref name="changes"/>; a list given replaces the stored list wholesale.</summary>
    public static async Task<AgentEvaluationConfig> UpdateAgentEvaluationConfigAsync(this GumloopClient client, string agentId, JsonMap changes, CancellationToken ct)
    {
        var request = new GumloopRequest(new HttpMethod("PATCH"), AgentPath(agentId) + "/evaluation-config") { Body = changes ?? throw new ArgumentNullException(nameof(changes)) };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return AgentEvaluationConfig.FromJson(Inner(response, "config"), agentId);
    }

    // ---- Organization evaluations (10.16) ----

    public static async Task<EvaluationOptions> GetEvaluationOptionsAsync(this GumloopClient client, CancellationToken ct)
    {
        using GumloopResponse response = await client.SendAsync(new GumloopRequest(HttpMethod.Get, "evaluation-options"), ct).ConfigureAwait(false);
        return EvaluationOptions.FromJson(RequireObject(response));
    }

    public static Task<PageResult> ReadEvaluationsAsync(this GumloopClient client, string organizationId, PageRequest page, Action<OrganizationEvaluation> onItem, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(organizationId))
        {
            throw new ArgumentException("An organization id is required.", nameof(organizationId));
        }

        page.ListProperty ??= "evaluations";
        return GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, "evaluations");
            request.Query["organization_id"] = organizationId;
            return request;
        }, page, OrganizationEvaluation.FromJson, onItem, ct);
    }

    public static async Task<OrganizationEvaluation> GetEvaluationAsync(this GumloopClient client, string evaluationId, CancellationToken ct)
    {
        using GumloopResponse response = await client.SendAsync(new GumloopRequest(HttpMethod.Get, EvaluationPath(evaluationId)), ct).ConfigureAwait(false);
        return OrganizationEvaluation.FromJson(Inner(response, "evaluation"));
    }

    /// <summary>Creates an evaluation from an EvaluationCreateRequest body (organization_id and name required).</summary>
    public static async Task<OrganizationEvaluation> CreateEvaluationAsync(this GumloopClient client, JsonMap body, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Post, "evaluations") { Body = body ?? throw new ArgumentNullException(nameof(body)), Kind = GumloopRequestKind.Other };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return OrganizationEvaluation.FromJson(Inner(response, "evaluation"));
    }

    /// <summary>PATCHes name, description, enabled or config; config is merged field by field, its lists replace wholesale.</summary>
    public static async Task<OrganizationEvaluation> UpdateEvaluationAsync(this GumloopClient client, string evaluationId, JsonMap changes, CancellationToken ct)
    {
        var request = new GumloopRequest(new HttpMethod("PATCH"), EvaluationPath(evaluationId)) { Body = changes ?? throw new ArgumentNullException(nameof(changes)) };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return OrganizationEvaluation.FromJson(Inner(response, "evaluation"));
    }

    /// <summary>Deletes an evaluation (204, no body). Its results stay attached to the sessions.</summary>
    public static async Task DeleteEvaluationAsync(this GumloopClient client, string evaluationId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, EvaluationPath(evaluationId)) { ResponseMode = GumloopResponseMode.JsonOrEmpty };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the evaluation's full set of targets.</summary>
    public static async Task<EvaluationTargetSet> SetEvaluationTargetsAsync(this GumloopClient client, string evaluationId, IEnumerable<EvaluationTarget> targets, CancellationToken ct)
    {
        var list = new JsonList();
        foreach (EvaluationTarget target in targets ?? throw new ArgumentNullException(nameof(targets)))
        {
            var item = new JsonMap { ["type"] = target.Type };
            if (!string.IsNullOrEmpty(target.Id))
            {
                item["id"] = target.Id;
            }

            list.Add(item);
        }

        var request = new GumloopRequest(HttpMethod.Put, EvaluationPath(evaluationId) + "/targets") { Body = new JsonMap { ["targets"] = list } };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return EvaluationTargetSet.FromJson(RequireObject(response), evaluationId);
    }

    public static Task<EvaluationRunResponse> RunEvaluationAsync(this GumloopClient client, string evaluationId, IReadOnlyList<string> sessionIds, bool dryRun, CancellationToken ct) =>
        RunAsync(client, EvaluationPath(evaluationId) + "/run", sessionIds, dryRun, null, evaluationId, ct);

    public static Task<PageResult> ReadEvaluationResultsAsync(this GumloopClient client, string evaluationId, EvaluationResultQuery? query, PageRequest page, Action<OrganizationEvaluationResult> onItem, CancellationToken ct)
    {
        query ??= new EvaluationResultQuery();
        string path = EvaluationPath(evaluationId) + "/results";
        page.ListProperty ??= "results";
        return GumloopPager.ReadAsync(client, () =>
        {
            GumloopRequest request = ResultListRequest(path, query);
            request.Query["agent_id"] = query.AgentId;
            return request;
        }, page, OrganizationEvaluationResult.FromJson, onItem, ct);
    }

    public static async Task<OrganizationEvaluationResult> GetEvaluationResultAsync(this GumloopClient client, string evaluationId, string resultId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, EvaluationPath(evaluationId) + "/results/" + GumloopPath.Segment(resultId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        OrganizationEvaluationResult result = OrganizationEvaluationResult.FromJson(Inner(response, "result"));
        result.EvaluationId ??= evaluationId;
        return result;
    }

    public static async Task<EvaluationMetric> GetEvaluationMetricsAsync(this GumloopClient client, string evaluationId, int? days, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, EvaluationPath(evaluationId) + "/metrics");
        request.Query["days"] = days?.ToString(CultureInfo.InvariantCulture);
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return EvaluationMetric.FromJson(RequireObject(response), null, evaluationId);
    }

    private static async Task<EvaluationRunResponse> RunAsync(GumloopClient client, string path, IReadOnlyList<string> sessionIds, bool dryRun, string? agentId, string? evaluationId, CancellationToken ct)
    {
        if (sessionIds is null || sessionIds.Count == 0 || sessionIds.Count > MaxSessionsPerRun)
        {
            throw new ArgumentException($"A run takes 1 to {MaxSessionsPerRun} session ids.", nameof(sessionIds));
        }

        var ids = new JsonList();
        foreach (string id in sessionIds)
        {
            ids.Add(id);
        }

        var body = new JsonMap { ["session_ids"] = ids };
        if (dryRun)
        {
            body["dry_run"] = true;
        }

        var request = new GumloopRequest(HttpMethod.Post, path)
        {
            Body = body,

            // Each queued session costs a credit: a repeat after the server saw the first attempt would pay twice.
            // A dry run changes nothing, so it may be repeated like a read.
            Kind = dryRun ? GumloopRequestKind.Idempotent : GumloopRequestKind.MessageCreating,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return EvaluationRunResponse.FromJson(RequireObject(response), agentId, evaluationId);
    }

    /// <summary>A GET of a result list carrying the filters both lists take.</summary>
    private static GumloopRequest ResultListRequest(string path, EvaluationResultFilter filter)
    {
        var request = new GumloopRequest(HttpMethod.Get, path);
        request.Query["grade"] = filter.Grade;
        request.Query["status"] = filter.Status;
        request.Query["session_id"] = filter.SessionId;
        request.Query["created_after"] = filter.CreatedAfter is { } after ? FormatTimestamp(after) : null;
        request.Query["created_before"] = filter.CreatedBefore is { } before ? FormatTimestamp(before) : null;
        return request;
    }

    private static string AgentPath(string agentId) => "agents/" + GumloopPath.Segment(agentId);

    private static string EvaluationPath(string evaluationId) => "evaluations/" + GumloopPath.Segment(evaluationId);

    private static JsonElement RequireObject(GumloopResponse response)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a JSON object");
        }

        return root;
    }

    private static JsonElement Inner(GumloopResponse response, string name)
    {
        JsonElement root = RequireObject(response);
        JsonElement inner = EvaluationRead.Unwrap(root, name);
        // {"evaluation": null} is what the service sends for nothing; it is not a bare result object.
        if (JsonRead.TryGet(root, name, out JsonElement value) && value.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "'" + name + "'");
        }

        return inner;
    }
}
