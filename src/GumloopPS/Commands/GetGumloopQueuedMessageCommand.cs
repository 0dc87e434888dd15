using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopQueuedMessage")]
[OutputType(typeof(QueuedMessage))]
public sealed class GetGumloopQueuedMessageCommand : GumloopSessionIdsCmdlet
{
    protected override void ProcessRecord()
    {
        RunForEachSession(async (id, ct) =>
        {
            foreach (var queued in await Client.GetQueueAsync(id, ct).ConfigureAwait(false))
            {
                Emit(queued);
            }
        });
    }
}
