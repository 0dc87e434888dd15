using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentVersion", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AgentVersion))]
public sealed class GetGumloopAgentVersionCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const int DefaultPageSize = 20;

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

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        if (ParameterSetName == ByIdSet)
        {
            var ids = VersionId!;
            Run(async ct =>
            {
                foreach (var id in ids)
                {
                    try
                    {
                        Emit(await Client.GetAgentVersionAsync(agentId, id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        var page = new PageRequest(PagingStyle.Cursor, $"the versions of agent {agentId}")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                var result = await Client.ReadAgentVersionsAsync(agentId, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"Agent {agentId} has more versions. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
