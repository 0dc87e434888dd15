using System;
using System.IO;
using System.Linq;
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
        var name = (PipelineInput is PSObject ps ? ps.BaseObject : PipelineInput) is Skill skill ? skill.Name : null;
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
                string fileName = LocalName(download.FileName ?? (name ?? skillId) + ".skill");
                if (Expand)
                {
                    // Expanded into -Destination, or a folder named after the skill in the current location.
                    target = destination ?? Path.Combine(current, Path.GetFileNameWithoutExtension(fileName));
                }
                else
                {
                    target = destination == null ? Path.Combine(current, fileName)
                        : Directory.Exists(destination) || EndsWithSeparator(Destination!) ? Path.Combine(destination, fileName) : destination;
                    if (File.Exists(target) && !Force)
                    {
                        EmitError(ErrorMap.Create(
                            new IOException($"'{target}' already exists; nothing was downloaded."), ErrorMap.FileExists, ErrorCategory.ResourceExists, target,
                            "Add -Force to replace the file, or choose another -Destination."));
                        return;
                    }
                }

                var bytes = await Client.DownloadSignedAsync(download, ct).ConfigureAwait(false);
                if (Expand)
                {
                    var limits = new ArchiveLimits { MaxExpandedBytes = MaxExpandedSizeMB * 1024L * 1024L, Overwrite = Force };
                    foreach (var file in ArchiveExtractor.Expand(new MemoryStream(bytes, writable: false), target, limits))
                    {
                        Emit(file);
                    }

                    return;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                string partial = target + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                File.WriteAllBytes(partial, bytes);
                if (File.Exists(target))
                {
                    File.Delete(target);
                }

                File.Move(partial, target);
                Emit(new FileInfo(target));
            }
            catch (GumloopArchiveException ex)
            {
                var category = ex.Problem switch
                {
                    GumloopArchiveProblem.TooLarge => ErrorCategory.LimitsExceeded,
                    GumloopArchiveProblem.Exists => ErrorCategory.ResourceExists,
                    _ => ErrorCategory.SecurityError,
                };
                string id = ex.Problem switch
                {
                    GumloopArchiveProblem.Exists => ErrorMap.FileExists,
                    GumloopArchiveProblem.TooLarge => ErrorMap.PayloadTooLarge,
                    _ => ErrorMap.UnsafeArchive,
                };
                EmitError(ErrorMap.Create(ex, id, category, ex.Path, ex.Problem == GumloopArchiveProblem.Exists
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

    private static bool EndsWithSeparator(string path) => path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal);

    /// <summary>A server-supplied file name reduced to one safe name, so it can never climb out of the folder it is saved in.</summary>
    private static string LocalName(string name)
    {
        var local = name.Replace('\\', '/').TrimEnd('/').Split('/').Last();
        if (string.IsNullOrWhiteSpace(local) || local == "." || local == "..")
        {
            local = "skill.skill";
        }

        foreach (var bad in Path.GetInvalidFileNameChars())
        {
            local = local.Replace(bad, '_');
        }

        return local;
    }
}
