using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopAgentMcpServer")]
[OutputType(typeof(AgentMcpServer))]
public sealed class GetGumloopAgentMcpServerCommand : GumloopAgentMcpServerCmdlet
{
    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentMcpServerIdCompleter))]
    public string? ServerId { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        var pattern = ServerId is null ? null : new WildcardPattern(ServerId, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            try
            {
                foreach (var server in await Client.ListAgentMcpServersAsync(agentId, ct).ConfigureAwait(false))
                {
                    if (pattern is null || pattern.IsMatch(server.ServerId ?? string.Empty))
                    {
                        Emit(server);
                    }
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
