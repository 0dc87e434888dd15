using System;
using System.Globalization;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Add, "GumloopSessionFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = FileResolver.PathSet)]
[OutputType(typeof(SessionFile))]
public sealed class AddGumloopSessionFileCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FileResolver.PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    // PSPath is what Get-ChildItem output carries, so `Get-ChildItem *.csv | Add-GumloopSessionFile -SessionId $s` binds here.
    [Parameter(Mandatory = true, ParameterSetName = FileResolver.LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MediaType { get; set; }

    protected override void ProcessRecord()
    {
        var sessionId = SessionId!;
        // Size and kind come from the file system, so a 300 MB file is refused without reading a byte.
        foreach (var info in FileResolver.Checked(this, Path, LiteralPath, GumloopClient.CheckUploadable))
        {
            var mediaType = MediaType ?? MediaTypes.FromFileName(info.Name);
            var size = info.Length.ToString("N0", CultureInfo.InvariantCulture);
            if (!ShouldProcessText($"file {info.FullName} ({size} bytes, {mediaType}) to session {sessionId}", "Upload"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    Emit(await Client.UploadSessionFileAsync(sessionId, info.FullName, null, mediaType, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, info.FullName);
                }
            });
        }
    }
}
