using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

public sealed partial class GumloopClient
{
    /// <summary>Puts the OAuth access token on the request, renewing it first when it is about to expire.</summary>
    private async Task<string?> AuthorizeAsync(HttpRequestMessage message, CancellationToken ct)
    {
        GumloopOAuthSession? session = Connection.OAuthSession;
        if (session == null)
        {
            return null;
        }

        string token = await session.GetAccessTokenAsync(ct).ConfigureAwait(false);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>
    /// After a 401 on an OAuth connection, renews the token that request carried (or picks up the one a parallel
    /// caller already renewed) and says whether the request should go again. A refused renewal throws
    /// <see cref="GumloopOAuthException"/> (RefreshFailed).
    /// </summary>
    private async Task<bool> RenewAfterUnauthorizedAsync(Exception error, string? bearer, string method, string logUrl, CancellationToken ct)
    {
        GumloopOAuthSession? session = Connection.OAuthSession;
        if (session == null || bearer == null || error is not GumloopApiException { StatusCode: 401 })
        {
            return false;
        }

        _log.Verbose($"{method} {logUrl} -> 401; renewing the OAuth access token and sending again");
        await session.RenewAsync(bearer, ct).ConfigureAwait(false);
        return true;
    }
}
