using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Searches the Company Brain. Each search spends credits, so it honours -WhatIf, without prompting by default.</summary>
[Cmdlet(VerbsCommon.Search, "GumloopBrain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BrainSearchResult))]
public sealed class SearchGumloopBrainCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Query { get; set; }

    [Parameter]
    [ValidateRange(1, 50)]
    public int? Limit { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceTypeCompleter))]
    public string[]? SourceType { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var query in Query!)
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                WriteError(Errors.ErrorMap.Create(new PSArgumentException("A search query must not be blank. Nothing was sent."), Errors.ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, query));
                continue;
            }

            var filter = SourceType is { Length: > 0 } types ? " in " + string.Join(", ", types) : string.Empty;
            if (!ShouldProcessText($"the Company Brain{filter}", $"Search for '{query}' (spends credits)"))
            {
                continue;
            }

            var limit = Limit;
            var sourceTypes = SourceType;
            Run(async ct =>
            {
                try
                {
                    foreach (var result in await Client.SearchBrainAsync(query, limit, sourceTypes, ct).ConfigureAwait(false))
                    {
                        Emit(result);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, query);
                }
            });
        }
    }
}
