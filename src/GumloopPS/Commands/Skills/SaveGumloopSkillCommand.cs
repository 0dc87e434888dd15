using System;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsData.Save, "GumloopSkill", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class SaveGumloopSkillCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("skills or skill ids", typeof(Skill))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SkillIdCompleter))]
    public string? SkillId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? VersionId { get; set; }

    [Parameter(Position = 1)]
    [Alias("Path", "OutFile")]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    public SwitchParameter Expand { get; set; }

    [Parameter]
    [ValidateRange(1, 1048576)]
    public int MaxExpandedSizeMB { get; set; } = (int)(ArchiveLimits.DefaultMaxExpandedBytes / (1024 * 1024));

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var skillId = SkillId!;
        var versionId = VersionId;
        var name = PipelineKindAttribute.Piped<Skill>(PipelineInput)?.Name;
        string? destination = Destination == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        string current = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        if (!ShouldProcessText(destination ?? current, $"Save skill {name ?? skillId}{(versionId != null ? " version " + versionId : string.Empty)}{(Expand ? " expanded" : string.Empty)}"))
        {
            return;
        }

        Run(async ct =>
        {
            string target = destination ?? current;
            try
            {
                var download = await Client.GetSkillDownloadAsync(skillId, versionId, ct).ConfigureAwait(false);
                string fileName = SaveTarget.LocalName(download.FileName ?? (name ?? skillId) + ".skill") ?? "skill.skill";
                if (Expand)
                {
                    // Expanded into -Destination, or a folder named after the skill in the current location.
                    target = destination ?? Path.Combine(current, Path.GetFileNameWithoutExtension(fileName));
                }
                else
                {
                    target = destination == null || SaveTarget.IsFolder(destination, Destination!) ? Path.Combine(destination ?? current, fileName) : destination;
                    if (File.Exists(target) && !Force)
                    {
                        EmitError(SaveTarget.Exists(target));
                        return;
                    }
                }

                var bytes = await Client.DownloadSignedAsync(download, ct).ConfigureAwait(false);
                if (Expand)
                {
                    foreach (var file in SaveTarget.Expand(bytes, target, MaxExpandedSizeMB, Force))
                    {
                        Emit(file);
                    }

                    return;
                }

                Emit(PartialFile.Save(target, bytes, overwrite: true));
            }
            catch (GumloopArchiveException ex)
            {
                string id = ex.Problem switch
                {
                    GumloopArchiveProblem.Exists => ErrorMap.FileExists,
                    GumloopArchiveProblem.TooLarge => ErrorMap.PayloadTooLarge,
                    _ => ErrorMap.UnsafeArchive,
                };
                EmitError(ErrorMap.Create(ex, id, SaveTarget.CategoryOf(ex.Problem), ex.Path, ex.Problem == GumloopArchiveProblem.Exists
                    ? "Add -Force to replace existing files, or choose an empty -Destination." : null));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                EmitError(ErrorMap.Create(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, skillId);
            }
        });
    }
}
