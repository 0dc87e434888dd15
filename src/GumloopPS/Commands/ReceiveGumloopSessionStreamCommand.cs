using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Receive, "GumloopSessionStream")]
[OutputType(typeof(Session), typeof(StreamEvent))]
public sealed class ReceiveGumloopSessionStreamCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("sessions or session ids", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    // Binds from a piped StreamEvent's StreamCursor, so `$lastEvent | Receive-GumloopSessionStream` picks up where it stopped.
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("LastCursor", "StreamCursor")]
    [AllowNull]
    [AllowEmptyString]
    public string? Cursor { get; set; }

    [Parameter]
    public SwitchParameter StreamEvents { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxResumeCount { get; set; } = 3;

    [Parameter]
    [ValidateRange(1, 604800)]
    public int? StreamTimeoutSec { get; set; }

    private protected override int? StreamTimeout => StreamTimeoutSec;

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        var cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor;
        RunStream(sessionId, StreamEvents, MaxResumeCount, sessionId,
            (onEvent, options, ct) => Client.ResumeStreamAsync(sessionId, cursor, onEvent, options, ct));
    }
}
