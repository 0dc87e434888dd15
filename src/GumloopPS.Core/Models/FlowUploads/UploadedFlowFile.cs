using System;
using System.Globalization;

namespace GumloopPS.Core;

/// <summary>A local file uploaded for a flow's file inputs: <see cref="FileName"/> is what Start-GumloopFlow -Inputs takes.</summary>
public sealed class UploadedFlowFile
{
    public UploadedFlowFile(string fileName, string? sourcePath, long? length)
    {
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        SourcePath = sourcePath;
        Length = length;
    }

    /// <summary>The name the file is stored under; pass it as the value of a file input.</summary>
    public string FileName { get; }

    public string? SourcePath { get; }

    public long? Length { get; }

    public override string ToString() => FileName;

    internal string Describe() => string.Format(CultureInfo.InvariantCulture, "{0} ({1:N0} bytes)", FileName, Length ?? 0);
}
