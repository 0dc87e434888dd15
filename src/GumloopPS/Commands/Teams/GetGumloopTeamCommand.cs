using System;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>The teams the caller belongs to (GET /teams); -Name filters by wildcard.</summary>
[Cmdlet(VerbsCommon.Get, "GumloopTeam")]
[OutputType(typeof(Team))]
public sealed class GetGumloopTeamCommand : GumloopApiCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = (Name ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        Run(async ct =>
        {
            try
            {
                foreach (var team in await Client.ListTeamsAsync(ct).ConfigureAwait(false))
                {
                    if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(team.Name ?? string.Empty)))
                    {
                        Emit(team);
                    }
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, null);
            }
        });
    }
}
