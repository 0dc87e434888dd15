using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Models and preset routes chat completions take; the service accepts others from GET /models.</summary>
public sealed class ChatModelCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "auto", "claude-sonnet-4-5", "gpt-4o-mini", "gpt-image-1" };
}

/// <summary>The response formats a completion can be asked for.</summary>
public sealed class ChatResponseFormatCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "text", "json_object" };
}

/// <summary>The caller's teams, by id, showing the name.</summary>
public sealed class TeamIdCompleter : RemoteCompleter<Team>
{
    private protected override Task<IReadOnlyList<Team>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct) => client.ListTeamsAsync(ct);

    private protected override bool Matches(Team item, string word) =>
        item.Id is not null && (item.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(Team item) =>
        new(item.Id!, $"{item.Id} ({item.Name})", CompletionResultType.ParameterValue, item.Name ?? item.Id!);
}

/// <summary>Browser profile ids (and <c>default</c>), showing the name.</summary>
public sealed class BrowserProfileIdCompleter : RemoteCompleter<BrowserProfile>
{
    private protected override async Task<IReadOnlyList<BrowserProfile>> FetchAsync(GumloopClient client, string? scope, CancellationToken ct)
    {
        var profiles = (await client.ListBrowserProfilesAsync(scope, ct).ConfigureAwait(false)).ToList();
        profiles.Insert(0, new BrowserProfile { ProfileId = GumloopBrowserProfileClient.DefaultProfile, Name = "The default profile (created if needed)" });
        return profiles;
    }

    private protected override string? Scope(System.Collections.IDictionary fakeBoundParameters) => Bound(fakeBoundParameters, "TeamId");

    private protected override bool Matches(BrowserProfile item, string word) =>
        item.ProfileId is not null && (item.ProfileId.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (item.Name ?? string.Empty).IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    private protected override CompletionResult ToResult(BrowserProfile item) =>
        new(item.ProfileId!, $"{item.ProfileId} ({item.Name})", CompletionResultType.ParameterValue, item.Name ?? item.ProfileId!);
}
