using System;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Downloads an artifact (GET /artifacts/{id}/download, then its signed URL). The signed URL is fetched without the
/// connection's credentials and streamed to disk; an existing file is replaced only with -Force.
/// </summary>
[Cmdlet(VerbsData.Save, "GumloopArtifact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class SaveGumloopArtifactCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ArtifactId { get; set; }

    // Binds from a piped artifact, so the version listed is the version saved; without it, the latest.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? VersionId { get; set; }

    // A folder (the artifact's own file name is used) or a file path. Default: the current folder.
    [Parameter(Position = 1)]
    [Alias("Path", "OutFile")]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        string artifactId = ArtifactId!;
        string? versionId = string.IsNullOrWhiteSpace(VersionId) ? null : VersionId;
        string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(string.IsNullOrEmpty(Destination) ? "." : Destination);
        bool toFolder = SaveTarget.IsFolder(destination, Destination ?? ".");

        // With a file path known up front, an existing file is refused before anything is asked of the service.
        if (!toFolder && !Force && File.Exists(destination))
        {
            WriteError(SaveTarget.Exists(destination));
            return;
        }

        string describedVersion = versionId is null ? "the latest version" : "version " + versionId;
        if (!ShouldProcessText(toFolder ? $"folder {destination}" : $"file {destination}", $"Save {describedVersion} of artifact {artifactId}"))
        {
            return;
        }

        Run(async ct =>
        {
            string target = destination;
            try
            {
                var download = await Client.GetArtifactDownloadAsync(artifactId, versionId, ct).ConfigureAwait(false);
                if (toFolder)
                {
                    target = Path.Combine(destination, SaveTarget.LocalName(download.FileName ?? artifactId) ?? "artifact");
                    if (!Force && File.Exists(target))
                    {
                        EmitError(SaveTarget.Exists(target));
                        return;
                    }
                }

                EmitVerbose($"Downloading artifact {artifactId} ({download.Size?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes) from {GumloopArtifactClient.DescribeUrl(download.DownloadUrl)} without Gumloop credentials.");
                var file = await Client.SaveArtifactAsync(download, target, Force, ct).ConfigureAwait(false);
                EmitFileItem(file);
            }
            catch (IOException ex) when (File.Exists(target) && !Force)
            {
                EmitError(ErrorMap.Create(ex, ErrorMap.FileExists, ErrorCategory.ResourceExists, target, "Add -Force to replace the file, or choose another -Destination."));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, artifactId);
            }
        });
    }
}
