using System;

namespace GumloopPS.Core;

public enum BrainProblem
{
    /// <summary>The file's type is not one the Brain indexes; nothing was sent for it.</summary>
    UnsupportedType,

    /// <summary>The file is larger than the Brain's per-file limit; nothing was sent for it.</summary>
    TooLarge,

    /// <summary>The service refused the file in an upload.</summary>
    Rejected,

    /// <summary>The file was stored but indexing it failed.</summary>
    IndexingFailed,

    /// <summary>Files were still indexing when the wait's limit arrived.</summary>
    IndexTimeout,

    /// <summary>The scope and team id given for a new source do not go together, or another argument is unusable.</summary>
    InvalidSource,
}

/// <summary>A Brain source or file problem the module detected or the service reported for one file.</summary>
public sealed class GumloopBrainException : GumloopException
{
    public GumloopBrainException(string message, BrainProblem problem, string? target, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Target = target;
    }

    public BrainProblem Problem { get; }

    /// <summary>The local path, file name or source id the problem is about.</summary>
    public string? Target { get; }

    /// <summary>The service's reason for a rejected file (for example <c>unsupported_file_type</c>).</summary>
    public string? Reason { get; set; }
}
