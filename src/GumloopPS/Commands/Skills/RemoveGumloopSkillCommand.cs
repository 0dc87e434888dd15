using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Remove, "GumloopSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Skill))]
public sealed class RemoveGumloopSkillCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("skills or skill ids", typeof(Skill))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SkillIdCompleter))]
    public string[]? SkillId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        // A piped skill names itself in the prompt; a bare id is all there is otherwise.
        var piped = PipelineKindAttribute.Piped<Skill>(PipelineInput);
        var name = piped?.Name;
        foreach (var id in SkillId!)
        {
            var target = name != null && SkillId!.Length == 1 ? $"skill '{name}' ({id})" : $"skill {id}";
            if (!ShouldProcessText(target, "Delete (agents can no longer use it)"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    if (!await Client.DeleteSkillAsync(id, ct).ConfigureAwait(false))
                    {
                        EmitWarning($"Gumloop answered that skill {id} was not deleted.");
                    }
                    else if (PassThru)
                    {
                        // The skill as it was before deletion: the piped object, or just its id.
                        Emit(piped != null && piped.Id == id ? piped : new Skill { Id = id });
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }
}
