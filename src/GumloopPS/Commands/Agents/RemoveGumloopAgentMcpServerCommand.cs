using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Detaches MCP servers from an agent (DELETE). Idempotent: a server that is not attached is no error.</summary>
[Cmdlet(VerbsCommon.Remove, "GumloopAgentMcpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentMcpServerDetachment))]
public sealed class RemoveGumloopAgentMcpServerCommand : GumloopAgentMcpServerCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentMcpServerIdCompleter))]
    public string[]? ServerId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        foreach (var serverId in ServerId!)
        {
            if (!ShouldProcessText($"agent {agentId}", $"Detach MCP server {serverId}"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var result = await Client.DetachAgentMcpServerAsync(agentId, serverId, ct).ConfigureAwait(false);
                    if (!result.Detached)
                    {
                        EmitVerbose($"MCP server {serverId} was not attached to agent {agentId}; nothing changed.");
                    }

                    if (PassThru)
                    {
                        Emit(result);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitServerError(ex, serverId);
                }
            });
        }
    }
}
