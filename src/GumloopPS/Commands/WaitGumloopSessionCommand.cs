using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Wait, "GumloopSession")]
[OutputType(typeof(Session))]
public sealed class WaitGumloopSessionCommand : GumloopSessionIdsCmdlet
{
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    // A session that ends failed is an error by default, like a failed flow run; this keeps the old quiet output.
    [Parameter]
    public SwitchParameter NoFailureError { get; set; }

    // Ids are collected over the whole pipeline, so the overall progress bar can say "n of m".
    private readonly List<string> _ids = new();
    private TimeSpan? _limit;

    protected override void ProcessRecord()
    {
        _limit = ResolveWaitLimit(WaitTimeoutSec, waits: true);
        _ids.AddRange(SessionId!);
    }

    protected override void EndProcessing()
    {
        var ids = _ids.ToArray();
        var limit = _limit;
        var overall = ids.Length > 1 ? NextProgressId() : -1;
        const string activity = "Waiting for Gumloop sessions";
        Run(async ct =>
        {
            try
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    var id = ids[i];
                    if (overall >= 0)
                    {
                        EmitProgress(new ProgressRecord(overall, activity, $"{i} of {ids.Length} settled; waiting for {id}")
                        {
                            PercentComplete = i * 100 / ids.Length,
                        });
                    }

                    // Each session gets the whole -WaitTimeoutSec; the first read counts against it too.
                    var deadline = new WaitDeadline(limit);
                    try
                    {
                        Session session;
                        try
                        {
                            session = await Client.WithDeadline(deadline).GetSessionAsync(id, ct).ConfigureAwait(false);
                        }
                        catch (GumloopDeadlineException)
                        {
                            throw new GumloopWaitTimeoutException(id, null, limit!.Value);
                        }

                        EmitSessionOutcome(await WaitForSessionAsync(session, deadline, ct, overall).ConfigureAwait(false), NoFailureError);
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            }
            finally
            {
                if (overall >= 0)
                {
                    EmitProgress(new ProgressRecord(overall, activity, $"{ids.Length} of {ids.Length} done") { RecordType = ProgressRecordType.Completed });
                }
            }
        });
    }
}
