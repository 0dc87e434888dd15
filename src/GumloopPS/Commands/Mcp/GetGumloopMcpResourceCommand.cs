using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopMcpResource", DefaultParameterSetName = ListSet)]
[OutputType(typeof(McpResource), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(McpResourceContent), typeof(FileInfo), ParameterSetName = new[] { ReadSet })]
public sealed class GetGumloopMcpResourceCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ReadSet = "Read";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string? ServerId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ReadSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Uri { get; set; }

    [Parameter(ParameterSetName = ReadSet)]
    [Alias("Path")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter(ParameterSetName = ReadSet)]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var serverId = ServerId!;
        var teamId = TeamId;
        if (ParameterSetName == ListSet)
        {
            Run(async ct =>
            {
                try
                {
                    var state = await Client.ListMcpResourcesAsync(serverId, teamId, Emit, ct).ConfigureAwait(false);
                    if (state.NeedsConnection)
                    {
                        EmitWarning(state.NotConnectedWarning(serverId, "resources"));
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, serverId);
                }
            });
            return;
        }

        var uri = Uri!;
        string? outFile = OutFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        Run(async ct =>
        {
            IReadOnlyList<McpResourceContent> contents;
            try
            {
                contents = await Client.ReadMcpResourceAsync(serverId, uri, teamId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, uri);
                return;
            }

            if (outFile == null)
            {
                foreach (var content in contents)
                {
                    Emit(content);
                }

                return;
            }

            // One content goes to -OutFile (or into it, when it is a folder); several go into -OutFile as a folder.
            bool folder = contents.Count > 1 || Directory.Exists(outFile);
            foreach (var content in contents)
            {
                string target = folder ? Path.Combine(outFile, LocalName(content)) : outFile;
                try
                {
                    if (File.Exists(target) && !Force)
                    {
                        EmitError(ErrorMap.Create(new IOException($"'{target}' already exists; it was not replaced."), ErrorMap.FileExists, ErrorCategory.ResourceExists, target,
                            "Add -Force to replace the file, or choose another -OutFile."));
                        continue;
                    }

                    Emit(PartialFile.Save(target, content.GetBytes(), overwrite: true));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    EmitError(ErrorMap.Create(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, target));
                }
            }
        });
    }

    /// <summary>The last segment of the content's URI as a safe file name, with an extension from its media type when it has none.</summary>
    private static string LocalName(McpResourceContent content)
    {
        string last = (content.Uri ?? "resource").TrimEnd('/').Split('/', ':').Last(s => s.Length > 0);
        foreach (var bad in Path.GetInvalidFileNameChars())
        {
            last = last.Replace(bad, '_');
        }

        if (last == "." || last == ".." || last.Length == 0)
        {
            last = "resource";
        }

        if (Path.HasExtension(last))
        {
            return last;
        }

        return last + (content.MimeType switch
        {
            "application/json" => ".json",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            "text/markdown" => ".md",
            "text/csv" => ".csv",
            _ => content.IsBlob ? ".bin" : ".txt",
        });
    }
}
