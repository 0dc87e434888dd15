using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The tokens of one interactive sign-in and their renewal. A connection built on it asks for the access token
/// before every request; the token is renewed with the refresh token shortly before it expires (from
/// <c>expires_in</c>) and, once per request, after a 401. Callers running in parallel share one renewal: the first
/// one to find the token stale starts it and the others await the same task. Tokens are held privately and
/// never appear in ToString or any public property.
/// </summary>
public sealed class GumloopOAuthSession
{
    /// <summary>Longest head start the renewal takes before expiry. Short lifetimes renew after 90% of the lifetime.</summary>
    public static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromSeconds(60);

    private readonly object _gate = new object();
    private readonly GumloopOAuthClient _client;

    // Every token this session has held, so errors and logs can be scrubbed of old ones too.
    private readonly List<string> _seenSecrets = new List<string>();
    private string _accessToken;
    private string? _refreshToken;
    private DateTimeOffset? _expiresAt;
    private TimeSpan _margin;
    private Task<string>? _renewal;
    private GumloopOAuthException? _terminalFailure;
    private int _renewalCount;

    internal GumloopOAuthSession(GumloopOAuthClient client, string clientId, OAuthTokenGrant grant, DateTimeOffset requestedAt, Func<DateTimeOffset>? utcNow = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
        UtcNow = utcNow ?? (() => DateTimeOffset.UtcNow);
        _accessToken = string.Empty;
        Apply(grant, requestedAt);
    }

    public string ClientId { get; }

    /// <summary>The OAuth root the tokens came from and are renewed at.</summary>
    public Uri RootUri => _client.RootUri;

    /// <summary>The scopes the server granted (space separated), when it said.</summary>
    public string? Scope { get; private set; }

    /// <summary>When the current access token expires by <c>expires_in</c>, counted from when it was requested; null if the server gave no lifetime.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get { lock (_gate) return _expiresAt; }
    }

    /// <summary>How many times the access token has been renewed.</summary>
    public int RenewalCount => Volatile.Read(ref _renewalCount);

    /// <summary>True after <see cref="RevokeAsync"/>.</summary>
    public bool IsRevoked { get; private set; }

    /// <summary>Test seam: the clock that decides when the token is due for renewal.</summary>
    internal Func<DateTimeOffset> UtcNow { get; set; }

    internal string MaskedAccessToken
    {
        get { lock (_gate) return GumloopConnection.Mask(_accessToken); }
    }

    /// <summary>The access token to send now, renewed first when it is due.</summary>
    internal Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        string token;
        lock (_gate)
        {
            ThrowIfUnusable();
            token = _accessToken;
            if (_expiresAt is not DateTimeOffset expires || UtcNow() < expires - _margin)
            {
                return Task.FromResult(token);
            }
        }

        return RenewAsync(token, ct);
    }

    /// <summary>
    /// Renews the token that <paramref name="staleToken"/> was; when another caller already replaced it, returns the
    /// replacement without a second renewal.
    /// </summary>
    internal Task<string> RenewAsync(string staleToken, CancellationToken ct)
    {
        Task<string> renewal;
        lock (_gate)
        {
            ThrowIfUnusable();
            if (!string.Equals(staleToken, _accessToken, StringComparison.Ordinal))
            {
                return Task.FromResult(_accessToken);
            }

            // The renewal runs without any one caller's token: Ctrl+C in one cmdlet must not fail the renewal that
            // parallel cmdlets are waiting for. Each caller still stops waiting on its own token.
            _renewal ??= Task.Run(RenewCoreAsync);
            renewal = _renewal;
        }

        return WaitAsync(renewal, ct);
    }

    /// <summary>Revokes the refresh token (or, without one, the access token) at <c>POST /oauth/revoke</c>.</summary>
    public async Task RevokeAsync(CancellationToken ct)
    {
        string token;
        lock (_gate)
        {
            token = _refreshToken ?? _accessToken;
            IsRevoked = true;
        }

        await _client.RevokeAsync(token, ClientId, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces every token this session has held with ****.</summary>
    internal string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        lock (_gate)
        {
            return GumloopOAuthClient.RedactAll(text, _seenSecrets) ?? text;
        }
    }

    public override string ToString()
    {
        DateTimeOffset? expires = ExpiresAt;
        return "OAuth sign-in of client " + ClientId + " at " + RootUri.AbsoluteUri.TrimEnd('/')
            + (expires.HasValue ? ", token expires " + expires.Value.ToString("u", CultureInfo.InvariantCulture) : string.Empty);
    }

    private async Task<string> RenewCoreAsync()
    {
        string? refresh;
        lock (_gate)
        {
            refresh = _refreshToken;
        }

        try
        {
            if (refresh == null)
            {
                throw new GumloopOAuthException(GumloopOAuthProblem.RefreshFailed, "The access token has expired and the server issued no refresh token to renew it; sign in again.");
            }

            DateTimeOffset requestedAt = UtcNow();
            OAuthTokenGrant grant = await _client.RefreshAsync(refresh, ClientId, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                Apply(grant, requestedAt);
                _renewalCount++;
                _renewal = null;
                return _accessToken;
            }
        }
        catch (GumloopOAuthException ex)
        {
            // A refused refresh token stays refused: later callers get the same answer without asking again.
            var failure = ex.Problem == GumloopOAuthProblem.RefreshFailed && ex.StatusCode is >= 400 and < 500 || ex.StatusCode == 0
                ? ex
                : null;
            lock (_gate)
            {
                _terminalFailure ??= failure;
                _renewal = null;
            }

            throw;
        }
        catch (Exception)
        {
            // A network failure or timeout may pass; the next caller tries again.
            lock (_gate)
            {
                _renewal = null;
            }

            throw;
        }
    }

    private void Apply(OAuthTokenGrant grant, DateTimeOffset requestedAt)
    {
        _accessToken = grant.AccessToken;
        _seenSecrets.Add(grant.AccessToken);
        if (grant.RefreshToken != null)
        {
            // A refresh answer may omit refresh_token: then the old one stays valid (API.md 10.1).
            _refreshToken = grant.RefreshToken;
            _seenSecrets.Add(grant.RefreshToken);
        }

        Scope = grant.Scope ?? Scope;
        if (grant.ExpiresIn is int seconds && seconds > 0)
        {
            var lifetime = TimeSpan.FromSeconds(seconds);
            _expiresAt = requestedAt + lifetime;
            long tenth = lifetime.Ticks / 10;
            _margin = tenth < MaxRenewalMargin.Ticks ? TimeSpan.FromTicks(tenth) : MaxRenewalMargin;
        }
        else
        {
            _expiresAt = null;
            _margin = TimeSpan.Zero;
        }
    }

    private void ThrowIfUnusable()
    {
        if (IsRevoked)
        {
            throw new GumloopOAuthException(GumloopOAuthProblem.SignedOut, "This sign-in was revoked; sign in again.");
        }

        if (_terminalFailure != null)
        {
            throw new GumloopOAuthException(GumloopOAuthProblem.RefreshFailed, _terminalFailure.Message, _terminalFailure)
            {
                OAuthError = _terminalFailure.OAuthError,
                OAuthErrorDescription = _terminalFailure.OAuthErrorDescription,
                StatusCode = _terminalFailure.StatusCode,
            };
        }
    }

    private static async Task<string> WaitAsync(Task<string> task, CancellationToken ct)
    {
        if (!ct.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (ct.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return await task.ConfigureAwait(false);
    }
}
