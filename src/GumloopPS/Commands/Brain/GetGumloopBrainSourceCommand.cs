using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopBrainSource", DefaultParameterSetName = ListSet)]
[OutputType(typeof(BrainSource))]
public sealed class GetGumloopBrainSourceCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const int DefaultPageSize = 20;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("Brain sources, their files or estimates, or source ids", typeof(BrainSource), typeof(BrainFile), typeof(BrainSourceEstimate))]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string[]? SourceId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("personal", "team", "organization")]
    public string? Scope { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceTypeCompleter))]
    public string? SourceType { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            var ids = SourceId!;
            Run(async ct =>
            {
                foreach (var id in ids)
                {
                    try
                    {
                        Emit(await Client.GetBrainSourceAsync(id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        var query = new BrainSourceQuery { Scope = Scope?.ToLowerInvariant(), SourceType = SourceType, TeamId = TeamId };
        var page = new PageRequest(PagingStyle.Cursor, "the Brain sources")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                var result = await Client.ReadBrainSourcesAsync(query, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning("More Brain sources exist. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, TeamId ?? Scope);
            }
        });
    }
}
