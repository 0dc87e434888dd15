using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>
/// Audit event types: the ones the organization's log reports as filterable (read from the service), and the
/// documented ones when the service cannot be asked in time.
/// </summary>
public sealed class AuditEventTypeCompleter : RemoteCompleter<string>
{
    internal static readonly string[] Documented = { "user_sign_in", "credential_retrieval", "agent_created", "workspace_user_added", "data_export_requested" };

    private protected override async Task<IReadOnlyList<string>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct)
    {
        IReadOnlyList<string> fromService;
        try
        {
            fromService = await client.ListAuditEventTypesAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is GumloopException or ArgumentException)
        {
            fromService = Array.Empty<string>();
        }

        return fromService.Concat(Documented).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
    }

    private protected override bool Matches(string item, string word) => item.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private protected override CompletionResult ToResult(string item) => new(item, item, CompletionResultType.ParameterValue, item);
}

/// <summary>The fields of the -DataType already typed, or of every data type.</summary>
public sealed class ExportFieldCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var value = fakeBoundParameters?["DataType"];
        value = value is PSObject ps ? ps.BaseObject : value;
        IEnumerable<string> fields = value is string dataType && DataExportFields.For(dataType) is { } known
            ? known
            : DataExportFields.DataTypes.SelectMany(t => DataExportFields.For(t) ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal);
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return fields
            .Where(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(f => new CompletionResult(f, f, CompletionResultType.ParameterValue, f))
            .ToList();
    }
}

public sealed class CreditLogCategoryCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => DataExportFields.CreditLogCategories;
}
