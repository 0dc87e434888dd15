using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Connect-Gumloop -Interactive: the OAuth 2.0 authorization-code sign-in with PKCE, for a person at a prompt.
/// Kept apart from the key and token parameter sets so each can change on its own.
/// </summary>
public sealed partial class ConnectGumloopCommand
{
    private const string InteractiveSet = "Interactive";
    public const string ClientIdVariable = "GUMLOOP_OAUTH_CLIENT_ID";

    [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
    public SwitchParameter Interactive { get; set; }

    // No default: Gumloop registers OAuth clients by invitation, so each organisation brings its own id.
    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OAuthScopeCompleter))]
    public string[]? Scope { get; set; }

    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateNotNull]
    public Uri? RedirectUri { get; set; }

    [Parameter(ParameterSetName = InteractiveSet)]
    public SwitchParameter NoBrowser { get; set; }

    [Parameter(ParameterSetName = InteractiveSet)]
    [ValidateRange(1, 3600)]
    public int SignInTimeoutSec { get; set; } = 300;

    /// <summary>Signs in and returns options for an access-token connection on the new sign-in.</summary>
    private GumloopConnectionOptions SignInInteractively()
    {
        string? clientId = ClientId ?? NullIfBlank(Environment.GetEnvironmentVariable(ClientIdVariable));
        if (clientId is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException($"No OAuth client id was given. Pass -ClientId, or set {ClientIdVariable}. Gumloop registers OAuth clients on request; organisations allowed dynamic registration can use Register-GumloopOAuthClient."),
                ErrorMap.OAuthClientIdMissing,
                ErrorCategory.InvalidArgument,
                null));
        }

        Uri baseUri = BaseUri ?? ConnectionStore.BaseUriFromEnvironment() ?? GumloopConnectionOptions.DefaultBaseUri;
        GumloopInteractiveSignIn signIn;
        try
        {
            var oauth = new GumloopOAuthClient(baseUri, TimeSpan.FromSeconds(TimeoutSec));
            signIn = new GumloopInteractiveSignIn(oauth, clientId!, Scope is null ? null : string.Join(" ", Scope), RedirectUri)
            {
                Timeout = TimeSpan.FromSeconds(SignInTimeoutSec),
            };
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorMap.Create(ex, ErrorMap.InvalidConnectionSettings, ErrorCategory.InvalidArgument, RedirectUri ?? (object)GumloopConnectionOptions.DisplayOrigin(baseUri)));
            throw; // unreachable
        }

        signIn.OpenBrowser = (uri, ct) =>
        {
            // A browser started from a scriptable host, or the prompt, belongs on the pipeline thread.
            Post(() => ShowAuthorizePage(uri, signIn.RedirectUri));
            return Task.CompletedTask;
        };

        GumloopOAuthSession? session = null;
        try
        {
            Run(async ct => session = await signIn.SignInAsync(ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ErrorMap.IsReportable(ex))
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(ex, GumloopConnectionOptions.DisplayOrigin(baseUri)));
        }

        WriteVerbose($"Signed in: {session}");
        return new GumloopConnectionOptions
        {
            BaseUri = baseUri,
            AuthKind = GumloopAuthKind.AccessToken,
            OAuthSession = session,
        };
    }

    private void ShowAuthorizePage(Uri authorize, Uri redirect)
    {
        if (!NoBrowser)
        {
            try
            {
                SystemBrowser.Open(authorize);
                WriteHostLine($"Sign in to Gumloop in the browser window that opened; waiting for it on {redirect.GetLeftPart(UriPartial.Authority)} for up to {SignInTimeoutSec} s. If no browser opened, open this URL:");
                WriteHostLine(authorize.AbsoluteUri);
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
            {
                WriteWarning($"No browser could be started ({ex.Message}).");
            }
        }

        WriteHostLine($"Open this URL in a browser on this computer to sign in to Gumloop (waiting up to {SignInTimeoutSec} s; Ctrl+C cancels):");
        WriteHostLine(authorize.AbsoluteUri);
    }

    // What Write-Host does: shown by the host whatever $InformationPreference says, and capturable as information.
    private void WriteHostLine(string text) =>
        WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" });

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
