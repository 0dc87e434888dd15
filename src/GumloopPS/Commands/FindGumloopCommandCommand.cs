using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using GumloopPS.Core.Catalog;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>
/// Answers "which command calls this API route?" and "which routes does this command call?" from the operation
/// catalogue, as Find-MgGraphCommand does for Microsoft Graph. It sends no request.
/// </summary>
[Cmdlet(VerbsCommon.Find, "GumloopCommand", DefaultParameterSetName = ByPathSet)]
[OutputType(typeof(GumloopOperation))]
public sealed class FindGumloopCommandCommand : PSCmdlet
{
    private const string ByPathSet = "ByPath";
    private const string ByCommandSet = "ByCommand";
    private static readonly Regex CommandName = new Regex(@"\b[A-Z][a-z]+-Gumloop[A-Za-z]*", RegexOptions.CultureInvariant);

    [Parameter(ParameterSetName = ByPathSet, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(ParameterSetName = ByPathSet)]
    [Parameter(ParameterSetName = ByCommandSet)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string? Method { get; set; }

    [Parameter(ParameterSetName = ByCommandSet, Mandatory = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = Array.Empty<string>();

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? OperationId { get; set; }

    protected override void EndProcessing()
    {
        IEnumerable<GumloopOperation> found = GumloopOperationCatalog.All;
        string? path = Path is null ? null : RelativePath(Path);
        if (path is not null)
        {
            if (WildcardPattern.ContainsWildcardCharacters(path))
            {
                var pattern = new WildcardPattern(path, WildcardOptions.IgnoreCase);
                found = found.Where(o => pattern.IsMatch(o.Path));
            }
            else
            {
                found = found.Where(o => o.MatchesPath(path));
            }
        }

        if (Method is not null)
        {
            found = found.Where(o => string.Equals(o.Method, Method, StringComparison.OrdinalIgnoreCase));
        }

        if (OperationId is not null)
        {
            var pattern = new WildcardPattern(OperationId, WildcardOptions.IgnoreCase);
            found = found.Where(o => pattern.IsMatch(o.OperationId));
        }

        if (Command.Length > 0)
        {
            var patterns = Command.Select(c => new WildcardPattern(c, WildcardOptions.IgnoreCase)).ToArray();
            found = found.Where(o => CommandsOf(o).Any(name => patterns.Any(p => p.IsMatch(name))));
        }

        var list = found.ToList();
        foreach (var operation in list)
        {
            WriteObject(operation);
        }

        bool filtered = path is not null || Method is not null || OperationId is not null || Command.Length > 0;
        bool wildcard = (path is not null && WildcardPattern.ContainsWildcardCharacters(path))
            || (OperationId is not null && WildcardPattern.ContainsWildcardCharacters(OperationId))
            || Command.Any(WildcardPattern.ContainsWildcardCharacters);
        // As with Get-Item, a filter without wildcards that matches nothing is an error; a wildcard may match nothing.
        if (list.Count == 0 && filtered && !wildcard)
        {
            string what = string.Join(" ", new[] { Method?.ToUpperInvariant(), Path, OperationId, string.Join(", ", Command) }.Where(s => !string.IsNullOrEmpty(s)));
            var error = new GumloopPS.Core.Catalog.GumloopOperationNotFoundException($"No Gumloop API operation matches '{what}'.");
            WriteError(ErrorMap.ToErrorRecord(error, (object?)Path ?? string.Join(", ", Command)));
        }
    }

    /// <summary>The typed command and every other command the catalogue says uses the operation.</summary>
    private static IEnumerable<string> CommandsOf(GumloopOperation operation)
    {
        if (operation.Command.Length > 0)
        {
            yield return operation.Command;
        }

        if (operation.Remarks is not null)
        {
            foreach (Match m in CommandName.Matches(operation.Remarks))
            {
                yield return m.Value;
            }
        }
    }

    /// <summary>A path below the REST base: a full URL or a path that still starts with /api/v1 is cut to the part after it.</summary>
    private static string RelativePath(string path)
    {
        string p = path.Trim();
        if (Uri.TryCreate(p, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            p = uri.AbsolutePath;
        }

        int query = p.IndexOf('?');
        if (query >= 0)
        {
            p = p.Substring(0, query);
        }

        if (p.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase))
        {
            p = p.Substring("/api/v1".Length);
        }

        return p.StartsWith("/", StringComparison.Ordinal) ? p : "/" + p;
    }
}
