using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopMcpTool")]
[OutputType(typeof(McpTool))]
public sealed class GetGumloopMcpToolCommand : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("MCP servers or server ids", typeof(McpServer), typeof(McpTool), typeof(McpResource), typeof(McpPrompt), typeof(McpToolResult))]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string[]? ServerId { get; set; }

    /// <summary>Tool names to keep; wildcards allowed.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var ids = ServerId!;
        var teamId = TeamId;
        var patterns = Name == null ? null : Array.ConvertAll(Name, n => new WildcardPattern(n, WildcardOptions.IgnoreCase));
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                try
                {
                    var list = await Client.ListMcpToolsAsync(id, teamId, ct).ConfigureAwait(false);
                    if (list.NeedsConnection)
                    {
                        EmitWarning(list.NotConnectedWarning(id, "tools"));
                        continue;
                    }

                    foreach (var tool in list.Items)
                    {
                        tool.ServerId ??= id;
                        if (patterns == null || Array.Exists(patterns, p => p.IsMatch(tool.Name ?? string.Empty)))
                        {
                            Emit(tool);
                        }
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
