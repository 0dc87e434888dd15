using System;

namespace GumloopPS.Core;

/// <summary>What went wrong in an OAuth sign-in, renewal, revocation or registration.</summary>
public enum GumloopOAuthProblem
{
    /// <summary>The user (or the organisation's policy) declined consent: <c>error=access_denied</c>.</summary>
    Denied,

    /// <summary>The authorize redirect came back with another error, or without a code.</summary>
    AuthorizationFailed,

    /// <summary>The redirect carried a <c>state</c> other than the one sent: possibly a forged request; nothing was exchanged.</summary>
    StateMismatch,

    /// <summary>No redirect reached the loopback listener in time.</summary>
    SignInTimeout,

    /// <summary>The loopback listener could not be started (port in use, not a loopback address).</summary>
    ListenerFailed,

    /// <summary>The token endpoint refused the authorization code.</summary>
    CodeExchangeFailed,

    /// <summary>The refresh token was refused or no refresh token was issued: the user must sign in again.</summary>
    RefreshFailed,

    /// <summary>Dynamic client registration was refused.</summary>
    RegistrationFailed,

    /// <summary>The sign-in was revoked (signed out); the connection can no longer renew its token.</summary>
    SignedOut,
}

/// <summary>
/// An OAuth failure. Messages name the OAuth error code and description the server sent, never a code or token.
/// </summary>
public sealed class GumloopOAuthException : GumloopException
{
    public GumloopOAuthException(GumloopOAuthProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public GumloopOAuthProblem Problem { get; }

    /// <summary>The OAuth <c>error</c> value (for example <c>invalid_grant</c>, <c>access_denied</c>), when the server sent one.</summary>
    public string? OAuthError { get; set; }

    /// <summary>The OAuth <c>error_description</c>, when the server sent one (secret-redacted).</summary>
    public string? OAuthErrorDescription { get; set; }

    /// <summary>HTTP status of the failed OAuth request, or 0 when the failure was not an HTTP answer.</summary>
    public int StatusCode { get; set; }
}
