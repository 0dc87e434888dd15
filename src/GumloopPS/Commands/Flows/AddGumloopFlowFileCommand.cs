using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Uploads local files for flow file inputs: upload_file for one, upload_files for several. Files piped in are
/// gathered and sent in one request at the end, and each stored name is written for Start-GumloopFlow -Inputs.
/// </summary>
[Cmdlet(VerbsCommon.Add, "GumloopFlowFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = FileResolver.PathSet)]
[OutputType(typeof(UploadedFlowFile))]
public sealed class AddGumloopFlowFileCommand : GumloopApiCmdlet
{
    /// <summary>Largest file sent: the content travels inline as base64 in a JSON body.</summary>
    internal const long MaxFileBytes = 100L * 1024 * 1024;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileResolver.PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    // PSPath is what Get-ChildItem output carries, so `Get-ChildItem *.csv | Add-GumloopFlowFile` binds here.
    [Parameter(Mandatory = true, ParameterSetName = FileResolver.LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    private readonly List<FileInfo> _files = new();
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);

    protected override void ProcessRecord()
    {
        foreach (var path in FileResolver.Usable(this, Path, LiteralPath))
        {
            FileInfo info;
            try
            {
                info = LocalFileKind.RequireRegularFile(path);
                if (info.Length > MaxFileBytes)
                {
                    throw new GumloopFileException(
                        string.Format(CultureInfo.InvariantCulture, "The file '{0}' is {1:0.#} MB; flow files travel inline as base64, so this module sends at most {2} MB each. Nothing was uploaded for it.", path, info.Length / (1024.0 * 1024.0), MaxFileBytes / (1024 * 1024)),
                        path,
                        GumloopFileProblem.TooLarge) { Length = info.Length };
                }
            }
            catch (GumloopFileException ex) when (ex.Problem == GumloopFileProblem.TooLarge)
            {
                WriteError(ErrorMap.Create(ex, ErrorMap.PayloadTooLarge, ErrorCategory.LimitsExceeded, path, "Split or compress the file."));
                continue;
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                WriteError(ErrorMap.ToErrorRecord(ex, path));
                continue;
            }

            if (!_names.Add(info.Name))
            {
                WriteError(ErrorMap.Create(new PSArgumentException($"Another file named '{info.Name}' is already part of this upload; flow files are stored by name, so one would replace the other."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, path, "Rename one of the files, or upload them in separate calls."));
                continue;
            }

            var size = info.Length.ToString("N0", CultureInfo.InvariantCulture);
            if (!ShouldProcessText($"file {info.FullName} ({size} bytes)", "Upload for flow inputs"))
            {
                _names.Remove(info.Name);
                continue;
            }

            _files.Add(info);
        }
    }

    protected override void EndProcessing()
    {
        if (_files.Count == 0)
        {
            return;
        }

        var files = _files.ToList();
        Run(async ct =>
        {
            var contents = new List<KeyValuePair<string, byte[]>>();
            var sent = new List<FileInfo>();
            foreach (var info in files)
            {
                try
                {
                    contents.Add(new KeyValuePair<string, byte[]>(info.Name, File.ReadAllBytes(info.FullName)));
                    sent.Add(info);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    EmitError(ErrorMap.ToErrorRecord(new GumloopFileException($"The file '{info.FullName}' cannot be read: {ex.Message}", info.FullName, GumloopFileProblem.Unreadable, ex), info.FullName));
                }
            }

            if (contents.Count == 0)
            {
                return;
            }

            try
            {
                var result = await Client.UploadFlowFilesAsync(contents, ct).ConfigureAwait(false);
                foreach (var info in sent)
                {
                    if (result.UploadedFiles.Contains(info.Name, StringComparer.Ordinal))
                    {
                        Emit(new UploadedFlowFile(info.Name, info.FullName, info.Length));
                    }
                    else
                    {
                        EmitError(ErrorMap.Create(
                            new GumloopException($"Gumloop did not store '{info.Name}'" + (result.FailedFiles.Contains(info.Name, StringComparer.Ordinal) ? " (it reported the file as failed)." : ".")),
                            ErrorMap.ServerError, ErrorCategory.WriteError, info.FullName, "Upload the file again; the other files of the call were stored."));
                    }
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sent.Count == 1 ? sent[0].FullName : string.Join(", ", sent.Select(f => f.Name)));
            }
        });
    }
}
