using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Turns -Path (wildcards) or -LiteralPath values into file-system paths, one error per path that cannot be used.</summary>
internal static class FileResolver
{
    /// <summary>The parameter set of a cmdlet's -Path, which takes wildcards.</summary>
    public const string PathSet = "Path";

    /// <summary>The parameter set of a cmdlet's -LiteralPath, which Get-ChildItem output binds to through PSPath.</summary>
    public const string LiteralPathSet = "LiteralPath";

    public readonly struct Resolved
    {
        public Resolved(string? path, ErrorRecord? error)
        {
            Path = path;
            Error = error;
        }

        public string? Path { get; }
        public ErrorRecord? Error { get; }
    }

    public static IEnumerable<Resolved> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
    {
        foreach (var path in paths)
        {
            var results = new List<Resolved>();
            try
            {
                ProviderInfo provider;
                if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
                {
                    var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
                    results.Add(IsFileSystem(provider) ? new Resolved(resolved, null) : NotAFile(path));
                }
                else
                {
                    var matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                    if (!IsFileSystem(provider))
                    {
                        results.Add(NotAFile(path));
                    }
                    else if (matches.Count == 0)
                    {
                        results.Add(new Resolved(null, Errors.ErrorMap.ToErrorRecord(
                            new GumloopFileException($"No file matches '{path}'.", path, GumloopFileProblem.NotFound), path)));
                    }
                    else
                    {
                        foreach (var match in matches)
                        {
                            results.Add(new Resolved(match, null));
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or DriveNotFoundException or ProviderNotFoundException or PSArgumentException or NotSupportedException)
            {
                var error = new GumloopFileException($"The file '{path}' does not exist: {ex.Message}", path, GumloopFileProblem.NotFound, ex);
                results.Add(new Resolved(null, Errors.ErrorMap.ToErrorRecord(error, path)));
            }

            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// The files a cmdlet's -Path or -LiteralPath names, as its parameter set (<see cref="PathSet"/> or
    /// <see cref="LiteralPathSet"/>) says; each that cannot be used is written as an error and skipped.
    /// </summary>
    public static IEnumerable<string> Usable(PSCmdlet cmdlet, string[]? path, string[]? literalPath)
    {
        bool literal = cmdlet.ParameterSetName == LiteralPathSet;
        foreach (var resolved in Resolve(cmdlet, (literal ? literalPath : path) ?? Array.Empty<string>(), literal))
        {
            if (resolved.Error is not null)
            {
                cmdlet.WriteError(resolved.Error);
                continue;
            }

            yield return resolved.Path!;
        }
    }

    /// <summary>
    /// <see cref="Usable"/>, each file then passed through <paramref name="check"/> (size, kind, type: all from the
    /// file system, so a refused file is never read or sent); a refusal is written as an error for its path.
    /// </summary>
    public static IEnumerable<T> Checked<T>(PSCmdlet cmdlet, string[]? path, string[]? literalPath, Func<string, T> check)
    {
        foreach (var usable in Usable(cmdlet, path, literalPath))
        {
            T checkedFile;
            try
            {
                checkedFile = check(usable);
            }
            catch (Exception ex) when (Errors.ErrorMap.IsReportable(ex))
            {
                cmdlet.WriteError(Errors.ErrorMap.ToErrorRecord(ex, usable));
                continue;
            }

            yield return checkedFile;
        }
    }

    private static bool IsFileSystem(ProviderInfo provider) =>
        string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    private static Resolved NotAFile(string path)
    {
        var error = new GumloopFileException($"'{path}' is not a file-system path; only local files can be uploaded.", path, GumloopFileProblem.NotFound);
        return new Resolved(null, Errors.ErrorMap.ToErrorRecord(error, path));
    }
}
