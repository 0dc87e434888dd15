using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Errors;

/// <summary>The error ids of Company Brain sources and files.</summary>
public static partial class ErrorMap
{
    public const string UnsupportedFileType = "GumloopUnsupportedFileType";
    public const string BrainFileRejected = "GumloopBrainFileRejected";
    public const string BrainIndexingFailed = "GumloopBrainIndexingFailed";
    public const string BrainSourceNotDraft = "GumloopBrainSourceNotDraft";
    public const string BrainSourcePaused = "GumloopBrainSourcePaused";

    private static (string, ErrorCategory, string?) ClassifyBrain(GumloopBrainException brain) => brain.Problem switch
    {
        BrainProblem.UnsupportedType => (UnsupportedFileType, ErrorCategory.InvalidType,
            "The Brain indexes PDF, Word, PowerPoint, Excel, .txt, .md, .html, .csv and .rtf files; convert the file or leave it out."),
        BrainProblem.TooLarge => (PayloadTooLarge, ErrorCategory.LimitsExceeded, "Split or compress the file; Brain files are limited to 25 MB."),
        BrainProblem.Rejected => (BrainFileRejected, ErrorCategory.InvalidData,
            "The message gives the service's reason; fix the file and add it again. The other files of the upload were stored."),
        BrainProblem.IndexingFailed => (BrainIndexingFailed, ErrorCategory.InvalidResult,
            "The file's Error property says why; fix the file, remove it with Remove-GumloopBrainFile and add it again."),
        BrainProblem.IndexTimeout => (WaitTimeout, ErrorCategory.OperationTimeout,
            "Indexing goes on: Get-GumloopBrainFile -SourceId <id> shows where it stands; raise -WaitTimeoutSec to wait longer."),
        _ => (InvalidArgument, ErrorCategory.InvalidArgument, "A team-scoped source needs -TeamId; personal and organization sources take none."),
    };
}
