using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace GumloopPS.Core;

/// <summary>An archive from the server could not be expanded safely; nothing of it was kept.</summary>
public sealed class GumloopArchiveException : GumloopException
{
    public GumloopArchiveException(string message, string path, GumloopArchiveProblem problem)
        : base(message)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public GumloopArchiveProblem Problem { get; }
}
