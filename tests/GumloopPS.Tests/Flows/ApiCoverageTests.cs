using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace GumloopPS.Tests.Flows;

/// <summary>
/// The README's "API coverage" table must name every operation of openapi.json, so an operation added to the
/// spec cannot go unmentioned, and every cmdlet it names must be one the module exports.
/// </summary>
public class ApiCoverageTests
{
    private static readonly string[] HttpMethods = { "get", "post", "put", "patch", "delete", "head", "options" };

    private static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        // Builds with --artifacts-path put the test binaries outside the repo, so the source location is the fallback.
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty, Directory.GetCurrentDirectory() })
        {
            var dir = start.Length == 0 ? null : new DirectoryInfo(start);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "GumloopPS.psd1")))
            {
                dir = dir.Parent;
            }

            if (dir != null)
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("GumloopPS.psd1 was not found above " + AppContext.BaseDirectory + " or the test sources.");
    }

    private static List<(string Method, string Path)> OpenApiOperations()
    {
        string path = Path.Combine(RepoRoot(), "tests", "fixtures", "gumloop-api", "openapi.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var operations = new List<(string, string)>();
        foreach (JsonProperty route in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in route.Value.EnumerateObject())
            {
                if (HttpMethods.Contains(operation.Name))
                {
                    operations.Add((operation.Name.ToUpperInvariant(), route.Name));
                }
            }
        }

        return operations;
    }

    private sealed record Row(int Number, string Method, string Path, string Host, string Cmdlet);

    private static List<Row> CoverageRows()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        Match section = Regex.Match(readme, @"^## API coverage[ \t]*\r?\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## API coverage' section.");
        var rows = new List<Row>();
        foreach (string line in section.Groups["body"].Value.Split('\n'))
        {
            // Cells are split on '|' not preceded by a backslash, which escapes a '|' inside a cell.
            string[] cells = Regex.Split(line.Trim(), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
            if (cells.Length < 7 || !int.TryParse(cells[1], out int number))
            {
                continue;
            }

            rows.Add(new Row(number, cells[2].ToUpperInvariant(), cells[3].Trim('`').Replace("\\|", "|"), cells[4], cells[5]));
        }

        return rows;
    }

    [Fact]
    public void OpenApiHasTheDocumentedNumberOfOperations()
    {
        // API.md counts 91 operations in the public OpenAPI; a different count means the spec file changed.
        Assert.Equal(91, OpenApiOperations().Count);
    }

    [Fact]
    public void EveryOpenApiOperationIsInTheReadmeTable()
    {
        var listed = new HashSet<(string, string)>(CoverageRows().Select(r => (r.Method, r.Path)));
        var missing = OpenApiOperations().Where(op => !listed.Contains(op)).Select(op => op.Method + " " + op.Path).ToList();
        Assert.True(missing.Count == 0, "Operations missing from the README's API coverage table:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void TheTableListsAll102OperationsOnceInOrder()
    {
        var rows = CoverageRows();
        Assert.Equal(Enumerable.Range(1, 102), rows.Select(r => r.Number));
        var duplicates = rows.GroupBy(r => (r.Method, r.Path)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Cmdlet), $"Row {r.Number} names no cmdlet."));
    }

    [Fact]
    public void EveryCmdletNamedInTheTableIsExported()
    {
        string manifest = File.ReadAllText(Path.Combine(RepoRoot(), "GumloopPS.psd1"));
        Match exports = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>.*?)\)", RegexOptions.Singleline);
        Assert.True(exports.Success);
        var exported = new HashSet<string>(Regex.Matches(exports.Groups["list"].Value, @"'([^']+)'").Select(m => m.Groups[1].Value), StringComparer.OrdinalIgnoreCase);
        var unknown = CoverageRows()
            .SelectMany(r => Regex.Matches(r.Cmdlet, @"\b[A-Z][a-z]+-Gumloop\w*").Select(m => (r.Number, Name: m.Value)))
            .Where(x => !exported.Contains(x.Name))
            .Select(x => $"row {x.Number}: {x.Name}")
            .ToList();
        Assert.True(unknown.Count == 0, "The table names cmdlets the module does not export:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void RowsWithoutATypedCmdletUseInvokeGumloopApi()
    {
        foreach (var row in CoverageRows().Where(r => r.Host != "root"))
        {
            Assert.Matches(@"`[A-Z][a-z]+-Gumloop\w*", row.Cmdlet);
        }
    }
}
