using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Rename, "GumloopSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Session))]
public sealed class RenameGumloopSessionCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateLength(1, 256)]
    public string? NewName { get; set; }

    protected override void ProcessRecord()
    {
        var id = SessionId!;
        var name = NewName!.Trim();
        if (name.Length == 0)
        {
            WriteError(new ErrorRecord(new PSArgumentException("The new name must contain a visible character.", nameof(NewName)),
                ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, id));
            return;
        }

        if (!ShouldProcessText($"session {id}", $"Rename to '{name}'"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                Emit(await Client.RenameSessionAsync(id, name, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, id);
            }
        });
    }
}
