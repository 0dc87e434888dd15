using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>
/// What the evaluation cmdlets share: dates sent in UTC, rubric checks, batched runs and waits for queued results.
/// Internal members of the API base rather than a base class of their own, so no cmdlet sits more than three classes deep.
/// </summary>
public abstract partial class GumloopApiCmdlet
{
    /// <summary>Documented limits of one rubric (API.md 10.14, 10.16), checked before anything is sent.</summary>
    internal const int MaxCriteria = 30;
    internal const int MaxTags = 50;
    internal const int MaxDataPoints = 40;

    internal static readonly string[] CriterionTypes = { "prohibited_action", "prohibited_words", "voice_tone", "other" };
    internal static readonly string[] Priorities = { "needs_review", "needs_attention" };
    internal static readonly string[] DataTypes = { "string", "boolean", "integer", "number" };

    /// <summary>
    /// A [datetime] from PowerShell as an instant: Get-Date and typed literals without a zone are local time, as
    /// everywhere in PowerShell; the request carries it in UTC.
    /// </summary>
    internal static DateTimeOffset? ToInstant(DateTime? value)
    {
        if (value is not DateTime time)
        {
            return null;
        }

        return time.Kind == DateTimeKind.Utc ? new DateTimeOffset(time, TimeSpan.Zero) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Local));
    }

    /// <summary>Refuses an -After/-Before range that is empty or backwards, before anything is sent.</summary>
    internal bool CheckDateRange(DateTime? after, DateTime? before, object? target)
    {
        DateTimeOffset? from = ToInstant(after), to = ToInstant(before);
        if (from.HasValue && to.HasValue && to <= from)
        {
            RefuseArgument($"-Before ({to:u}) must be later than -After ({from:u}).", target, "-After is inclusive and -Before exclusive; swap them or widen the range.");
            return false;
        }

        return true;
    }

    /// <summary>Writes an InvalidArgument error for a value refused before sending; nothing was sent.</summary>
    internal void RefuseArgument(string message, object? target, string advice)
    {
        WriteError(ErrorMap.Create(new PSArgumentException(message + " Nothing was sent."), ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, target, advice));
    }

    /// <summary>
    /// Converts rubric entries (hashtables, or criteria, tags and data points as Get-GumloopAgentEvaluationConfig and
    /// Get-GumloopEvaluation return them) to JSON objects, checking the count and the fields every entry needs.
    /// </summary>
    internal bool TryEntries(object[]? entries, string parameter, int max, string[] required, object? target, out JsonList? list)
    {
        list = null;
        if (entries is null)
        {
            return true;
        }

        if (entries.Length > max)
        {
            RefuseArgument($"-{parameter} takes at most {max} entries; {entries.Length} were given.", target, $"Keep at most {max} entries; the list replaces the stored one as a whole.");
            return false;
        }

        list = new JsonList();
        foreach (object? entry in entries)
        {
            object? value = entry is PSObject ps ? ps.BaseObject : entry;
            JsonMap? map;
            if (value is IDictionary table)
            {
                if (!TryConvert(table, parameter, target, out map))
                {
                    return false;
                }
            }
            else if (value is GumloopModel model && model.GetRawJson() is { } raw)
            {
                using JsonDocument doc = JsonDocument.Parse(raw);
                map = JsonMap.FromJson(doc.RootElement);
            }
            else
            {
                RefuseArgument($"Each -{parameter} entry must be a hashtable such as @{{ name = '...' }}; got {(value?.GetType().Name ?? "null")}.", target, $"Pass hashtables, or the entries of a configuration read with Get-GumloopAgentEvaluationConfig or Get-GumloopEvaluation.");
                return false;
            }

            foreach (string field in required)
            {
                if (!map!.TryGetValue(field, out object? v) || v is not string text || string.IsNullOrWhiteSpace(text))
                {
                    RefuseArgument($"Each -{parameter} entry needs a non-empty '{field}'.", target, $"Give every entry {string.Join(" and ", required.Select(r => "'" + r + "'"))}.");
                    return false;
                }
            }

            if (!CheckChoice(map!, "type", CriterionTypes, parameter, target) || !CheckChoice(map!, "priority", Priorities, parameter, target)
                || !CheckChoice(map!, "data_type", DataTypes, parameter, target))
            {
                return false;
            }

            list.Add(map);
        }

        return true;
    }

    private bool CheckChoice(JsonMap map, string field, string[] allowed, string parameter, object? target)
    {
        if (!map.TryGetValue(field, out object? v) || v is null)
        {
            return true;
        }

        if (v is string text && allowed.Contains(text, StringComparer.Ordinal))
        {
            return true;
        }

        RefuseArgument($"'{field}' of a -{parameter} entry must be one of {string.Join(", ", allowed)}; got '{v}'.", target, "Get-GumloopEvaluationOption lists the allowed values.");
        return false;
    }

    /// <summary>A one-line account of what a list field now holds and what replaces it, for confirmation prompts.</summary>
    internal static string Replacement(string field, IEnumerable<string?> current, JsonList replacement, string nameKey)
    {
        string Names(IEnumerable<string?> names)
        {
            var list = names.Select(n => HostText.Line(n ?? "?")).ToList();
            return list.Count == 0 ? "none" : list.Count + " (" + string.Join("; ", list) + ")";
        }

        var next = replacement.Select(e => e is JsonMap m && m.TryGetValue(nameKey, out object? n) ? Convert.ToString(n, System.Globalization.CultureInfo.InvariantCulture) : null);
        return $"{field}: replaces {Names(current)} with {Names(next)}";
    }

    /// <summary>
    /// Polls the queued results until each is completed or failed, writing each as it finishes, under one progress bar.
    /// A timeout is reported as GumloopEvaluationWaitTimeout with the pending result ids as its target.
    /// </summary>
    internal async Task WaitForResultsAsync<T>(string activity, IReadOnlyList<string> resultIds, Func<GumloopClient, string, CancellationToken, Task<T>> get,
        Func<T, bool> isFinished, Func<T, bool> isFailed, TimeSpan? limit, CancellationToken ct)
    {
        var deadline = new WaitDeadline(limit);
        GumloopClient client = Client.WithDeadline(deadline);
        int activityId = NextProgressId();
        try
        {
            await EvaluationWaiter.WaitAsync(
                resultIds,
                (id, token) => get(client, id, token),
                isFinished,
                isFailed,
                result => Emit(result),
                deadline,
                (state, elapsed) => EmitProgress(new ProgressRecord(activityId, activity, state.ToString() + $" ({elapsed.TotalSeconds:0} s)")
                {
                    PercentComplete = state.Total == 0 ? 100 : (state.Total - state.Pending.Count) * 100 / state.Total,
                    SecondsRemaining = limit is { } l ? Math.Max(0, (int)(l - elapsed).TotalSeconds) : -1,
                }),
                ct).ConfigureAwait(false);
        }
        catch (GumloopEvaluationWaitTimeoutException timeout)
        {
            EmitError(ErrorMap.ToErrorRecord(timeout, timeout.Pending.ToArray()));
        }
        finally
        {
            EmitProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>Writes a warning for each session a run skipped, naming it and why.</summary>
    internal void WarnSkipped(EvaluationRunResponse run)
    {
        foreach (EvaluationRunSkip skip in run.Skipped)
        {
            string why = skip.Reason switch
            {
                "ineligible" => "it is not eligible (unfinished, incognito, or not covered)",
                "in_flight" => "an evaluation of it is already queued or running" + (skip.ResultId is null ? string.Empty : " (result " + skip.ResultId + ")"),
                _ => "the service skipped it (" + skip.Reason + ")",
            };
            EmitWarning($"Session {skip.SessionId} was skipped: {why}.");
        }
    }

    /// <summary>
    /// Sends the batches of one run in turn, writing a warning for each skipped session, then either writes the
    /// accepted sessions or (with <paramref name="wait"/>) waits for their results and writes those. A batch with
    /// nothing eligible (<paramref name="noneEligibleCode"/>) is a warning; any other failure stops the remaining
    /// batches, so an error never leads to credits being spent the caller did not see coming.
    /// </summary>
    internal async Task RunBatchesAsync<T>(
        string what,
        object target,
        IReadOnlyList<IReadOnlyList<string>> batches,
        bool dryRun,
        bool wait,
        Func<IReadOnlyList<string>, CancellationToken, Task<EvaluationRunResponse>> run,
        string noneEligibleCode,
        Func<GumloopClient, string, CancellationToken, Task<T>> get,
        Func<T, bool> isFinished,
        Func<T, bool> isFailed,
        TimeSpan? limit,
        CancellationToken ct)
    {
        var queued = new List<string>();
        long credits = 0;
        int planned = 0, skipped = 0;
        for (int i = 0; i < batches.Count; i++)
        {
            IReadOnlyList<string> batch = batches[i];
            EvaluationRunResponse response;
            try
            {
                response = await run(batch, ct).ConfigureAwait(false);
            }
            catch (GumloopApiException ex) when (ex.ErrorCode == noneEligibleCode)
            {
                EmitWarning($"None of the {batch.Count} sessions in batch {i + 1} of {batches.Count} for {what} could be evaluated (each is unfinished, not covered, or already being evaluated): {string.Join(", ", batch.Take(5))}{(batch.Count > 5 ? ", ..." : string.Empty)}.");
                skipped += batch.Count;
                continue;
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, target);
                int unsent = batches.Skip(i + 1).Sum(b => b.Count);
                if (unsent > 0)
                {
                    EmitWarning($"{unsent} more sessions for {what} were not sent after that error.");
                }

                break;
            }

            credits += response.CreditCost;
            skipped += response.Skipped.Count;
            WarnSkipped(response);
            foreach (EvaluationRunItem item in response.Results)
            {
                if (dryRun)
                {
                    planned++;
                    Emit(item);
                }
                else if (wait && item.ResultId is { } id)
                {
                    queued.Add(id);
                }
                else
                {
                    Emit(item);
                }
            }
        }

        if (dryRun)
        {
            // Shown like Write-Host (the information stream), so the plan's cost is seen without -Verbose.
            EmitInformation(new HostInformationMessage { Message = HostText.Line($"Dry run for {what}: {planned} sessions would be evaluated for {credits} credits; {skipped} skipped. Nothing was queued or charged.") }, "PSHOST");
        }
        else
        {
            EmitVerbose($"{what}: {credits} credits spent; {skipped} sessions skipped.");
        }

        if (wait && queued.Count > 0)
        {
            await WaitForResultsAsync($"Waiting for {queued.Count} evaluation results of {what}", queued, get, isFinished, isFailed, limit, ct).ConfigureAwait(false);
        }
    }
}
