using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Where a wait for uploaded Brain files stands: the latest state of each file, in upload order.</summary>
public sealed class BrainIndexProgress
{
    internal BrainIndexProgress(IReadOnlyList<BrainFile> files, IReadOnlyCollection<string> missing)
    {
        Files = files;
        Missing = missing;
    }

    /// <summary>Every file waited for, as last seen.</summary>
    public IReadOnlyList<BrainFile> Files { get; }

    /// <summary>Ids of files no longer listed (deleted meanwhile); they are not waited for.</summary>
    public IReadOnlyCollection<string> Missing { get; }

    public int Settled => Files.Count(f => f.IsSettled || Missing.Contains(f.FileId ?? string.Empty));

    public int Indexed => Files.Count(f => string.Equals(f.Status, "indexed", StringComparison.OrdinalIgnoreCase));

    public int Failed => Files.Count(f => string.Equals(f.Status, "failed", StringComparison.OrdinalIgnoreCase));

    public bool IsDone => Settled >= Files.Count;

    public override string ToString() => $"{Indexed} of {Files.Count} indexed, {Failed} failed";
}

/// <summary>
/// Polls a source's file list until every uploaded file is <c>indexed</c> or <c>failed</c>, with the growing interval of
/// <see cref="Poller"/>. The clock (<see cref="WaitDeadline"/>) and the sleep are injectable, so tests never wait.
/// </summary>
public static class BrainIndexWaiter
{
    /// <exception cref="GumloopBrainException">Files were still indexing at the deadline (<see cref="BrainProblem.IndexTimeout"/>).</exception>
    public static Task<BrainIndexProgress> WaitAsync(
        GumloopClient client,
        string sourceId,
        IReadOnlyList<BrainFile> uploaded,
        WaitDeadline deadline,
        Action<BrainIndexProgress, TimeSpan>? progress,
        CancellationToken cancellationToken,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (uploaded == null)
        {
            throw new ArgumentNullException(nameof(uploaded));
        }

        var start = new BrainIndexProgress(uploaded.ToList(), Array.Empty<string>());
        return Poller.PollAsync(
            start,
            current => current.IsDone,
            (current, ct) => ReadAsync(client, sourceId, current, ct),
            deadline,
            (current, limit) => new GumloopBrainException(
                $"{current.Files.Count - current.Settled} of {current.Files.Count} files of Brain source '{sourceId}' were still being indexed after {limit.TotalSeconds:0.#} s ({current}).",
                BrainProblem.IndexTimeout,
                sourceId),
            progress,
            cancellationToken,
            delay);
    }

    private static async Task<BrainIndexProgress> ReadAsync(GumloopClient client, string sourceId, BrainIndexProgress current, CancellationToken ct)
    {
        var wanted = new HashSet<string>(current.Files.Select(f => f.FileId).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!), StringComparer.Ordinal);
        var seen = new Dictionary<string, BrainFile>(StringComparer.Ordinal);
        var page = new PageRequest(Catalog.PagingStyle.Cursor, $"the files of Brain source {sourceId}") { PageSize = PageRequest.MaxPageSize };
        await client.ReadBrainFilesAsync(sourceId, page, file =>
        {
            if (file.FileId != null && wanted.Contains(file.FileId))
            {
                seen[file.FileId] = file;
            }
        }, ct).ConfigureAwait(false);

        var files = new List<BrainFile>(current.Files.Count);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (BrainFile before in current.Files)
        {
            if (before.FileId != null && seen.TryGetValue(before.FileId, out BrainFile? now))
            {
                now.SourcePath = before.SourcePath;
                files.Add(now);
            }
            else
            {
                files.Add(before);
                if (before.FileId != null)
                {
                    missing.Add(before.FileId);
                }
            }
        }

        return new BrainIndexProgress(files, missing);
    }
}
