using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopBrainSource", DefaultParameterSetName = ListSet)]
[OutputType(typeof(BrainSource))]
public sealed class GetGumloopBrainSourceCommand : GumloopListCmdlet<BrainSource>
{
    private const string ByIdSet = "ById";

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

    protected override string ListName => "Brain sources";

    protected override object? ListTarget => TeamId ?? Scope;

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<BrainSource> onItem, CancellationToken ct) =>
        Client.ReadBrainSourcesAsync(new BrainSourceQuery { Scope = Scope?.ToLowerInvariant(), SourceType = SourceType, TeamId = TeamId }, page, onItem, ct);

    private protected override IEnumerable<Func<CancellationToken, Task<BrainSource>>> GetItems() =>
        SourceId!.Select(id => (Func<CancellationToken, Task<BrainSource>>)(ct => Client.GetBrainSourceAsync(id, ct)));

    private protected override object? ItemTarget(int index) => SourceId![index];
}
