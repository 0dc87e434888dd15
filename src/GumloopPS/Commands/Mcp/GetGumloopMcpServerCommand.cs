using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopMcpServer")]
[OutputType(typeof(McpServer))]
public sealed class GetGumloopMcpServerCommand : GumloopApiCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("MCP servers, tools or server ids", typeof(McpServer), typeof(McpTool), typeof(McpResource), typeof(McpPrompt), typeof(McpToolResult))]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string[]? ServerId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = ServerId;
        var teamId = TeamId;
        Run(async ct =>
        {
            if (ids == null)
            {
                try
                {
                    foreach (var server in await Client.ListMcpServersAsync(teamId, ct).ConfigureAwait(false))
                    {
                        Emit(server);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, null);
                }

                return;
            }

            foreach (var id in ids)
            {
                try
                {
                    Emit(await Client.GetMcpServerAsync(id, teamId, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
