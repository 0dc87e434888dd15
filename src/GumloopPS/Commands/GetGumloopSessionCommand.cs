using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopSession", DefaultParameterSetName = ByAgentSet)]
[OutputType(typeof(Session))]
public sealed class GetGumloopSessionCommand : GumloopApiCmdlet
{
    private const string ByIdSet = "ById";
    private const string ByAgentSet = "ByAgent";
    private const string ByAgentObjectSet = "ByAgentObject";
    private const int DefaultPageSize = 20;

    // The agent-id set is the default, so a mandatory prompt asks for an id someone can type. It takes nothing
    // from the pipeline, so PowerShell, which tries the default set first, binds a piped Agent to -Agent and a
    // Session (or a string) here; IdOf refuses other GumloopPS objects before their ToString() becomes an id.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [IdOf("sessions or session ids or agents", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent), typeof(Agent))]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? SessionId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByAgentSet)]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AgentId { get; set; }

    // Lets `Get-GumloopAgent | Get-GumloopSession` list sessions: without it the agent's Id would bind to -SessionId.
    [Parameter(Mandatory = true, ParameterSetName = ByAgentObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Agent? Agent { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [Parameter(ParameterSetName = ByAgentObjectSet)]
    // The list filter takes only the documented states; unknown states the server invents still come back in output.
    [ValidateSet("idle", "queued", "processing", "approval_required", "completed", "failed", IgnoreCase = true)]
    public string? State { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [Parameter(ParameterSetName = ByAgentObjectSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [Parameter(ParameterSetName = ByAgentObjectSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionTypeCompleter))]
    public string? Type { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [Parameter(ParameterSetName = ByAgentObjectSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ByAgentSet)]
    [Parameter(ParameterSetName = ByAgentObjectSet)]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            var ids = SessionId!;
            if (ids.Length == 1 && Quiet)
            {
                // One request, one session: the pipeline thread waits for it directly, which saves a thread hop and
                // the output queue on every call of a loop.
                var id = ids[0];
                var client = Client;
                RunOne(ct => client.GetSessionAsync(id, ct), id);
                return;
            }

            Run(async ct =>
            {
                foreach (var id in ids)
                {
                    try
                    {
                        Emit(await Client.GetSessionAsync(id, ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, id);
                    }
                }
            });
            return;
        }

        var agentId = ParameterSetName == ByAgentObjectSet ? Agent!.Id : AgentId;
        if (string.IsNullOrEmpty(agentId))
        {
            WriteError(Errors.ErrorMap.Create(new PSArgumentException("The agent has no id."), Errors.ErrorMap.InvalidId, ErrorCategory.InvalidArgument, Agent));
            return;
        }

        ListSessions(agentId!);
    }

    private void ListSessions(string agentId)
    {
        var query = new SessionListQuery
        {
            State = State?.ToLowerInvariant(),
            Search = Search,
            Type = Type,
        };
        var page = new PageRequest(PagingStyle.Cursor, $"the sessions of agent {agentId}")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                // Each page is written as it arrives, so memory stays flat however many sessions exist.
                var result = await Client.ReadSessionsAsync(agentId, query, page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"More sessions exist for agent {agentId}. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
