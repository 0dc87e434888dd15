using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Wait, "GumloopSession")]
[OutputType(typeof(Session))]
public sealed class WaitGumloopSessionCommand : GumloopSessionIdsCmdlet
{
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public new int? TimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var timeout = TimeoutSec is { } t ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        RunForEachSession(async (id, ct) =>
        {
            var session = await Client.GetSessionAsync(id, ct).ConfigureAwait(false);
            Emit(await WaitForSessionAsync(session, timeout, ct).ConfigureAwait(false));
        });
    }
}
