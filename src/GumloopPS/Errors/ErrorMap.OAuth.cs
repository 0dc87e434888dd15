using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Errors;

/// <summary>The error ids of the interactive OAuth sign-in, its renewal and client registration.</summary>
public static partial class ErrorMap
{
    public const string OAuthClientIdMissing = "GumloopOAuthClientIdMissing";
    public const string SignInDenied = "GumloopSignInDenied";
    public const string SignInTimeout = "GumloopSignInTimeout";
    public const string SignInFailed = "GumloopSignInFailed";
    public const string SignInExpired = "GumloopSignInExpired";
    public const string RedirectListenerFailed = "GumloopRedirectListenerFailed";
    public const string OAuthRegistrationFailed = "GumloopOAuthRegistrationFailed";

    private const string SignInAgainAdvice = "Run Connect-Gumloop -Interactive again to sign in.";

    private static (string, ErrorCategory, string?) ClassifyOAuth(GumloopOAuthException oauth) => oauth.Problem switch
    {
        GumloopOAuthProblem.Denied => (SignInDenied, ErrorCategory.PermissionDenied,
            "Approve the request on the Gumloop page, or ask your Gumloop administrator to allow this OAuth client; then run Connect-Gumloop -Interactive again."),
        GumloopOAuthProblem.SignInTimeout => (SignInTimeout, ErrorCategory.OperationTimeout,
            "Run Connect-Gumloop -Interactive again and finish signing in within -SignInTimeoutSec, or use -NoBrowser and open the printed URL yourself."),
        GumloopOAuthProblem.ListenerFailed => (RedirectListenerFailed, ErrorCategory.ResourceUnavailable,
            "Free the port, or pass -RedirectUri with another loopback port registered for the client."),
        GumloopOAuthProblem.RefreshFailed or GumloopOAuthProblem.SignedOut => (SignInExpired, ErrorCategory.AuthenticationError, SignInAgainAdvice),
        GumloopOAuthProblem.RegistrationFailed => (OAuthRegistrationFailed, oauth.StatusCode == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation,
            "Check the redirect URIs and scopes. Registration is by invitation: if your organisation may not register clients, ask Gumloop support for a client id."),
        _ => (SignInFailed, ErrorCategory.AuthenticationError,
            "Run Connect-Gumloop -Interactive again; check -ClientId and that -RedirectUri is registered for the client."),
    };
}
