using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopApproval")]
[OutputType(typeof(PendingApproval))]
public sealed class GetGumloopApprovalCommand : GumloopSessionIdsCmdlet
{
    protected override void ProcessRecord()
    {
        RunForEachSession(async (id, ct) =>
        {
            // Always fetched: a piped session may be stale, and answering a stale ask is exactly what must not happen.
            var session = await Client.GetSessionAsync(id, ct).ConfigureAwait(false);
            if (!string.Equals(session.State, "approval_required", StringComparison.Ordinal))
            {
                EmitVerbose($"Session {id} is '{session.State}', not approval_required; it has no pending asks.");
                return;
            }

            foreach (var approval in session.PendingApprovals)
            {
                approval.SessionId ??= session.Id ?? id;
                Emit(approval);
            }
        });
    }
}
