using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopWorkbook", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Workbook))]
public sealed class GetGumloopWorkbookCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    private IReadOnlyList<Workbook>? _workbooks;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? WorkbookId { get; set; }

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        var ids = WorkbookId;
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            try
            {
                _workbooks ??= await Client.ListWorkbooksAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, ids is null ? Name : string.Join(", ", ids));
                return;
            }

            if (ids is null)
            {
                foreach (var workbook in _workbooks.Where(w => pattern is null || pattern.IsMatch(w.Name ?? string.Empty)))
                {
                    Emit(workbook);
                }

                return;
            }

            foreach (var id in ids)
            {
                var workbook = _workbooks.FirstOrDefault(w => string.Equals(w.WorkbookId, id, StringComparison.Ordinal));
                if (workbook is null)
                {
                    EmitError(new GumloopFlowNotFoundException("workbook", id, $"No workbook with id '{id}' was found. Get-GumloopWorkbook lists the workbooks you can see."), id);
                }
                else
                {
                    Emit(workbook);
                }
            }
        });
    }
}
