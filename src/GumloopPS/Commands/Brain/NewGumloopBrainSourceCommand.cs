using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>Creates a Brain source for uploaded files. The scope and team id are checked before anything is sent.</summary>
[Cmdlet(VerbsCommon.New, "GumloopBrainSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BrainSource))]
public sealed class NewGumloopBrainSourceCommand : GumloopApiCmdlet
{
    // By property name only, so rows of a CSV create sources while an agent or session piped in is refused.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("personal", "team", "organization")]
    public string? Scope { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    [Parameter]
    public SwitchParameter RequireApproval { get; set; }

    protected override void ProcessRecord()
    {
        var name = Name!;
        var scope = Scope?.ToLowerInvariant();
        var teamId = TeamId;
        try
        {
            BrainRules.CheckNewSource(name, scope, teamId);
        }
        catch (GumloopBrainException ex)
        {
            WriteError(Errors.ErrorMap.ToErrorRecord(ex, name));
            return;
        }

        var where = (scope ?? "personal") + (teamId is null ? string.Empty : " (team " + teamId + ")");
        var mode = RequireApproval ? "draft: uploads are only estimated until approved" : "active: uploads are indexed and billed at once";
        if (!ShouldProcessText($"Brain source '{name}', {where} scope", $"Create ({mode})"))
        {
            return;
        }

        bool approval = RequireApproval;
        Run(async ct =>
        {
            try
            {
                Emit(await Client.CreateBrainSourceAsync(name, scope, teamId, approval, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, name);
            }
        });
    }
}
