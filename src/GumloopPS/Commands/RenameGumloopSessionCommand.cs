using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Rename, "GumloopSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Session))]
public sealed class RenameGumloopSessionCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("sessions or session ids", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateLength(1, 256)]
    public string? NewName { get; set; }

    // PowerShell's convention for Set- and Rename-: quiet unless asked, like Stop- and Remove-.
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var id = SessionId!;
        var name = NewName!.Trim();
        if (name.Length == 0)
        {
            WriteError(ErrorMap.Create(new PSArgumentException("The new name must contain a visible character.", nameof(NewName)),
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
                var renamed = await Client.RenameSessionAsync(id, name, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(renamed);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, id);
            }
        });
    }
}
