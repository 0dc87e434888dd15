using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>What POST /export_data is asked to export.</summary>
public sealed class DataExportRequest
{
    public DataExportRequest(string dataType, DateTimeOffset start, DateTimeOffset end)
    {
        DataType = dataType ?? throw new ArgumentNullException(nameof(dataType));
        Start = start;
        End = end;
    }

    public string DataType { get; }
    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    /// <summary>The fields to export; empty takes the data type's defaults.</summary>
    public IList<string> Fields { get; } = new List<string>();
    public IList<string> WorkspaceIds { get; } = new List<string>();
    public IList<string> EntityIds { get; } = new List<string>();

    /// <summary>credit_logs only: one category, such as AGENT_RUN.</summary>
    public string? Category { get; set; }

    public bool IsCreditLogs => string.Equals(DataType, "credit_logs", StringComparison.Ordinal);

    /// <summary>Checks everything the service would refuse, before anything is sent.</summary>
    public IReadOnlyList<string> Validate()
    {
        IReadOnlyList<string> fields = DataExportFields.Resolve(DataType, Fields);
        AuditLogQuery.CheckRange(Start, End, null, "export");
        if (Category != null && !IsCreditLogs)
        {
            throw new GumloopOrganizationException(OrganizationProblem.InvalidExportField,
                $"A category filters credit_logs exports only; {DataType} exports have no category. Nothing was sent.", Category);
        }

        if (IsCreditLogs && (WorkspaceIds.Count > 0 || EntityIds.Count > 0))
        {
            // The service ignores them, which would silently export the whole organization.
            throw new GumloopOrganizationException(OrganizationProblem.InvalidExportField,
                "credit_logs exports always cover the whole organization; they take no workspace or entity ids. Nothing was sent.", DataType);
        }

        return fields;
    }
}
