using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgent", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Agent))]
public sealed class GetGumloopAgentCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    // Receives the piped object itself, in the id set only (the list set stays free of pipeline parameters, so a
    // piped Agent still binds by its Id): an object of another kind with an Id property, such as a queued
    // message, is refused instead of its Id being taken for an agent id.
    [Parameter(ValueFromPipeline = true, DontShow = true, ParameterSetName = ByIdSet)]
    [PipelineKind("agents or agent ids", typeof(Agent), typeof(Session), typeof(Message), typeof(AgentVersion), typeof(AgentSkillUpdate), typeof(AgentMcpServer), typeof(AgentMcpServerDetachment))]
    public object? PipelineInput { get; set; }

    // Alias Id: a piped Agent binds by its Id property instead of through its ToString() (the agent's name).
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    [ValidateNotNullOrEmpty]
    [IdOf("agents or agent ids", typeof(Agent), typeof(Session), typeof(Message), typeof(AgentVersion), typeof(AgentSkillUpdate), typeof(AgentMcpServer), typeof(AgentMcpServerDetachment))]
    public string[]? AgentId { get; set; }

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    // The list filters of GET /agents, applied by the service.
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Creator { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter HasTrigger { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Tool { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? Flow { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("newest", "oldest", "name_asc", "name_desc", IgnoreCase = true)]
    public string? SortOrder { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter IncludeLastUsed { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter IncludeLastUpdated { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            Run(async ct =>
            {
                foreach (var id in AgentId!)
                {
                    try
                    {
                        Emit(await Client.GetAgentAsync(id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        ListAgents();
    }

    private void ListAgents()
    {
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);

        // A name without wildcards may really be an id typed in position 0: it finds that agent too.
        bool exact = Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name);
        Func<Agent, bool>? match = pattern is null ? null
            : agent => pattern.IsMatch(agent.Name ?? string.Empty) || (exact && string.Equals(agent.Id, Name, StringComparison.Ordinal));
        var query = new AgentListQuery
        {
            TeamId = TeamId,
            Search = Search,
            Creator = Creator,
            HasTriggers = HasTrigger.IsPresent ? true : null,
            Tool = Tool,
            Flow = Flow,
            SortOrder = SortOrder?.ToLowerInvariant(),
            IncludeLastUsed = IncludeLastUsed,
            IncludeLastUpdated = IncludeLastUpdated,
        };

        // Without -All or -First no page size is sent, and the service returns the whole list in one answer, as
        // before paging existed. -First counts matches of -Name, so a filtered read takes full pages.
        var page = new PageRequest(PagingStyle.Cursor, "GET /agents")
        {
            Limit = First > 0 && !All ? First : null,
            PageSize = All || (First > 0 && match is not null) ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            int written = 0;
            try
            {
                await Client.ReadAgentsAsync(query, page, match, agent =>
                {
                    Emit(agent);
                    written++;
                }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, TeamId);
                return;
            }

            // Like Get-Item: an exact name that matches nothing is an error; a wildcard that matches nothing is not.
            if (written == 0 && exact)
            {
                EmitError(Errors.ErrorMap.Create(
                    new ItemNotFoundException($"No agent named '{Name}' (or with that id) was found."),
                    Errors.ErrorMap.NotFound, ErrorCategory.ObjectNotFound, Name, "Get-GumloopAgent lists the agents you can use; use a wildcard such as -Name '*renewal*' to search."));
            }
        });
    }
}
