using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using GumloopPS.Core;
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
    [PipelineKind("agents or agent ids", typeof(Agent), typeof(Session), typeof(Message))]
    public object? PipelineInput { get; set; }

    // Alias Id: a piped Agent binds by its Id property instead of through its ToString() (the agent's name).
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    [ValidateNotNullOrEmpty]
    [IdOf("agents or agent ids", typeof(Agent), typeof(Session), typeof(Message))]
    public string[]? AgentId { get; set; }

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentNameCompleter))]
    public string? Name { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

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

        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            IReadOnlyList<Agent> agents;
            try
            {
                agents = await Client.ListAgentsAsync(TeamId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, TeamId);
                return;
            }

            // A name without wildcards may really be an id typed in position 0: it finds that agent too.
            bool exact = Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name);
            int written = 0;
            foreach (var agent in agents)
            {
                if (pattern is null || pattern.IsMatch(agent.Name ?? string.Empty) || (exact && string.Equals(agent.Id, Name, StringComparison.Ordinal)))
                {
                    Emit(agent);
                    written++;
                }
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
