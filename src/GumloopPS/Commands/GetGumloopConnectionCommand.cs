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
            WriteObject(ConnectionStore.Resolve(null));
        }
        catch (Exception ex) when (ErrorMap.IsReportable(ex))
        {
            WriteError(ErrorMap.ToErrorRecord(ex, null));
        }
    }
}
