using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Shared by the agent MCP server cmdlets: the agent, and the advice for a server id not in the catalogue.</summary>
public abstract class GumloopAgentMcpServerCmdlet : GumloopApiCmdlet
{
    private protected const string CatalogueAdvice = "Invoke-GumloopApi GET /mcp/servers lists the MCP servers of your catalogue; Get-GumloopAgentMcpServer lists those attached to the agent.";

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents, agent MCP servers or agent ids", typeof(Agent), typeof(AgentMcpServer), typeof(AgentMcpServerDetachment), typeof(AgentSkillUpdate), typeof(AgentVersion))]
    public object? PipelineInput { get; set; }

    // Alias Id: a piped Agent binds by its Id; an AgentMcpServer (no Id property) by its AgentId.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    /// <summary>A 404 about the server, not the agent: the id is not in the caller's MCP catalogue.</summary>
    private protected void EmitServerError(System.Exception ex, string serverId)
    {
        if (ex is GumloopApiException { StatusCode: 404, ErrorCode: "mcp_server_not_found" })
        {
            EmitError(Errors.ErrorMap.Create(ex, Errors.ErrorMap.NotFound, ErrorCategory.ObjectNotFound, serverId, CatalogueAdvice));
            return;
        }

        EmitError(ex, ex is GumloopApiException { StatusCode: 404 } ? AgentId : serverId);
    }
}
