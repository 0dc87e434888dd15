using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Errors;

/// <summary>
/// The one table that turns a failure into an ErrorRecord. Error ids are part of the module's contract:
/// scripts match on them, so change them only with a breaking-change note.
/// </summary>
public static partial class ErrorMap
{
    public const string NotConnected = "GumloopNotConnected";
    public const string Unauthorized = "GumloopUnauthorized";
    public const string Forbidden = "GumloopForbidden";
    public const string NotFound = "GumloopNotFound";
    public const string SessionBusy = "GumloopSessionBusy";
    public const string Conflict = "GumloopConflict";
    public const string QueueFull = "GumloopQueueFull";
    public const string NotAwaitingApproval = "GumloopNotAwaitingApproval";
    public const string RateLimited = "GumloopRateLimited";
    public const string PaymentRequired = "GumloopInsufficientCredits";
    public const string PayloadTooLarge = "GumloopPayloadTooLarge";
    public const string BadRequest = "GumloopBadRequest";
    public const string StreamWrongHost = "GumloopStreamWrongHost";
    public const string StreamError = "GumloopStreamError";
    public const string ServerError = "GumloopServerError";
    public const string NetworkError = "GumloopNetworkError";
    public const string Timeout = "GumloopTimeout";
    public const string WaitTimeout = "GumloopWaitTimeout";
    public const string InvalidResponse = "GumloopInvalidResponse";
    public const string InvalidId = "GumloopInvalidId";
    public const string InvalidArgument = "GumloopInvalidArgument";
    public const string ApiError = "GumloopApiError";
    public const string FlowRunFailed = "GumloopFlowRunFailed";
    public const string FlowRunTimeout = "GumloopFlowRunTimeout";
    public const string UnknownFlowInput = "GumloopUnknownFlowInput";
    public const string ReservedFlowInput = "GumloopReservedFlowInput";
    public const string FlowScopeMissing = "GumloopFlowScopeMissing";
    public const string ApiPathPlaceholder = "GumloopApiPathPlaceholder";
    public const string StreamingUnavailable = "GumloopStreamingUnavailable";
    public const string BinaryResponse = "GumloopBinaryResponse";
    public const string FileWriteFailed = "GumloopFileWriteFailed";
    public const string FileNotFound = "GumloopFileNotFound";
    public const string FileError = "GumloopFileError";
    public const string ApprovalNotFound = "GumloopApprovalNotFound";
    public const string OperationNotFound = "GumloopOperationNotFound";
    public const string PagingStalled = "GumloopPagingStalled";
    public const string FileExists = "GumloopFileExists";
    public const string InvalidTranscript = "GumloopInvalidTranscript";
    public const string InvalidConfiguration = "GumloopInvalidConfiguration";
    public const string NoCredential = "GumloopNoCredential";
    public const string InvalidConnectionSettings = "GumloopInvalidConnectionSettings";
    public const string ValidationFailed = "GumloopValidationFailed";
    public const string NotASimulator = "GumloopNotASimulator";
    public const string SimulatorStartFailed = "GumloopSimulatorStartFailed";
    public const string SessionFailed = "GumloopSessionFailed";
    public const string SkillNotFound = "GumloopSkillNotFound";
    public const string EvaluationWaitTimeout = "GumloopEvaluationWaitTimeout";
    public const string InvalidSkill = "GumloopInvalidSkill";
    public const string UnsafeArchive = "GumloopUnsafeArchive";
    public const string McpToolFailed = "GumloopMcpToolFailed";
    public const string McpNotConnected = "GumloopMcpNotConnected";

    private const string ConnectAdvice = "Run Connect-Gumloop with a valid API key and user id (or access token), or pass -Connection.";
    private const string IdAdvice = "Pass the id exactly as Gumloop returns it (the Id of Get-GumloopAgent, Get-GumloopSession or Get-GumloopQueuedMessage output); it is never empty and has no control characters.";
    private const string BusyAdvice = "Wait for the turn to end with Wait-GumloopSession, or send with -WhenBusy Wait or -WhenBusy Queue.";

    public static bool IsReportable(Exception exception) =>
        exception is GumloopException or GumloopNotConnectedException or GumloopWaitTimeoutException or ArgumentException;

    public static ErrorRecord ToErrorRecord(Exception exception, object? target)
    {
        var (id, category, advice) = Classify(exception);
        advice = CommandAdvice(exception) ?? advice;
        var record = new ErrorRecord(exception, id, category, target);
        // The message often quotes the server (an API error, a stream error event, a failed run's log); the host
        // shows ErrorDetails, so that copy is neutralised while Exception.Message keeps the raw text.
        var details = new ErrorDetails(HostText.Block(UserMessage(exception, target)));
        if (advice is not null)
        {
            details.RecommendedAction = advice;
        }

        record.ErrorDetails = details;
        return record;
    }

