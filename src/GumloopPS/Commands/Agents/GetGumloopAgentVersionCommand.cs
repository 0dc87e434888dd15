using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentVersion", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AgentVersion))]
public sealed class GetGumloopAgentVersionCommand : GumloopListCmdlet<AgentVersion>
{
    private const string ByIdSet = "ById";

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents, agent versions or agent ids", typeof(Agent), typeof(AgentVersion), typeof(Session), typeof(AgentSkillUpdate), typeof(AgentMcpServer))]
    public object? PipelineInput { get; set; }

    // Alias Id: a piped Agent binds by its Id; an AgentVersion (which has no Id property) by its AgentId.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? VersionId { get; set; }

    protected override string ListName => $"versions of agent {AgentId}";

    protected override object? ListTarget => AgentId;

    private protected override Task<PageResult> ReadListAsync(PageRequest page, Action<AgentVersion> onItem, CancellationToken ct) =>
        Client.ReadAgentVersionsAsync(AgentId!, page, onItem, ct);

    private protected override IEnumerable<Func<CancellationToken, Task<AgentVersion>>> GetItems() =>
        VersionId!.Select(id => (Func<CancellationToken, Task<AgentVersion>>)(ct => Client.GetAgentVersionAsync(AgentId!, id, ct)));

    private protected override object? ItemTarget(int index) => VersionId![index];
}
