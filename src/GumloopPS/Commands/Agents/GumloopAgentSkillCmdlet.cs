using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by Add- and Remove-GumloopAgentSkill, which send one delta of PATCH /agents/{id}/skills and write the
/// agent's whole skill set after it, with what changed.
/// </summary>
public abstract class GumloopAgentSkillCmdlet : GumloopApiCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents or agent ids", typeof(Agent), typeof(AgentSkillUpdate), typeof(AgentVersion))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ValidateCount(1, GumloopAgentClient.MaxSkillIdsPerUpdate)]
    public string[]? SkillId { get; set; }

    private protected abstract bool Attach { get; }

    /// <summary>False for Remove- without -PassThru: like every Remove- cmdlet it then writes nothing.</summary>
    private protected virtual bool WritesResult => true;

    /// <summary>
    /// The GumloopSkillNotFound record for a <c>skill_not_found</c> answer, naming the skills the service refused
    /// (its <c>details.skill_ids</c>); nothing of the request was applied.
    /// </summary>
    internal static ErrorRecord SkillNotFoundRecord(GumloopApiException ex, object? target, string outcome)
    {
        var refused = ex.Details is { } details && details.TryGetValue("skill_ids", out var ids) && ids is JsonList list && list.Count > 0
            ? string.Join(", ", list)
            : null;
        var record = Errors.ErrorMap.Create(ex, Errors.ErrorMap.SkillNotFound, ErrorCategory.ObjectNotFound, target,
            "Invoke-GumloopApi GET /skills lists the skills you can attach; check the ids and that each skill is active.");
        if (refused is not null)
        {
            record.ErrorDetails = new ErrorDetails(HostText.Block($"These skills do not exist or are not active: {refused}. {outcome}"))
            {
                RecommendedAction = record.ErrorDetails.RecommendedAction,
            };
        }

        return record;
    }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        var skills = SkillId!;
        if (!ShouldProcessText($"agent {agentId}", (Attach ? "Attach skill(s) " : "Detach skill(s) ") + string.Join(", ", skills)))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                var update = await Client.UpdateAgentSkillsAsync(agentId, Attach ? skills : null, Attach ? null : skills, ct).ConfigureAwait(false);
                if (WritesResult)
                {
                    Emit(update);
                }
            }
            catch (GumloopApiException ex) when (ex.ErrorCode == "skill_not_found")
            {
                EmitError(SkillNotFoundRecord(ex, agentId, "Nothing was changed."));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
