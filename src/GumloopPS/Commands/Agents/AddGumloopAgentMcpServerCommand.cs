using System;
using System.Collections;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Attaches an MCP server to an agent, or updates its configuration (PUT, an upsert).</summary>
[Cmdlet(VerbsCommon.Add, "GumloopAgentMcpServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AgentMcpServer))]
public sealed class AddGumloopAgentMcpServerCommand : GumloopAgentMcpServerCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ServerId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpApprovalModeCompleter))]
    public string? ApprovalMode { get; set; }

    // Free-form connector settings (tool restrictions and the like); the catalogue's identity keys are ignored.
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Config { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        JsonMap config = new JsonMap();
        if (Config is not null)
        {
            if (!TryConvert(Config, "-Config", agentId, out var converted))
            {
                return;
            }

            config = converted!;
        }

        if (ApprovalMode is not null)
        {
            config["approval_mode"] = ApprovalMode;
        }

        foreach (var serverId in ServerId!)
        {
            if (!ShouldProcessText($"agent {agentId}", $"Attach MCP server {serverId} (or update its configuration)"))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var server = await Client.AttachAgentMcpServerAsync(agentId, serverId, config, ct).ConfigureAwait(false);
                    if (server.AuthStatus is { } status && !string.Equals(status, "connected", StringComparison.OrdinalIgnoreCase))
                    {
                        EmitWarning($"MCP server {serverId} is attached, but its authentication status is '{status}': the agent cannot use it until someone connects it in Gumloop.");
                    }

                    Emit(server);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitServerError(ex, serverId);
                }
            });
        }
    }
}