    /// <summary>
    /// Advice that names the command to run, for failures Core describes without command names: re-attaching to a
    /// stream that ended early, checking a session before re-sending a message that may have been accepted, and
    /// raising the response-size limit that stopped a read.
    /// </summary>
    internal static string? CommandAdvice(Exception exception) => exception switch
    {
        GumloopException { ResumeSessionId: { } session } resume =>
            "The agent may still be running: re-attach with Receive-GumloopSessionStream -SessionId " + session
            + (resume.ResumeCursor != null ? " -Cursor " + resume.ResumeCursor : string.Empty) + ", or check the session with Get-GumloopSession.",
        GumloopException { MayHaveBeenAccepted: true } =>
            "The message may already have been accepted: check the session with Get-GumloopSession (or Get-GumloopMessage) before sending it again.",
        GumloopResponseException { SizeLimitBytes: > 0 } =>
            "Raise the limit with Connect-Gumloop -MaxResponseSizeMB (or New-GumloopConnection -MaxResponseSizeMB) if the response is expected.",
        _ => null,
    };

    /// <summary>
    /// A record with an id from this table for a failure the cmdlet detected itself (no exception type of its
    /// own), so that every FullyQualifiedErrorId the module writes is declared here.
    /// </summary>
    public static ErrorRecord Create(Exception exception, string id, ErrorCategory category, object? target, string? advice = null)
    {
        var record = new ErrorRecord(exception, id, category, target);
        var details = new ErrorDetails(HostText.Block(UserMessage(exception, target)));
        if (advice is not null)
        {
            details.RecommendedAction = advice;
        }

        record.ErrorDetails = details;
        return record;
    }

    /// <summary>
    /// The text the user reads. .NET appends " (Parameter 'id')" to argument errors, which names a C# parameter
    /// the user never typed; a 404 names the kind and id of what was looked for instead of the server's bare
    /// "Session not found.".
    /// </summary>
    internal static string UserMessage(Exception exception, object? target)
    {
        if (exception is GumloopApiException { StatusCode: 404 } api && ResourceAdvice.FromUrl(api.Url) is { } resource)
        {
            string? id = resource.Id ?? target as string;
            if (!string.IsNullOrEmpty(id))
            {
                string detail = string.IsNullOrWhiteSpace(api.ApiMessage) ? string.Empty : " The service said: " + api.ApiMessage!.Trim();
                return $"No {resource.Kind} '{id}' was found.{detail}";
            }
        }

        string message = exception.Message;
        if (exception is ArgumentException { ParamName: { Length: > 0 } name })
        {
            string suffix = $" (Parameter '{name}')";
            int at = message.LastIndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message.Remove(at, suffix.Length);
            }
        }

