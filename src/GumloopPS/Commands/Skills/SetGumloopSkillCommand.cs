using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Set, "GumloopSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Skill))]
public sealed class SetGumloopSkillCommand : GumloopSkillPackageCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("skills or skill ids", typeof(Skill))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SkillIdCompleter))]
    public string? SkillId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var skillId = SkillId!;
        var package = ReadPackage();
        if (package == null || !ShouldProcessText($"skill {skillId}", $"Upload a new version named '{package.Name}' from {Path}"))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                var updated = await Client.UpdateSkillAsync(skillId, package, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(updated);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, skillId);
            }
        });
    }
}
