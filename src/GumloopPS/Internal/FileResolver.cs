using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Turns -Path (wildcards) or -LiteralPath values into file-system paths, one error per path that cannot be used.</summary>
internal static class FileResolver
{
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

    private static bool IsFileSystem(ProviderInfo provider) =>
        string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);

    private static Resolved NotAFile(string path)
    {
        var error = new GumloopFileException($"'{path}' is not a file-system path; only local files can be uploaded.", path, GumloopFileProblem.NotFound);
        return new Resolved(null, Errors.ErrorMap.ToErrorRecord(error, path));
    }
}
