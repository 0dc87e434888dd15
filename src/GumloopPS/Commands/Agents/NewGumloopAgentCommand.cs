using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.New, "GumloopAgent", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PromptSet)]
[OutputType(typeof(Agent))]
public sealed class NewGumloopAgentCommand : GumloopApiCmdlet
{
    private const string PromptSet = "Prompt";
    private const string PromptFileSet = "PromptFile";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelIdCompleter))]
    public string? Model { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter(ParameterSetName = PromptSet, ValueFromPipelineByPropertyName = true)]
    public string? SystemPrompt { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PromptFileSet)]
    [ValidateNotNullOrEmpty]
    public string? SystemPromptPath { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable[]? Tool { get; set; }

    [Parameter]
    [ValidateNotNull]
    [ValidateCount(1, GumloopAgentClient.MaxSkillIdsPerUpdate)]
    public string[]? SkillId { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Metadata { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FolderId { get; set; }

    // Not bound from the pipeline: a piped agent's Id must not become the id of a new one.
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AgentId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var name = Name!;
        var prompt = SystemPrompt;
        if (SystemPromptPath is not null && !AgentPromptFile.TryRead(this, SystemPromptPath, out prompt))
        {
            return;
        }

        JsonMap? metadata = null;
        if (Metadata is not null && !TryConvert(Metadata, "-Metadata", name, out metadata))
        {
            return;
        }

        List<JsonMap>? tools = null;
        if (Tool is not null)
        {
            tools = new List<JsonMap>();
            foreach (var table in Tool)
            {
                if (!TryConvert(table, "-Tool", name, out var tool))
                {
                    return;
                }

                tools.Add(tool!);
            }
        }

        if (SkillId?.Any(string.IsNullOrWhiteSpace) == true)
        {
            WriteError(Errors.ErrorMap.Create(new PSArgumentException("A skill id must not be empty."), Errors.ErrorMap.InvalidId, ErrorCategory.InvalidArgument, name,
                "Get-GumloopAgent -AgentId <id> shows an agent's SkillIds; pass skill ids exactly as Gumloop returns them."));
            return;
        }

        if (!ShouldProcessText($"agent '{name}' (model {Model})", "Create the agent"))
        {
            return;
        }

        var request = new NewAgentRequest(name, Model!)
        {
            Description = Description,
            SystemPrompt = prompt,
            Tools = tools,
            SkillIds = SkillId,
            Metadata = metadata,
            FolderId = FolderId,
            AgentId = AgentId,
            TeamId = TeamId,
        };
        Run(async ct =>
        {
            try
            {
                Emit(await Client.CreateAgentAsync(request, ct).ConfigureAwait(false));
            }
            catch (GumloopApiException ex) when (ex.ErrorCode == "skill_not_found")
            {
                // Skills attach in the create transaction: a bad id means no agent was made.
                EmitError(GumloopAgentSkillCmdlet.SkillNotFoundRecord(ex, AgentId ?? name, "No agent was created."));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, AgentId ?? name);
            }
        });
    }
}
