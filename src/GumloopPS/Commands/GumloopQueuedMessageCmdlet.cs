using System.Management.Automation;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by Set-, Remove- and Send-GumloopQueuedMessage, which act on one queued message of a session and take
/// both ids from a QueuedMessage piped from Get-GumloopQueuedMessage.
/// </summary>
public abstract class GumloopQueuedMessageCmdlet : GumloopApiCmdlet
{
    // No Id alias here: on a piped QueuedMessage, Id is the queued message's own id.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }
}
