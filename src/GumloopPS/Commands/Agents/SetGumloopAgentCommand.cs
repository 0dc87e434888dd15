using System;
using System.Collections;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Set, "GumloopAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PromptSet)]
[OutputType(typeof(Agent))]
public sealed class SetGumloopAgentCommand : GumloopApiCmdlet
{
    private const string PromptSet = "Prompt";
    private const string PromptFileSet = "PromptFile";

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents or agent ids", typeof(Agent), typeof(AgentVersion), typeof(AgentSkillUpdate), typeof(AgentMcpServer))]
    public object? PipelineInput { get; set; }

    // Only the id binds from the pipeline: a piped agent's other properties must not be sent back as changes.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [Alias("ModelName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelIdCompleter))]
    public string? Model { get; set; }

    // $null or '' clears the description.
    [Parameter]
    [AllowNull]
    [AllowEmptyString]
    public string? Description { get; set; }

    [Parameter(ParameterSetName = PromptSet)]
    [AllowNull]
    [AllowEmptyString]
    public string? SystemPrompt { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PromptFileSet)]
    [ValidateNotNullOrEmpty]
    public string? SystemPromptPath { get; set; }

    // Replaces the whole tool list (MCP servers are better managed with Add-/Remove-GumloopAgentMcpServer).
    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public Hashtable[]? Tool { get; set; }

    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    public Hashtable[]? Resource { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Metadata { get; set; }

    // Transfers the agent to this team.
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        var bound = MyInvocation.BoundParameters;
        var fields = new JsonMap();
        if (bound.ContainsKey(nameof(Name))) fields["name"] = Name;
        if (bound.ContainsKey(nameof(Model))) fields["model_name"] = Model;
        if (bound.ContainsKey(nameof(Description))) fields["description"] = string.IsNullOrEmpty(Description) ? null : Description;
        if (bound.ContainsKey(nameof(SystemPrompt))) fields["system_prompt"] = string.IsNullOrEmpty(SystemPrompt) ? null : SystemPrompt;
        if (SystemPromptPath is not null)
        {
            if (!AgentPromptFile.TryRead(this, SystemPromptPath, out var prompt))
            {
                return;
            }

            fields["system_prompt"] = prompt;
        }

        if (Tool is not null && !TryConvertList(Tool, "-Tool", agentId, "tools", fields)) return;
        if (Resource is not null && !TryConvertList(Resource, "-Resource", agentId, "resources", fields)) return;
        if (Metadata is not null)
        {
            if (!TryConvert(Metadata, "-Metadata", agentId, out var metadata)) return;
            fields["metadata"] = metadata;
        }

        if (bound.ContainsKey(nameof(TeamId))) fields["team_id"] = TeamId;

        if (fields.Count == 0)
        {
            WriteError(Errors.ErrorMap.Create(
                new PSArgumentException("Nothing to change: give at least one of -Name, -Model, -Description, -SystemPrompt, -SystemPromptPath, -Tool, -Resource, -Metadata or -TeamId."),
                Errors.ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, agentId, "Remove-GumloopAgent retires an agent; Add-GumloopAgentSkill and Add-GumloopAgentMcpServer attach skills and MCP servers."));
            return;
        }

        if (!ShouldProcessText($"agent {agentId}", "Update " + string.Join(", ", fields.Keys)))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                var agent = await Client.UpdateAgentAsync(agentId, fields, ct).ConfigureAwait(false);
                if (PassThru)
                {
                    Emit(agent);
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }

    private bool TryConvertList(Hashtable[] tables, string parameter, string agentId, string key, JsonMap fields)
    {
        var list = new JsonList();
        foreach (var table in tables)
        {
            if (!TryConvert(table, parameter, agentId, out var item))
            {
                return false;
            }

            list.Add(item);
        }

        fields[key] = list;
        return true;
    }
}
