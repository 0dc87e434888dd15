using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopApproval")]
[OutputType(typeof(PendingApproval))]
public sealed class GetGumloopApprovalCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = SessionId!;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    // Always fetched: a piped session may be stale, and answering a stale ask is exactly what must not happen.
                    var session = await Client.GetSessionAsync(id, ct).ConfigureAwait(false);
                    if (!string.Equals(session.State, "approval_required", StringComparison.Ordinal))
                    {
                        EmitVerbose($"Session {id} is '{session.State}', not approval_required; it has no pending asks.");
                        continue;
                    }

                    foreach (var approval in session.PendingApprovals)
                    {
                        approval.SessionId ??= session.Id ?? id;
                        Emit(approval);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
