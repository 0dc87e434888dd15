using System;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Polls export_status until an export is COMPLETED or FAILED, with the growing interval of <see cref="Poller"/>.</summary>
public static class DataExportWaiter
{
    /// <param name="progress">Called before every wait and once at the end, with the export and the elapsed time.</param>
    /// <param name="delay">Sleep seam for tests; null uses Task.Delay.</param>
    /// <exception cref="GumloopOrganizationException">The export FAILED, or had not ended by the deadline.</exception>
    public static async Task<DataExport> WaitAsync(GumloopClient client, DataExport export, WaitDeadline deadline,
        Action<DataExport, TimeSpan>? progress, CancellationToken ct, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (export is null || string.IsNullOrEmpty(export.ExportId)) throw new ArgumentException("The export has no id.", nameof(export));
        string id = export.ExportId!;
        string? dataType = export.DataType;
        DataExport done = await Poller.PollAsync(
            export,
            current => current.IsFinished,
            async (current, token) =>
            {
                DataExport next = await client.WithDeadline(deadline).GetDataExportAsync(id, token).ConfigureAwait(false);
                next.DataType ??= dataType;
                return next;
            },
            deadline,
            (current, limit) => new GumloopOrganizationException(OrganizationProblem.ExportTimeout,
                $"Data export {id} was still {current.State} after {limit.TotalSeconds:0} s. It goes on running; check it again later.", id)
            {
                Timeout = limit,
            },
            progress,
            ct,
            delay).ConfigureAwait(false);

        if (done.IsFailed)
        {
            throw new GumloopOrganizationException(OrganizationProblem.ExportFailed,
                $"Data export {id} ended FAILED{(done.FinishedAt is { } at ? " at " + AuditLogQuery.Iso(at) : string.Empty)}. Start it again, perhaps over a shorter range.", id);
        }

        return done;
    }
}
