using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>The filters of GET /get_audit_logs (API.md section 10.15).</summary>
public sealed class AuditLogQuery
{
    /// <summary>
    /// The longest range one read may cover. API.md and openapi.json give no limit; Gumloop's audit-log view reads at
    /// most 90 days at a time, so a longer range is refused here (and by the simulator) instead of failing on the
    /// server after the first page. Split a longer period into several reads.
    /// </summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    public AuditLogQuery(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        End = end;
    }

    /// <summary>Null: the caller's only organization.</summary>
    public string? OrganizationId { get; set; }
    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public IList<string> EventTypes { get; } = new List<string>();
    public IList<string> UserIds { get; } = new List<string>();
    public IList<string> IpAddresses { get; } = new List<string>();
    public IList<string> WorkspaceIds { get; } = new List<string>();
    public IList<string> EntityIds { get; } = new List<string>();

    /// <summary>Throws <see cref="GumloopOrganizationException"/> for a range the service would refuse.</summary>
    public void Validate()
    {
        CheckRange(Start, End, MaxRange, "audit log");
    }

    /// <summary>The check shared by the audit-log read and data exports.</summary>
    internal static void CheckRange(DateTimeOffset start, DateTimeOffset end, TimeSpan? maxRange, string what)
    {
        if (end < start)
        {
            throw new GumloopOrganizationException(OrganizationProblem.InvalidDateRange,
                $"The {what} range ends ({Iso(end)}) before it starts ({Iso(start)}). The end must be later than the start. Nothing was sent.", Iso(end));
        }

        if (maxRange is { } max && end - start > max)
        {
            throw new GumloopOrganizationException(OrganizationProblem.InvalidDateRange,
                $"The {what} range from {Iso(start)} to {Iso(end)} is {(end - start).TotalDays:0.#} days; the service reads at most {max.TotalDays:0} days at a time. Split the period into shorter reads. Nothing was sent.",
                Iso(start) + "/" + Iso(end));
        }
    }

    /// <summary>ISO 8601 in UTC with a Z, keeping fractions of a second only when there are some.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Comma-separated values, or null (not sent) for none.</summary>
    internal static string? Csv(IEnumerable<string> values)
    {
        var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? null : string.Join(",", list);
    }
}
