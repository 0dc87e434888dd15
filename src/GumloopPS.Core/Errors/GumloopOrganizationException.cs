using System;

namespace GumloopPS.Core;

/// <summary>What went wrong in an organization-administration call before or after the request.</summary>
public enum OrganizationProblem
{
    /// <summary>The caller belongs to no organization.</summary>
    NoOrganization,

    /// <summary>The caller belongs to several organizations and none was named.</summary>
    AmbiguousOrganization,

    /// <summary>The connection has no user id to send as the admin <c>user_id</c>.</summary>
    NoAdminUserId,

    /// <summary>A date range the service would refuse (end before start, or longer than it allows).</summary>
    InvalidDateRange,

    /// <summary>An export field the data type does not have, or a parameter the data type does not take.</summary>
    InvalidExportField,

    /// <summary>The service answered <c>success: false</c>.</summary>
    Rejected,

    /// <summary>A data export ended FAILED.</summary>
    ExportFailed,

    /// <summary>A data export had not ended when the wait's limit arrived.</summary>
    ExportTimeout,

    /// <summary>A download was asked for before the export was COMPLETED.</summary>
    ExportNotReady,
}

/// <summary>A failure of the organization-administration operations (API.md section 10.15) that is not an HTTP error.</summary>
public sealed class GumloopOrganizationException : GumloopException
{
    public GumloopOrganizationException(OrganizationProblem problem, string message, object? target = null)
        : base(message)
    {
        Problem = problem;
        Target = target;
    }

    public OrganizationProblem Problem { get; }

    /// <summary>What the failure is about (an export, an email, a field name), for the error record's target.</summary>
    public object? Target { get; }

    /// <summary>For <see cref="OrganizationProblem.ExportTimeout"/>: the wait's limit.</summary>
    public TimeSpan? Timeout { get; set; }
}
