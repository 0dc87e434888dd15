using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopConnection")]
[OutputType(typeof(GumloopConnection))]
public sealed class GetGumloopConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            var connection = ConnectionStore.Resolve(null);

            // A script may keep this object and pass it with -Connection after the default changes.
            ConnectionStore.MarkHandedOut(connection);
            WriteObject(connection);
        }
        catch (Exception ex) when (ErrorMap.IsReportable(ex))
        {
            WriteError(ErrorMap.ToErrorRecord(ex, null));
        }
    }
}
