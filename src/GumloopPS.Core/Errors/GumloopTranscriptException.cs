using System;

namespace GumloopPS.Core;

public enum TranscriptProblem
{
    /// <summary>The file to write exists and overwriting was not allowed.</summary>
    FileExists,

    /// <summary>The file to read does not exist.</summary>
    NotFound,

    /// <summary>A line of a JSON Lines transcript is not a message object.</summary>
    InvalidLine,

    /// <summary>The path given is a file where a folder is needed, or the reverse.</summary>
    WrongKindOfPath,
}

/// <summary>A transcript file cannot be written or read as asked.</summary>
public sealed class GumloopTranscriptException : GumloopException
{
    public GumloopTranscriptException(string message, string path, TranscriptProblem problem, long? lineNumber = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
        LineNumber = lineNumber;
    }

    public string Path { get; }

    public TranscriptProblem Problem { get; }

    /// <summary>For <see cref="TranscriptProblem.InvalidLine"/>: the 1-based line number.</summary>
    public long? LineNumber { get; }

    internal static GumloopTranscriptException Exists(string path) =>
        new GumloopTranscriptException($"The file '{path}' already exists; it was not overwritten.", path, TranscriptProblem.FileExists);
}
