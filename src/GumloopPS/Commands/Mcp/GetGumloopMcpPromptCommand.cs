using System;
using System.Collections;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopMcpPrompt", DefaultParameterSetName = ListSet)]
[OutputType(typeof(McpPrompt), ParameterSetName = new[] { ListSet })]
[OutputType(typeof(McpPromptResult), ParameterSetName = new[] { GetSet })]
public sealed class GetGumloopMcpPromptCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string GetSet = "Get";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string? ServerId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = GetSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Position = 2, ParameterSetName = GetSet)]
    [AllowNull]
    public IDictionary? Arguments { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var serverId = ServerId!;
        var teamId = TeamId;
        if (ParameterSetName == ListSet)
        {
            Run(async ct =>
            {
                try
                {
                    var list = await Client.ListMcpPromptsAsync(serverId, teamId, ct).ConfigureAwait(false);
                    if (list.NeedsConnection)
                    {
                        EmitWarning(list.NotConnectedWarning(serverId, "prompts"));
                        return;
                    }

                    foreach (var prompt in list.Items)
                    {
                        prompt.ServerId ??= serverId;
                        Emit(prompt);
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, serverId);
                }
            });
            return;
        }

        var name = Name!;
        JsonMap? arguments = null;
        if (Arguments != null && !TryConvert(Arguments, nameof(Arguments), name, out arguments))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                Emit(await Client.GetMcpPromptAsync(serverId, name, arguments, teamId, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, name);
            }
        });
    }
}