        return message;
    }

    internal static (string Id, ErrorCategory Category, string? Advice) Classify(Exception exception) => exception switch
    {
        GumloopNotConnectedException => (NotConnected, ErrorCategory.InvalidOperation, ConnectAdvice),
        GumloopSessionFailedException => (SessionFailed, ErrorCategory.InvalidResult, "The error's TargetObject is the failed session; Get-GumloopMessage shows its transcript. Add -NoFailureError to treat a failed session as ordinary output."),
        GumloopFlowRunFailedException => (FlowRunFailed, ErrorCategory.InvalidResult, "The error's TargetObject is the failed run; its Log property holds every log line."),
        GumloopFlowRunTimeoutException => (FlowRunTimeout, ErrorCategory.OperationTimeout, "Run Wait-GumloopFlowRun again, raise -WaitTimeoutSec, or stop the run with Stop-GumloopFlowRun."),
        GumloopFlowInputException { Problem: FlowInputProblem.Unknown } => (UnknownFlowInput, ErrorCategory.InvalidArgument, "Get-GumloopFlowInput -FlowId <id> lists the inputs the flow takes."),
        GumloopFlowInputException { Problem: FlowInputProblem.Reserved } => (ReservedFlowInput, ErrorCategory.InvalidArgument, "Rename the Input step in the flow so its name is not one the start call reserves."),
        GumloopFlowInputException => (InvalidArgument, ErrorCategory.InvalidArgument, "Get-GumloopFlowInput -FlowId <id> lists the inputs the flow takes."),
        GumloopFlowScopeException => (FlowScopeMissing, ErrorCategory.InvalidOperation, "Connect-Gumloop with -UserId, or with -TeamId for team flows."),
        GumloopFlowNotFoundException => (NotFound, ErrorCategory.ObjectNotFound, "Get-GumloopFlow and Get-GumloopWorkbook list what exists."),
        GumloopConfigurationException => (InvalidConfiguration, ErrorCategory.InvalidArgument, "Correct the named environment variable or parameter, or run Connect-Gumloop with explicit values."),
        GumloopApiPathException { ForeignHost: true } => (ApiPathPlaceholder, ErrorCategory.InvalidArgument, "Give -Path relative to the connection's base URI (for example /agents), or connect to that host first with Connect-Gumloop -BaseUri."),
        GumloopApiPathException => (ApiPathPlaceholder, ErrorCategory.InvalidArgument, "Give each {name} in -Path a value in -Query, for example -Query @{ agent_id = $id }."),
        GumloopStreamingUnavailableException => (StreamingUnavailable, ErrorCategory.InvalidOperation, "Call the route without -Stream, or stream a session with Send-GumloopMessage -Stream or New-GumloopSession -Stream."),
        GumloopBinaryResponseException => (BinaryResponse, ErrorCategory.InvalidResult, "Add -OutFile <path> to save the response body."),
        GumloopEvaluationWaitTimeoutException => (EvaluationWaitTimeout, ErrorCategory.OperationTimeout, "The error's TargetObject lists the results still pending; read them later with Get-GumloopAgentEvaluation or Get-GumloopEvaluationResult, or raise -WaitTimeoutSec."),
        GumloopWaitTimeoutException => (WaitTimeout, ErrorCategory.OperationTimeout, "Run Wait-GumloopSession again, or raise -WaitTimeoutSec."),
        GumloopTimeoutException => (Timeout, ErrorCategory.OperationTimeout, "Increase -TimeoutSec, or check the service status and retry."),
        GumloopNetworkException => (NetworkError, ErrorCategory.ConnectionError, "Check the network and the -BaseUri of the connection."),
        GumloopResponseException => (InvalidResponse, ErrorCategory.InvalidResult, null),
        GumloopChatStreamException { IsInsufficientCredits: true } => (PaymentRequired, ErrorCategory.QuotaExceeded, "Add credits or raise the credit limit of your role. The reply so far is in the exception's Partial property."),
        GumloopChatStreamException => (StreamError, ErrorCategory.InvalidResult, "The completion stopped mid-stream; the reply so far is in the exception's Partial property. Send the message again to retry."),
        GumloopStreamException => (StreamError, ErrorCategory.InvalidResult, "Check the session with Get-GumloopSession; send the message again to retry the turn."),
        GumloopPagingStalledException => (PagingStalled, ErrorCategory.InvalidResult, "The service repeated a page; run the command again later, or use -First to take only the first pages."),
        GumloopPS.Core.Catalog.GumloopOperationNotFoundException => (OperationNotFound, ErrorCategory.ObjectNotFound, "Run Find-GumloopCommand without parameters to list every operation, or use wildcards such as -Path '/agents/*'."),
        GumloopOAuthException oauth => ClassifyOAuth(oauth),
        GumloopOrganizationException org => ClassifyOrganization(org),
        GumloopBrainException brain => ClassifyBrain(brain),
        GumloopSkillPackageException skill => ClassifySkillPackage(skill),
        GumloopApiException api => ClassifyApi(api),
        GumloopFileException file => ClassifyFile(file),
        GumloopTranscriptException transcript => ClassifyTranscript(transcript),
        // GumloopPath.Segment names its parameter "id"; other argument errors already say what to change.
        ArgumentException { ParamName: "id" } => (InvalidId, ErrorCategory.InvalidArgument, IdAdvice),
        ArgumentException => (InvalidArgument, ErrorCategory.InvalidArgument, null),
        _ => (ApiError, ErrorCategory.NotSpecified, null),
    };

    private static (string, ErrorCategory, string?) ClassifyFile(GumloopFileException file) => file.Problem switch
    {
        GumloopFileProblem.NotFound => (FileNotFound, ErrorCategory.ObjectNotFound, "Check the path; nothing was uploaded for it."),
        GumloopFileProblem.IsDirectory => (FileError, ErrorCategory.InvalidArgument, "Pass files: Get-ChildItem -File <folder> lists the files in a folder and pipes them to this command."),
        GumloopFileProblem.NotRegularFile => (FileError, ErrorCategory.InvalidType, "Pass a regular file; to upload what a pipe or device produces, save it to a file first."),
        GumloopFileProblem.TooLarge => (PayloadTooLarge, ErrorCategory.LimitsExceeded, "Split or compress the file; session files are limited to 200 MB."),
        _ => (FileError, file.InnerException is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError,
            "Check that you may read the file and that no other program holds it open; nothing was uploaded for it."),
    };

    private static (string, ErrorCategory, string?) ClassifyTranscript(GumloopTranscriptException transcript) => transcript.Problem switch
    {
        TranscriptProblem.FileExists => (FileExists, ErrorCategory.ResourceExists, "Add -Force to replace the file, or choose another -Path."),
        TranscriptProblem.NotFound => (FileNotFound, ErrorCategory.ObjectNotFound, "Check the path; Export-GumloopTranscript -Format Jsonl writes the files that Import-GumloopTranscript reads."),
        TranscriptProblem.InvalidLine => (InvalidTranscript, ErrorCategory.InvalidData, "Each line must be one JSON object as Export-GumloopTranscript -Format Jsonl writes it; the other lines were still read."),
        _ => (InvalidArgument, ErrorCategory.InvalidArgument, "With -SplitBySession, -Path is a folder; without it, a file (or a folder to hold transcript.<ext>)."),
    };

    private static (string, ErrorCategory, string?) ClassifyApi(GumloopApiException api)
    {
        switch (api.StatusCode)
        {
            case 400 when api.ErrorCode == "streaming_not_supported_on_this_host":
                return (StreamWrongHost, ErrorCategory.InvalidArgument, "Connect with -StreamBaseUri set to the streaming host named in the error.");
            case 400:
                return (BadRequest, ErrorCategory.InvalidArgument, null);
            case 401:
                return (Unauthorized, ErrorCategory.AuthenticationError, ConnectAdvice);
            case 402:
                return (PaymentRequired, ErrorCategory.QuotaExceeded, "Add credits or raise the credit limit of your role.");
            case 403:
                return (Forbidden, ErrorCategory.PermissionDenied, null);
            case 404:
                return (NotFound, ErrorCategory.ObjectNotFound, ResourceAdvice.Advice(ResourceAdvice.FromUrl(api.Url)));
            case 409 when api.ErrorCode == "interaction_not_in_terminal_state":
                return (SessionBusy, ErrorCategory.ResourceBusy, BusyAdvice);
            case 409 when api.ErrorCode == "queue_full":
                return (QueueFull, ErrorCategory.LimitsExceeded, "Wait for queued messages to be sent, or remove some with Remove-GumloopQueuedMessage.");
            case 409 when api.ErrorCode == "session_already_exists":
                return (Conflict, ErrorCategory.ResourceExists, "A session with this id exists already: pass another -SessionId, or leave it out and Gumloop makes one. Get-GumloopSession <id> shows the existing session.");
            case 409 when api.ErrorCode == "session_not_awaiting_approval":
                return (NotAwaitingApproval, ErrorCategory.InvalidOperation, "Check the session state with Get-GumloopSession; only approval_required sessions take answers.");
            case 409 when api.ErrorCode == "source_not_draft":
                return (BrainSourceNotDraft, ErrorCategory.InvalidOperation, "Only a draft source waits for approval; Get-GumloopBrainSource shows its Status.");
            case 409 when api.ErrorCode == "source_paused":
                return (BrainSourcePaused, ErrorCategory.InvalidOperation, "The source is paused and takes no uploads; resume it in the Gumloop app, or add the files to another source.");
            case 409:
                return (Conflict, ErrorCategory.ResourceExists, null);
            case 413:
                return (PayloadTooLarge, ErrorCategory.LimitsExceeded, null);
            case 429:
                return (RateLimited, ErrorCategory.LimitsExceeded, "The agent concurrency limit was reached; retry later or raise -MaxRetryCount.");
            case >= 500:
                return (ServerError, ErrorCategory.ConnectionError, null);
            default:
                return (ApiError, ErrorCategory.InvalidOperation, null);
        }
    }

    private static (string, ErrorCategory, string?) ClassifySkillPackage(GumloopSkillPackageException skill) => skill.Problem switch
    {
        SkillPackageProblem.NotFound => (FileNotFound, ErrorCategory.ObjectNotFound, "Check the path; nothing was sent."),
        SkillPackageProblem.UnsupportedFile => (InvalidArgument, ErrorCategory.InvalidArgument, "Give a folder holding SKILL.md, a SKILL.md file, or a .zip or .skill archive."),
        SkillPackageProblem.TooLarge => (PayloadTooLarge, ErrorCategory.LimitsExceeded, "Skills are limited to 10 MB; move large reference files elsewhere and link to them from SKILL.md."),
        SkillPackageProblem.UnsafeEntry => (UnsafeArchive, ErrorCategory.SecurityError, "Rebuild the archive from a folder: New-GumloopSkill -Path <folder> zips it with safe relative names."),
        _ => (InvalidSkill, ErrorCategory.InvalidData, "SKILL.md sits at the top of the skill and starts with front matter: a '---' line, name: <name>, description: <text>, and a closing '---' line."),
    };
}
