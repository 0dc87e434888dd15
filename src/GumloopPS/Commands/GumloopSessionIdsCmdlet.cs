using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by the cmdlets that act on each of several sessions given by id or piped in (Get-GumloopApproval,
/// Get-GumloopQueuedMessage, Stop- and Wait-GumloopSession).
/// </summary>
public abstract class GumloopSessionIdsCmdlet : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("sessions or session ids", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? SessionId { get; set; }

    /// <summary>
    /// Runs <paramref name="work"/> for each id in turn. A failure is reported with its id as the target and the
    /// remaining ids still run, so one bad id in a pipeline never hides the others.
    /// </summary>
    private protected void RunForEachSession(Func<string, CancellationToken, Task> work)
    {
        var ids = SessionId!;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    await work(id, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
