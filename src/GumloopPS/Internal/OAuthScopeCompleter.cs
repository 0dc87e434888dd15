using System.Collections.Generic;

namespace GumloopPS.Internal;

/// <summary>The documented OAuth scopes (API.md 2.3); others are passed through to the server.</summary>
public sealed class OAuthScopeCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "gumloop_api", "userinfo", "gumloop" };
}
