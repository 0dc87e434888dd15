using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace GumloopPS.Core;

/// <summary>A skill upload refused before anything was sent.</summary>
public sealed class GumloopSkillPackageException : GumloopException
{
    public GumloopSkillPackageException(string message, string path, SkillPackageProblem problem, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public SkillPackageProblem Problem { get; }
}
