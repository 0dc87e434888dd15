using System;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Lists your browser profiles, or a team's with -TeamId (GET /browser-profiles). Cookie values are never returned.</summary>
[Cmdlet(VerbsCommon.Get, "GumloopBrowserProfile")]
[OutputType(typeof(BrowserProfile))]
public sealed class GetGumloopBrowserProfileCommand : GumloopApiCmdlet
{
    // Binds from piped teams (Get-GumloopTeam | Get-GumloopBrowserProfile).
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TeamIdCompleter))]
    public string? TeamId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        string? teamId = string.IsNullOrWhiteSpace(TeamId) ? null : TeamId;
        var patterns = (Name ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        Run(async ct =>
        {
            try
            {
                foreach (var profile in await Client.ListBrowserProfilesAsync(teamId, ct).ConfigureAwait(false))
                {
                    if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(profile.Name ?? string.Empty)))
                    {
                        Emit(profile);
                    }
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, teamId);
            }
        });
    }
}
