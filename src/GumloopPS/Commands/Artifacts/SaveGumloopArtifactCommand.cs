using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;

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
        bool toFolder = Directory.Exists(destination) || (Destination ?? ".").EndsWith("/", StringComparison.Ordinal) || (Destination ?? ".").EndsWith("\\", StringComparison.Ordinal);

        // With a file path known up front, an existing file is refused before anything is asked of the service.
        if (!toFolder && !Force && File.Exists(destination))
        {
            WriteError(Exists(destination));
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
                    target = Path.Combine(destination, LocalName(download.FileName ?? artifactId));
                    if (!Force && File.Exists(target))
                    {
                        EmitError(Exists(target));
                        return;
                    }
                }

                EmitVerbose($"Downloading artifact {artifactId} ({download.Size?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes) from {GumloopArtifactClient.DescribeUrl(download.DownloadUrl)} without Gumloop credentials.");
                var file = await Client.SaveArtifactAsync(download, target, Force, ct).ConfigureAwait(false);
                EmitItem(file);
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

    private static ErrorRecord Exists(string path) =>
        ErrorMap.Create(new IOException($"The file '{path}' already exists; nothing was downloaded."), ErrorMap.FileExists, ErrorCategory.ResourceExists, path,
            "Add -Force to replace the file, or choose another -Destination.");

    /// <summary>A server-supplied name reduced to one file name, so it can never climb out of the folder it is saved in.</summary>
    private static string LocalName(string name)
    {
        var local = name.Replace('\\', '/').TrimEnd('/').Split('/').Last();
        foreach (var bad in Path.GetInvalidFileNameChars())
        {
            local = local.Replace(bad, '_');
        }

        return string.IsNullOrWhiteSpace(local) || local == "." || local == ".." ? "artifact" : local;
    }

    /// <summary>The saved file as Get-Item returns it, so PSPath and the usual file views are filled.</summary>
    private void EmitItem(FileInfo file) => Post(() =>
    {
        System.Collections.ObjectModel.Collection<PSObject>? items = null;
        try
        {
            items = InvokeProvider.Item.Get(new[] { file.FullName }, true, true);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or ProviderInvocationException or System.Management.Automation.DriveNotFoundException)
        {
        }

        if (items is { Count: > 0 })
        {
            foreach (var item in items)
            {
                WriteObject(item);
            }
        }
        else
        {
            WriteObject(file);
        }
    });
}
