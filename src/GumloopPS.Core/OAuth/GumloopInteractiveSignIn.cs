using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The OAuth 2.0 authorization-code flow with PKCE (S256) for a person at a prompt: listen on the loopback redirect
/// URI, open the authorize page in a browser, wait for the redirect, check <c>state</c>, exchange the code.
/// The browser and the listener are injectable, so tests play the browser headless.
/// </summary>
public sealed class GumloopInteractiveSignIn
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    private readonly GumloopOAuthClient _client;

    public GumloopInteractiveSignIn(GumloopOAuthClient client, string clientId, string? scope = null, Uri? redirectUri = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new ArgumentException("An OAuth client id is required.", nameof(clientId));
        }

        ClientId = clientId.Trim();
        Scope = string.IsNullOrWhiteSpace(scope) ? GumloopOAuthClient.DefaultScope : scope!.Trim();
        RedirectUri = ValidateRedirectUri(redirectUri ?? GumloopOAuthClient.DefaultRedirectUri);
    }

    public string ClientId { get; }
    public string Scope { get; }
    public Uri RedirectUri { get; }

    /// <summary>How long to wait for the browser to come back; default 300 s.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Shows the authorize page: opens a browser, or prints the URL for the user to open.</summary>
    public Func<Uri, CancellationToken, Task>? OpenBrowser { get; set; }

    /// <summary>Test seam: the listener for the redirect.</summary>
    public Func<Uri, IOAuthRedirectListener> ListenerFactory { get; set; } = uri => new LoopbackRedirectListener(uri);

    /// <summary>Test seam: the wait behind <see cref="Timeout"/>, so a test can end it on its own clock.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (delay, ct) => Task.Delay(delay, ct);

    /// <summary>Test seam: the clock the token lifetime is counted on.</summary>
    internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// Only plain-http loopback redirect URIs with an explicit port: the code must never leave this machine, and
    /// the listener has to know where to listen.
    /// </summary>
    public static Uri ValidateRedirectUri(Uri redirectUri)
    {
        if (redirectUri == null)
        {
            throw new ArgumentNullException(nameof(redirectUri));
        }

        if (!redirectUri.IsAbsoluteUri
            || !string.Equals(redirectUri.Scheme, "http", StringComparison.OrdinalIgnoreCase)
            || !GumloopConnectionOptions.IsLoopback(redirectUri)
            || redirectUri.IsDefaultPort
            || !string.IsNullOrEmpty(redirectUri.Query)
            || !string.IsNullOrEmpty(redirectUri.Fragment))
        {
            throw new ArgumentException(
                "The redirect URI must be a plain http loopback address with a port and no query, for example " + GumloopOAuthClient.DefaultRedirectUri + ".",
                nameof(redirectUri));
        }

        return redirectUri;
    }

    public async Task<GumloopOAuthSession> SignInAsync(CancellationToken ct)
    {
        Func<Uri, CancellationToken, Task> openBrowser = OpenBrowser ?? throw new InvalidOperationException("Set OpenBrowser to show the authorize page.");
        string verifier = OAuthPkce.NewCodeVerifier();
        string state = OAuthPkce.NewState();
        Uri authorize = _client.BuildAuthorizeUri(ClientId, RedirectUri, Scope, OAuthPkce.S256Challenge(verifier), state);

        using IOAuthRedirectListener listener = ListenerFactory(RedirectUri);
        listener.Start();

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<IReadOnlyDictionary<string, string>> redirect = listener.WaitForRedirectAsync(waiting.Token);
        await openBrowser(authorize, ct).ConfigureAwait(false);

        Task timeout = Delay(Timeout, waiting.Token);
        Task first = await Task.WhenAny(redirect, timeout).ConfigureAwait(false);
        if (first != redirect)
        {
            waiting.Cancel();
            ct.ThrowIfCancellationRequested();
            await ObserveAsync(redirect).ConfigureAwait(false);
            throw new GumloopOAuthException(
                GumloopOAuthProblem.SignInTimeout,
                string.Format(CultureInfo.InvariantCulture, "No sign-in came back to {0} within {1:0.###} seconds.", RedirectUri, Timeout.TotalSeconds));
        }

        waiting.Cancel();
        await ObserveAsync(timeout).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> query;
        try
        {
            query = await redirect.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            throw;
        }

        ct.ThrowIfCancellationRequested();
        query.TryGetValue("state", out string? returnedState);
        if (!string.Equals(returnedState, state, StringComparison.Ordinal))
        {
            throw new GumloopOAuthException(
                GumloopOAuthProblem.StateMismatch,
                "The sign-in redirect carried a state value other than the one this sign-in sent, so it was not used. Sign in again, using only the page this command opened.");
        }

        if (query.TryGetValue("error", out string? error))
        {
            query.TryGetValue("error_description", out string? description);
            bool denied = string.Equals(error, "access_denied", StringComparison.Ordinal);
            string message = denied
                ? "The sign-in was denied at the authorize page (access_denied)"
                : "The authorize page returned the error " + error;
            if (!string.IsNullOrWhiteSpace(description))
            {
                message += ": " + description;
            }

            throw new GumloopOAuthException(denied ? GumloopOAuthProblem.Denied : GumloopOAuthProblem.AuthorizationFailed, message + ".")
            {
                OAuthError = error,
                OAuthErrorDescription = description,
            };
        }

        if (!query.TryGetValue("code", out string? code) || string.IsNullOrEmpty(code))
        {
            throw new GumloopOAuthException(GumloopOAuthProblem.AuthorizationFailed, "The sign-in redirect carried neither a code nor an error.");
        }

        DateTimeOffset requestedAt = UtcNow();
        OAuthTokenGrant grant = await _client.ExchangeCodeAsync(code, RedirectUri, ClientId, verifier, ct).ConfigureAwait(false);
        return new GumloopOAuthSession(_client, ClientId, grant, requestedAt, UtcNow);
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only the other task's outcome matters now.
        }
    }
}
