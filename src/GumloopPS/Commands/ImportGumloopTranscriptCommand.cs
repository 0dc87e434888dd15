using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>Reads Jsonl transcripts offline: no connection, no request.</summary>
[Cmdlet(VerbsData.Import, "GumloopTranscript", DefaultParameterSetName = PathSet)]
[OutputType(typeof(Message))]
public sealed class ImportGumloopTranscriptCommand : GumloopCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string file in Resolve())
        {
            Read(file);
        }
    }

    private IEnumerable<string> Resolve()
    {
        var found = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string path in LiteralPath!)
            {
                found.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            }

            return found;
        }

        foreach (string path in Path!)
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                if (provider.Name == "FileSystem")
                {
                    found.AddRange(resolved);
                }
                else
                {
                    NotFound(path);
                }
            }
            catch (ItemNotFoundException)
            {
                NotFound(path);
            }
        }

        return found;
    }

    private void Read(string file)
    {
        if (!File.Exists(file))
        {
            NotFound(file);
            return;
        }

        try
        {
            using var reader = new StreamReader(file, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            foreach (TranscriptLine line in JsonlTranscriptReader.Read(reader))
            {
                if (CancellationToken.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }

                if (line.Message != null)
                {
                    WriteObject(line.Message);
                    continue;
                }

                string target = file + ":" + line.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var error = new GumloopTranscriptException($"Line {line.LineNumber} of '{file}' is not a transcript message: {line.Error}", file, TranscriptProblem.InvalidLine, line.LineNumber);
                WriteError(ErrorMap.ToErrorRecord(error, target));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var record = new ErrorRecord(ex, ErrorMap.FileError, ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError, file);
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Check that you may read the file and that no other program holds it open." };
            WriteError(record);
        }
    }

    private void NotFound(string path) =>
        WriteError(ErrorMap.ToErrorRecord(new GumloopTranscriptException($"The file '{path}' was not found.", path, TranscriptProblem.NotFound), path));
}
