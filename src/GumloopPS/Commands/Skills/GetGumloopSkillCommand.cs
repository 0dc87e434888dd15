using System;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopSkill", DefaultParameterSetName = ListSet)]
[OutputType(typeof(Skill))]
[OutputType(typeof(ulong), ParameterSetName = new[] { ListSet })]
public sealed class GetGumloopSkillCommand : GumloopApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const int DefaultPageSize = 20;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [IdOf("skills or skill ids", typeof(Skill))]
    [ArgumentCompleter(typeof(SkillIdCompleter))]
    public string[]? SkillId { get; set; }

    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    public string? AgentId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("newest", "popular", "most_used", IgnoreCase = true)]
    public string? SortOrder { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter Unused { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Alias("CreatorUserId")]
    [ValidateNotNullOrEmpty]
    public string? Creator { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string? RelatedServerId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    /// <summary>
    /// PowerShell's paging convention (as in -IncludeTotalCount of cmdlets with SupportsPaging): after the skills, one
    /// number saying how many match in all, so that a script can read the total without counting every page.
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter IncludeTotalCount { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByIdSet)
        {
            FindById(SkillId!);
            return;
        }

        var query = new SkillListQuery
        {
            TeamId = TeamId,
            Search = Search,
            AgentId = AgentId,
            SortOrder = SortOrder?.ToLowerInvariant(),
            Unused = Unused,
            CreatorUserId = Creator,
            RelatedServerId = RelatedServerId,
        };
        var page = new PageRequest(PagingStyle.Cursor, "the skills")
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                var result = await Client.ReadSkillsAsync(query, page, Emit, ct).ConfigureAwait(false);
                string total = result.TotalCount is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an unknown number of";
                EmitVerbose($"Read {result.Read} of {total} matching skills.");
                if (result.MoreAvailable && !All && First == 0 && !IncludeTotalCount)
                {
                    EmitWarning($"Showing {result.Read} of {total} matching skills. Use -All, or -First <n>, to get more.");
                }

                if (IncludeTotalCount)
                {
                    Emit(TotalCount(result.TotalCount ?? result.Read, exact: result.TotalCount.HasValue || !result.MoreAvailable));
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, null);
            }
        });
    }

    /// <summary>
    /// The number, shown as PowerShell's own paging cmdlets show theirs ("Total count: 57"), with an Accuracy of 1.0
    /// when the service said it and 0.0 when only the skills read so far could be counted.
    /// </summary>
    private static PSObject TotalCount(long count, bool exact)
    {
        var total = new PSObject((ulong)Math.Max(0, count));
        string text = (exact ? "Total count: " : "Unknown total count, at least ") + count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        total.Members.Add(new PSScriptMethod("ToString", ScriptBlock.Create("'" + text + "'")));
        total.Properties.Add(new PSNoteProperty("Accuracy", exact ? 1.0 : 0.0));
        return total;
    }

    /// <summary>The API has no single-skill read, so the ids are looked up in the list, page by page.</summary>
    private void FindById(string[] ids)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var page = new PageRequest(PagingStyle.Cursor, "the skills") { PageSize = PageRequest.MaxPageSize };
        Run(async ct =>
        {
            try
            {
                await Client.ReadSkillsAsync(new SkillListQuery { TeamId = TeamId }, page, skill =>
                {
                    if (skill.Id != null && wanted.Contains(skill.Id) && found.Add(skill.Id))
                    {
                        Emit(skill);
                    }
                }, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, ids.Length == 1 ? ids[0] : null);
                return;
            }

            foreach (var id in ids)
            {
                if (!found.Contains(id))
                {
                    EmitError(ErrorMap.Create(
                        new ItemNotFoundException($"No skill '{id}' was found."), ErrorMap.NotFound, ErrorCategory.ObjectNotFound, id,
                        "Get-GumloopSkill lists the skills you can see; a deleted skill is gone from every list."));
                }
            }
        });
    }
}
