using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

[Cmdlet(VerbsData.Save, "GumloopFlowFile")]
[OutputType(typeof(FileInfo))]
public sealed class SaveGumloopFlowFileCommand : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("flow runs or run ids", typeof(FlowRun))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RunIdCompleter))]
    public string? RunId { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string[]? FileName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string? FlowId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter Expand { get; set; }

    protected override void ProcessRecord()
    {
        var runId = RunId!;
        var names = FileName!.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            WriteError(ErrorMap.ToErrorRecord(new ArgumentException("At least one file name is required."), runId));
            return;
        }

        var outPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        var flowId = string.IsNullOrWhiteSpace(FlowId) ? null : FlowId;
        Run(async ct =>
        {
            string target = outPath;
            try
            {
                if (names.Count == 1 && !Expand)
                {
                    var bytes = await Client.DownloadFlowFileAsync(runId, names[0], flowId, ct).ConfigureAwait(false);
                    target = Directory.Exists(outPath) ? Path.Combine(outPath, LocalName(names[0])) : outPath;
                    EmitItem(WriteFile(target, bytes));
                    return;
                }

                var zip = await Client.DownloadFlowFilesAsync(runId, names, flowId, ct).ConfigureAwait(false);
                if (!Expand)
                {
                    target = Directory.Exists(outPath) ? Path.Combine(outPath, LocalName(runId) + ".zip") : outPath;
                    EmitItem(WriteFile(target, zip));
                    return;
                }

                foreach (var file in ExpandZip(zip, outPath))
                {
                    EmitItem(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                EmitError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, runId);
            }
        });
    }

    /// <summary>A server-supplied name reduced to one file name, so it can never climb out of the folder it is saved in.</summary>
    private static string LocalName(string name)
    {
        var local = Path.GetFileName(name.Replace('\\', '/').TrimEnd('/').Split('/').Last());
        if (string.IsNullOrWhiteSpace(local) || local == "." || local == "..")
        {
            throw new ArgumentException($"'{name}' cannot be used as a local file name.");
        }

        foreach (var bad in Path.GetInvalidFileNameChars())
        {
            local = local.Replace(bad, '_');
        }

        return local;
    }

    /// <summary>
    /// Writes the file as Get-Item would return it: through the FileSystem provider, so PSPath and the views'
    /// UnixMode, User, Group and Size columns are filled, which a bare FileInfo leaves blank on Linux.
    /// </summary>
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

    private static FileInfo WriteFile(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, bytes);
        return new FileInfo(path);
    }

    private static List<FileInfo> ExpandZip(byte[] zip, string folder)
    {
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? root : root + Path.DirectorySeparatorChar;
        var written = new List<FileInfo>();
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            if (string.IsNullOrEmpty(entry.Name))
            {
                continue; // a folder entry
            }

            // Entries come from the server; one named "../x" must not write outside the folder the user chose.
            var destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!destination.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The archive entry '{entry.FullName}' points outside '{root}'; nothing more was extracted.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            using (var input = entry.Open())
            using (var output = File.Create(destination))
            {
                input.CopyTo(output);
            }

            written.Add(new FileInfo(destination));
        }

        return written;
    }
}
