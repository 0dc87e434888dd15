using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Wait, "GumloopSession")]
[OutputType(typeof(Session))]
public sealed class WaitGumloopSessionCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public new int? TimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var ids = SessionId!;
        var timeout = TimeoutSec is { } t ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    var session = await Client.GetSessionAsync(id, ct).ConfigureAwait(false);
                    Emit(await WaitForSessionAsync(session, timeout, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
