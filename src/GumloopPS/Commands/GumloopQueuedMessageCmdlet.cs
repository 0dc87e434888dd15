using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by Set-, Remove- and Send-GumloopQueuedMessage, which act on one queued message of a session and take
/// both ids from a QueuedMessage piped from Get-GumloopQueuedMessage.
/// </summary>
public abstract class GumloopQueuedMessageCmdlet : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("queued messages, or a session id with a queued message id", typeof(QueuedMessage))]
    public object? PipelineInput { get; set; }

    // No Id alias here: on a piped QueuedMessage, Id is the queued message's own id.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }
}
