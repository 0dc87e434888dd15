using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Filters of GET /brain/sources; null values are not sent.</summary>
public sealed class BrainSourceQuery
{
    public string? Scope { get; set; }
    public string? SourceType { get; set; }
    public string? TeamId { get; set; }
}

/// <summary>The Company Brain endpoints (API.md 10.9): search, sources, their files, and the estimate/approve cycle.</summary>
public static class GumloopBrainClient
{
    /// <summary>Searches the Brain. It spends credits, so it is never re-sent once the server may have seen it.</summary>
    /// <returns>The results in the service's order, ranked from 1.</returns>
    public static async Task<IReadOnlyList<BrainSearchResult>> SearchBrainAsync(
        this GumloopClient client, string query, int? limit, IReadOnlyCollection<string>? sourceTypes, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("A search query is required.", nameof(query));
        }

        if (limit is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be between 1 and 50.");
        }

        var body = new JsonMap { ["query"] = query };
        if (limit.HasValue)
        {
            body["limit"] = limit.Value;
        }

        if (sourceTypes != null && sourceTypes.Count > 0)
        {
            body["source_type"] = sourceTypes.Select(t => (object?)t).ToList();
        }

        var request = new GumloopRequest(HttpMethod.Post, "brain/search") { Body = body, Kind = GumloopRequestKind.MessageCreating };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement items = RequireArray(response, "results");
        GumloopClient.CheckItemCount(response, items, "results", 0);
        var results = new List<BrainSearchResult>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                results.Add(BrainSearchResult.FromJson(item, results.Count + 1, query));
            }
        }

        return results;
    }

    /// <summary>Lists Brain sources page by page, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public static Task<PageResult> ReadBrainSourcesAsync(this GumloopClient client, BrainSourceQuery? query, PageRequest page, Action<BrainSource> onItem, CancellationToken ct)
    {
        if (page == null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        query ??= new BrainSourceQuery();
        page.ListProperty ??= "sources";
        return GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, "brain/sources");
            request.Query["scope"] = query.Scope;
            request.Query["source_type"] = query.SourceType;
            request.Query["team_id"] = query.TeamId;
            return request;
        }, page, BrainSource.FromJson, onItem, ct);
    }

    public static async Task<BrainSource> GetBrainSourceAsync(this GumloopClient client, string sourceId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, SourcePath(sourceId));
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSource(response);
    }

    /// <summary>Creates a <c>direct_file_uploads</c> source. The scope and team id are checked first (<see cref="BrainRules.CheckNewSource"/>).</summary>
    public static async Task<BrainSource> CreateBrainSourceAsync(
        this GumloopClient client, string name, string? scope, string? teamId, bool requireApproval, CancellationToken ct)
    {
        BrainRules.CheckNewSource(name, scope, teamId);
        var body = new JsonMap { ["name"] = name, ["source_type"] = "direct_file_uploads" };
        if (scope != null)
        {
            body["scope"] = scope;
        }

        if (!string.IsNullOrWhiteSpace(teamId))
        {
            body["team_id"] = teamId;
        }

        if (requireApproval)
        {
            body["require_approval"] = true;
        }

        // A repeat after the server saw the first attempt would create a second source.
        var request = new GumloopRequest(HttpMethod.Post, "brain/sources") { Body = body, Kind = GumloopRequestKind.Other };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSource(response);
    }

    /// <summary>Deletes a source with its files and search contributions; true when the service says it deleted it.</summary>
    public static async Task<bool> DeleteBrainSourceAsync(this GumloopClient client, string sourceId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, SourcePath(sourceId)) { ResponseMode = GumloopResponseMode.JsonOrEmpty };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadDeleted(response);
    }

    /// <summary>Lists a source's files page by page; each file carries <paramref name="sourceId"/>.</summary>
    public static Task<PageResult> ReadBrainFilesAsync(this GumloopClient client, string sourceId, PageRequest page, Action<BrainFile> onItem, CancellationToken ct)
    {
        if (page == null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        string path = SourcePath(sourceId) + "/files";
        page.ListProperty ??= "files";
        return GumloopPager.ReadAsync(client, () => new GumloopRequest(HttpMethod.Get, path), page, item => BrainFile.FromJson(item, sourceId), onItem, ct);
    }

    /// <summary>
    /// Uploads up to <see cref="BrainRules.MaxFilesPerRequest"/> checked files in one multipart request. Files the
    /// service refuses come back in <see cref="BrainUploadResult.Rejected"/>, also when it refused them all
    /// (400 <c>no_files_accepted</c>), so the caller reports each by name.
    /// </summary>
    public static async Task<BrainUploadResult> UploadBrainFilesAsync(this GumloopClient client, string sourceId, IReadOnlyList<BrainUploadFile> files, CancellationToken ct)
    {
        if (files == null || files.Count == 0)
        {
            throw new ArgumentException("At least one file is required.", nameof(files));
        }

        if (files.Count > BrainRules.MaxFilesPerRequest)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "One upload takes at most {0} files; split the {1} files into batches.", BrainRules.MaxFilesPerRequest, files.Count),
                nameof(files));
        }

        long bytes = files.Sum(f => f.Length);
        TimeSpan? timeout = null;
        TimeSpan perRequest = client.EffectiveRequestTimeout;
        if (perRequest > TimeSpan.Zero && perRequest != Timeout.InfiniteTimeSpan)
        {
            // As for session files: pushing many megabytes up a slow link is not a stall.
            timeout = perRequest + TimeSpan.FromSeconds(bytes / (1024.0 * 1024.0));
        }

        var request = new GumloopRequest(HttpMethod.Post, SourcePath(sourceId) + "/files")
        {
            // On an active source an upload indexes and bills at once; a repeat the server saw would do it twice.
            Kind = GumloopRequestKind.Other,
            ContentFactory = () => new BrainMultipartContent(files),
            Timeout = timeout,
        };

        try
        {
            using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
            JsonElement root = response.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw GumloopClient.Unexpected(response, "a JSON object with 'files'");
            }

            var stored = new List<BrainFile>();
            if (JsonRead.TryGet(root, "files", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
            {
                GumloopClient.CheckItemCount(response, items, "files", 0);
                foreach (JsonElement item in items.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        stored.Add(BrainFile.FromJson(item, sourceId));
                    }
                }
            }

            var rejected = new List<BrainFileRejection>();
            if (JsonRead.TryGet(root, "rejected", out JsonElement refused) && refused.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in refused.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        rejected.Add(new BrainFileRejection(JsonRead.String(item, "file_name"), JsonRead.String(item, "error")));
                    }
                }
            }

            MatchLocalPaths(stored, files);
            return new BrainUploadResult(stored, rejected, JsonRead.String(root, "sync_run_id"));
        }
        catch (GumloopApiException ex) when (ex.StatusCode == 400 && ex.ErrorCode == "no_files_accepted")
        {
            var rejected = new List<BrainFileRejection>();
            if (ex.Details != null && ex.Details.TryGetValue("rejected", out object? list) && list is JsonList items)
            {
                foreach (object? item in items)
                {
                    if (item is JsonMap map)
                    {
                        rejected.Add(new BrainFileRejection(map.TryGetValue("file_name", out object? n) ? n as string : null, map.TryGetValue("error", out object? e) ? e as string : null));
                    }
                }
            }

            if (rejected.Count == 0)
            {
                throw;
            }

            return new BrainUploadResult(Array.Empty<BrainFile>(), rejected, null);
        }
    }

    public static async Task<bool> DeleteBrainFileAsync(this GumloopClient client, string sourceId, string fileId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, SourcePath(sourceId) + "/files/" + GumloopPath.Segment(fileId)) { ResponseMode = GumloopResponseMode.JsonOrEmpty };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadDeleted(response);
    }

    public static async Task<BrainSourceEstimate> GetBrainSourceEstimateAsync(this GumloopClient client, string sourceId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, SourcePath(sourceId) + "/estimate");
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a JSON object with 'source_id'");
        }

        return BrainSourceEstimate.FromJson(root, sourceId);
    }

    /// <summary>Approves a draft source: its paused estimate run indexes for real and credits are charged.</summary>
    public static async Task<BrainSource> ApproveBrainSourceAsync(this GumloopClient client, string sourceId, CancellationToken ct)
    {
        // Approving spends credits; a repeat of an approved source only gets 409 source_not_draft, but a
        // repeat after a lost answer must not be made blind either.
        var request = new GumloopRequest(HttpMethod.Post, SourcePath(sourceId) + "/approve") { Body = new JsonMap(), Kind = GumloopRequestKind.Other };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSource(response);
    }

    /// <summary>Splits checked files into requests of at most 25 files and <see cref="BrainRules.MaxBatchBytes"/> bytes, in order.</summary>
    public static IEnumerable<IReadOnlyList<BrainUploadFile>> Batches(IEnumerable<BrainUploadFile> files)
    {
        var batch = new List<BrainUploadFile>();
        long bytes = 0;
        foreach (BrainUploadFile file in files)
        {
            if (batch.Count > 0 && (batch.Count >= BrainRules.MaxFilesPerRequest || bytes + file.Length > BrainRules.MaxBatchBytes))
            {
                yield return batch;
                batch = new List<BrainUploadFile>();
                bytes = 0;
            }

            batch.Add(file);
            bytes += file.Length;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Gives each stored file the local path it came from, matching names in upload order.</summary>
    private static void MatchLocalPaths(List<BrainFile> stored, IReadOnlyList<BrainUploadFile> sent)
    {
        var unused = sent.ToList();
        foreach (BrainFile file in stored)
        {
            int at = unused.FindIndex(f => string.Equals(f.FileName, file.FileName, StringComparison.Ordinal));
            if (at >= 0)
            {
                file.SourcePath = unused[at].Path;
                unused.RemoveAt(at);
            }
        }
    }

    private static string SourcePath(string sourceId) => "brain/sources/" + GumloopPath.Segment(sourceId);

    private static BrainSource ReadSource(GumloopResponse response)
    {
        JsonElement root = response.RootElement;
        BrainSource source = root.ValueKind == JsonValueKind.Object ? BrainSource.FromEnvelope(root) : throw GumloopClient.Unexpected(response, "a 'source'");
        if (string.IsNullOrEmpty(source.SourceId))
        {
            throw GumloopClient.Unexpected(response, "a source 'id'");
        }

        return source;
    }

    /// <summary>An empty success body counts as deleted (a 204); otherwise the <c>deleted</c> flag says.</summary>
    private static bool ReadDeleted(GumloopResponse response)
    {
        if (response.Json == null)
        {
            return true;
        }

        return JsonRead.Bool(response.Json.RootElement, "deleted") ?? true;
    }

    private static JsonElement RequireArray(GumloopResponse response, string property)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, property, out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a '" + property + "' list");
        }

        return items;
    }
}
