using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.New, "GumloopSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Skill))]
public sealed class NewGumloopSkillCommand : GumloopSkillPackageCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var package = ReadPackage();
        if (package == null || !ShouldProcessText($"skill '{package.Name}' ({package.FileCount} file(s), {package.Length:N0} bytes) from {Path}", "Create"))
        {
            return;
        }

        var teamId = TeamId;
        Run(async ct =>
        {
            try
            {
                Emit(await Client.CreateSkillAsync(package, teamId, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, Path);
            }
        });
    }
}
