using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Lists the files an agent produced (GET /agents/{id}/artifacts), through the one pager: one page by default with a
/// warning when more exist, -First n, or -All. A piped agent lists its artifacts; a piped session lists the artifacts
/// of that session.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GumloopArtifact", DefaultParameterSetName = ByAgentSet)]
[OutputType(typeof(Artifact))]
public sealed class GetGumloopArtifactCommand : GumloopApiCmdlet
{
    private const string ByAgentSet = "ByAgent";
    private const string ByObjectSet = "ByObject";
    private const int DefaultPageSize = 20;

    // Takes nothing from the pipeline, so a piped agent or session binds to -InputObject (as Get-GumloopSession does).
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByAgentSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    // An agent, a session (its agent, scoped to it), or anything with an AgentId property (a CSV row).
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    [PipelineKind("agents or sessions", typeof(Agent), typeof(Session), typeof(Artifact))]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [Alias("FileName")]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    [Parameter]
    [ValidateSet("newest", "oldest", IgnoreCase = true)]
    public string? SortOrder { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        string? agentId = AgentId;
        string? sessionId = SessionId;
        if (ParameterSetName == ByObjectSet)
        {
            switch (InputObject!.BaseObject)
            {
                case Agent agent:
                    agentId = agent.Id;
                    break;
                case Session session:
                    agentId = session.AgentId;
                    sessionId = session.Id;
                    break;
                case Artifact artifact:
                    agentId = artifact.AgentId;
                    sessionId = artifact.SessionId;
                    break;
                case string text:
                    agentId = text;
                    break;
                default:
                    agentId = InputObject.Properties["AgentId"]?.Value?.ToString();
                    sessionId = InputObject.Properties["SessionId"]?.Value?.ToString();
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(agentId))
        {
            WriteError(ErrorMap.Create(new PSArgumentException("The piped object names no agent: pipe agents, sessions, or objects with an AgentId property."),
                ErrorMap.InvalidId, ErrorCategory.InvalidArgument, InputObject));
            return;
        }

        var query = new ArtifactListQuery { SessionId = string.IsNullOrEmpty(sessionId) ? null : sessionId, Search = Search, SortOrder = SortOrder?.ToLowerInvariant() };
        var page = new PageRequest(PagingStyle.Cursor, $"the artifacts of agent {agentId}")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        string id = agentId!;
        Run(async ct =>
        {
            try
            {
                var result = await Client.ReadArtifactsAsync(id, query, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"More artifacts exist for agent {id}. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, id);
            }
        });
    }
}
