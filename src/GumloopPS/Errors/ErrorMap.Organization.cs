using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Errors;

/// <summary>The error ids of organization administration: audit logs, membership, credit limits and data exports.</summary>
public static partial class ErrorMap
{
    public const string NoOrganization = "GumloopNoOrganization";
    public const string AmbiguousOrganization = "GumloopAmbiguousOrganization";
    public const string AdminUserIdMissing = "GumloopAdminUserIdMissing";
    public const string InvalidDateRange = "GumloopInvalidDateRange";
    public const string InvalidExportField = "GumloopInvalidExportField";
    public const string RequestRejected = "GumloopRequestRejected";
    public const string DataExportFailed = "GumloopDataExportFailed";
    public const string DataExportTimeout = "GumloopDataExportTimeout";
    public const string DataExportNotReady = "GumloopDataExportNotReady";

    private static (string, ErrorCategory, string?) ClassifyOrganization(GumloopOrganizationException org) => org.Problem switch
    {
        OrganizationProblem.NoOrganization => (NoOrganization, ErrorCategory.ObjectNotFound,
            "Connect as a user of a Gumloop organization, or pass -OrganizationId."),
        OrganizationProblem.AmbiguousOrganization => (AmbiguousOrganization, ErrorCategory.InvalidArgument,
            "Pass -OrganizationId with one of the ids Get-GumloopOrganization lists."),
        OrganizationProblem.NoAdminUserId => (AdminUserIdMissing, ErrorCategory.InvalidOperation,
            "Run Connect-Gumloop -ApiKey <key> -UserId <id of an organization admin>; the admin routes send that user id."),
        OrganizationProblem.InvalidDateRange => (InvalidDateRange, ErrorCategory.InvalidArgument,
            "Give -End later than -Start and, for audit logs, a range of at most 90 days; read a longer period in several calls."),
        OrganizationProblem.InvalidExportField => (InvalidExportField, ErrorCategory.InvalidArgument,
            "Press Tab after -Field to list the fields of the -DataType; -Category applies to credit_logs only."),
        OrganizationProblem.Rejected => (RequestRejected, ErrorCategory.InvalidResult,
            "Read the service's reason in the message: for example the user may already be a member, or not be one."),
        OrganizationProblem.ExportFailed => (DataExportFailed, ErrorCategory.InvalidResult,
            "Start the export again with Export-GumloopData, perhaps over a shorter range or with fewer fields."),
        OrganizationProblem.ExportTimeout => (DataExportTimeout, ErrorCategory.OperationTimeout,
            "The export goes on running: check it later with Get-GumloopDataExport -ExportId <id>, or raise -WaitTimeoutSec."),
        _ => (DataExportNotReady, ErrorCategory.ResourceUnavailable,
            "Wait for it with Export-GumloopData -Wait, or run Get-GumloopDataExport -ExportId <id> -OutFile <path> again once its State is COMPLETED."),
    };
}
