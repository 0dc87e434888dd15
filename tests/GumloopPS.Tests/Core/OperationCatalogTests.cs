using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Simulator;
using GumloopPS.Tests.Simulator;
using Xunit;

namespace GumloopPS.Tests.Core;

/// <summary>
/// The operation catalogue is the one list of the API's operations. openapi.json, the README's coverage table, the
/// manifest's CmdletsToExport and the simulator's served routes are each held against it, so none can drift.
/// </summary>
public sealed class OperationCatalogTests : SimTestBase
{
    // Exported cmdlets that call no API operation of their own.
    private static readonly string[] NotApiCommands =
    {
        "Connect-Gumloop", "Disconnect-Gumloop", "Get-GumloopConnection", "Start-GumloopSimulator", "Stop-GumloopSimulator",
        "Find-GumloopCommand", "New-GumloopConnection", "Import-GumloopTranscript",
    };

    private static readonly Regex CommandName = new Regex(@"\b[A-Z][a-z]+-Gumloop[A-Za-z]*");

    private static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "fixtures", "gumloop-api", name);

    private static Dictionary<(string Method, string Path), (string OperationId, List<string> Parameters)> OpenApi()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Fixture("openapi.json")));
        var ops = new Dictionary<(string, string), (string, List<string>)>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object || !op.Value.TryGetProperty("operationId", out var id)) continue;
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Where(p => p.TryGetProperty("name", out _)).Select(p => p.GetProperty("name").GetString()!).ToList()
                    : new List<string>();
                ops[(op.Name.ToUpperInvariant(), path.Name)] = (id.GetString()!, parameters);
            }
        }

        return ops;
    }

    [Fact]
    public void It_lists_102_operations_numbered_in_order_each_once()
    {
        var all = GumloopOperationCatalog.All;
        Assert.Equal(Enumerable.Range(1, 102), all.Select(o => o.Number));
        Assert.Empty(all.GroupBy(o => (o.Method, o.Path, o.Host)).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(all.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Its_openapi_operations_are_exactly_openapi_json_s_with_the_same_ids_and_paging()
    {
        var spec = OpenApi();
        var mine = GumloopOperationCatalog.All.Where(o => o.IsInOpenApi).ToList();
        Assert.Equal(spec.Count, mine.Count);
        foreach (var op in mine)
        {
            Assert.True(spec.TryGetValue((op.Method, op.Path), out var s), $"{op} is not in openapi.json");
            Assert.Equal(s.OperationId, op.OperationId);
            var paging = s.Parameters.Contains("cursor") ? PagingStyle.Cursor : s.Parameters.Contains("page") ? PagingStyle.PageNumber : PagingStyle.None;
            Assert.True(paging == op.Paging, $"{op}: paging {op.Paging}, openapi.json says {paging}");
        }

        // API.md counts 91 operations in the public OpenAPI; a different count means the spec file changed.
        Assert.Equal(91, spec.Count);
        Assert.Equal(11, GumloopOperationCatalog.All.Count(o => !o.IsInOpenApi));
    }

    [Fact]
    public void Reads_are_safe_to_retry_and_nothing_that_spends_credits_is()
    {
        foreach (var op in GumloopOperationCatalog.All.Where(o => o.Method == "GET"))
            Assert.Equal(GumloopRequestKind.Idempotent, op.RetryKind);
        foreach (var id in new[] { "startFlow", "createSession", "sendMessage", "createChatCompletion", "routeModel", "searchBrain", "callMcpTools", "runEvaluations", "runOrganizationEvaluation" })
            Assert.Equal(GumloopRequestKind.MessageCreating, GumloopOperationCatalog.All.Single(o => o.OperationId == id).RetryKind);
    }

    private sealed record ReadmeRow(int Number, string Method, string Path, string Host, string Cmdlet);

    private static List<ReadmeRow> ReadmeRows()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var section = Regex.Match(readme, @"^## API coverage[ \t]*\r?\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success);
        var rows = new List<ReadmeRow>();
        foreach (string line in section.Groups["body"].Value.Split('\n'))
        {
            string[] cells = Regex.Split(line.Trim(), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
            if (cells.Length < 7 || !int.TryParse(cells[1], out int number)) continue;
            rows.Add(new ReadmeRow(number, cells[2], cells[3].Trim('`'), cells[4], cells[5]));
        }

        return rows;
    }

    [Fact]
    public void The_readme_coverage_table_is_the_catalogue()
    {
        var rows = ReadmeRows();
        Assert.Equal(GumloopOperationCatalog.All.Count, rows.Count);
        foreach (var (op, row) in GumloopOperationCatalog.All.Zip(rows))
        {
            Assert.Equal(op.Number, row.Number);
            Assert.Equal(op.Method, row.Method);
            // The table may annotate a streaming variant, for example "(stream:true)" or "?stream=true".
            Assert.True(row.Path == op.Path || row.Path.StartsWith(op.Path + " ", StringComparison.Ordinal) || row.Path.StartsWith(op.Path + "?", StringComparison.Ordinal),
                $"row {row.Number}: {row.Path} is not {op.Path}");
            Assert.Equal(op.Host switch { ApiHost.Api => "api", ApiHost.Stream => "ws", _ => "root" }, row.Host);
            var first = CommandName.Match(row.Cmdlet);
            if (op.Command.Length == 0) Assert.StartsWith("none", row.Cmdlet, StringComparison.Ordinal);
            else Assert.True(first.Success && first.Value == op.Command, $"row {row.Number} names {row.Cmdlet}; the catalogue says {op.Command}");
        }
    }

    [Fact]
    public void Every_rest_operation_has_a_command_and_every_cmdlet_the_readme_table_names_is_exported()
    {
        Assert.All(GumloopOperationCatalog.All.Where(o => o.Host != ApiHost.Root), o => Assert.Matches(CommandName, o.Command));
        var exported = Exported();
        var unknown = ReadmeRows()
            .SelectMany(r => CommandName.Matches(r.Cmdlet).Select(m => (r.Number, Name: m.Value)))
            .Where(x => !exported.Contains(x.Name))
            .Select(x => $"row {x.Number}: {x.Name}")
            .ToList();
        Assert.True(unknown.Count == 0, "The table names cmdlets the module does not export:\n" + string.Join("\n", unknown));
    }

    private static HashSet<string> Exported()
    {
        string manifest = File.ReadAllText(Path.Combine(RepoRoot(), "GumloopPS.psd1"));
        var exports = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>.*?)\)", RegexOptions.Singleline);
        Assert.True(exports.Success);
        return new HashSet<string>(Regex.Matches(exports.Groups["list"].Value, @"'([^']+)'").Select(m => m.Groups[1].Value), StringComparer.Ordinal);
    }

    [Fact]
    public void CmdletsToExport_is_every_command_the_catalogue_names_plus_the_ones_that_call_no_operation()
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in GumloopOperationCatalog.All)
        {
            if (op.Command.Length > 0) named.Add(op.Command);
            foreach (Match m in CommandName.Matches(op.Remarks ?? "")) named.Add(m.Value);
        }

        var expected = named.Union(NotApiCommands).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Exported().OrderBy(n => n, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Every_route_the_simulator_lists_is_catalogued()
    {
        foreach (var route in GumloopSimulator.ServedRoutes)
            Assert.Contains(GumloopOperationCatalog.All, o => o.Method == route.Key && o.Path == route.Value && o.Host != ApiHost.Root);
    }

    public static IEnumerable<object[]> RestOperations() =>
        GumloopOperationCatalog.All.Where(o => o.Host != ApiHost.Root).Select(o => new object[] { o.Number });

    [Theory]
    [MemberData(nameof(RestOperations))]
    public async Task The_simulator_answers_an_operation_exactly_when_it_lists_it_as_served(int number)
    {
        var op = GumloopOperationCatalog.All.Single(o => o.Number == number);
        bool listed = GumloopSimulator.ServedRoutes.Any(r => r.Key == op.Method && r.Value == op.Path);
        string path = Regex.Replace(op.Path, @"\{[^}]+\}", "x");
        string url = (op.Host == ApiHost.Stream ? Ws(path) : Api(path)) + "?user_id=" + Sim.UserId;
        var method = new HttpMethod(op.Method);
        var content = op.Method is "GET" or "DELETE" ? null : Body(new { user_id = Sim.UserId });
        var reply = await Send(method, url, content);
        bool noRoute = reply.Status == 404 && reply.Text.Contains("No route", StringComparison.Ordinal);
        Assert.True(listed != noRoute, $"{op}: listed as served = {listed}, but the simulator answered {reply.Status} {reply.Text}");
    }
}
